#include "sessioncontroller.h"
#include "captureengine.h"

#include "session/journal.h"
#include "session/scratch.h"
#include "session/sessionfile.h"
#include "session/sqlite.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

namespace Capture {

namespace {

// Asks the kernel to put a file (or a folder's list of names) on disk, so that a rename over an
// existing file never leaves, after a power cut, a name pointing at a copy that was never written.
void syncToDisk(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
}

} // namespace

SessionController::SessionController(CaptureEngine *engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
{
    m_pool.setMaxThreadCount(1);
    connect(m_engine, &CaptureEngine::sessionOpened, this, [this] { finished({}, Session::FileProblem::None); });
    connect(m_engine, &CaptureEngine::sessionFailed, this, &SessionController::finished);
}

SessionController::~SessionController()
{
    m_pool.waitForDone();
}

void SessionController::setBusy(bool busy, const QString &what)
{
    m_busy = busy;
    Q_EMIT busyChanged(busy, what);
}

void SessionController::switchTo(const QString &path, const QString &copyNewerFrom, bool resumed)
{
    m_pendingPath = path;
    m_pendingResumed = resumed;
    m_engine->openSession(path, copyNewerFrom);
}

void SessionController::finished(const QString &error, Session::FileProblem problem)
{
    if (!m_busy)
        return; // the engine opened a session for someone else (its start config)
    if (!error.isEmpty() && std::exchange(m_pendingMayReadOnly, false) &&
        (problem == Session::FileProblem::Locked || problem == Session::FileProblem::ReadOnly)) {
        // Readable, but not ours to write: capture stops and the previous session is closed, in
        // this order on the capture thread, so every request that came in is in that one.
        m_pendingReadOnlyReason = error;
        m_engine->stopListening();
        m_engine->openSession({});
        return;
    }
    m_pendingMayReadOnly = false;
    setBusy(false);
    if (!error.isEmpty()) {
        m_removeAfter.clear();
        m_pendingReadOnlyReason.clear();
        Q_EMIT failed(error);
        return;
    }
    // The scratch session capture just left (its writer is closed); one saved elsewhere goes below.
    const QString left = m_scratch && m_removeAfter.isEmpty() && m_path != m_pendingPath ? m_path : QString();
    if (!m_removeAfter.isEmpty()) {
        // Saved elsewhere, its log included (SessionWriter::copyNewerFrom): nothing is lost.
        Session::Journal::removeLogFiles(m_removeAfter);
        Session::Scratch::remove(m_removeAfter);
        m_removeAfter.clear();
    }
    m_path = m_pendingPath;
    m_readOnlyReason = std::exchange(m_pendingReadOnlyReason, {});
    m_readOnly = !m_readOnlyReason.isEmpty();
    // Another Hookscope's unsaved session is not ours to tidy away.
    m_scratch = !m_readOnly && Session::Scratch::isScratch(m_path);
    Q_EMIT sessionChanged(m_path, m_scratch, m_pendingResumed);
    if (!left.isEmpty())
        tidyLeft(left);
}

void SessionController::tidyLeft(const QString &scratch)
{
    m_pool.start([this, scratch] {
        if (Session::Scratch::tidy(scratch) == Session::Scratch::Tidied::Kept)
            QMetaObject::invokeMethod(this, [this, scratch] { Q_EMIT scratchKept(scratch); });
    });
}

void SessionController::startScratch()
{
    if (m_busy)
        return;
    setBusy(true, tr("Opening the session…"));
    m_pool.start([this] {
        QString previous = Session::Scratch::latest();
        if (!previous.isEmpty() && Session::Journal::isLive(previous))
            previous.clear(); // another window captures into it: this one starts its own
        const QString path = previous.isEmpty() ? Session::Scratch::newPath() : previous;
        QMetaObject::invokeMethod(this, [this, path, resumed = !previous.isEmpty()] { switchTo(path, {}, resumed); });
    });
}

void SessionController::newSession()
{
    if (m_busy)
        return;
    // An unsaved session with requests stays on disk; the next start offers the newest one.
    setBusy(true, tr("Starting a new session…"));
    switchTo(Session::Scratch::newPath(), {}, false);
}

void SessionController::open(const QString &path)
{
    if (m_busy)
        return;
    setBusy(true, tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    m_pool.start([this, path] {
        const Session::SessionFile::Info info = Session::SessionFile::inspect(path);
        QMetaObject::invokeMethod(this, [this, path, info] {
            if (info.problem != Session::FileProblem::None) {
                setBusy(false);
                Q_EMIT failed(info.error);
                return;
            }
            m_pendingMayReadOnly = true;
            switchTo(path, {}, false);
        });
    });
}

void SessionController::saveAs(const QString &target)
{
    if (m_busy || m_path.isEmpty())
        return;
    const QString source = m_path;
    const auto refused = [target](const QString &why) {
        return tr("%1: %2").arg(QDir::toNativeSeparators(target), why);
    };
    if (QFileInfo(target).absoluteFilePath() == QFileInfo(source).absoluteFilePath()) {
        Q_EMIT failed(refused(tr("this is the session open now; save it under another name")));
        return;
    }
    const QString liveError = tr("a Hookscope is capturing into this session; it cannot be replaced");
    if (Session::Journal::isLive(target)) {
        Q_EMIT failed(refused(liveError));
        return;
    }
    setBusy(true, tr("Saving to %1…").arg(QDir::toNativeSeparators(target)));
    m_pool.start([this, source, target, liveError] {
        // A consistent snapshot while capture goes on: VACUUM INTO reads one transaction's view.
        // It goes to a temporary name first, so a failure never leaves a half-written file.
        const QString temporary = target + QStringLiteral(".saving");
        Session::Scratch::remove(temporary);
        QString error;
        {
            Session::Sql::Database db;
            if (!db.open(source, Session::Sql::Database::Mode::ReadOnly)) {
                error = db.error();
            } else {
                Session::Sql::Statement vacuum(db, "VACUUM INTO ?1");
                const QByteArray name = temporary.toUtf8();
                vacuum.bindText(1, name);
                if (!vacuum.exec())
                    error = db.error();
            }
        }
        if (error.isEmpty() && Session::Journal::isLive(target))
            error = liveError; // capture into it began while the copy was made
        if (error.isEmpty()) {
            // What a crashed writer left beside the file being replaced belongs to that file:
            // SQLite would lay its WAL over the copy, and the next writer replay its log into it.
            // (A symbolic link is replaced, not the file it names: that file keeps its log.)
            QFile::remove(target + QStringLiteral("-wal"));
            QFile::remove(target + QStringLiteral("-shm"));
            if (!QFileInfo(target).isSymLink())
                Session::Journal::removeLogFiles(target);
            // rename(2) replaces the target in one step: at any moment the name holds the old file
            // whole or the copy whole (QFile::rename would refuse, and delete-then-rename can lose
            // both to a crash in between).
            syncToDisk(temporary);
            if (::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(target).constData()) != 0) {
                const QString reason = QString::fromLocal8Bit(std::strerror(errno));
                error = tr("could not move the copy into place (%1)").arg(reason);
            } else {
                syncToDisk(QFileInfo(target).absolutePath());
            }
        }
        if (!error.isEmpty())
            Session::Scratch::remove(temporary);
        QMetaObject::invokeMethod(this, [this, source, target, error] {
            if (!error.isEmpty()) {
                setBusy(false);
                Q_EMIT failed(tr("%1: %2").arg(QDir::toNativeSeparators(target), error));
                return;
            }
            m_removeAfter = m_scratch ? source : QString();
            switchTo(target, source, false);
        });
    });
}

} // namespace Capture
