#pragma once

#include "lateanswer.h"
#include "outbound.h"

#include <QByteArray>
#include <QList>

#include <memory>

namespace Session {

namespace Sql {
class Database;
}

/// Outbound records waiting for a transaction: messages first, then attempts, each in the order
/// they were submitted.
struct OutboundBatch
{
    QList<OutboundMessagePtr> messages;
    OutboundAttempts attempts;
    LateAnswers answers; ///< answers sent after their request was logged (a forward's, or a timeout's)

    bool isEmpty() const { return messages.isEmpty() && attempts.isEmpty() && answers.isEmpty(); }
    qsizetype size() const { return messages.size() + attempts.size() + answers.size(); }
    OutboundBatch &operator+=(const OutboundBatch &other)
    {
        messages += other.messages;
        attempts += other.attempts;
        answers += other.answers;
        return *this;
    }
};

/**
 * The session writer's part that stores what the sender sent (schema version 2): runs inside the
 * writer's transactions, on its thread. A message submitted again under the same uid replaces the
 * stored one; request bodies are stored once per distinct content.
 */
class OutboundWriter
{
public:
    OutboundWriter();
    ~OutboundWriter();
    OutboundWriter(const OutboundWriter &) = delete;
    OutboundWriter &operator=(const OutboundWriter &) = delete;

    /// Prepares the statements on `db`; false (with db.error()) when the tables are missing.
    bool prepare(Sql::Database &db);
    /// Inserts the batch; call inside a transaction. False with the database's error; then call
    /// rolledBack() once the transaction is undone.
    bool write(const OutboundBatch &batch);
    /// The transaction of the last write() was rolled back: forget what it stored.
    void rolledBack();
    void finish();

private:
    struct Statements;
    bool writeMessage(const OutboundMessage &message);
    bool writeAttempt(const OutboundAttempt &attempt);
    bool writeAnswer(const LateAnswer &answer);
    qint64 bodyId(const QByteArray &body);

    std::unique_ptr<Statements> m_s;
    Sql::Database *m_db = nullptr;
};

} // namespace Session
