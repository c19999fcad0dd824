#include "sessionwriter.h"
#include "sessionwriterdb.h"
#include "sqlite.h"
#include "storedrecord.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>

#include <algorithm>
#include <chrono>
#include <pthread.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(Session::lcSession, "hookscope.session", QtWarningMsg)

namespace Session {

namespace {
// WAL pages (4 KiB) after which a background checkpoint runs, and after which the writer stops
// to checkpoint itself because the background one cannot keep up.
constexpr int kCheckpointPages = 4000;
constexpr int kBlockingCheckpointPages = 64000;
// After a failed commit, the next try waits this long, doubling up to the second figure while
// the failure lasts (new requests join the wait instead of each costing a failing transaction).
constexpr qint64 kFirstRetryMs = 250;
constexpr qint64 kLastRetryMs = 4000;
// Bodies from this size on are written into their row in pieces rather than bound whole.
constexpr qsizetype kStreamedBlobBytes = 1 << 20;
// How much may wait in memory for SQLite to take it before senders are refused.
constexpr qsizetype kMaxWaitingRecords = 20000;
constexpr qint64 kMaxWaitingBytes = 128LL * 1024 * 1024;
// session_info: the fingerprint of the signature settings the stored results were made with.
constexpr char kVerifiedWithKey[] = "signatures_verified_with";

qint64 steadyMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/// The text of the signature columns. Binding does not copy: it must live until the statement ran.
struct SignatureText
{
    QByteArray scheme;
    QByteArray detail;
};

/// Binds a signature result to three columns from `first` on: scheme, verdict, detail.
void bindSignature(Sql::Statement &s, int first, const Signing::Result &sig, SignatureText &text)
{
    if (sig.verdict == Signing::Verdict::NotChecked) {
        s.bindNull(first);
        s.bindNull(first + 1);
        s.bindNull(first + 2);
        return;
    }
    text.scheme = sig.scheme.toUtf8();
    text.detail = Stored::encodeSignatureDetail(sig);
    if (text.scheme.isEmpty())
        s.bindNull(first);
    else
        s.bindText(first, text.scheme);
    s.bind(first + 1, qint64(sig.verdict));
    if (text.detail.isEmpty())
        s.bindNull(first + 2);
    else
        s.bindText(first + 2, text.detail);
}
} // namespace

SessionWriter::SessionWriter()
    : m_db(std::make_unique<Db>())
{
}

SessionWriter::~SessionWriter()
{
    stop();
}

SessionFile::Info SessionWriter::open(const QString &path)
{
    Sql::Database &db = m_db->db;
    // The lock comes first: through another name for a file being captured into (a hard link),
    // SQLite does not find that writer's WAL, and the file would look like something else.
    // A file that is not a session, or a place we cannot write, gets no lock file beside it.
    const QFileInfo file(path);
    const QFileInfo dir(file.absolutePath());
    const bool folderReadOnly = dir.exists() && !dir.isWritable();
    if (file.exists() && (!file.isWritable() || folderReadOnly)) {
        const SessionFile::Info checked = SessionFile::inspect(path);
        if (checked.problem != FileProblem::None)
            return checked;
        return {FileProblem::ReadOnly,
                (file.isWritable() ? tr("%1: the folder is read-only") : tr("%1: the file is read-only"))
                    .arg(QDir::toNativeSeparators(path)),
                checked.schemaVersion};
    }
    if (folderReadOnly)
        return {FileProblem::ReadOnly, tr("%1: the folder is read-only").arg(QDir::toNativeSeparators(path)), 0};
    QString lockError;
    bool heldElsewhere = false;
    if (!m_journal.lock(path, &lockError, &heldElsewhere))
        return {heldElsewhere ? FileProblem::Locked : FileProblem::Io,
                tr("%1: %2").arg(QDir::toNativeSeparators(path), lockError), 0};
    if (file.exists()) {
        const SessionFile::Info checked = SessionFile::inspect(path);
        if (checked.problem != FileProblem::None) {
            m_journal.unlock();
            return checked;
        }
    }
    SessionFile::Info info = SessionFile::openForWriting(db, path);
    if (info.problem != FileProblem::None) {
        m_journal.unlock();
        return info;
    }
    if (!m_journal.lockSessionFile(&lockError)) { // made just now: nobody else can hold it
        db.close();
        m_journal.unlock();
        return {FileProblem::Io, tr("%1: %2").arg(QDir::toNativeSeparators(path), lockError), 0};
    }
    m_path = path;
    m_nextId = db.queryInt("SELECT coalesce(max(id), 0) + 1 FROM requests", 1);
    m_db->insertRequest = Sql::Statement(
        db, "INSERT INTO requests(id, received_at, method, target, http_version, content_type, body_size, "
            "remote_addr, remote_port, local_port, tls, flags, response_status, answer_id, error_status, "
            "error_offset, error_reason, signature_scheme, signature_state, signature_detail, event, note, "
            "answer_choice, answer_rule, tls_info) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
            "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)");
    m_db->insertPayload =
        Sql::Statement(db, "INSERT INTO payloads(id, head, body, framing, raw) VALUES (?1, ?2, ?3, ?4, ?5)");
    m_db->insertAnswer =
        Sql::Statement(db, "INSERT INTO answers(digest, status, reason, headers, body) VALUES (?1, ?2, ?3, ?4, ?5)");
    m_db->trim = Sql::Statement(db, "DELETE FROM requests WHERE id <= (SELECT max(id) FROM requests) - ?1");
    m_db->trimPayloads = Sql::Statement(db, "DELETE FROM payloads WHERE id <= (SELECT max(id) FROM requests) - ?1");
    Sql::Statement answers(db, "SELECT digest, id FROM answers");
    while (answers.step())
        m_db->answers.insert(answers.bytes(0), answers.int64(1));
    // SQLITE_LIMIT_LENGTH bounds a row as a whole; leave room for its other columns.
    m_maxRowBytes = qint64(sqlite3_limit(db.handle(), SQLITE_LIMIT_LENGTH, -1)) - 64 * 1024;
    db.exec("PRAGMA wal_autocheckpoint = 0");
    sqlite3_wal_hook(db.handle(), &SessionWriter::walHook, this);
    if (!m_db->insertRequest.isValid() || !m_db->insertPayload.isValid() || !m_db->insertAnswer.isValid() ||
        !m_db->trim.isValid() || !m_db->trimPayloads.isValid() || !m_db->outbound.prepare(db)) {
        info = {FileProblem::Io, tr("%1: %2").arg(path, db.error()), info.schemaVersion};
        db.close();
        m_journal.unlock();
        return info;
    }
    // Requests a crashed writer logged (and answered) but did not move into SQLite.
    QString recoverError;
    if (!moveInLogOf(path, &recoverError)) {
        info = {FileProblem::Io, tr("%1: %2").arg(QDir::toNativeSeparators(path), recoverError), info.schemaVersion};
        db.close();
        m_journal.unlock(); // the log stays for a later try
        return info;
    }
    Journal::removeLogFiles(path);
    return info;
}

void SessionWriter::setMaxPageCount(qint64 pages)
{
    std::lock_guard lock(m_mutex);
    m_pageCap = pages;
}

void SessionWriter::applyPageCap()
{
    qint64 pages;
    {
        std::lock_guard lock(m_mutex);
        pages = std::exchange(m_pageCap, -1);
    }
    if (pages >= 0) {
        const QByteArray sql = "PRAGMA max_page_count = " + QByteArray::number(pages);
        m_db->db.exec(sql.constData());
    }
}

void SessionWriter::setRetention(qint64 count)
{
    std::lock_guard lock(m_mutex);
    m_retention = qMax<qint64>(0, count);
}

void SessionWriter::start()
{
    if (!m_thread.joinable() && m_db->db.isOpen()) {
        m_thread = std::thread([this] { run(); });
        m_checkpointer = std::thread([this] { runCheckpoints(); });
    }
}

int SessionWriter::walHook(void *self, sqlite3 *db, const char *, int pages)
{
    auto *writer = static_cast<SessionWriter *>(self);
    if (pages >= kBlockingCheckpointPages) {
        sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
    } else if (pages >= kCheckpointPages) {
        {
            std::lock_guard lock(writer->m_mutex);
            writer->m_checkpointWanted = true;
        }
        writer->m_checkpointWake.notify_one();
    }
    return SQLITE_OK;
}

void SessionWriter::runCheckpoints()
{
    pthread_setname_np(pthread_self(), "checkpoints");
    if (m_nice != 0)
        ::setpriority(PRIO_PROCESS, pid_t(::gettid()), m_nice);
    Sql::Database db;
    while (true) {
        {
            std::unique_lock lock(m_mutex);
            m_checkpointWake.wait(lock, [this] { return m_checkpointWanted || m_checkpointerStopping; });
            if (m_checkpointerStopping)
                return;
            m_checkpointWanted = false;
        }
        if (!db.isOpen()) {
            if (!db.open(m_path, Sql::Database::Mode::ReadWrite))
                continue;
            sqlite3_busy_timeout(db.handle(), 50);
        }
        // The bulk of the copy and its fsyncs, without holding up the writer. The writer then
        // copies the few frames written meanwhile itself, so the WAL starts over and stays small.
        if (sqlite3_wal_checkpoint_v2(db.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr) == SQLITE_OK)
            m_restartWanted = true;
    }
}

bool SessionWriter::journal(const CapturedBatch &records, QString *error)
{
    {
        // While SQLite refuses them, logged requests wait in memory too: past a bound, senders
        // are refused rather than memory growing without end.
        std::lock_guard lock(m_mutex);
        if (m_retrySize >= kMaxWaitingRecords || m_retryBytes >= kMaxWaitingBytes) {
            // not translated: the error also goes to the sender in the 503 answer's body
            *error = QStringLiteral("%1 requests wait for the session file, which takes none now: %2")
                         .arg(m_retrySize)
                         .arg(m_refusal);
            return false;
        }
    }
    // What SQLite could never take is refused now, before its sender hears it was kept.
    for (const CapturedRequestPtr &r : records) {
        const qint64 size =
            r->request.rawHead().size() + r->request.body().size() + r->request.chunkFraming().size() + r->raw.size();
        if (size > m_maxRowBytes) {
            // not translated: the error also goes to the sender in the 503 answer's body
            *error = QStringLiteral("a request of %1 bytes is larger than a session file can hold (%2 bytes)")
                         .arg(size)
                         .arg(m_maxRowBytes);
            return false;
        }
    }
    return m_journal.append(records, error);
}

qsizetype SessionWriter::backlog() const
{
    std::lock_guard lock(m_mutex);
    return m_queue.size() + m_retrySize;
}

void SessionWriter::submit(CapturedRequestPtr record)
{
    {
        std::lock_guard lock(m_mutex);
        m_queue.append(std::move(record));
    }
    m_wake.notify_one();
}

void SessionWriter::submit(CapturedBatch records)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_queue.isEmpty())
            m_queue = std::move(records);
        else
            m_queue += records;
    }
    m_wake.notify_one();
}

