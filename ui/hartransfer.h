#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QThreadPool>

class QAction;
class QWidget;

namespace Capture {
class CaptureEngine;
}

namespace Gui {

struct HarImportResult;

/// HAR import into the session and export from it, with progress and Cancel. They run in a lane
/// of their own (one thread for the jobs the user starts and waits on), never on the pool that
/// loads the table and the selected request, so a long export does not hold up the detail pane.
class HarTransfer : public QObject
{
    Q_OBJECT

public:
    HarTransfer(Capture::CaptureEngine *engine, QWidget *parent);
    ~HarTransfer() override;

    /// File ▸ Import HAR… and Export HAR…: ask for a file, then emit the request for it.
    QAction *importAction() const { return m_import; }
    QAction *exportAction() const { return m_export; }

    /// Adds the requests of a HAR file to the session the engine captures into (`session`), but
    /// not those the session holds already (same time, method, URL and body): they are counted.
    void importHar(const QString &path, const QString &session);
    /// Writes the requests of the session file `session` to `path` (all or nothing).
    void exportHar(const QString &session, const QString &path);
    /// Whether an import or export is under way.
    bool isBusy() const { return m_running > 0; }

Q_SIGNALS:
    void importRequested(const QString &path);
    void exportRequested(const QString &path);
    /// What happened, for the status bar (empty: nothing to say any more).
    void message(const QString &text, int timeoutMs);
    void error(const QString &text);

private:
    void handOver(const QString &session, HarImportResult &done);
    void committed(const QList<qint64> &arrivals);
    void forgetCommitted();

    Capture::CaptureEngine *m_engine;
    QWidget *m_parent;
    QAction *m_import;
    QAction *m_export;
    int m_running = 0; // imports and exports
    int m_imports = 0;
    // Imported records on their way into the file, which another import's look at the file may
    // not see: their keys (ImportDuplicates), and how many are still awaited per arrival time.
    QString m_inFlightSession;
    QSet<QByteArray> m_inFlight;
    QHash<qint64, int> m_awaited;
    QThreadPool m_lane; // last: destroyed first, waiting for a job that still uses the members
};

} // namespace Gui
