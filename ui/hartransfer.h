#pragma once

#include <QObject>

class QThreadPool;
class QWidget;

namespace Capture {
class CaptureEngine;
}

namespace Gui {

/// HAR import into the session and export from it, on a pool thread, with progress and Cancel.
class HarTransfer : public QObject
{
    Q_OBJECT

public:
    /// `pool` runs the work; its owner waits for it before `parent` goes.
    HarTransfer(Capture::CaptureEngine *engine, QThreadPool *pool, QWidget *parent);

    /// Adds the requests of a HAR file to the session the engine captures into.
    void importHar(const QString &path);
    /// Writes the requests of the session file `session` to `path` (all or nothing).
    void exportHar(const QString &session, const QString &path);

Q_SIGNALS:
    /// What happened, for the status bar (empty: nothing to say any more).
    void message(const QString &text, int timeoutMs);
    void error(const QString &text);

private:
    Capture::CaptureEngine *m_engine;
    QThreadPool *m_pool;
    QWidget *m_parent;
};

} // namespace Gui