void SessionWriter::submit(OutboundMessagePtr message)
{
    OutboundBatch batch;
    batch.messages = {std::move(message)};
    submit(batch);
}

void SessionWriter::submit(OutboundAttempts attempts)
{
    OutboundBatch batch;
    batch.attempts = std::move(attempts);
    submit(batch);
}

void SessionWriter::submit(const OutboundBatch &records)
{
    if (records.isEmpty())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_outboundQueue += records;
    }
    m_wake.notify_one();
}

void SessionWriter::stop()
{
    if (m_thread.joinable()) {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
        m_thread.join();
    }
    if (m_checkpointer.joinable()) {
        {
            std::lock_guard lock(m_mutex);
            m_checkpointerStopping = true;
        }
        m_checkpointWake.notify_one();
        m_checkpointer.join();
    }
    m_db->insertRequest = {};
    m_db->insertPayload = {};
    m_db->insertAnswer = {};
    m_db->trim = {};
    m_db->trimPayloads = {};
    m_db->outbound.finish();
    if (!m_outboundRetry.isEmpty())
        qCWarning(lcSession) << "lost" << m_outboundRetry.size() << "sent messages and attempts SQLite refused";
    // Everything logged is in SQLite now, unless the last try failed too: then the log stays
    // for the next writer to replay.
    if (m_retry.isEmpty())
        m_journal.removeLogs();
    // At rest a session is one self-contained file: leave WAL mode when nobody else has it open
    // (it fails harmlessly if a reader does), so it can be copied alone or read from a read-only
    // place. The next writer turns WAL on again.
    if (m_db->db.isOpen())
        m_db->db.exec("PRAGMA journal_mode = DELETE");
    m_db->db.close();
    m_journal.unlock();
}

