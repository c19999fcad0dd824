#pragma once

#include "capturedrequest.h"
#include "journal.h"
#include "outboundwriter.h"
#include "sessionfile.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

struct sqlite3;

namespace Session {

/**
 * The only writer of a session file, on a thread of its own (plus a helper thread that runs
 * WAL checkpoints, which never blocks it). It holds the session's lock (see Journal) and, when
 * opening, first moves into SQLite whatever a crashed writer left in the log.
 *
 * Requests are committed in groups: a group is whatever was submitted while the previous
 * commit ran, so under load one transaction carries many requests and at rest each request is
 * committed at once. After each commit the handler hears which records are now in the file (or
 * why they are not); the capture service answers the senders then.
 *
 * A record leaves the log only once SQLite has it. When a commit fails (a full disk), its records
 * stay in the log and in memory and are tried again, before anything newer, until SQLite takes
 * them: at the next submission, or after a pause that grows while the failure lasts.
 *
 * What the sender sent (OutboundMessage, OutboundAttempt) rides the same transactions but not the
 * log: nobody waits on its commit to answer a sender, and it is committed within one writer round
 * (milliseconds) of its submission. While SQLite refuses commits it waits in memory with the
 * refused captures and is tried with them; a process killed in that window loses it.
 */
class SessionWriter
{
    Q_DECLARE_TR_FUNCTIONS(Session::SessionWriter)

public:
    /// Called on the writer thread after each transaction; `error` is empty when it committed.
    /// Records that failed are reported once, with the error; when a later try commits them
    /// they are not reported again.
    using CommitHandler = std::function<void(const CapturedBatch &batch, const QString &error)>;
    /// Called on the writer thread when commits start failing (with the error) and when
    /// everything logged has reached SQLite again (empty).
    using HealthHandler = std::function<void(const QString &error)>;

    SessionWriter();
    ~SessionWriter();
    SessionWriter(const SessionWriter &) = delete;
    SessionWriter &operator=(const SessionWriter &) = delete;

    /// Opens or creates the file. Call before start(), on any one thread.
    SessionFile::Info open(const QString &path);
    QString path() const { return m_path; }
    /// The id the next captured request should get: one past the largest in the file.
    qint64 nextId() const { return m_nextId; }

    void setCommitHandler(CommitHandler handler) { m_onCommit = std::move(handler); }
    void setHealthHandler(HealthHandler handler) { m_onHealth = std::move(handler); }
    /// Copies the requests of another session that are newer than any in this file, in one
    /// transaction, then what its log holds that its file does not. Before start(). For Save As:
    /// this file is a snapshot of `other`, whose writer has stopped.
    bool copyNewerFrom(const QString &other, QString *error);
    /// Caps the file at this many pages (PRAGMA max_page_count); past it commits fail as on a
    /// full disk. Safe from any thread; applies from the next transaction.
    void setMaxPageCount(qint64 pages);
    /// Keep only the newest `count` requests (0: keep everything). Safe from any thread.
    void setRetention(qint64 count);

    /// Runs the writer threads at this nice value (Linux; 0 = as the process). Before start().
    void setNice(int nice) { m_nice = nice; }
    void start();
    /// Appends records to the session's log with one write: once this returns true they survive
    /// a crash, and may be answered. Then submit() them. Safe from any thread.
    bool journal(const CapturedBatch &records, QString *error);
    /// Records submitted and not yet committed to SQLite (waiting, or failed and to be retried).
    qsizetype backlog() const;
    /// Queues a record for the next transaction. Safe from any thread.
    void submit(CapturedRequestPtr record);
    void submit(CapturedBatch records);
    /// Queues what the sender sent for the next transaction (see the class comment). A message
    /// submitted again with the same uid replaces the stored one. Safe from any thread.
    void submit(OutboundMessagePtr message);
    void submit(OutboundAttempts attempts);
    void submit(const OutboundBatch &records);
    /// Deletes requests from the file, after everything queued before. Safe from any thread.
    void remove(const QList<qint64> &ids);
    /// Stores new signature results of requests already in the file (after re-verification), after
    /// everything queued before; with `verifiedWith`, records it as the fingerprint of the settings
    /// the file's results now come from (SessionReader::verifiedWith). Safe from any thread.
    void updateSignatures(const SignatureUpdates &updates, const QByteArray &verifiedWith = {});
    /// Commits what is queued, then closes the file and ends the thread.
    void stop();

    quint64 committedRequests() const;
    quint64 transactions() const;

private:
    struct Db;
    void run();
    /// One transaction for `fresh` after whatever failed before; reports and releases the log.
    void commit(CapturedBatch fresh, OutboundBatch outbound);
    /// Writer thread: records refused by SQLite wait for another try.
    bool waiting() const { return !m_retry.isEmpty() || !m_outboundRetry.isEmpty(); }
    void applyPageCap();
    /// Moves into SQLite what the log of `session` holds beyond this file's newest request.
    bool moveInLogOf(const QString &session, QString *error);
    void setRetry(CapturedBatch records);
    void recovered();
    void forgetDeleted(const QList<qint64> &ids);
    void runCheckpoints();
    static int walHook(void *self, ::sqlite3 *db, const char *name, int pages);
    bool writeBatch(const CapturedBatch &batch, const OutboundBatch &outbound = {});
    qint64 answerId(const CapturedRequest &record);
    qint64 storeAnswer(const CapturedRequest &record);
    void rollBackAnswers(const QHash<QByteArray, qint64> &before);
    bool removeIds(const QList<qint64> &ids);
    bool storeSignatures(const SignatureUpdates &updates, const QByteArray &verifiedWith);

    std::unique_ptr<Db> m_db;
    Journal m_journal;
    QString m_path;
    qint64 m_nextId = 1;
    qint64 m_maxRowBytes = std::numeric_limits<qint64>::max();
    int m_nice = 0;
    CommitHandler m_onCommit;
    HealthHandler m_onHealth;

    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    CapturedBatch m_queue;
    OutboundBatch m_outboundQueue;
    // Writer thread: sent records SQLite refused along with m_retry (they are not in the log).
    OutboundBatch m_outboundRetry;
    // Logged, reported as failed, and not in SQLite yet: older than anything in m_queue.
    CapturedBatch m_retry;     // writer thread
    qsizetype m_retrySize = 0; // its size, for backlog()
    qint64 m_retryBytes = 0;   // the bytes it holds
    QString m_refusal;         // why SQLite refuses them, for journal()
    qint64 m_retryDelayMs = 0; // writer thread; 0 while commits succeed
    qint64 m_retryAtMs = 0;    // writer thread: no new try before this (steady clock)
    QString m_lastError;       // writer thread
    qint64 m_pageCap = -1;     // to apply before the next transaction; -1: nothing new
    QList<qint64> m_deletes;
    SignatureUpdates m_signatureUpdates;
    QByteArray m_verifiedWith;
    bool m_stopping = false;
    // Checkpoints (copying the WAL into the file, with its fsyncs) run on a thread of their own,
    // so a commit never waits for one.
    std::thread m_checkpointer;
    std::condition_variable m_checkpointWake;
    bool m_checkpointWanted = false;
    bool m_checkpointerStopping = false;
    std::atomic<bool> m_restartWanted{false}; // a background checkpoint finished its bulk pass
    qint64 m_retention = 0;
    quint64 m_committed = 0;
    quint64 m_transactions = 0;
};

} // namespace Session
