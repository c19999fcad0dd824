#pragma once

#include "lateanswer.h"
#include "outbound.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Session {

namespace Sql {
class Database;
}

/// A sent message as the History list shows it: the message without its body and composition,
/// and how each destination fared.
struct OutboundSummary
{
    QByteArray uid;
    qint64 createdAtMs = 0;
    QString name;
    QByteArray method;
    QStringList destinations;
    QString signScheme;
    QString kind;        ///< "send", "replay"...; empty in files older than schema version 3
    qint64 sourceId = 0; ///< the captured request it was made from; 0: none
    int attempts = 0;    ///< attempts stored, all destinations together
    /// Per destination, in the order of `destinations`: the status of its final attempt; 0 when
    /// that attempt got no response; -1 when no final attempt is stored (still trying, or the
    /// sender was stopped first).
    QList<int> finalStatuses;
    /// Per destination: the outcome of its final attempt ("response", "timeout"...); empty when
    /// no final attempt is stored.
    QStringList finalOutcomes;
};

/**
 * Reads what the sender stored in a session (schema version 2) on a reader's connection. A file
 * of version 1, read without being migrated, has sent nothing: every list is empty.
 */
namespace OutboundReader {

/// Sent messages, newest first; at most `limit` (0: all).
QList<OutboundSummary> list(Sql::Database &db, int limit = 0);
qint64 count(Sql::Database &db);
/// The messages made from the captured request `sourceId` (its replays, forwards...), oldest
/// first; empty in files older than schema version 3.
QList<OutboundSummary> madeFrom(Sql::Database &db, qint64 sourceId);
/// For every captured request that was forwarded, the final status of each forward in the order
/// they were made: 0 when it got no answer, -1 when it has not finished (or was cut short). Empty in files older than
/// schema version 3.
QHash<qint64, QList<int>> forwardStatuses(Sql::Database &db);
/// One message as composed, or null when the file has none with this uid.
OutboundMessagePtr message(Sql::Database &db, const QByteArray &uid);
/// The attempts of one message by destination, then attempt number, with their responses.
OutboundAttempts attempts(Sql::Database &db, const QByteArray &uid);
/// Every attempt of every message in the order they were stored. `fn` returns false to stop.
bool forEachAttempt(Sql::Database &db, const std::function<bool(const OutboundAttempt &)> &fn);

} // namespace OutboundReader

} // namespace Session