quint64 SessionWriter::committedRequests() const
{
    std::lock_guard lock(m_mutex);
    return m_committed;
}

quint64 SessionWriter::transactions() const
{
    std::lock_guard lock(m_mutex);
    return m_transactions;
}

void SessionWriter::run()
{
    pthread_setname_np(pthread_self(), "session writer");
    if (m_nice != 0)
        ::setpriority(PRIO_PROCESS, pid_t(::gettid()), m_nice);
    CapturedBatch fresh;
    OutboundBatch outbound;
    QList<qint64> deletes;
    SignatureUpdates updates;
    QByteArray verifiedWith;
    while (true) {
        bool stopping = false;
        {
            std::unique_lock lock(m_mutex);
            const auto ready = [this] {
                return !m_queue.isEmpty() || !m_outboundQueue.isEmpty() || !m_deletes.isEmpty() ||
                       !m_signatureUpdates.isEmpty() || !m_verifiedWith.isEmpty() || m_stopping;
            };
            if (!waiting())
                m_wake.wait(lock, ready);
            else
                m_wake.wait_for(lock, std::chrono::milliseconds(qMax<qint64>(0, m_retryAtMs - steadyMs())), ready);
            fresh.swap(m_queue);
            std::swap(outbound, m_outboundQueue);
            deletes.swap(m_deletes);
            updates.swap(m_signatureUpdates);
            verifiedWith = std::exchange(m_verifiedWith, {});
            stopping = m_stopping;
        }
        applyPageCap();
        if (waiting() && !stopping && deletes.isEmpty() && updates.isEmpty() && steadyMs() < m_retryAtMs) {
            // Still failing a moment ago: these join the records that wait for the next try.
            m_outboundRetry += std::exchange(outbound, {});
            if (!fresh.isEmpty()) {
                setRetry(m_retry + fresh);
                if (m_onCommit)
                    m_onCommit(fresh, m_lastError);
                fresh.clear();
            }
            continue;
        }
        // Inserts queued before deletes go first, so a request is never deleted before it exists.
        commit(std::exchange(fresh, {}), std::exchange(outbound, {}));
        if (!deletes.isEmpty()) {
            forgetDeleted(deletes);
            if (!removeIds(deletes))
                qCWarning(lcSession) << "could not delete" << deletes.size() << "requests:" << m_db->db.error();
            deletes.clear();
        }
        if (!updates.isEmpty() || !verifiedWith.isEmpty()) {
            if (!storeSignatures(updates, verifiedWith))
                qCWarning(lcSession) << "could not store" << updates.size() << "signature results:" << m_db->db.error();
            updates.clear();
            verifiedWith.clear();
        }
        if (stopping) {
            std::lock_guard lock(m_mutex);
            if (m_queue.isEmpty() && m_outboundQueue.isEmpty() && m_deletes.isEmpty() && m_signatureUpdates.isEmpty() &&
                m_verifiedWith.isEmpty())
                return; // what SQLite still would not take stays in the log for the next writer
        }
        if (m_restartWanted.exchange(false)) {
            // Never wait for a reader here: with one active, skip and try after the next round.
            sqlite3 *db = m_db->db.handle();
            sqlite3_busy_timeout(db, 0);
            sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
            sqlite3_busy_timeout(db, 5000);
        }
    }
}

