#include "sessionreader.h"
#include "journal.h"
#include "sessionwriter.h"
#include "sqlite.h"
#include "storedrecord.h"
#include "summarystore.h"

#include "http/requestreader.h"

namespace Session {

namespace {

/// What the file's version has of what came after version 1.
struct FileColumns
{
    bool lateAnswers = false; // the file has the late_answers table (schema version 4)
    bool events = false;      // requests has the event column (schema version 5)
    bool answerRules = false; // requests say what chose their answer (schema version 5)
    bool tlsInfo = false;     // requests keep what their TLS handshake agreed (schema version 6)
};

} // namespace

struct SessionReader::Db : FileColumns
{
    Sql::Database db;
};

namespace {

const char kFullColumns[] =
    "SELECT r.id, r.received_at, r.remote_addr, r.remote_port, r.local_port, r.tls, r.flags, "
    "r.response_status, r.error_status, r.error_offset, r.error_reason, p.head, p.body, "
    "p.framing, p.raw, a.headers, a.body, r.signature_scheme, r.signature_state, r.signature_detail";
const char kLateColumns[] = ", l.answered_at, l.source, l.status, l.reason, l.headers, l.body, l.note ";
const char kNoLateColumns[] = ", NULL, NULL, NULL, NULL, NULL, NULL, NULL ";
// Last, so the columns above keep their numbers: the version recorded (for an import, it may not
// be the head's) and the note.
const char kRecordColumns[] = ", r.http_version, r.note ";
const char kRuleColumns[] = ", r.answer_choice, r.answer_rule ";
const char kNoRuleColumns[] = ", NULL, NULL ";
const char kFullTables[] = "FROM requests r JOIN payloads p ON p.id = r.id LEFT JOIN answers a ON a.id = r.answer_id ";

/// Every column of a request, its payload and answer, and (when the file has them) its late answer,
/// event, what chose its answer and what its TLS handshake agreed.
QByteArray fullQuery(const FileColumns &file, const char *tail)
{
    return QByteArray(kFullColumns) + (file.lateAnswers ? kLateColumns : kNoLateColumns) + kRecordColumns +
           (file.events ? ", r.event " : ", NULL ") + (file.answerRules ? kRuleColumns : kNoRuleColumns) +
           (file.tlsInfo ? ", r.tls_info " : ", NULL ") + kFullTables +
           (file.lateAnswers ? "LEFT JOIN late_answers l ON l.request_id = r.id " : "") + tail;
}

CapturedRequestPtr fromRow(const Sql::Statement &s)
{
    auto r = std::make_shared<CapturedRequest>();
    r->id = s.int64(0);
    r->receivedAtMs = s.int64(1);
    r->remoteAddress = QHostAddress(s.text(2));
    r->remotePort = quint16(s.int64(3));
    r->localPort = quint16(s.int64(4));
    r->tls = s.int64(5) != 0;
    const qint64 flags = s.int64(6);
    r->responseStatus = int(s.int64(7));
    r->rejected = (flags & FlagRejected) != 0;
    if (r->rejected) {
        r->errorStatus = int(s.int64(8));
        r->errorOffset = s.int64(9);
        r->errorReason = s.text(10);
        r->raw = s.bytes(14);
        r->request = Http::RequestReader::restorePartial(r->raw);
    } else {
        r->request = Http::RequestReader::restore(s.bytes(11), s.bytes(12), s.bytes(13));
    }
    r->responseHeaders = Stored::decodeHeaders(s.view(15));
    r->responseBody = s.bytes(16);
    if (!s.isNull(18))
        r->signature = Stored::decodeSignature(s.text(17), int(s.int64(18)), s.view(19));
    if (!s.isNull(21)) {
        auto late = std::make_shared<LateAnswer>();
        late->requestId = r->id;
        late->answeredAtMs = s.int64(20);
        late->source = LateAnswer::sourceFromName(s.view(21));
        late->response.status = int(s.int64(22));
        late->response.reason = s.bytes(23);
        late->response.headers = Stored::decodeHeaders(s.view(24));
        late->response.body = s.bytes(25);
        late->note = s.text(26);
        r->lateAnswer = std::move(late);
    }
    if (!r->rejected && !s.isNull(27) && s.view(27) != r->request.httpVersion())
        r->recordedVersion = s.bytes(27);
    r->note = s.text(28);
    r->event = QString::fromUtf8(s.view(29));
    if (r->event.isNull())
        r->event = QLatin1String(""); // not null: saved, whatever the file's version
    const qint64 choice = s.int64(30);
    r->answerChoice =
        choice > 0 && choice <= qint64(AnswerChoice::Challenge) ? AnswerChoice(choice) : AnswerChoice::Unknown;
    r->answerRule = s.text(31);
    r->tlsInfo = Stored::decodeTlsInfo(s.view(32));
    return r;
}

} // namespace

SessionReader::SessionReader()
    : m_db(std::make_unique<Db>())
{
}

SessionReader::~SessionReader() = default;

SessionFile::Info SessionReader::open(const QString &path)
{
    // A writer killed before moving its log into SQLite left answered requests there: take them
    // in first. Not while a writer is live (it does that itself), and not where we cannot write
    // (then the reader sees what SQLite holds).
    if (!Journal::logFiles(path).isEmpty() && !Journal::isLive(path)) {
        SessionWriter recovery;
        if (recovery.open(path).problem == FileProblem::None)
            recovery.stop();
    }
    const SessionFile::Info info = SessionFile::openForReading(m_db->db, path);
    m_db->lateAnswers = info.problem == FileProblem::None &&
                        m_db->db.queryInt("SELECT count(*) FROM sqlite_schema WHERE name = 'late_answers'", 0) > 0;
    m_db->events = info.problem == FileProblem::None &&
                   m_db->db.queryInt("SELECT count(*) FROM pragma_table_info('requests') WHERE name = 'event'", 0) > 0;
    m_db->answerRules =
        info.problem == FileProblem::None &&
        m_db->db.queryInt("SELECT count(*) FROM pragma_table_info('requests') WHERE name = 'answer_rule'", 0) > 0;
    m_db->tlsInfo =
        info.problem == FileProblem::None &&
        m_db->db.queryInt("SELECT count(*) FROM pragma_table_info('requests') WHERE name = 'tls_info'", 0) > 0;
    return info;
}

void SessionReader::close()
{
    m_db->db.close();
}

QString SessionReader::error() const
{
    return m_db->db.error();
}

qint64 SessionReader::count()
{
    return m_db->db.queryInt("SELECT count(*) FROM requests", -1);
}

bool SessionReader::loadSummaries(SummaryStore &store, qint64 afterId, const Progress &progress)
{
    Sql::Database &db = m_db->db;
    // One read transaction: the count and the rows come from the same snapshot.
    if (!db.exec("BEGIN"))
        return false;
    const qint64 total = db.queryInt("SELECT count(*) FROM requests", 0);
    const QByteArray sql = QByteArray("SELECT r.id, r.received_at, r.method, r.target, r.content_type, r.body_size, "
                                      "r.remote_addr, r.remote_port, ") +
                           kFlagsWithTls +
                           ", r.response_status, r.error_status, r.signature_scheme, r.signature_state, " +
                           (m_db->events ? "r.event, " : "NULL, ") + (m_db->answerRules ? "r.answer_rule" : "NULL") +
                           " FROM requests r WHERE r.id > ?1 ORDER BY r.id";
    Sql::Statement s(db, sql.constData());
    if (!s.isValid()) {
        db.exec("ROLLBACK");
        return false;
    }
    s.bind(1, afterId);
    qint64 done = 0;
    QString lastRemote;
    QByteArray lastRemoteUtf8;
    while (s.step()) {
        // Addresses repeat: convert each distinct one once.
        const QByteArrayView remoteBytes = s.view(6);
        if (remoteBytes != lastRemoteUtf8) {
            lastRemoteUtf8 = remoteBytes.toByteArray();
            lastRemote = QString::fromUtf8(lastRemoteUtf8);
        }
        store.append(s.int64(0), s.int64(1), s.view(2), s.view(3), s.view(4), s.int64(5), lastRemote,
                     quint16(s.int64(7)), s.int64(8), int(s.int64(9)), int(s.int64(10)),
                     SummaryStore::signatureOf(s.view(11), int(s.int64(12))), s.view(13), s.view(14));
        if (++done % 8192 == 0 && progress && !progress(done, total)) {
            db.exec("ROLLBACK");
            return false;
        }
    }
    const bool ok = !s.failed();
    db.exec("ROLLBACK");
    if (progress)
        progress(done, total);
    return ok;
}

bool SessionReader::forEachPayload(bool head, bool body,
                                   const std::function<bool(qint64, QByteArrayView, QByteArrayView)> &fn)
{
    Sql::Database &db = m_db->db;
    if (!db.exec("BEGIN"))
        return false;
    const QByteArray sql = QByteArray("SELECT r.id, ") + (head ? "p.head, " : "NULL, ") + (body ? "p.body " : "NULL ") +
                           "FROM requests r LEFT JOIN payloads p ON p.id = r.id ORDER BY r.id";
    bool ok = true;
    {
        Sql::Statement s(db, sql.constData());
        ok = s.isValid();
        while (ok && s.step()) {
            if (!fn(s.int64(0), s.view(1), s.view(2))) {
                ok = false;
                break;
            }
        }
        ok = ok && !s.failed();
    }
    db.exec("ROLLBACK");
    return ok;
}

CapturedRequestPtr SessionReader::load(qint64 id)
{
    const QByteArray sql = fullQuery(*m_db, "WHERE r.id = ?1");
    Sql::Statement s(m_db->db, sql.constData());
    if (!s.isValid())
        return nullptr;
    s.bind(1, id);
    if (!s.step())
        return nullptr;
    return fromRow(s);
}

CapturedBatch SessionReader::loadAfter(qint64 afterId, int limit)
{
    const QByteArray sql = fullQuery(*m_db, "WHERE r.id > ?1 ORDER BY r.id LIMIT ?2");
    Sql::Statement s(m_db->db, sql.constData());
    CapturedBatch out;
    if (!s.isValid())
        return out;
    s.bind(1, afterId);
    s.bind(2, limit);
    while (s.step())
        out.append(fromRow(s));
    return out;
}

QByteArray SessionReader::verifiedWith()
{
    Sql::Statement s(m_db->db, "SELECT value FROM session_info WHERE key = 'signatures_verified_with'");
    return s.isValid() && s.step() ? s.bytes(0) : QByteArray();
}

bool SessionReader::forEachArrival(qint64 fromMs, qint64 toMs, const Arrival &fn)
{
    Sql::Statement s(m_db->db, "SELECT id, received_at, method, target FROM requests "
                               "WHERE received_at BETWEEN ?1 AND ?2");
    if (!s.isValid())
        return false;
    s.bind(1, fromMs);
    s.bind(2, toMs);
    while (s.step()) {
        if (!fn(s.int64(0), s.int64(1), s.view(2), s.view(3)))
            return false;
    }
    return !s.failed();
}

bool SessionReader::forEach(const std::function<bool(CapturedRequestPtr)> &fn, const Progress &progress)
{
    Sql::Database &db = m_db->db;
    if (!db.exec("BEGIN"))
        return false;
    const qint64 total = db.queryInt("SELECT count(*) FROM requests", 0);
    const QByteArray sql = fullQuery(*m_db, "ORDER BY r.id");
    Sql::Statement s(db, sql.constData());
    qint64 done = 0;
    bool ok = s.isValid();
    while (ok && s.step()) {
        if (!fn(fromRow(s))) {
            ok = false;
            break;
        }
        if (++done % 1024 == 0 && progress && !progress(done, total)) {
            ok = false;
            break;
        }
    }
    ok = ok && !s.failed();
    db.exec("ROLLBACK");
    if (ok && progress)
        progress(done, total);
    return ok;
}

QList<OutboundSummary> SessionReader::listMessages(int limit)
{
    return OutboundReader::list(m_db->db, limit);
}

qint64 SessionReader::messageCount()
{
    return OutboundReader::count(m_db->db);
}

QList<OutboundSummary> SessionReader::messagesMadeFrom(qint64 requestId)
{
    return OutboundReader::madeFrom(m_db->db, requestId);
}

QHash<qint64, QList<int>> SessionReader::forwardStatuses()
{
    return OutboundReader::forwardStatuses(m_db->db);
}

std::optional<LateAnswer> SessionReader::lateAnswer(qint64 requestId)
{
    // Read with the record (one query joins it in); the record itself is not kept.
    const CapturedRequestPtr r = load(requestId);
    if (!r || !r->lateAnswer)
        return std::nullopt;
    return *r->lateAnswer;
}

OutboundMessagePtr SessionReader::loadMessage(const QByteArray &uid)
{
    return OutboundReader::message(m_db->db, uid);
}

OutboundAttempts SessionReader::loadAttempts(const QByteArray &uid)
{
    return OutboundReader::attempts(m_db->db, uid);
}

bool SessionReader::forEachAttempt(const std::function<bool(const OutboundAttempt &)> &fn)
{
    return OutboundReader::forEachAttempt(m_db->db, fn);
}

} // namespace Session
