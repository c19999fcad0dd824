#pragma once

#include "http/response.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <memory>

namespace Session {

/**
 * One message the sender sent (once, to one or more destinations), as the user composed it: what
 * the History list shows and reopens in the panel. Immutable once made; shared between threads
 * by pointer, like CapturedRequest.
 */
struct OutboundMessage
{
    QByteArray uid;         ///< a UUID made when the message was sent; its attempts refer to it
    qint64 createdAtMs = 0; ///< wall clock, ms since the epoch (UTC)
    QString name;           ///< a template's or the user's name for it; may be empty
    QByteArray method;
    QStringList destinations; ///< the URLs it went to, in order (attempts refer to their index)
    Http::HeaderList headers; ///< as composed: placeholders unresolved, signature headers absent
    QByteArray body;          ///< as composed (empty when bodyFile is set), up to the body limit
    QString bodyFile;         ///< a file sent as the body, by path
    QString signScheme;       ///< scheme id it was signed with; empty: unsigned
    /// Everything else the panel needs to reopen it (content-type mode, variables, retry policy,
    /// switched-off rows...), as the panel wrote it: JSON, opaque to the session.
    QByteArray composition;
    /// What it was made from: "send" (composed in the sender), "replay" (a captured request sent
    /// again)...; empty in files older than schema version 3.
    QString kind;
    qint64 sourceId = 0; ///< the captured request (its id in this session) it was made from; 0: none
};
using OutboundMessagePtr = std::shared_ptr<const OutboundMessage>;

/// One attempt to deliver a message to one destination: the bytes sent and what came back.
struct OutboundAttempt
{
    QByteArray messageUid;
    int destination = 0; ///< index into OutboundMessage::destinations
    QString url;
    int attempt = 1;        ///< 1 for the first try, 2 for the first retry...
    bool final = true;      ///< no further attempt follows (success, out of attempts, or not retryable)
    qint64 startedAtMs = 0; ///< wall clock, ms since the epoch (UTC)
    qint64 durationMs = 0;
    QString peer; ///< "127.0.0.1:8080"

    QByteArray requestHead;      ///< exactly as written: request line, headers (signature included), blank line
    QByteArray requestBody;      ///< the body bytes sent, up to the body limit (see requestBodyBytes)
    qint64 requestBodyBytes = 0; ///< the whole body's size (a file body may be larger than requestBody)

    int status = 0;          ///< the response's status; 0 when none arrived
    QString outcome;         ///< Http::ExchangeResult::outcomeName(): "response", "timeout", ...
    QString error;           ///< one line for people; empty on a response
    QByteArray responseHead; ///< as received, byte for byte (empty when none)
    QByteArray responseBody; ///< de-chunked, up to the body limit
    bool responseTruncated = false;
    qint64 retryInMs = -1; ///< not final: when the next attempt starts, from this one's end
};
using OutboundAttempts = QList<OutboundAttempt>;

} // namespace Session

Q_DECLARE_METATYPE(Session::OutboundMessagePtr)
Q_DECLARE_METATYPE(Session::OutboundAttempts)