void SessionWriter::commit(CapturedBatch fresh, OutboundBatch outbound)
{
    const bool retrying = waiting();
    if (fresh.isEmpty() && outbound.isEmpty() && !retrying)
        return;
    // What failed before goes first: the log is released up to the newest id committed, so
    // nothing older may still be missing from SQLite.
    const CapturedBatch batch = m_retry.isEmpty() ? fresh : m_retry + fresh;
    if (!m_outboundRetry.isEmpty())
        outbound = std::exchange(m_outboundRetry, {}) += outbound;
    const bool ok = writeBatch(batch, outbound);
    {
        std::lock_guard lock(m_mutex);
        if (ok)
            m_committed += quint64(batch.size());
        ++m_transactions;
    }
    if (ok) {
        if (!batch.isEmpty())
            m_journal.release(batch.last()->id);
        if (m_onCommit && !fresh.isEmpty())
            m_onCommit(fresh, {});
        if (retrying) {
            qCInfo(lcSession) << "saving again: SQLite took the" << batch.size() + outbound.size()
                              << "records it had refused";
            recovered();
        }
        return;
    }
    m_lastError = m_db->db.error();
    qCWarning(lcSession) << "could not save" << batch.size() << "requests and" << outbound.size()
                         << "sent records:" << m_lastError;
    m_outboundRetry = std::move(outbound);
    setRetry(batch);
    m_retryDelayMs = retrying ? qMin(m_retryDelayMs * 2, kLastRetryMs) : kFirstRetryMs;
    m_retryAtMs = steadyMs() + m_retryDelayMs;
    if (m_onCommit && !fresh.isEmpty())
        m_onCommit(fresh, m_lastError);
    if (!retrying && m_onHealth)
        m_onHealth(m_lastError);
}

