#include "recordsource.h"

#include "session/sessionreader.h"

#include <QThreadPool>

namespace Gui {

namespace {
constexpr int kRecentRecords = 2000; // whole records kept for instant selection
}

RecordSource::RecordSource(QThreadPool *pool, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
{
}

void RecordSource::remember(const Session::CapturedBatch &batch)
{
    for (const Session::CapturedRequestPtr &r : batch) {
        m_recent.insert(r->id, r);
        m_order.append(r->id);
    }
    while (m_order.size() > kRecentRecords)
        m_recent.remove(m_order.takeFirst());
}

void RecordSource::forget(const QList<qint64> &ids)
{
    for (qint64 id : ids)
        m_recent.remove(id);
}

void RecordSource::updateSignatures(const Session::SignatureUpdates &updates)
{
    for (const Session::SignatureUpdate &u : updates) {
        const auto it = m_recent.find(u.id);
        if (it == m_recent.end())
            continue;
        auto updated = std::make_shared<Session::CapturedRequest>(**it);
        updated->signature = u.result;
        *it = std::move(updated);
    }
}

void RecordSource::updateLateAnswer(const Session::LateAnswer &answer)
{
    const auto it = m_recent.find(answer.requestId);
    if (it == m_recent.end())
        return;
    auto updated = std::make_shared<Session::CapturedRequest>(**it);
    updated->lateAnswer = std::make_shared<const Session::LateAnswer>(answer);
    *it = std::move(updated);
}

void RecordSource::clear()
{
    m_recent.clear();
    m_order.clear();
}

void RecordSource::fetch(const QString &session, const QList<qint64> &ids, Done done)
{
    Records records;
    for (qint64 id : ids)
        records.append(known(id));
    m_pool->start([this, session, ids, records, done = std::move(done)]() mutable {
        Session::SessionReader reader;
        bool opened = false;
        bool readable = false;
        QString error;
        for (qsizetype i = 0; i < ids.size(); ++i) {
            if (records.at(i))
                continue;
            if (!std::exchange(opened, true))
                readable = reader.open(session).problem == Session::FileProblem::None;
            if (readable)
                records[i] = reader.load(ids.at(i));
            if (!records.at(i))
                error = reader.error();
        }
        QMetaObject::invokeMethod(this, [records, error, done] { done(records, error); });
    });
}

} // namespace Gui
