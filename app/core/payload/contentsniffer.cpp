#include "contentsniffer.h"

#include <cstring>

namespace Payload {

namespace {

bool isTokenChar(char c)
{
    // RFC 9110 §5.6.2 tchar
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool startsWith(QByteArrayView body, const char *magic, qsizetype n)
{
    return body.size() >= n && std::memcmp(body.data(), magic, size_t(n)) == 0;
}

bool startsWithNoCase(QByteArrayView body, QByteArrayView prefix)
{
    return body.size() >= prefix.size() && body.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) == 0;
}

// The image formats a webhook body is likely to carry, by magic number.
QByteArray imageMime(QByteArrayView b)
{
    if (startsWith(b, "\x89PNG\r\n\x1a\n", 8))
        return "image/png";
    if (startsWith(b, "\xff\xd8\xff", 3))
        return "image/jpeg";
    if (startsWith(b, "GIF87a", 6) || startsWith(b, "GIF89a", 6))
        return "image/gif";
    if (b.size() >= 12 && startsWith(b, "RIFF", 4) && std::memcmp(b.data() + 8, "WEBP", 4) == 0)
        return "image/webp";
    return {};
}

// After a BOM and blank space: where the text proper begins.
QByteArrayView textStart(QByteArrayView b)
{
    if (startsWith(b, "\xef\xbb\xbf", 3))
        b = b.sliced(3);
    qsizetype i = 0;
    while (i < b.size() && isBlank(b[i]))
        ++i;
    return b.sliced(i);
}

// A cheap look at the start: an object must open with a member name or close, an array with a
// value or close. The formatter will find any later error; scalars alone are not called JSON,
// since "123" or "true" are more likely plain text.
bool looksLikeJson(QByteArrayView t)
{
    if (t.isEmpty() || (t.front() != '{' && t.front() != '['))
        return false;
    const bool object = t.front() == '{';
    QByteArrayView rest = t.sliced(1);
    qsizetype i = 0;
    while (i < rest.size() && isBlank(rest[i]))
        ++i;
    if (i == rest.size())
        return false;
    const char c = rest[i];
    if (object)
        return c == '"' || c == '}';
    return c == ']' || c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' ||
           c == 'n';
}

enum class Markup { None, Xml, Svg, Html };

Markup looksLikeMarkup(QByteArrayView t)
{
    if (t.size() < 2 || t.front() != '<')
        return Markup::None;
    if (startsWithNoCase(t, "<!doctype html") || startsWithNoCase(t, "<html"))
        return Markup::Html;
    if (startsWithNoCase(t, "<!doctype svg") || startsWith(t, "<svg", 4))
        return Markup::Svg;
    if (startsWith(t, "<?xml", 5)) {
        // An SVG file usually has an XML declaration first; look a little further.
        const QByteArrayView head = t.first(qMin<qsizetype>(t.size(), 1024));
        return head.contains("<svg") ? Markup::Svg : Markup::Xml;
    }
    const char c = t[1];
    if (startsWith(t, "<!--", 4) || startsWithNoCase(t, "<!doctype") || (c >= 'a' && c <= 'z') ||
        (c >= 'A' && c <= 'Z') || c == '_' || c == ':')
        return Markup::Xml;
    return Markup::None;
}

// name=value pairs joined by '&', made only of what a form encoder writes (WHATWG URL
// §5.2: the application/x-www-form-urlencoded serializer percent-encodes everything else).
bool looksLikeForm(QByteArrayView b)
{
    const QByteArrayView head = b.first(qMin<qsizetype>(b.size(), 8192));
    bool sawEquals = false;
    bool nameSeen = false;
    for (char c : head) {
        if (c == '=') {
            if (!nameSeen)
                return false;
            sawEquals = true;
        } else if (c == '&') {
            nameSeen = false;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   std::strchr("%+-._*~!'()[];,/:@", c)) {
            nameSeen = true;
        } else {
            return false;
        }
    }
    return sawEquals;
}

// "--boundary" then a line break, and a part header soon after: a multipart body without its
// Content-Type. The boundary is the rest of the first line (RFC 2046 §5.1.1).
QByteArray multipartBoundary(QByteArrayView b)
{
    if (!startsWith(b, "--", 2))
        return {};
    const qsizetype eol = b.indexOf('\n');
    if (eol < 3 || eol > 2 + 72)
        return {};
    QByteArrayView boundary = b.sliced(2, eol - 2);
    if (boundary.endsWith('\r'))
        boundary.chop(1);
    boundary = boundary.trimmed();
    if (boundary.isEmpty())
        return {};
    const QByteArrayView next = b.sliced(eol + 1, qMin<qsizetype>(b.size() - eol - 1, 1024));
    if (!startsWithNoCase(next, "content-"))
        return {};
    return boundary.toByteArray();
}

// WHATWG MIME Sniffing §7.2: bytes no text file has.
bool looksBinary(QByteArrayView b)
{
    const QByteArrayView head = b.first(qMin<qsizetype>(b.size(), 8192));
    for (char ch : head) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x08 || c == 0x0b || (c >= 0x0e && c <= 0x1a) || (c >= 0x1c && c <= 0x1f))
            return true;
    }
    return false;
}

