#include "har.h"
#include "harurl.h"
#include "http/syntax.h"

#include "http/requestreader.h"
#include "loosehead.h"
#include "ndjson.h"
#include "storedrecord.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace Session {

namespace {

// ---------------------------------------------------------------------------------------------
// Writing. JSON is made by hand into one buffer that is handed to the device every kFlushAt
// bytes: a 100,000-row export never holds more than one chunk, and no QJsonDocument is built.

constexpr qsizetype kFlushAt = 1 << 20;

// Header names and values: UTF-8 when valid, else Latin-1 (the NDJSON rule).
void appendString(QByteArray &out, QByteArrayView s)
{
    appendJsonString(out, s);
}

void appendNumber(QByteArray &out, qint64 n)
{
    char buf[24];
    const auto result = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, result.ptr - buf);
}

void appendBase64(QByteArray &out, QByteArrayView bytes)
{
    out += '"';
    out += QByteArray::fromRawData(bytes.data(), bytes.size()).toBase64();
    out += '"';
}

// `"text":"..."` for UTF-8 bodies, else base64 text with `"encoding":"base64"`.
void appendBodyText(QByteArray &out, QByteArrayView body)
{
    out += "\"text\":";
    if (body.isValidUtf8()) {
        appendUtf8JsonString(out, body);
    } else {
        appendBase64(out, body);
        out += ",\"encoding\":\"base64\"";
    }
}

using Http::Syntax::hexValue;
using Http::Syntax::trimOws;

