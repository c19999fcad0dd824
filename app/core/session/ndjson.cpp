#include "ndjson.h"
#include "jsontext.h"

namespace Session {

namespace {

void appendFields(QByteArray &out, const Http::Request &r, bool trailers)
{
    out += '[';
    const qsizetype count = trailers ? r.trailerCount() : r.headerCount();
    for (qsizetype i = 0; i < count; ++i) {
        const Http::Field f = trailers ? r.trailer(i) : r.header(i);
        if (i)
            out += ',';
        out += '[';
        appendJsonString(out, f.name);
        out += ',';
        appendJsonString(out, f.value);
        out += ']';
    }
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

} // namespace

QByteArray toNdjsonLine(const CapturedRequest &c)
{
    const Http::Request &r = c.request;
    QByteArray out;
    out.reserve(512 + r.rawHead().size() + r.body().size() * 4 / 3 + c.raw.size() * 4 / 3);
    out += "{\"id\":";
    out += QByteArray::number(c.id);
    appendKey(out, "received_at");
    out += '"' + rfc3339Utc(c.receivedAtMs) + '"';
    appendKey(out, "remote");
    appendJsonString(out, c.remote().toUtf8());
    appendKey(out, "tls");
    out += c.tls ? "true" : "false";
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
    out += '"' + r.body().toBase64() + '"';
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
        out += '"' + c.raw.toBase64() + '"';
    }
    out += "}\n";
    return out;
}

} // namespace Session
