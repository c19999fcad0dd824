#pragma once

#include "capturedrequest.h"
#include "jsontext.h"
#include "outbound.h"

#include <QByteArray>

#include <functional>

namespace Session {

/**
 * One captured request as one line of JSON (NDJSON), the format of `listen --json` and
 * `export --ndjson`. Header names and values are strings: UTF-8 when the bytes are valid UTF-8,
 * otherwise each byte maps to the code point of the same value (Latin-1), so nothing is lost.
 * The body is base64 of the exact bytes after de-chunking. The line ends in '\n'.
 * After "tls" comes "tls_info": {"version","cipher","sni","alpn"}, each a string or null when not
 * known (a failed handshake may leave only "sni"); the member is left out when nothing is known,
 * as for plain HTTP, so a script tells the cases apart by its presence.
 */
QByteArray toNdjsonLine(const CapturedRequest &request);
/// The same line, handed to `sink` in pieces: the base64 of a large body a few MB at a time, so
/// printing a 100 MB body never holds its 133 MB of text at once. False when the sink refuses.
/// `moreMembers` (`,"name":value...`) go at the end of the object: what a command knows beyond
/// the record, such as `listen --forward`'s answers.
bool writeNdjsonLine(const CapturedRequest &request, const std::function<bool(QByteArrayView)> &sink,
                     QByteArrayView moreMembers = {});

/**
 * One attempt the sender made as one line of JSON, beside the captured requests in
 * `export --ndjson`, told apart by "direction":"outbound" (captured lines have no "direction"):
 * message_uid, destination (index), url, attempt, final, started_at, duration_ms, peer, then the
 * request as written — method, target, http_version and headers split from the exact head
 * (request_head_base64), body_base64 and body_size (the whole body's size) — then status (null
 * when no response came), outcome, error (null when none), retry_in_ms (null when final) and
 * response: null, or {http_version, reason, headers, head_base64, body_base64, body_size,
 * truncated}. Strings follow the rules above.
 */
QByteArray toNdjsonLine(const OutboundAttempt &attempt);
bool writeNdjsonLine(const OutboundAttempt &attempt, const std::function<bool(QByteArrayView)> &sink);

/// A signature result as a JSON object, the same in NDJSON and in HAR's `_signature`:
/// {"scheme":"github","status":"invalid","reason":"mismatch","skew_seconds":12,"secret":..,"detail":..}
/// (scheme and reason null when there are none; skew_seconds, secret and detail only when set),
/// or `null` when no verification ran.
void appendSignatureJson(QByteArray &out, const Signing::Result &signature);

} // namespace Session