void SessionWriter::setRetry(CapturedBatch records)
{
    qint64 bytes = 0;
    for (const CapturedRequestPtr &r : std::as_const(records))
        bytes +=
            r->request.rawHead().size() + r->request.body().size() + r->request.chunkFraming().size() + r->raw.size();
    m_retry = std::move(records);
    std::lock_guard lock(m_mutex);
    m_retrySize = m_retry.size();
    m_retryBytes = bytes;
    m_refusal = m_retry.isEmpty() ? QString() : m_lastError;
}

void SessionWriter::recovered()
{
    setRetry({});
    m_retryDelayMs = 0;
    m_lastError.clear();
    if (m_onHealth)
        m_onHealth({});
}

void SessionWriter::forgetDeleted(const QList<qint64> &ids)
{
    // Requests deleted while they waited for SQLite never go in. Once none waits any more, the
    // log is let go up to the last of them, or the next open would bring the deleted back.
    if (m_retry.isEmpty())
        return;
    const qint64 newest = m_retry.last()->id;
    CapturedBatch kept = m_retry;
    kept.removeIf([&ids](const CapturedRequestPtr &r) { return ids.contains(r->id); });
    if (!kept.isEmpty()) {
        setRetry(std::move(kept));
        return;
    }
    m_journal.release(newest);
    recovered();
}

void SessionWriter::remove(const QList<qint64> &ids)
{
    {
        std::lock_guard lock(m_mutex);
        m_deletes += ids;
    }
    m_wake.notify_one();
}

void SessionWriter::updateSignatures(const SignatureUpdates &updates, const QByteArray &verifiedWith)
{
    {
        std::lock_guard lock(m_mutex);
        m_signatureUpdates += updates;
        if (!verifiedWith.isEmpty())
            m_verifiedWith = verifiedWith;
    }
    m_wake.notify_one();
}

bool SessionWriter::storeSignatures(const SignatureUpdates &updates, const QByteArray &verifiedWith)
{
    Sql::Database &db = m_db->db;
    Sql::Transaction transaction(db);
    if (!transaction.isActive())
        return false;
    Sql::Statement s(db, "UPDATE requests SET signature_scheme = ?1, signature_state = ?2, signature_detail = ?3 "
                         "WHERE id = ?4");
    for (const SignatureUpdate &u : updates) {
        SignatureText text;
        bindSignature(s, 1, u.result, text);
        s.bind(4, u.id);
        if (!s.exec())
            return false;
    }
    if (!verifiedWith.isEmpty()) {
        Sql::Statement info(db, "INSERT OR REPLACE INTO session_info(key, value) VALUES (?1, ?2)");
        info.bindText(1, kVerifiedWithKey);
        info.bindText(2, verifiedWith);
        if (!info.exec())
            return false;
    }
    return transaction.commit();
}

