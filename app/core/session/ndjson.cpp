#include "ndjson.h"
#include "jsontext.h"
#include "loosehead.h"
#include "storedrecord.h"

namespace Session {

namespace {

void appendPair(QByteArray &out, qsizetype i, QByteArrayView name, QByteArrayView value)
{
    if (i)
        out += ',';
    out += '[';
    appendJsonString(out, name);
    out += ',';
    appendJsonString(out, value);
    out += ']';
}

void appendFields(QByteArray &out, const Http::Request &r, bool trailers)
{
    out += '[';
    const qsizetype count = trailers ? r.trailerCount() : r.headerCount();
    for (qsizetype i = 0; i < count; ++i) {
        const Http::Field f = trailers ? r.trailer(i) : r.header(i);
        appendPair(out, i, f.name, f.value);
    }
    out += ']';
}

void appendFields(QByteArray &out, const Http::HeaderList &fields)
{
    out += '[';
    for (qsizetype i = 0; i < fields.size(); ++i)
        appendPair(out, i, fields.at(i).first, fields.at(i).second);
    out += ']';
}

void appendKey(QByteArray &out, const char *key)
{
    out += ",\"";
    out += key;
    out += "\":";
}

void appendStringOrNull(QByteArray &out, QByteArrayView bytes, bool present)
{
    if (present)
        appendJsonString(out, bytes);
    else
        out += "null";
}

/// Base64 of `bytes` into the line, flushing to the sink between pieces (pieces are a multiple of
/// three bytes, so their base64 texts join into the base64 of the whole).
bool appendBase64(QByteArray &out, QByteArrayView bytes, const std::function<bool(QByteArrayView)> &sink)
{
    constexpr qsizetype kPiece = 3 * 1024 * 1024;
    out += '"';
    for (qsizetype done = 0; done < bytes.size(); done += kPiece) {
        const qsizetype n = qMin(kPiece, bytes.size() - done);
        out += QByteArray::fromRawData(bytes.data() + done, n).toBase64();
        if (out.size() >= kPiece) {
            if (!sink(out))
                return false;
            out.clear();
        }
    }
    out += '"';
    return true;
}

/// A sent or received message's headers, its exact head under `headKey`, and its body.
bool appendMessage(QByteArray &out, const LooseHead &split, const char *headKey, QByteArrayView head,
                   QByteArrayView body, qint64 bodySize, const std::function<bool(QByteArrayView)> &sink)
{
    appendKey(out, "headers");
    appendFields(out, split.fields);
    appendKey(out, headKey);
    if (!appendBase64(out, head, sink))
        return false;
    appendKey(out, "body_base64");
    if (!appendBase64(out, body, sink))
        return false;
    appendKey(out, "body_size");
    out += QByteArray::number(bodySize);
    return true;
}

} // namespace

void appendSignatureJson(QByteArray &out, const Signing::Result &s)
{
    if (s.verdict == Signing::Verdict::NotChecked) {
        out += "null";
        return;
    }
    out += "{\"scheme\":";
    appendStringOrNull(out, s.scheme.toUtf8(), !s.scheme.isEmpty());
    out += ",\"status\":";
    appendUtf8JsonString(out, Signing::statusName(s.verdict).toUtf8());
    out += ",\"reason\":";
    const QByteArray reason = Signing::reasonName(s.verdict).toUtf8();
    appendStringOrNull(out, reason, !reason.isEmpty());
    if (s.skewSeconds != 0) {
        out += ",\"skew_seconds\":";
        out += QByteArray::number(s.skewSeconds);
    }
    if (!s.secretLabel.isEmpty()) {
        out += ",\"secret\":";
        appendUtf8JsonString(out, s.secretLabel.toUtf8());
    }
    if (!s.detail.isEmpty()) {
        out += ",\"detail\":";
        appendUtf8JsonString(out, s.detail.toUtf8());
    }
    out += '}';
}

namespace {
template<typename Record>
QByteArray wholeLine(const Record &record, qsizetype reserve)
{
    QByteArray line;
    line.reserve(reserve);
    writeNdjsonLine(record, [&line](QByteArrayView piece) {
        line += piece;
        return true;
    });
    return line;
}
} // namespace

QByteArray toNdjsonLine(const CapturedRequest &c)
{
    return wholeLine(c, 512 + c.request.rawHead().size() + c.request.body().size() * 4 / 3 + c.raw.size() * 4 / 3);
}

QByteArray toNdjsonLine(const OutboundAttempt &a)
{
    return wholeLine(a, 512 + a.requestHead.size() * 4 / 3 + a.requestBody.size() * 4 / 3 +
                            a.responseHead.size() * 7 / 3 + a.responseBody.size() * 4 / 3);
}

bool writeNdjsonLine(const OutboundAttempt &a, const std::function<bool(QByteArrayView)> &sink)
{
    const LooseHead request = LooseHead::split(a.requestHead);
    QByteArray out;
    out.reserve(512 + a.requestHead.size() * 2);
    out += "{\"direction\":\"outbound\"";
    appendKey(out, "message_uid");
    appendJsonString(out, a.messageUid);
    appendKey(out, "destination");
    out += QByteArray::number(a.destination);
    appendKey(out, "url");
    appendJsonString(out, a.url.toUtf8());
    appendKey(out, "attempt");
    out += QByteArray::number(a.attempt);
    appendKey(out, "final");
    out += a.final ? "true" : "false";
    appendKey(out, "started_at");
    out += '"' + rfc3339Utc(a.startedAtMs) + '"';
    appendKey(out, "duration_ms");
    out += QByteArray::number(a.durationMs);
    appendKey(out, "peer");
    appendJsonString(out, a.peer.toUtf8());
    appendKey(out, "method");
    appendJsonString(out, request.first);
    appendKey(out, "target");
    appendJsonString(out, request.second);
    appendKey(out, "http_version");
    appendJsonString(out, request.third);
    if (!appendMessage(out, request, "request_head_base64", a.requestHead, a.requestBody,
                       qMax(a.requestBodyBytes, qint64(a.requestBody.size())), sink))
        return false;
    appendKey(out, "status");
    out += a.status > 0 ? QByteArray::number(a.status) : QByteArray("null");
    appendKey(out, "outcome");
    appendJsonString(out, a.outcome.toUtf8());
    appendKey(out, "error");
    appendStringOrNull(out, a.error.toUtf8(), !a.error.isEmpty());
    appendKey(out, "retry_in_ms");
    out += a.final || a.retryInMs < 0 ? QByteArray("null") : QByteArray::number(a.retryInMs);
    appendKey(out, "response");
    if (a.responseHead.isEmpty()) {
        out += "null}\n";
        return sink(out);
    }
    const LooseHead response = LooseHead::split(a.responseHead);
    out += "{\"http_version\":";
    appendJsonString(out, response.first);
    appendKey(out, "reason");
    appendJsonString(out, response.third);
    if (!appendMessage(out, response, "head_base64", a.responseHead, a.responseBody, a.responseBody.size(), sink))
        return false;
    appendKey(out, "truncated");
    out += a.responseTruncated ? "true" : "false";
    out += "}}\n";
    return sink(out);
}

bool writeNdjsonLine(const CapturedRequest &c, const std::function<bool(QByteArrayView)> &sink,
                     QByteArrayView moreMembers)
{
    const Http::Request &r = c.request;
    QByteArray out;
    out.reserve(512 + r.rawHead().size());
    out += "{\"id\":";
    out += QByteArray::number(c.id);
    appendKey(out, "received_at");
    out += '"' + rfc3339Utc(c.receivedAtMs) + '"';
    appendKey(out, "remote");
    appendJsonString(out, c.remote().toUtf8());
    appendKey(out, "tls");
    out += c.tls ? "true" : "false";
    if (Stored::hasTlsInfo(c.tlsInfo)) { // left out for plain HTTP, like "error" for what was not rejected
        appendKey(out, "tls_info");
        Stored::appendTlsInfo(out, c.tlsInfo, true);
    }
    const bool line = r.hasRequestLine();
    appendKey(out, "method");
    appendStringOrNull(out, r.method(), line);
    appendKey(out, "target");
    appendStringOrNull(out, r.target(), line);
    appendKey(out, "http_version");
    appendStringOrNull(out, r.httpVersion(), line);
    appendKey(out, "headers");
    appendFields(out, r, false);
    appendKey(out, "trailers");
    appendFields(out, r, true);
    appendKey(out, "chunked");
    out += r.isChunked() ? "true" : "false";
    appendKey(out, "body_base64");
    if (!appendBase64(out, r.body(), sink))
        return false;
    appendKey(out, "body_size");
    out += QByteArray::number(r.body().size());
    appendKey(out, "warnings");
    out += '[';
    const QStringList warnings = r.warnings();
    for (qsizetype i = 0; i < warnings.size(); ++i) {
        if (i)
            out += ',';
        appendJsonString(out, warnings.at(i).toUtf8());
    }
    out += ']';
    appendKey(out, "response_status");
    out += c.responseStatus ? QByteArray::number(c.responseStatus) : QByteArray("null");
    appendKey(out, "rejected");
    out += c.rejected ? "true" : "false";
    appendKey(out, "signature");
    appendSignatureJson(out, c.signature);
    if (c.rejected) {
        appendKey(out, "error");
        out += "{\"status\":";
        out += QByteArray::number(c.errorStatus);
        out += ",\"reason\":";
        appendJsonString(out, c.errorReason.toUtf8());
        out += ",\"offset\":";
        out += QByteArray::number(c.errorOffset);
        out += '}';
        appendKey(out, "raw_base64");
        if (!appendBase64(out, c.raw, sink))
            return false;
    }
    if (c.lateAnswer) {
        // The answer waited for a forward: what went out, and why (response_status is the
        // configured answer, as logged).
        const LateAnswer &late = *c.lateAnswer;
        appendKey(out, "late_answer");
        out += "{\"source\":";
        appendJsonString(out, LateAnswer::sourceName(late.source));
        out += ",\"status\":" + QByteArray::number(late.response.status) + ",\"note\":";
        appendJsonString(out, late.note.toUtf8());
        out += '}';
    }
    out += moreMembers;
    out += "}\n";
    return sink(out);
}

} // namespace Session
