#include "sessioncontroller.h"
#include "captureengine.h"

#include "session/scratch.h"
#include "session/sessionfile.h"
#include "session/sqlite.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Capture {

SessionController::SessionController(CaptureEngine *engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
{
    m_pool.setMaxThreadCount(1);
    connect(m_engine, &CaptureEngine::sessionOpened, this, [this] { finished({}); });
    connect(m_engine, &CaptureEngine::sessionFailed, this, [this](const QString &error) { finished(error); });
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

void SessionController::finished(const QString &error)
{
    if (!m_busy)
        return; // the engine opened a session for someone else (its start config)
    setBusy(false);
    if (!error.isEmpty()) {
        m_removeAfter.clear();
        Q_EMIT failed(error);
        return;
    }
    if (!m_removeAfter.isEmpty()) {
        Session::Scratch::remove(m_removeAfter); // saved elsewhere: nothing is lost
        m_removeAfter.clear();
    }
    m_path = m_pendingPath;
    m_scratch = Session::Scratch::isScratch(m_path);
    Q_EMIT sessionChanged(m_path, m_scratch, m_pendingResumed);
}

void SessionController::startScratch()
{
    if (m_busy)
        return;
    setBusy(true, tr("Opening the session…"));
    m_pool.start([this] {
        const QString previous = Session::Scratch::latest();
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
            switchTo(path, {}, false);
        });
    });
}

void SessionController::saveAs(const QString &target)
{
    if (m_busy || m_path.isEmpty())
        return;
    const QString source = m_path;
    if (QFileInfo(target).absoluteFilePath() == QFileInfo(source).absoluteFilePath())
        return;
    setBusy(true, tr("Saving to %1…").arg(QDir::toNativeSeparators(target)));
    m_pool.start([this, source, target] {
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
        if (error.isEmpty()) {
            Session::Scratch::remove(target);
            if (!QFile::rename(temporary, target))
                error = tr("could not move the copy into place");
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
