#include "hartransfer.h"
#include "workprogress.h"

#include "capture/captureengine.h"
#include "session/har.h"
#include "session/importduplicates.h"
#include "session/sessionreader.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QSaveFile>
#include <QSet>
#include <QWidget>

#include <algorithm>

namespace Gui {

/// What an import job hands back to the window.
struct HarImportResult
{
    QList<Session::CapturedRequest> records; ///< what goes into the session
    QList<QByteArray> keys;                  ///< their ImportDuplicates keys
    QList<bool> split;                       ///< whether each had a header value of several lines split
    Session::HarReadSummary summary;         ///< of the whole file
    qint64 duplicates = 0;                   ///< entries the session held already, left out
    QString error;
};

namespace {

/// Reads the HAR at `path` and leaves out what the session file `session` holds.
HarImportResult readImport(const QString &path, const QString &session, const WorkProgress &progress)
{
    HarImportResult out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        out.error = file.errorString();
        return out;
    }
    QList<Session::CapturedRequest> read;
    QList<bool> split;
    Session::readHar(
        &file,
        [&](Session::CapturedRequest &&r) {
            read.append(std::move(r));
            split.append(out.summary.splitValues > std::count(split.cbegin(), split.cend(), true));
            return !progress.cancelled();
        },
        &out.error, &out.summary);
    Session::SessionReader reader;
    QList<bool> present;
    if (out.error.isEmpty()) {
        const Session::SessionFile::Info info = reader.open(session);
        if (info.problem != Session::FileProblem::None)
            out.error = info.error;
        else
            Session::ImportDuplicates::findPresent(reader, read, &present, &out.error,
                                                   [&progress] { return progress.cancelled(); });
    }
    if (progress.cancelled())
        out.error = HarTransfer::tr("cancelled; nothing was imported");
    if (!out.error.isEmpty())
        return out;
    for (qsizetype i = 0; i < read.size(); ++i) {
        if (present.at(i)) {
            ++out.duplicates;
            continue;
        }
        out.keys.append(Session::ImportDuplicates::keyOf(read.at(i)));
        out.split.append(split.at(i));
        out.records.append(std::move(read[i]));
    }
    return out;
}

/// "Imported 437 requests; …": the count, and what the user should know about the file.
QString importMessage(const HarImportResult &done)
{
    QStringList parts{HarTransfer::tr("Imported %n request(s)", nullptr, int(done.records.size()))};
    if (done.duplicates > 0)
        parts << HarTransfer::tr("skipped %n already in the session", nullptr, int(done.duplicates));
    // Of what was imported: a request left out was said of when it came in.
    const auto count = [&done](const auto &is) {
        return int(std::count_if(done.records.cbegin(), done.records.cend(), is));
    };
    if (const int split = int(std::count(done.split.cbegin(), done.split.cend(), true)))
        parts << HarTransfer::tr("split header values of several lines in %n", nullptr, split);
    if (const int bodiless = count([](const auto &r) { return r.missingBodyBytes() > 0; }))
        parts << HarTransfer::tr("%n without their body (not in the HAR)", nullptr, bodiless);
    if (done.summary.skippedSent > 0)
        parts << HarTransfer::tr("skipped %n sent attempt(s)", nullptr, int(done.summary.skippedSent));
    if (const int noted = count([](const auto &r) { return !r.note.isEmpty(); }))
        parts << HarTransfer::tr("%n with notes in the Overview", nullptr, noted);
    return parts.join(QStringLiteral("; "));
}

} // namespace

HarTransfer::HarTransfer(Capture::CaptureEngine *engine, QWidget *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_parent(parent)
    , m_import(new QAction(tr("&Import HAR…"), this))
    , m_export(new QAction(tr("&Export HAR…"), this))
{
    m_lane.setMaxThreadCount(1);
    m_import->setObjectName(QStringLiteral("import"));
    m_export->setObjectName(QStringLiteral("export"));
    connect(m_import, &QAction::triggered, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(m_parent, tr("Import HAR"), QDir::homePath(), tr("HAR files (*.har)"));
        if (!path.isEmpty())
            Q_EMIT importRequested(path);
    });
    connect(m_export, &QAction::triggered, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(m_parent, tr("Export HAR"), QDir::homePath(), tr("HAR files (*.har)"));
        if (!path.isEmpty())
            Q_EMIT exportRequested(path);
    });
    connect(m_engine, &Capture::CaptureEngine::captured, this, [this](const Session::CapturedBatch &batch) {
        if (m_awaited.isEmpty())
            return;
        QList<qint64> arrivals;
        for (const Session::CapturedRequestPtr &r : batch)
            arrivals.append(r->receivedAtMs);
        committed(arrivals);
    });
}

HarTransfer::~HarTransfer()
{
    m_lane.waitForDone();
}

void HarTransfer::importHar(const QString &path, const QString &session)
{
    const WorkProgress progress(m_parent, tr("Importing %1…").arg(QDir::toNativeSeparators(path)), Qt::NonModal);
    ++m_running;
    ++m_imports;
    m_lane.start([this, path, session, progress] {
        auto done = std::make_shared<HarImportResult>(readImport(path, session, progress));
        QMetaObject::invokeMethod(this, [this, path, session, done, progress] {
            --m_running;
            --m_imports;
            progress.finish();
            Q_EMIT message({}, 0);
            if (done->error.isEmpty())
                handOver(session, *done);
            else
                Q_EMIT error(tr("%1: %2").arg(QDir::toNativeSeparators(path), done->error));
            forgetCommitted();
        });
    });
}

// The job looked at the file; what earlier imports handed over may not have been in it yet.
void HarTransfer::handOver(const QString &session, HarImportResult &done)
{
    if (session != m_inFlightSession) {
        m_inFlightSession = session;
        m_inFlight.clear();
        m_awaited.clear();
    }
    QList<Session::CapturedRequest> records;
    QList<bool> split;
    for (qsizetype i = 0; i < done.records.size(); ++i) {
        if (m_inFlight.contains(done.keys.at(i))) {
            ++done.duplicates;
            continue;
        }
        m_inFlight.insert(done.keys.at(i));
        ++m_awaited[done.records.at(i).receivedAtMs];
        records.append(std::move(done.records[i]));
        split.append(done.split.at(i));
    }
    done.records = std::move(records);
    done.split = std::move(split);
    m_engine->importRecords(done.records);
    Q_EMIT message(importMessage(done), 15000);
}

void HarTransfer::committed(const QList<qint64> &arrivals)
{
    for (const qint64 at : arrivals) {
        const auto it = m_awaited.find(at);
        if (it != m_awaited.end() && --*it <= 0)
            m_awaited.erase(it);
    }
    forgetCommitted();
}

void HarTransfer::forgetCommitted()
{
    // Once all are in the file, and no import that looked at the file before they were is still
    // to finish, the file alone says what the session holds (and a request deleted since may be
    // imported again).
    if (m_awaited.isEmpty() && m_imports == 0)
        m_inFlight.clear();
}

void HarTransfer::exportHar(const QString &session, const QString &path)
{
    const WorkProgress progress(m_parent, tr("Exporting to %1…").arg(QDir::toNativeSeparators(path)), Qt::NonModal);
    ++m_running;
    m_lane.start([this, session, path, progress] {
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
            --m_running;
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
