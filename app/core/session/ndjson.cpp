#include "ndjson.h"

namespace Session {

namespace {

bool isValidUtf8(QByteArrayView s)
{
    qsizetype i = 0;
    const qsizetype n = s.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra;
        quint32 cp;
        if (c >= 0xc2 && c <= 0xdf) {
            extra = 1;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            extra = 2;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        for (int k = 1; k <= extra; ++k) {
            if (i + k >= n)
                return false;
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (cc & 0x3f);
        }
        // No overlong forms, no surrogates, nothing past U+10FFFF.
        if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += extra + 1;
    }
    return true;
}

void appendEscaped(QByteArray &out, char c)
{
    static const char hex[] = "0123456789abcdef";
    switch (c) {
    case '"':
        out += "\\\"";
        return;
    case '\\':
        out += "\\\\";
        return;
    case '\n':
        out += "\\n";
        return;
    case '\r':
        out += "\\r";
        return;
    case '\t':
        out += "\\t";
        return;
    default:
        break;
    }
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
        out += "\\u00";
        out += hex[u >> 4];
        out += hex[u & 0xf];
    } else {
        out += c;
    }
}

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

void appendJsonString(QByteArray &out, QByteArrayView bytes)
{
    out += '"';
    if (isValidUtf8(bytes)) {
        for (char c : bytes)
            appendEscaped(out, c);
    } else {
        for (char c : bytes) {
            const auto u = static_cast<unsigned char>(c);
            if (u < 0x80) {
                appendEscaped(out, c);
            } else { // Latin-1: byte value = code point, written as UTF-8
                out += char(0xc0 | (u >> 6));
                out += char(0x80 | (u & 0x3f));
            }
        }
    }
    out += '"';
}

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
