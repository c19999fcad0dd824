#include "outboundreader.h"
#include "sqlite.h"
#include "storedrecord.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace Session::OutboundReader {

namespace {

// Version 1 files have no outbound tables; a reader does not migrate them.
bool hasTables(Sql::Database &db)
{
    return db.queryInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'outbound_attempts'", 0) > 0;
}

QStringList destinationsOf(QByteArrayView json)
{
    QStringList out;
    const QJsonArray list = QJsonDocument::fromJson(json.toByteArray()).array();
    for (const QJsonValue &v : list)
        out.append(v.toString());
    return out;
}

// Version 3 added what a message was made from; a version 2 file read unmigrated has neither.
bool hasSources(Sql::Database &db)
{
    return db.queryInt("SELECT count(*) FROM pragma_table_info('outbound_messages') WHERE name = 'source_id'", 0) > 0;
}

// The columns a summary and a full message share, first in both queries.
QByteArray messageColumns(Sql::Database &db)
{
    return hasSources(db) ? "SELECT uid, created_at, name, method, destinations, sign_scheme, kind, source_id"
                          : "SELECT uid, created_at, name, method, destinations, sign_scheme, NULL, NULL";
}
constexpr int kMessageColumnCount = 8;

template<typename Message>
void readMessageColumns(const Sql::Statement &s, Message &m)
{
    m.uid = s.bytes(0);
    m.createdAtMs = s.int64(1);
    m.name = s.text(2);
    m.method = s.bytes(3);
    m.destinations = destinationsOf(s.view(4));
    m.signScheme = s.text(5);
    m.kind = s.text(6);
    m.sourceId = s.int64(7);
}

const char kAttemptColumns[] =
    "SELECT a.message_uid, a.destination, a.url, a.attempt, a.final, a.started_at, a.duration_ms, a.peer, "
    "a.request_head, b.body, a.request_body_size, a.status, a.outcome, a.error, a.retry_in_ms, r.head, r.body, "
    "r.truncated FROM outbound_attempts a LEFT JOIN outbound_bodies b ON b.id = a.request_body_id "
    "LEFT JOIN outbound_responses r ON r.attempt_id = a.id ";

OutboundAttempt attemptFrom(const Sql::Statement &s)
{
    OutboundAttempt a;
    a.messageUid = s.bytes(0);
    a.destination = int(s.int64(1));
    a.url = s.text(2);
    a.attempt = int(s.int64(3));
    a.final = s.int64(4) != 0;
    a.startedAtMs = s.int64(5);
    a.durationMs = s.int64(6);
    a.peer = s.text(7);
    a.requestHead = s.bytes(8);
    a.requestBody = s.bytes(9);
    a.requestBodyBytes = s.int64(10);
    a.status = int(s.int64(11));
    a.outcome = s.text(12);
    a.error = s.text(13);
    a.retryInMs = s.isNull(14) ? -1 : s.int64(14);
    a.responseHead = s.bytes(15);
    a.responseBody = s.bytes(16);
    a.responseTruncated = s.int64(17) != 0;
    return a;
}

} // namespace

qint64 count(Sql::Database &db)
{
    return hasTables(db) ? db.queryInt("SELECT count(*) FROM outbound_messages", -1) : 0;
}