bool SessionWriter::removeIds(const QList<qint64> &ids)
{
    Sql::Database &db = m_db->db;
    Sql::Transaction transaction(db);
    if (!transaction.isActive())
        return false;
    Sql::Statement requests(db, "DELETE FROM requests WHERE id = ?1");
    Sql::Statement payloads(db, "DELETE FROM payloads WHERE id = ?1");
    for (qint64 id : ids) {
        requests.bind(1, id);
        payloads.bind(1, id);
        if (!requests.exec() || !payloads.exec())
            return false;
    }
    return transaction.commit();
}

qint64 SessionWriter::answerId(const CapturedRequest &r)
{
    if (r.responseStatus == 0)
        return -1;
    // Nearly every request gets the same answer as the one before: skip the hashing then.
    Db &d = *m_db;
    if (d.lastAnswerId > 0 && r.responseStatus == d.lastStatus && r.responseBody == d.lastBody &&
        r.responseHeaders == d.lastHeaders)
        return d.lastAnswerId;
    const qint64 id = storeAnswer(r);
    if (id > 0) {
        d.lastAnswerId = id;
        d.lastStatus = r.responseStatus;
        d.lastBody = r.responseBody;
        d.lastHeaders = r.responseHeaders;
    }
    return id;
}

qint64 SessionWriter::storeAnswer(const CapturedRequest &r)
{
    const QByteArray headers = Stored::encodeHeaders(r.responseHeaders);
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(QByteArray::number(r.responseStatus));
    hash.addData(QByteArrayView("\n"));
    hash.addData(headers);
    hash.addData(QByteArrayView("\n"));
    hash.addData(r.responseBody);
    const QByteArray digest = hash.result();
    const auto found = m_db->answers.constFind(digest);
    if (found != m_db->answers.constEnd())
        return *found;
    Sql::Statement &s = m_db->insertAnswer;
    s.bindBlob(1, digest);
    s.bind(2, r.responseStatus);
    s.bindNull(3);
    s.bindBlob(4, headers);
    s.bindBlob(5, r.responseBody);
    if (!s.exec())
        return -2;
    const qint64 id = m_db->db.queryInt("SELECT last_insert_rowid()");
    m_db->answers.insert(digest, id);
    return id;
}

void SessionWriter::rollBackAnswers(const QHash<QByteArray, qint64> &before)
{
    // Answers (and sent bodies) inserted in a transaction that failed are gone from the file:
    // forget them too.
    m_db->answers = before;
    m_db->lastAnswerId = 0;
    m_db->outbound.rolledBack();
}

