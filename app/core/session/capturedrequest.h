#pragma once

#include "http/request.h"
#include "http/response.h"
#include "http/tlsinfo.h"
#include "lateanswer.h"
#include "signing/signing.h"

#include <QHostAddress>
#include <QMetaType>
#include <QString>

#include <memory>

namespace Session {

/// What chose the answer a captured request got.
enum class AnswerChoice : quint8 {
    Unknown,   ///< not recorded: a rejected or imported request, or one saved before this was kept
    Default,   ///< no answer rule matched: the default answer
    Rule,      ///< an answer rule (CapturedRequest::answerRule names it)
    Challenge, ///< Hookscope answered a provider's URL challenge itself (Zoom's)
};

/**
 * One captured or rejected request with everything known about it: what arrived, from whom,
 * when, and what Hookscope answered. Immutable once made; shared between threads by pointer.
 */
struct CapturedRequest
{
    qint64 id = 0;
    qint64 receivedAtMs = 0; ///< wall clock, ms since the epoch (UTC)
    QHostAddress remoteAddress;
    quint16 remotePort = 0;
    quint16 localPort = 0;
    bool tls = false;
    /// What its TLS handshake agreed (version, cipher, SNI, ALPN); empty for plain HTTP, and for
    /// requests saved before Hookscope recorded it.
    Http::TlsInfo tlsInfo;

    Http::Request request; ///< for a rejected request: what was parsed before the failure

    int responseStatus = 0; ///< the status sent; 0 when no answer reached the client
    Http::HeaderList responseHeaders;
    QByteArray responseBody;
    AnswerChoice answerChoice = AnswerChoice::Unknown;
    /// Rule, Challenge: what answered, as it was called then (ResponseRule::label()); rules are
    /// renamed and deleted later, so the request keeps the name rather than a place in the list.
    QString answerRule;

    bool rejected = false;
    int errorStatus = 0;
    QString errorReason;
    qint64 errorOffset = -1;
    QByteArray raw; ///< rejected only: the bytes received, up to the head limit

    QString saveError; ///< set when the session file could not take this request

    /// Imported requests (HAR): the HTTP version the file recorded when the rebuilt head cannot
    /// carry it ("HTTP/2", "HTTP/3"; the head is then HTTP/1.1); empty otherwise.
    QByteArray recordedVersion;
    /// What a person should know about how this record was made, one sentence per line: headers
    /// Hookscope added or changed, values it split, a body the file left out. Empty for captures.
    QString note;

    Signing::Result signature; ///< verdict of signature verification (NotChecked when none ran)
    /// What the webhook is about (Payload::webhookEvent): "" when nothing names it; null when not
    /// worked out yet (the session writer then works it out from the request).
    QString event;

    /// What the sender really got when its answer waited for a forward (the fields above hold the
    /// configured answer, as logged); null when it got those. Filled by SessionReader::load().
    std::shared_ptr<const LateAnswer> lateAnswer;

    /// "127.0.0.1:53422" or "[::1]:53422".
    QString remote() const;
    /// The HTTP version the request was made with: recordedVersion, else the head's.
    QByteArrayView httpVersion() const;
    /// Bytes of body the head announces (Content-Length) that the record does not hold: a body a
    /// HAR file left out. 0 for every request that arrived whole.
    qint64 missingBodyBytes() const;
    /// The answer its sender got: a forward's (lateAnswer), or the one logged with it (status 0:
    /// none reached the client).
    Http::Response answerSent() const;
};

using CapturedRequestPtr = std::shared_ptr<const CapturedRequest>;
using CapturedBatch = QList<CapturedRequestPtr>;

/// A new signature result for a request already saved (after re-verification).
struct SignatureUpdate
{
    qint64 id = 0;
    Signing::Result result;
};
using SignatureUpdates = QList<SignatureUpdate>;

/// The event a request names (Payload::webhookEvent over its headers and body); "" (not null)
/// when none.
QString webhookEventOf(const Http::Request &request);

/// "2026-11-26T22:31:05.123Z" (RFC 3339, UTC, milliseconds).
QByteArray rfc3339Utc(qint64 msSinceEpoch);
/// "22:31:05.123" in the local time zone. Cheap to call for every row: the zone is consulted once
/// per second shown, per thread.
QString localTimeText(qint64 msSinceEpoch);
/// "0 B", "1.2 KB", "3.4 MB": sizes in the units people read (1 KB = 1000 bytes), as the
/// command line and the request table print them.
QString humanSize(qint64 bytes);
/// host:port, with IPv6 hosts in brackets.
QString hostPort(const QHostAddress &address, quint16 port);

} // namespace Session

Q_DECLARE_METATYPE(Session::CapturedRequestPtr)
Q_DECLARE_METATYPE(Session::CapturedBatch)
Q_DECLARE_METATYPE(Session::SignatureUpdates)
