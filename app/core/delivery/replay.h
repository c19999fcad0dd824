#pragma once

#include "sender.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Http {
class MessageHead;
class Request;
} // namespace Http

namespace Delivery {

/// How a captured request is sent again.
struct ReplayOptions
{
    QList<QUrl> destinations;
    /// Empty: the captured signature headers go out as they were (a receiver that checks the
    /// timestamp will reject them, which is itself a test). Set: the headers this scheme makes
    /// are dropped from the captured ones and the Sender signs afresh with `resignSecret`.
    QString resignScheme;
    QByteArray resignSecret;
    qint64 sourceId = 0; ///< the captured request's id in its session (stored with the replay)
    /// false: Replay::changes stays empty (a forward, which nobody reads before it goes, and
    /// which a flood makes by the thousand).
    bool describeChanges = true;
};

/// A captured request made into a message, and what differs from what was captured.
struct Replay
{
    Message message;
    /// One sentence per difference, for the user to read before sending, in header order.
    QStringList changes;
    QString error; ///< why it cannot be replayed (no destination, unknown scheme, no secret)
};

/// The names a message's Connection fields list ("close", "keep-alive, X-Trace"), trimmed.
QList<QByteArray> connectionTokens(const Http::MessageHead &message);

/// Whether `name` is a hop-by-hop field (RFC 9110 §7.6.1): Connection, Keep-Alive,
/// Transfer-Encoding, TE, Upgrade, any Proxy-*, or one of `connectionTokens` (the names listed
/// in the request's Connection fields).
bool isHopByHop(QByteArrayView name, const QList<QByteArray> &connectionTokens);

/**
 * The message that replays `captured`: its method, request-target (byte for byte), header names,
 * case, order and duplicates, and its body (de-chunked, as stored) — minus the hop-by-hop fields,
 * and with Host and Content-Length left for the Sender to make for each destination. The captured
 * User-Agent is kept; when there was none, none is sent. Placeholders are not resolved.
 */
Replay replayOf(const Http::Request &captured, const ReplayOptions &options);

} // namespace Delivery