// keepMime: a text or binary result keeps the declared type rather than a generic one.
ContentInfo fromBytes(ContentInfo info, QByteArrayView body, bool keepMime)
{
    info.fromBytes = true;
    const QByteArray image = imageMime(body);
    if (!image.isEmpty()) {
        info.kind = ContentKind::Image;
        info.mime = image;
        return info;
    }
    const QByteArrayView t = textStart(body);
    if (looksLikeJson(t)) {
        info.kind = ContentKind::Json;
        info.mime = "application/json";
        return info;
    }
    switch (looksLikeMarkup(t)) {
    case Markup::Xml:
        info.kind = ContentKind::Xml;
        info.mime = "application/xml";
        return info;
    case Markup::Svg:
        info.kind = ContentKind::Xml;
        info.mime = "image/svg+xml";
        return info;
    case Markup::Html:
        info.kind = ContentKind::Text;
        info.mime = "text/html";
        return info;
    case Markup::None:
        break;
    }
    const QByteArray boundary = multipartBoundary(body);
    if (!boundary.isEmpty()) {
        info.kind = ContentKind::Multipart;
        info.mime = "multipart/form-data";
        info.boundary = boundary;
        return info;
    }
    if (looksBinary(body)) {
        info.kind = ContentKind::Binary;
        if (!keepMime)
            info.mime = "application/octet-stream";
        return info;
    }
    if (looksLikeForm(body)) {
        info.kind = ContentKind::Form;
        info.mime = "application/x-www-form-urlencoded";
        return info;
    }
    info.kind = ContentKind::Text;
    if (!keepMime)
        info.mime = "text/plain";
    return info;
}

bool isJsonMime(const QByteArray &m)
{
    return m == "application/json" || m == "text/json" || m == "application/x-json" || m.endsWith("+json");
}

bool isXmlMime(const QByteArray &m)
{
    return m == "application/xml" || m == "text/xml" || m.endsWith("+xml");
}

// Types whose declaration says nothing about how to show the bytes.
bool isVague(const QByteArray &m)
{
    return m.isEmpty() || m == "application/octet-stream" || m == "binary/octet-stream" || m == "application/unknown" ||
           m == "application/x-unknown" || m == "*/*" || m == "text/plain" || m == "application/x-binary";
}

// Text formats without a viewer of their own.
bool isOtherText(const QByteArray &m)
{
    static const char *const types[] = {
        "application/javascript", "application/ecmascript", "application/x-javascript", "application/yaml",
        "application/x-yaml",     "application/toml",       "application/graphql",      "application/sql",
        "application/csv",        "application/x-ndjson",   "application/jsonl",        "application/json-seq",
        "application/x-sh",       "application/rtf",        "application/x-httpd-php",
    };
    for (const char *t : types) {
        if (m == t)
            return true;
    }
    return m.startsWith("text/");
}

