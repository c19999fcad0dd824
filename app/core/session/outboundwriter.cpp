#include "outboundwriter.h"
#include "sqlite.h"
#include "storedrecord.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <sqlite3.h>

namespace Session {

namespace {
// Blobs from this size on are written into their row in pieces rather than bound whole (as the
// captured requests' bodies are): SQLite would otherwise copy them into the row it builds.
constexpr qsizetype kStreamedBlobBytes = 1 << 20;

void bindTextOrNull(Sql::Statement &s, int index, const QByteArray &utf8)
{
    if (utf8.isEmpty())
        s.bindNull(index);
    else
        s.bindText(index, utf8);
}

/// For NOT NULL text columns: an empty string, never NULL.
void bindTextNotNull(Sql::Statement &s, int index, const QByteArray &utf8)
{
    s.bindText(index, utf8.isEmpty() ? QByteArrayView("") : QByteArrayView(utf8));
}
} // namespace

struct OutboundWriter::Statements
{
    Sql::Statement message;
    Sql::Statement findBody;
    Sql::Statement insertBody;
    Sql::Statement attempt;
    Sql::Statement response;
    Sql::Statement answer;
    QByteArray lastDigest; // the body most recently stored, and its row: retries send it again
    qint64 lastBodyId = 0;
};

OutboundWriter::OutboundWriter()
    : m_s(std::make_unique<Statements>())
{
}

OutboundWriter::~OutboundWriter() = default;

bool OutboundWriter::prepare(Sql::Database &db)
{
    m_db = &db;
    Statements &s = *m_s;
    s.message = Sql::Statement(
        db, "INSERT INTO outbound_messages(uid, created_at, name, method, destinations, headers, body, body_file, "
            "sign_scheme, composition, kind, source_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
            "ON CONFLICT(uid) DO UPDATE SET created_at = excluded.created_at, name = excluded.name, "
            "method = excluded.method, destinations = excluded.destinations, headers = excluded.headers, "
            "body = excluded.body, body_file = excluded.body_file, sign_scheme = excluded.sign_scheme, "
            "composition = excluded.composition, kind = excluded.kind, source_id = excluded.source_id");
    s.findBody = Sql::Statement(db, "SELECT id FROM outbound_bodies WHERE digest = ?1");
    s.insertBody = Sql::Statement(db, "INSERT INTO outbound_bodies(digest, body) VALUES (?1, ?2)");
    s.attempt = Sql::Statement(
        db, "INSERT INTO outbound_attempts(message_uid, destination, url, attempt, final, started_at, duration_ms, "
            "peer, request_head, request_body_id, request_body_size, status, outcome, error, retry_in_ms) VALUES "
            "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    s.response =
        Sql::Statement(db, "INSERT INTO outbound_responses(attempt_id, truncated, head, body) VALUES (?1, ?2, ?3, ?4)");
    s.answer =
        Sql::Statement(db, "INSERT OR REPLACE INTO late_answers(request_id, answered_at, source, status, reason, "
                           "headers, body, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    return s.message.isValid() && s.findBody.isValid() && s.insertBody.isValid() && s.attempt.isValid() &&
           s.response.isValid() && s.answer.isValid();
}

void OutboundWriter::finish()
{
    *m_s = {};
    m_db = nullptr;
}

void OutboundWriter::rolledBack()
{
    m_s->lastDigest.clear();
    m_s->lastBodyId = 0;
}

bool OutboundWriter::write(const OutboundBatch &batch)
{
    for (const OutboundMessagePtr &m : batch.messages) {
        if (m && !writeMessage(*m))
            return false;
    }
    for (const OutboundAttempt &a : batch.attempts) {
        if (!writeAttempt(a))
            return false;
    }
    for (const LateAnswer &a : batch.answers) {
        if (!writeAnswer(a))
            return false;
    }
    return true;
}

bool OutboundWriter::writeMessage(const OutboundMessage &m)
{
    Sql::Statement &s = m_s->message;
    const QByteArray name = m.name.toUtf8();
    const QByteArray destinations =
        QJsonDocument(QJsonArray::fromStringList(m.destinations)).toJson(QJsonDocument::Compact);
    const QByteArray headers = Stored::encodeHeaders(m.headers);
    const QByteArray bodyFile = m.bodyFile.toUtf8();
    const QByteArray scheme = m.signScheme.toUtf8();
    s.bindBlob(1, m.uid);
    s.bind(2, m.createdAtMs);
    bindTextOrNull(s, 3, name);
    s.bindBlob(4, m.method);
    bindTextNotNull(s, 5, destinations);
    s.bindBlob(6, headers);
    s.bindBlob(7, m.body);
    bindTextOrNull(s, 8, bodyFile);
    bindTextOrNull(s, 9, scheme);
    if (m.composition.isEmpty())
        s.bindNull(10);
    else
        s.bindBlob(10, m.composition);
    const QByteArray kind = m.kind.toUtf8();
    bindTextOrNull(s, 11, kind);
    if (m.sourceId > 0)
        s.bind(12, m.sourceId);
    else
        s.bindNull(12);
    return s.exec();
}

qint64 OutboundWriter::bodyId(const QByteArray &body)
{
    Statements &s = *m_s;
    const QByteArray digest = QCryptographicHash::hash(body, QCryptographicHash::Sha256);
    if (digest == s.lastDigest)
        return s.lastBodyId;
    s.findBody.bindBlob(1, digest);
    qint64 id = s.findBody.step() ? s.findBody.int64(0) : 0;
    const bool failed = s.findBody.failed();
    s.findBody.reset();
    if (failed)
        return -1;
    if (id == 0) {
        const bool streamed = body.size() >= kStreamedBlobBytes;
        s.insertBody.bindBlob(1, digest);
        if (streamed)
            s.insertBody.bindZeroBlob(2, body.size());
        else
            s.insertBody.bindBlob(2, body);
        if (!s.insertBody.exec())
            return -1;
        id = sqlite3_last_insert_rowid(m_db->handle());
        if (streamed && !m_db->writeBlob("outbound_bodies", "body", id, body))
            return -1;
    }
    s.lastDigest = digest;
    s.lastBodyId = id;
    return id;
}

bool OutboundWriter::writeAttempt(const OutboundAttempt &a)
{
    const qint64 body = a.requestBody.isEmpty() ? 0 : bodyId(a.requestBody);
    if (body < 0)
        return false;
    Sql::Statement &s = m_s->attempt;
    const QByteArray url = a.url.toUtf8();
    const QByteArray peer = a.peer.toUtf8();
    const QByteArray outcome = a.outcome.toUtf8();
    const QByteArray error = a.error.toUtf8();
    s.bindBlob(1, a.messageUid);
    s.bind(2, a.destination);
    bindTextNotNull(s, 3, url);
    s.bind(4, a.attempt);
    s.bind(5, a.final ? 1 : 0);
    s.bind(6, a.startedAtMs);
    s.bind(7, a.durationMs);
    bindTextOrNull(s, 8, peer);
    s.bindBlob(9, a.requestHead);
    if (body > 0)
        s.bind(10, body);
    else
        s.bindNull(10);
    s.bind(11, qMax(a.requestBodyBytes, qint64(a.requestBody.size())));
    if (a.status > 0)
        s.bind(12, a.status);
    else
        s.bindNull(12);
    bindTextNotNull(s, 13, outcome);
    bindTextOrNull(s, 14, error);
    if (a.final || a.retryInMs < 0)
        s.bindNull(15);
    else
        s.bind(15, a.retryInMs);
    if (!s.exec())
        return false;
    if (a.responseHead.isEmpty())
        return true; // nothing came back
    const qint64 attemptId = sqlite3_last_insert_rowid(m_db->handle());
    Sql::Statement &r = m_s->response;
    const bool streamed = a.responseBody.size() >= kStreamedBlobBytes;
    r.bind(1, attemptId);
    r.bind(2, a.responseTruncated ? 1 : 0);
    r.bindBlob(3, a.responseHead);
    if (streamed)
        r.bindZeroBlob(4, a.responseBody.size());
    else
        r.bindBlob(4, a.responseBody);
    return r.exec() && (!streamed || m_db->writeBlob("outbound_responses", "body", attemptId, a.responseBody));
}

bool OutboundWriter::writeAnswer(const LateAnswer &a)
{
    Sql::Statement &s = m_s->answer;
    const QByteArray source = LateAnswer::sourceName(a.source);
    const QByteArray headers = Stored::encodeHeaders(a.response.headers);
    const QByteArray note = a.note.toUtf8();
    s.bind(1, a.requestId);
    s.bind(2, a.answeredAtMs);
    s.bindText(3, source);
    s.bind(4, a.response.status);
    if (a.response.reason.isEmpty())
        s.bindNull(5);
    else
        s.bindBlob(5, a.response.reason);
    s.bindBlob(6, headers);
    s.bindBlob(7, a.response.body);
    bindTextOrNull(s, 8, note);
    return s.exec();
}

} // namespace Session
