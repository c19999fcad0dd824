#pragma once

#include "session/sessionfile.h"

#include <QObject>
#include <QThreadPool>

namespace Capture {

class CaptureEngine;

/**
 * Which session file the capture engine saves into, and the user's moves between them: the
 * scratch session that is always there, New, Open and Save As. File work runs on a pool thread,
 * never on the caller's (GUI) thread. One move at a time. A scratch session the user moves away
 * from is removed when it holds nothing, else kept (scratchKept) to be found again.
 *
 * A session that cannot be captured into — another Hookscope captures into it, or the file or its
 * folder is read-only — opens read-only: its requests can be read, the engine keeps no session
 * and its listener is stopped, so no sender is answered for a request that is kept nowhere.
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
    /// Whether the session is shown without capturing into it (see the class comment).
    bool isReadOnly() const { return m_readOnly; }
    /// Why the session is read-only: one sentence for the user.
    QString readOnlyReason() const { return m_readOnlyReason; }

    /// Resumes the newest scratch session that holds requests, or starts a new one.
    void startScratch();
    void newSession();
    /// Opens `path` to capture into it, or read-only when that cannot be.
    void open(const QString &path);
    /// Copies the live session to `path` (while capture goes on) and continues there. An existing
    /// file at `path` is replaced in one step (rename(2)); a session being captured into is not.
    void saveAs(const QString &path);

Q_SIGNALS:
    /// Capture now goes to `path`. `resumed`: an earlier scratch session was reopened.
    void sessionChanged(const QString &path, bool scratch, bool resumed);
    /// The scratch session at `path`, left for another, holds requests or sent messages and stays
    /// (one that held nothing was removed).
    void scratchKept(const QString &path);
    void failed(const QString &message);
    void busyChanged(bool busy, const QString &what);

private:
    void switchTo(const QString &path, const QString &copyNewerFrom, bool resumed);
    void setBusy(bool busy, const QString &what = {});
    void finished(const QString &error, Session::FileProblem problem);
    void tidyLeft(const QString &scratch);

    CaptureEngine *m_engine;
    QThreadPool m_pool;
    QString m_path;
    bool m_scratch = false;
    bool m_busy = false;
    bool m_readOnly = false;
    QString m_readOnlyReason;
    // The move under way.
    QString m_pendingPath;
    bool m_pendingResumed = false;
    bool m_pendingMayReadOnly = false; // an Open: a locked or read-only file is shown read-only
    QString m_pendingReadOnlyReason;   // set once it turned out to be so
    QString m_removeAfter;             // a scratch file that was saved elsewhere
};

} // namespace Capture