// application/x-www-form-urlencoded decoding: %XX and '+'; a malformed escape stays as written.
QByteArray formDecode(QByteArrayView s)
{
    QByteArray out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%' && i + 2 < s.size() && hexValue(s[i + 1]) >= 0 && hexValue(s[i + 2]) >= 0) {
            out += static_cast<char>(hexValue(s[i + 1]) * 16 + hexValue(s[i + 2]));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

// Calls f(name, value) for each "name=value" element of `list` split at `separator`.
template<typename F>
void forEachPair(QByteArrayView list, char separator, F &&f)
{
    while (!list.isEmpty()) {
        qsizetype end = list.indexOf(separator);
        if (end < 0)
            end = list.size();
        const QByteArrayView element = trimOws(list.first(end));
        list = list.sliced(qMin(end + 1, list.size()));
        if (element.isEmpty())
            continue;
        const qsizetype eq = element.indexOf('=');
        if (eq < 0)
            f(element, QByteArrayView(""));
        else
            f(element.first(eq), element.sliced(eq + 1));
    }
}

void appendNameValue(QByteArray &out, bool &first, QByteArrayView name, QByteArrayView value)
{
    out += first ? "{\"name\":" : ",{\"name\":";
    first = false;
    appendString(out, name);
    out += ",\"value\":";
    appendString(out, value);
    out += '}';
}

using NameValue = std::pair<QByteArrayView, QByteArrayView>;

// `field(i)` gives the i-th of `count` header fields as a NameValue.
template<typename Field>
void appendHeaders(QByteArray &out, qsizetype count, Field field)
{
    out += '[';
    bool first = true;
    for (qsizetype i = 0; i < count; ++i) {
        const NameValue f = field(i);
        appendNameValue(out, first, f.first, f.second);
    }
    out += ']';
}

template<typename Field>
void appendCookies(QByteArray &out, qsizetype count, Field field)
{
    out += '[';
    bool first = true;
    for (qsizetype i = 0; i < count; ++i) {
        const NameValue f = field(i);
        if (Http::equalsIgnoreCase(f.first, "Cookie")) {
            forEachPair(f.second, ';',
                        [&](QByteArrayView name, QByteArrayView value) { appendNameValue(out, first, name, value); });
        }
    }
    out += ']';
}

auto fieldsOf(const Http::Request &r)
{
    return [&r](qsizetype i) {
        const Http::Field f = r.header(i);
        return NameValue(f.name, f.value);
    };
}

auto fieldsOf(const Http::HeaderList &list)
{
    return [&list](qsizetype i) { return NameValue(list.at(i).first, list.at(i).second); };
}

void appendQueryString(QByteArray &out, QByteArrayView target)
{
    out += '[';
    bool first = true;
    const qsizetype question = target.indexOf('?');
    if (question >= 0) {
        QByteArrayView query = target.sliced(question + 1);
        if (const qsizetype hash = query.indexOf('#'); hash >= 0)
            query.truncate(hash);
        forEachPair(query, '&', [&](QByteArrayView name, QByteArrayView value) {
            appendNameValue(out, first, formDecode(name), formDecode(value));
        });
    }
    out += ']';
}

/// What a HAR request object says, from a captured request or from the head of a sent one.
struct RequestParts
{
    QByteArrayView method;
    QByteArray url;
    QByteArrayView version;
    QByteArrayView target;
    QByteArrayView body;
    QByteArrayView contentType;
    qint64 headSize = 0;
    qint64 bodySize = 0;
};

template<typename Field>
void appendRequest(QByteArray &out, const RequestParts &r, qsizetype fieldCount, Field field)
{
    out += "{\"method\":";
    appendString(out, r.method);
    out += ",\"url\":";
    appendString(out, r.url);
    out += ",\"httpVersion\":";
    appendString(out, r.version);
    out += ",\"cookies\":";
    appendCookies(out, fieldCount, field);
    out += ",\"headers\":";
    appendHeaders(out, fieldCount, field);
    out += ",\"queryString\":";
    appendQueryString(out, r.target);
    if (!r.body.isEmpty()) {
        out += ",\"postData\":{\"mimeType\":";
        appendString(out, r.contentType);
        out += ',';
        appendBodyText(out, r.body);
        out += '}';
    }
    out += ",\"headersSize\":";
    appendNumber(out, r.headSize);
    out += ",\"bodySize\":";
    appendNumber(out, r.bodySize);
    out += '}';
}

void appendRequest(QByteArray &out, const CapturedRequest &c)
{
    const Http::Request &r = c.request;
    const bool line = r.hasRequestLine(); // a request rejected early may have none
    const RequestParts parts{.method = r.method(),
                             .url = line ? requestUrl(c) : QByteArray(),
                             .version = c.httpVersion(), // an import's recorded version, where it has one
                             .target = r.target(),
                             .body = r.body(),
                             .contentType = r.headerValue("Content-Type"),
                             .headSize = r.rawHead().size(),
                             .bodySize = r.body().size()};
    appendRequest(out, parts, r.headerCount(), fieldsOf(r));
}

// A response's `,"content":{...},"redirectURL":...`.
void appendContent(QByteArray &out, QByteArrayView body, QByteArrayView mimeType, QByteArrayView location)
{
    out += ",\"content\":{\"size\":";
    appendNumber(out, body.size());
    out += ",\"mimeType\":";
    appendString(out, mimeType);
    out += ',';
    appendBodyText(out, body);
    out += "},\"redirectURL\":";
    appendString(out, location);
}

QByteArrayView responseHeader(const Http::Response &sent, QByteArrayView name)
{
    for (const auto &[n, v] : sent.headers) {
        if (Http::equalsIgnoreCase(n, name))
            return v;
    }
    return QByteArrayView("");
}

void appendResponse(QByteArray &out, const CapturedRequest &c)
{
    const Http::Response sent = c.answerSent(); // a forward's answer, when the sender got that
    const bool answered = sent.status != 0;
    out += "{\"status\":";
    appendNumber(out, sent.status);
    out += ",\"statusText\":";
    appendString(out, !answered               ? QByteArray()
                      : sent.reason.isEmpty() ? Http::Response::standardReason(sent.status)
                                              : sent.reason);
    out += answered ? ",\"httpVersion\":\"HTTP/1.1\"" : ",\"httpVersion\":\"\"";
    out += ",\"cookies\":[],\"headers\":";
    appendHeaders(out, sent.headers.size(), fieldsOf(sent.headers));
    appendContent(out, sent.body, responseHeader(sent, "Content-Type"), responseHeader(sent, "Location"));
    out += ",\"headersSize\":-1,\"bodySize\":";
    appendNumber(out, answered ? sent.body.size() : -1);
    out += '}';
}

void appendHookscope(QByteArray &out, const CapturedRequest &c)
{
    out += "{\"id\":";
    appendNumber(out, c.id);
    out += ",\"received_at_ms\":";
    appendNumber(out, c.receivedAtMs);
    if (!c.remoteAddress.isNull()) {
        out += ",\"remote\":";
        appendString(out, c.remote().toUtf8());
    }
    out += ",\"local_port\":";
    appendNumber(out, c.localPort);
    out += c.tls ? ",\"tls\":true" : ",\"tls\":false";
    if (Stored::hasTlsInfo(c.tlsInfo)) {
        out += ",\"tls_info\":";
        Stored::appendTlsInfo(out, c.tlsInfo, false);
    }
    out += c.rejected ? ",\"rejected\":true" : ",\"rejected\":false";
    const Http::Request &r = c.request;
    if (c.rejected) {
        out += ",\"error\":{\"status\":";
        appendNumber(out, c.errorStatus);
        out += ",\"reason\":";
        appendString(out, c.errorReason.toUtf8());
        out += ",\"offset\":";
        appendNumber(out, c.errorOffset);
        out += "},\"raw_base64\":";
        appendBase64(out, c.raw);
    } else {
        out += ",\"head_base64\":";
        appendBase64(out, r.rawHead());
        if (r.isChunked()) {
            out += ",\"framing_base64\":";
            appendBase64(out, r.chunkFraming());
        }
    }
    if (!c.note.isEmpty()) {
        out += ",\"note\":";
        appendUtf8JsonString(out, c.note.toUtf8());
    }
    // The `headers` strings cannot say which bytes were not UTF-8; only then keep the bytes.
    const Http::HeaderList sentHeaders = c.answerSent().headers;
    const bool allUtf8 = std::all_of(sentHeaders.cbegin(), sentHeaders.cend(),
                                     [](const auto &h) { return h.first.isValidUtf8() && h.second.isValidUtf8(); });
    if (!allUtf8) {
        out += ",\"response_headers_base64\":[";
        for (qsizetype i = 0; i < sentHeaders.size(); ++i) {
            out += i ? ",[" : "[";
            appendBase64(out, sentHeaders.at(i).first);
            out += ',';
            appendBase64(out, sentHeaders.at(i).second);
            out += ']';
        }
        out += ']';
    }
    out += '}';
}

void appendEntry(QByteArray &out, const CapturedRequest &c)
{
    out += "{\"startedDateTime\":\"";
    out += rfc3339Utc(c.receivedAtMs);
    out += "\",\"time\":0,\"request\":";
    appendRequest(out, c);
    out += ",\"response\":";
    appendResponse(out, c);
    out += ",\"cache\":{},\"timings\":{\"blocked\":-1,\"dns\":-1,\"connect\":-1,\"send\":0,\"wait\":0,"
           "\"receive\":0,\"ssl\":-1},\"_hookscope\":";
    appendHookscope(out, c);
    if (c.signature.verdict != Signing::Verdict::NotChecked) {
        out += ",\"_signature\":";
        appendSignatureJson(out, c.signature);
    }
    out += '}';
}

// A sent attempt: the request as the bytes that went out, the response as what came back.
void appendSentRequest(QByteArray &out, const OutboundAttempt &a, const LooseHead &head)
{
    const QByteArray contentType = head.value("Content-Type");
    const RequestParts parts{.method = head.first,
                             .url = a.url.toUtf8(),
                             .version = head.third,
                             .target = head.second,
                             .body = a.requestBody,
                             .contentType = contentType,
                             .headSize = a.requestHead.size(),
                             .bodySize = qMax(a.requestBodyBytes, qint64(a.requestBody.size()))};
    appendRequest(out, parts, head.fields.size(), fieldsOf(head.fields));
}

void appendReceivedResponse(QByteArray &out, const OutboundAttempt &a, const LooseHead &head)
{
    const bool answered = !a.responseHead.isEmpty();
    out += "{\"status\":";
    appendNumber(out, a.status);
    out += ",\"statusText\":";
    appendString(out, head.third);
    out += ",\"httpVersion\":";
    appendString(out, head.first);
    out += ",\"cookies\":[],\"headers\":";
    appendHeaders(out, head.fields.size(), fieldsOf(head.fields));
    appendContent(out, a.responseBody, head.value("Content-Type"), head.value("Location"));
    out += ",\"headersSize\":";
    appendNumber(out, answered ? a.responseHead.size() : -1);
    out += ",\"bodySize\":";
    appendNumber(out, answered ? a.responseBody.size() : -1);
    out += '}';
}

void appendOutbound(QByteArray &out, const OutboundAttempt &a)
{
    out += "{\"message_uid\":";
    appendString(out, a.messageUid);
    out += ",\"destination\":";
    appendNumber(out, a.destination);
    out += ",\"attempt\":";
    appendNumber(out, a.attempt);
    out += a.final ? ",\"final\":true" : ",\"final\":false";
    out += ",\"outcome\":";
    appendString(out, a.outcome.toUtf8());
    out += ",\"error\":";
    if (a.error.isEmpty())
        out += "null";
    else
        appendString(out, a.error.toUtf8());
    out += ",\"peer\":";
    appendString(out, a.peer.toUtf8());
    out += ",\"started_at_ms\":";
    appendNumber(out, a.startedAtMs);
    out += ",\"duration_ms\":";
    appendNumber(out, a.durationMs);
    out += ",\"retry_in_ms\":";
    if (a.final || a.retryInMs < 0)
        out += "null";
    else
        appendNumber(out, a.retryInMs);
    out += ",\"request_head_base64\":";
    appendBase64(out, a.requestHead);
    out += ",\"request_body_size\":";
    appendNumber(out, qMax(a.requestBodyBytes, qint64(a.requestBody.size())));
    if (!a.responseHead.isEmpty()) {
        out += ",\"response_head_base64\":";
        appendBase64(out, a.responseHead);
    }
    out += a.responseTruncated ? ",\"response_truncated\":true}" : ",\"response_truncated\":false}";
}

void appendEntry(QByteArray &out, const OutboundAttempt &a)
{
    out += "{\"startedDateTime\":\"";
    out += rfc3339Utc(a.startedAtMs);
    out += "\",\"time\":";
    appendNumber(out, a.durationMs);
    out += ",\"request\":";
    appendSentRequest(out, a, LooseHead::split(a.requestHead));
    out += ",\"response\":";
    appendReceivedResponse(out, a, LooseHead::split(a.responseHead));
    out += ",\"cache\":{},\"timings\":{\"blocked\":-1,\"dns\":-1,\"connect\":-1,\"send\":0,\"wait\":";
    appendNumber(out, a.durationMs);
    out += ",\"receive\":0,\"ssl\":-1},\"_outbound\":";
    appendOutbound(out, a);
    out += '}';
}

} // namespace