namespace {

/// The summaries `tail` (WHERE, ORDER BY, LIMIT; its ?1 bound to `value`) selects, with how each
/// destination fared.
QList<OutboundSummary> summaries(Sql::Database &db, const char *tail, qint64 value)
{
    QList<OutboundSummary> out;
    // One read transaction: the messages and their attempts come from the same snapshot.
    if (!db.exec("BEGIN"))
        return out;
    const QByteArray sql = messageColumns(db) + " FROM outbound_messages " + tail;
    Sql::Statement messages(db, sql.constData());
    messages.bind(1, value);
    QHash<QByteArray, qsizetype> byUid;
    while (messages.step()) {
        OutboundSummary m;
        readMessageColumns(messages, m);
        m.finalStatuses.fill(-1, m.destinations.size());
        m.finalOutcomes.resize(m.destinations.size());
        byUid.insert(m.uid, out.size());
        out.append(std::move(m));
    }
    Sql::Statement attempts(db, "SELECT destination, final, status, outcome FROM outbound_attempts "
                                "WHERE message_uid = ?1 ORDER BY destination, attempt");
    for (OutboundSummary &m : out) {
        attempts.bindBlob(1, m.uid);
        while (attempts.step()) {
            ++m.attempts;
            const qint64 destination = attempts.int64(0);
            if (attempts.int64(1) == 0 || destination < 0 || destination >= m.destinations.size())
                continue;
            m.finalStatuses[destination] = int(attempts.int64(2));
            m.finalOutcomes[destination] = attempts.text(3);
        }
        attempts.reset();
    }
    db.exec("ROLLBACK");
    return out;
}

} // namespace

QList<OutboundSummary> list(Sql::Database &db, int limit)
{
    if (!hasTables(db))
        return {};
    return summaries(db, "ORDER BY created_at DESC, id DESC LIMIT ?1", limit > 0 ? limit : -1);
}

QList<OutboundSummary> madeFrom(Sql::Database &db, qint64 sourceId)
{
    if (!hasTables(db) || !hasSources(db))
        return {};
    return summaries(db, "WHERE source_id = ?1 ORDER BY created_at, id", sourceId);
}

QHash<qint64, QList<int>> forwardStatuses(Sql::Database &db)
{
    QHash<qint64, QList<int>> out;
    if (!hasTables(db) || !hasSources(db))
        return out;
    // Each forward goes to one destination; its final attempt says how it ended.
    Sql::Statement s(db, "SELECT m.source_id, a.status, a.id FROM outbound_messages m LEFT JOIN outbound_attempts a "
                         "ON a.message_uid = m.uid AND a.final = 1 WHERE m.kind = 'forward' AND m.source_id IS NOT "
                         "NULL ORDER BY m.source_id, m.id");
    while (s.step())
        out[s.int64(0)].append(s.isNull(2) ? -1 : s.isNull(1) ? 0 : int(s.int64(1)));
    return out;
}

OutboundMessagePtr message(Sql::Database &db, const QByteArray &uid)
{
    if (!hasTables(db))
        return nullptr;
    const QByteArray sql =
        messageColumns(db) + ", headers, body, body_file, composition FROM outbound_messages WHERE uid = ?1";
    Sql::Statement s(db, sql.constData());
    s.bindBlob(1, uid);
    if (!s.step())
        return nullptr;
    auto m = std::make_shared<OutboundMessage>();
    readMessageColumns(s, *m);
    m->headers = Stored::decodeHeaders(s.view(kMessageColumnCount));
    m->body = s.bytes(kMessageColumnCount + 1);
    m->bodyFile = s.text(kMessageColumnCount + 2);
    m->composition = s.bytes(kMessageColumnCount + 3);
    return m;
}

OutboundAttempts attempts(Sql::Database &db, const QByteArray &uid)
{
    OutboundAttempts out;
    if (!hasTables(db))
        return out;
    const QByteArray sql = QByteArray(kAttemptColumns) + "WHERE a.message_uid = ?1 ORDER BY a.destination, a.attempt";
    Sql::Statement s(db, sql.constData());
    s.bindBlob(1, uid);
    while (s.step())
        out.append(attemptFrom(s));
    return out;
}

bool forEachAttempt(Sql::Database &db, const std::function<bool(const OutboundAttempt &)> &fn)
{
    if (!hasTables(db))
        return true;
    const QByteArray sql = QByteArray(kAttemptColumns) + "ORDER BY a.id";
    Sql::Statement s(db, sql.constData());
    if (!s.isValid())
        return false;
    while (s.step()) {
        if (!fn(attemptFrom(s)))
            return false;
    }
    return !s.failed();
}

} // namespace Session::OutboundReader
