#include "hartransfer.h"
#include "workprogress.h"

#include "capture/captureengine.h"
#include "session/har.h"
#include "session/sessionreader.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QThreadPool>
#include <QWidget>

namespace Gui {

HarTransfer::HarTransfer(Capture::CaptureEngine *engine, QThreadPool *pool, QWidget *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_pool(pool)
    , m_parent(parent)
{
}

void HarTransfer::importHar(const QString &path)
{
    const WorkProgress progress(m_parent, tr("Importing %1…").arg(QDir::toNativeSeparators(path)));
    m_pool->start([this, path, progress] {
        QFile file(path);
        QList<Session::CapturedRequest> records;
        QString error;
        if (!file.open(QIODevice::ReadOnly)) {
            error = file.errorString();
        } else {
            Session::readHar(
                &file,
                [&records, &progress](Session::CapturedRequest &&r) {
                    records.append(std::move(r));
                    return !progress.cancelled();
                },
                &error);
            if (progress.cancelled())
                error = tr("cancelled; nothing was imported");
        }
        QMetaObject::invokeMethod(this, [this, path, records, error, progress] {
            progress.finish();
            Q_EMIT message({}, 0);
            if (!error.isEmpty()) {
                Q_EMIT this->error(tr("%1: %2").arg(QDir::toNativeSeparators(path), error));
                return;
            }
            m_engine->importRecords(records);
            Q_EMIT message(tr("Imported %n request(s)", nullptr, int(records.size())), 8000);
        });
    });
}

void HarTransfer::exportHar(const QString &session, const QString &path)
{
    const WorkProgress progress(m_parent, tr("Exporting to %1…").arg(QDir::toNativeSeparators(path)));
    m_pool->start([this, session, path, progress] {
        Session::SessionReader reader;
        QString error;
        qint64 written = 0;
        const Session::SessionFile::Info info = reader.open(session);
        QSaveFile out(path);
        if (info.problem != Session::FileProblem::None) {
            error = info.error;
        } else if (!out.open(QIODevice::WriteOnly)) {
            error = out.errorString();
        } else {
            Session::HarWriter har(&out);
            bool ok = har.begin() && reader.forEach(
                                         [&](Session::CapturedRequestPtr r) {
                                             ++written;
                                             return har.write(*r);
                                         },
                                         [&](qint64 done, qint64 total) {
                                             progress.report(done, total);
                                             return !progress.cancelled();
                                         });
            // What the sender sent follows, an entry per attempt.
            ok = ok && reader.forEachAttempt(
                           [&](const Session::OutboundAttempt &a) { return !progress.cancelled() && har.write(a); });
            ok = ok && har.finish() && out.commit(); // cancelled: nothing is written
            if (progress.cancelled())
                error = tr("cancelled; nothing was written");
            else if (!ok)
                error = har.error().isEmpty() ? out.errorString() : har.error();
        }
        QMetaObject::invokeMethod(this, [this, path, error, written, progress] {
            progress.finish();
            Q_EMIT message({}, 0);
            if (!error.isEmpty())
                Q_EMIT this->error(tr("%1: %2").arg(QDir::toNativeSeparators(path), error));
            else
                Q_EMIT message(tr("Exported %n request(s)", nullptr, int(written)), 8000);
        });
    });
}

} // namespace Gui
