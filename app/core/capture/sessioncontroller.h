#pragma once

#include <QObject>
#include <QThreadPool>

namespace Capture {

class CaptureEngine;

/**
 * Which session file the capture engine saves into, and the user's moves between them: the
 * scratch session that is always there, New, Open and Save As. File work runs on a pool thread,
 * never on the caller's (GUI) thread. One move at a time.
 */
class SessionController : public QObject
{
    Q_OBJECT

public:
    explicit SessionController(CaptureEngine *engine, QObject *parent = nullptr);
    ~SessionController() override;

    QString path() const { return m_path; }
    bool isScratch() const { return m_scratch; }
    bool isBusy() const { return m_busy; }

    /// Resumes the newest scratch session that holds requests, or starts a new one.
    void startScratch();
    void newSession();
    void open(const QString &path);
    /// Copies the live session to `path` (while capture goes on) and continues there.
    void saveAs(const QString &path);

Q_SIGNALS:
    /// Capture now goes to `path`. `resumed`: an earlier scratch session was reopened.
    void sessionChanged(const QString &path, bool scratch, bool resumed);
    void failed(const QString &message);
    void busyChanged(bool busy, const QString &what);

private:
    void switchTo(const QString &path, const QString &copyNewerFrom, bool resumed);
    void setBusy(bool busy, const QString &what = {});
    void finished(const QString &error);

    CaptureEngine *m_engine;
    QThreadPool m_pool;
    QString m_path;
    bool m_scratch = false;
    bool m_busy = false;
    // The move under way.
    QString m_pendingPath;
    bool m_pendingResumed = false;
    QString m_removeAfter; // a scratch file that was saved elsewhere
};

} // namespace Capture