QByteArray requestUrl(const CapturedRequest &c)
{
    const Http::Request &r = c.request;
    const QByteArrayView target = r.target();
    if (HarUrl::schemeLength(target) > 0)
        return target.toByteArray();
    QByteArray url = c.tls ? "https://" : "http://";
    if (r.method() == "CONNECT")
        return url + target.toByteArray();
    const QByteArrayView host = r.headerValue("Host");
    if (host.isEmpty())
        url += "127.0.0.1:" + QByteArray::number(c.localPort);
    else
        url += host;
    if (target.startsWith('/'))
        url += target;
    else if (target != "*")
        url += '/' + target.toByteArray();
    return url;
}

HarWriter::HarWriter(QIODevice *out)
    : m_out(out)
{
}

bool HarWriter::fail(const QString &message)
{
    m_error = message;
    m_state = State::Failed;
    return false;
}

bool HarWriter::flush()
{
    if (m_buffer.isEmpty())
        return true;
    if (m_out->write(m_buffer) != m_buffer.size())
        return fail(tr("could not write the HAR file: %1").arg(m_out->errorString()));
    m_buffer.resize(0); // keeps the capacity for the next chunk
    return true;
}

bool HarWriter::begin()
{
    if (m_state != State::Fresh) // not translated: a caller's mistake
        return fail(QStringLiteral("the HAR document was already begun"));
    if (!m_out || !m_out->isWritable())
        return fail(tr("the HAR output is not open for writing"));
    m_buffer.reserve(kFlushAt + 64 * 1024);
    m_buffer += "{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"Hookscope\",\"version\":\"" HOOKSCOPE_VERSION
                "\"},\"pages\":[],\"entries\":[";
    m_state = State::Open;
    return flush();
}

template<typename Record>
bool HarWriter::writeEntry(const Record &record)
{
    if (m_state != State::Open) // not translated: a caller's mistake
        return m_state == State::Failed ? false : fail(QStringLiteral("write() outside begin() and finish()"));
    m_buffer += m_entries ? ",\n" : "\n"; // one entry per line: easy to grep and diff
    appendEntry(m_buffer, record);
    ++m_entries;
    return m_buffer.size() < kFlushAt || flush();
}

bool HarWriter::write(const CapturedRequest &request)
{
    return writeEntry(request);
}

bool HarWriter::write(const OutboundAttempt &attempt)
{
    return writeEntry(attempt);
}

bool HarWriter::finish()
{
    if (m_state != State::Open) // not translated: a caller's mistake
        return m_state == State::Failed ? false : fail(QStringLiteral("finish() without begin()"));
    m_buffer += m_entries ? "\n]}}\n" : "]}}\n";
    if (!flush())
        return false;
    m_state = State::Finished;
    return true;
}

} // namespace Session