bool isBinaryFamily(const QByteArray &m)
{
    static const char *const types[] = {
        "application/pdf",        "application/zip",          "application/gzip",
        "application/x-gzip",     "application/x-tar",        "application/x-7z-compressed",
        "application/x-protobuf", "application/protobuf",     "application/x-msgpack",
        "application/msgpack",    "application/cbor",         "application/wasm",
        "application/grpc",       "application/vnd.ms-excel",
    };
    for (const char *t : types) {
        if (m == t)
            return true;
    }
    return m.startsWith("audio/") || m.startsWith("video/") || m.startsWith("font/") || m.startsWith("model/") ||
           m.startsWith("application/grpc") || m.startsWith("application/vnd.openxmlformats");
}

} // namespace

QByteArray MediaType::parameter(QByteArrayView name) const
{
    for (const auto &p : parameters) {
        if (name.compare(p.first, Qt::CaseInsensitive) == 0)
            return p.second;
    }
    return {};
}

MediaType parseMediaType(QByteArrayView value)
{
    MediaType mt;
    qsizetype i = 0;
    const qsizetype n = value.size();
    auto skipBlank = [&] {
        while (i < n && (value[i] == ' ' || value[i] == '\t'))
            ++i;
    };
    skipBlank();
    const qsizetype typeStart = i;
    while (i < n && value[i] != ';')
        ++i;
    mt.value = value.sliced(typeStart, i - typeStart).trimmed().toByteArray().toLower();
    if (mt.value.contains('/'))
        mt.mime = mt.value;
    // RFC 9110 §5.6.6: *( OWS ";" OWS [ parameter ] ), parameter = token "=" ( token / quoted-string )
    while (i < n) {
        ++i; // ';'
        skipBlank();
        const qsizetype nameStart = i;
        while (i < n && value[i] != '=' && value[i] != ';')
            ++i;
        const QByteArray name = value.sliced(nameStart, i - nameStart).trimmed().toByteArray().toLower();
        QByteArray v;
        if (i < n && value[i] == '=') {
            ++i;
            skipBlank();
            if (i < n && value[i] == '"') {
                ++i;
                while (i < n && value[i] != '"') {
                    if (value[i] == '\\' && i + 1 < n && (value[i + 1] == '"' || value[i + 1] == '\\'))
                        ++i;
                    v += value[i++];
                }
                while (i < n && value[i] != ';') // past the closing quote and anything after it
                    ++i;
            } else {
                const qsizetype vStart = i;
                while (i < n && value[i] != ';')
                    ++i;
                v = value.sliced(vStart, i - vStart).trimmed().toByteArray();
            }
        }
        bool valid = !name.isEmpty();
        for (char c : name)
            valid = valid && isTokenChar(c);
        if (valid)
            mt.parameters.append({name, v});
    }
    return mt;
}

ContentInfo sniffContent(QByteArrayView contentType, QByteArrayView body)
{
    const MediaType mt = parseMediaType(contentType);
    ContentInfo info;
    info.mime = mt.mime;
    info.charset = mt.parameter("charset").toLower();
    if (body.isEmpty()) {
        info.kind = ContentKind::Empty;
        return info;
    }
    const QByteArray &m = mt.mime;
    if (isJsonMime(m)) {
        info.kind = ContentKind::Json;
    } else if (isXmlMime(m)) {
        info.kind = ContentKind::Xml; // image/svg+xml included
    } else if (m == "application/x-www-form-urlencoded") {
        info.kind = ContentKind::Form;
    } else if (m.startsWith("multipart/")) {
        info.kind = ContentKind::Multipart;
        info.boundary = mt.parameter("boundary");
        if (info.boundary.isEmpty())
            info.boundary = multipartBoundary(body);
    } else if (m.startsWith("image/")) {
        info.kind = ContentKind::Image;
    } else if (isBinaryFamily(m)) {
        info.kind = ContentKind::Binary;
    } else if (isVague(m)) {
        // Missing, octet-stream or text/plain (often a misdeclared JSON or form body): the bytes decide.
        return fromBytes(info, body, false);
    } else if (isOtherText(m)) {
        info.kind = ContentKind::Text;
    } else {
        // An unknown type: the bytes decide how to show it, the declared type is kept.
        return fromBytes(info, body, true);
    }
    return info;
}

} // namespace Payload
