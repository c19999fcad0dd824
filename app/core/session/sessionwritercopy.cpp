// SessionWriter: bringing in records from elsewhere — what a crashed writer left in a session's
// log, and what another session gained after it was copied (Save As).

#include "sessionwriter.h"
#include "sessionwriterdb.h"

#include <algorithm>

namespace Session {

namespace {
// What was sent after the snapshot: rows past the snapshot's largest ids (responses before their
// attempts, which they are compared with), and messages whose uid the snapshot does not have.
const char kCopyNewerOutbound[] = "INSERT INTO main.outbound_bodies SELECT * FROM source.outbound_bodies "
                                  "WHERE id > (SELECT coalesce(max(id), 0) FROM main.outbound_bodies);"
                                  "INSERT INTO main.outbound_responses SELECT * FROM source.outbound_responses "
                                  "WHERE attempt_id > (SELECT coalesce(max(id), 0) FROM main.outbound_attempts);"
                                  "INSERT INTO main.outbound_attempts SELECT * FROM source.outbound_attempts "
                                  "WHERE id > (SELECT coalesce(max(id), 0) FROM main.outbound_attempts);"
                                  "INSERT INTO main.outbound_messages SELECT * FROM source.outbound_messages "
                                  "WHERE uid NOT IN (SELECT uid FROM main.outbound_messages);";
} // namespace

bool SessionWriter::moveInLogOf(const QString &session, QString *error)
{
    CapturedBatch left;
    const qint64 lastStored = m_nextId - 1;
    if (!Journal::replay(
            session,
            [&left, lastStored](CapturedRequestPtr r) {
                if (r->id > lastStored)
                    left.append(std::move(r));
            },
            error))
        return false; // a log that cannot be read is not deleted either
    if (left.isEmpty())
        return true;
    std::sort(left.begin(), left.end(), [](const auto &a, const auto &b) { return a->id < b->id; });
    if (!writeBatch(left)) {
        *error = tr("could not recover %n logged requests: %1", nullptr, int(left.size())).arg(m_db->db.error());
        return false;
    }
    m_nextId = left.last()->id + 1;
    qCInfo(lcSession) << "recovered" << left.size() << "requests from the log of" << session;
    return true;
}

bool SessionWriter::copyNewerFrom(const QString &other, QString *error)
{
    Sql::Database &db = m_db->db;
    Sql::Statement attach(db, "ATTACH DATABASE ?1 AS source");
    const QByteArray otherPath = other.toUtf8();
    attach.bindText(1, otherPath);
    if (!attach.exec()) {
        *error = db.error();
        return false;
    }
    bool ok = false;
    {
        Sql::Transaction transaction(db);
        // Ids are the same in both files up to the snapshot, so anything above our largest is new.
        ok = transaction.isActive() &&
             db.exec("INSERT INTO main.answers SELECT * FROM source.answers "
                     "WHERE id > (SELECT coalesce(max(id), 0) FROM main.answers);"
                     "INSERT INTO main.payloads SELECT * FROM source.payloads "
                     "WHERE id > (SELECT coalesce(max(id), 0) FROM main.requests);"
                     "INSERT INTO main.requests SELECT * FROM source.requests "
                     "WHERE id > (SELECT coalesce(max(id), 0) FROM main.requests);") &&
             db.exec(kCopyNewerOutbound) && transaction.commit();
    }
    if (!ok)
        *error = db.error();
    db.exec("DETACH DATABASE source");
    if (!ok)
        return false;
    m_nextId = db.queryInt("SELECT coalesce(max(id), 0) + 1 FROM requests", 1);
    m_db->answers.clear();
    Sql::Statement answers(db, "SELECT digest, id FROM answers");
    while (answers.step())
        m_db->answers.insert(answers.bytes(0), answers.int64(1));
    // What the other session's log still holds (SQLite refused it there) is newer than its file:
    // it comes along too, or those answered requests would stay behind and their ids be reused.
    return moveInLogOf(other, error);
}

} // namespace Session
