#pragma once
// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) export and import.
//
// What goes where:
// - The captured request is the entry's `request`; the answer Hookscope sent is its `response`
//   (status 0 with empty fields when no answer reached the client, as browsers write failures).
// - Bodies: `postData.text` / `content.text` hold the body as text when its bytes are valid UTF-8;
//   otherwise the text is base64 of the bytes and the object carries `"encoding": "base64"`.
//   Chrome and Firefox use that convention on `content`; we use it on `postData` too (HAR 1.2 does
//   not define `encoding` there, so readers that ignore it see base64 text). `postData` is written
//   only for a non-empty body.
// - Header names and values are JSON strings: UTF-8 when the bytes are valid UTF-8, otherwise each
//   byte maps to the code point of the same value (Latin-1), as in the NDJSON export.
// - Every entry has a custom `_hookscope` object (HAR allows fields starting with "_") holding what
//   HAR cannot: id, received_at_ms, remote, local_port, tls, what the TLS handshake agreed
//   (tls_info: {"version","cipher","sni","alpn"}, members not known left out; only when something
//   is known, so plain HTTP has none), the exact request head (head_base64),
//   the chunk framing with its trailers (framing_base64, chunked only), response header bytes that
//   are not UTF-8 (response_headers_base64, only then), and for rejected requests the error and
//   the bytes received (raw_base64). Import prefers it, so export → import → export is exact.
//
// Import also reads HAR written by Chrome, Firefox, Fiddler, Charles, HTTP Toolkit, Firebug and
// the like. Their requests are rebuilt as HTTP/1.1 heads (HTTP/1.0 when the entry says so), and
// whatever Hookscope had to add or change is said in the record's `note`, a line each:
// - the target is the URL's path and query exactly as written (no fragment); a URL without a path
//   gets "/"; a CONNECT request's target is the URL's authority;
// - the URL is the truth about the host (as DevTools and HTTP Toolkit read it): a Host header that
//   names another host (Firebug through a proxy) says the URL's authority instead; a request
//   without Host gets it where HTTP/2's `:authority` stood, else first, from the URL — marked
//   as added by Hookscope;
// - any other version than HTTP/1.x (`HTTP/2`, `h3`) is kept as written in `recordedVersion`,
//   which export writes back; HTTP/2 and HTTP/3 pseudo-headers are dropped;
// - HAR bodies are already decoded, so Transfer-Encoding is dropped and Content-Length is set to
//   the size of the body (added when missing and the body is not empty). A body the file left
//   out (a Content-Length above 0 and no postData) is not made up: the header stays as recorded
//   and the note says "Body not in HAR" (CapturedRequest::missingBodyBytes());
// - Content-Type is added from postData.mimeType when the request has a body but no Content-Type;
// - a header value of several lines (older Chrome tools and Firebug join Set-Cookie lines with
//   "\n") becomes one header line per line, as on the wire; a CR that ends no line, or a NUL, is
//   refused;
// - a body given only as postData.params is rebuilt as name=value pairs joined by "&" (for
//   application/x-www-form-urlencoded); HTTP Toolkit's `_content` is read when postData is absent;
// - header values are the UTF-8 bytes of their strings; the `cookies` arrays are not read (the
//   Cookie header carries the same data); timings are not read.
// A field Hookscope reads must have the right type when present; fields it does not read are
// not checked. Our own entries carry the note in `_hookscope.note`.
//
// Sent attempts (what the sender stored, schema version 2) are exported after the captured
// requests, one entry per attempt in the order they were stored: `request` holds what was
// written (method, target, version and headers split from the exact head; postData the body
// sent), `response` what came back (status 0 with empty fields when nothing did; statusText is
// the reason phrase as received). Their custom object is `_outbound`, never `_hookscope`:
// message_uid, destination (index), attempt, final, outcome, error (null when none), peer,
// started_at_ms, duration_ms, retry_in_ms (null when final), request_head_base64,
// request_body_size, response_head_base64 (when a response came) and response_truncated.
// Import skips entries with `_outbound`: Hookscope does not import sent messages yet, and
// they are never taken for captured requests.

#include "capturedrequest.h"
#include "outbound.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QString>

#include <functional>

namespace Session {

/// The URL the sender of `request` used to reach Hookscope, as HAR export writes it: an
/// absolute-form target as it is, otherwise https:// (over TLS) or http://, the Host header
/// (127.0.0.1:<local port> without one) and the origin-form target byte for byte. OPTIONS * is
/// the bare origin; CONNECT's target is the authority.
QByteArray requestUrl(const CapturedRequest &request);

/**
 * Writes a HAR 1.2 document to a device as it goes: memory stays bounded whatever the number of
 * entries. Call begin(), write() per request, then finish(). For a file, pass a QSaveFile and
 * commit it after finish() so a failed export leaves no half-written file.
 */
class HarWriter
{
    Q_DECLARE_TR_FUNCTIONS(Session::HarWriter)

public:
    explicit HarWriter(QIODevice *out);
    HarWriter(const HarWriter &) = delete;
    HarWriter &operator=(const HarWriter &) = delete;

    /// Writes `{"log":{"version":"1.2","creator":{...},"pages":[],"entries":[`.
    bool begin();
    /// Appends one entry. Returns false with error() when the device fails.
    bool write(const CapturedRequest &request);
    /// Appends one entry for an attempt the sender made (see the notes on sent attempts above).
    bool write(const OutboundAttempt &attempt);
    /// Closes the document and flushes everything to the device.
    bool finish();

    /// Why the last call failed, for the user.
    QString error() const { return m_error; }
    qint64 entriesWritten() const { return m_entries; }

private:
    template<typename Record>
    bool writeEntry(const Record &record);
    bool flush();
    bool fail(const QString &message);

    enum class State { Fresh, Open, Finished, Failed };

    QIODevice *m_out;
    QByteArray m_buffer;
    QString m_error;
    qint64 m_entries = 0;
    State m_state = State::Fresh;
};

/**
 * Reads a HAR document and calls `onEntry` for each entry in order. Ids come from `_hookscope`
 * when present, else they are 0. Returns false with `*error` naming the first bad field, e.g.
 * "log.entries[3].request.method: missing". Entries before a bad one have already been passed on,
 * so callers import inside a transaction and roll back on failure. When `onEntry` returns false,
 * reading stops and readHar returns false ("log.entries[N]: import stopped").
 */
/// What an import should tell the user about the file as a whole.
struct HarReadSummary
{
    /// Entries of sent attempts (with `_outbound`): not captured requests, so skipped.
    qint64 skippedSent = 0;
    /// Entries with a header value of several lines, split into header lines.
    qint64 splitValues = 0;
    /// Entries whose body the file left out (a Content-Length and no postData).
    qint64 bodiesNotInHar = 0;
    /// Entries whose record carries a note (CapturedRequest::note): what was added or changed.
    qint64 withNotes = 0;
};

/// `summary`, when given, counts what the user should hear about (see HarReadSummary).
bool readHar(QIODevice *in, const std::function<bool(CapturedRequest &&)> &onEntry, QString *error,
             HarReadSummary *summary = nullptr);

} // namespace Session