bool SessionWriter::writeBatch(const CapturedBatch &batch, const OutboundBatch &outbound)
{
    Sql::Database &db = m_db->db;
    Sql::Transaction transaction(db);
    if (!transaction.isActive())
        return false;
    // Answers inserted in a transaction that then fails must not stay in the cache.
    const QHash<QByteArray, qint64> answersBefore = m_db->answers;
    for (const CapturedRequestPtr &p : batch) {
        const CapturedRequest &r = *p;
        const Http::Request &q = r.request;
        const qint64 answer = answerId(r);
        if (answer == -2) {
            rollBackAnswers(answersBefore);
            return false;
        }
        const QByteArray contentType = Stored::contentTypeOf(q);
        if (r.remoteAddress != m_db->lastRemote) {
            m_db->lastRemote = r.remoteAddress;
            m_db->lastRemoteText = r.remoteAddress.toString().toUtf8();
        }
        const QByteArray &remote = m_db->lastRemoteText;
        Sql::Statement &s = m_db->insertRequest;
        s.bind(1, r.id);
        s.bind(2, r.receivedAtMs);
        if (q.hasRequestLine()) {
            s.bindBlob(3, q.method());
            s.bindBlob(4, q.target());
            s.bindBlob(5, r.httpVersion()); // an import's recorded version (HTTP/2) where it has one
        } else {
            s.bindNull(3);
            s.bindNull(4);
            s.bindNull(5);
        }
        if (contentType.isEmpty())
            s.bindNull(6);
        else
            s.bindBlob(6, contentType);
        s.bind(7, q.body().size());
        s.bindText(8, remote);
        s.bind(9, r.remotePort);
        s.bind(10, r.localPort);
        s.bind(11, r.tls ? 1 : 0);
        s.bind(12, Stored::flagsOf(r));
        if (r.responseStatus)
            s.bind(13, r.responseStatus);
        else
            s.bindNull(13);
        if (answer > 0)
            s.bind(14, answer);
        else
            s.bindNull(14);
        const QByteArray reason = r.errorReason.toUtf8();
        if (r.rejected) {
            s.bind(15, r.errorStatus);
            s.bind(16, r.errorOffset);
            s.bindText(17, reason);
        } else {
            s.bindNull(15);
            s.bindNull(16);
            s.bindNull(17);
        }
        SignatureText signatureText;
        bindSignature(s, 18, r.signature, signatureText);
        // Records from the log of a crashed writer, or made elsewhere, have not worked it out yet.
        const QByteArray event = (r.event.isNull() ? webhookEventOf(q) : r.event).toUtf8();
        if (event.isEmpty())
            s.bindNull(21);
        else
            s.bindText(21, event);
        const QByteArray note = r.note.toUtf8();
        if (note.isEmpty())
            s.bindNull(22);
        else
            s.bindText(22, note);
        const QByteArray answerRule = r.answerRule.toUtf8();
        if (r.answerChoice == AnswerChoice::Unknown)
            s.bindNull(23);
        else
            s.bind(23, qint64(r.answerChoice));
        if (answerRule.isEmpty())
            s.bindNull(24);
        else
            s.bindText(24, answerRule);
        const QByteArray tlsInfo = Stored::encodeTlsInfo(r.tlsInfo); // empty: NULL, for plain HTTP
        if (tlsInfo.isEmpty())
            s.bindNull(25);
        else
            s.bindText(25, tlsInfo);
        if (!s.exec()) {
            rollBackAnswers(answersBefore);
            return false;
        }
        Sql::Statement &p2 = m_db->insertPayload;
        p2.bind(1, r.id);
        // Bound as a whole, SQLite would copy a large body into the row it builds (twice when more
        // data follows it): such a row is made with zero-filled blobs that take no memory, then
        // written in place, so a 90 MB body costs no second 90 MB. Only blobs at the end of a row
        // stay unexpanded, so the chunk framing after the body goes the same way.
        const bool streamed = !r.rejected && q.body().size() >= kStreamedBlobBytes;
        const auto bindBytes = [&p2, streamed](int index, const QByteArray &bytes) {
            if (streamed)
                p2.bindZeroBlob(index, bytes.size());
            else
                p2.bindBlob(index, bytes);
        };
        if (r.rejected) {
            p2.bindNull(2);
            p2.bindNull(3);
            p2.bindNull(4);
            p2.bindBlob(5, r.raw);
        } else {
            p2.bindBlob(2, q.rawHead());
            bindBytes(3, q.body());
            if (q.isChunked())
                bindBytes(4, q.chunkFraming());
            else
                p2.bindNull(4);
            p2.bindNull(5);
        }
        if (!p2.exec() || (streamed && !db.writeBlob("payloads", "body", r.id, q.body())) ||
            (streamed && q.isChunked() && !db.writeBlob("payloads", "framing", r.id, q.chunkFraming()))) {
            rollBackAnswers(answersBefore);
            return false;
        }
    }
    qint64 retention;
    {
        std::lock_guard lock(m_mutex);
        retention = m_retention;
    }
    if (retention > 0) {
        m_db->trimPayloads.bind(1, retention);
        m_db->trim.bind(1, retention);
        if (!m_db->trimPayloads.exec() || !m_db->trim.exec()) {
            rollBackAnswers(answersBefore);
            return false;
        }
    }
    if (!m_db->outbound.write(outbound) || !transaction.commit()) {
        rollBackAnswers(answersBefore);
        return false;
    }
    return true;
}

} // namespace Session
