#include "har.h"
#include "harurl.h"
#include "http/syntax.h"

#include "http/requestreader.h"
#include "ndjson.h"

#include <QCoreApplication>
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
// Reading. Every failure names the JSON path of the first bad field.

using Http::Syntax::isToken;
using Http::Syntax::isTokenChar;

qint64 daysFromCivil(qint64 y, int m, int d)
{
    // Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const qint64 yoe = y - era * 400;
    const qint64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const qint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

// ISO 8601 as HAR tools write it: "2024-03-05T10:15:30.123Z", "...30.1234567+01:00" (Fiddler).
// Fractions past milliseconds are cut; a missing zone is read as UTC.
bool parseDateTime(const QString &text, qint64 *ms)
{
    const QByteArray s = text.toLatin1();
    qsizetype pos = 0;
    const auto number = [&](int digits, int *value) {
        if (pos + digits > s.size())
            return false;
        *value = 0;
        for (int i = 0; i < digits; ++i, ++pos) {
            if (s[pos] < '0' || s[pos] > '9')
                return false;
            *value = *value * 10 + (s[pos] - '0');
        }
        return true;
    };
    const auto expect = [&](const char *oneOf) {
        if (pos >= s.size() || s[pos] == '\0' || !std::strchr(oneOf, s[pos]))
            return false;
        ++pos;
        return true;
    };
    int year, month, day, hour, minute, second;
    if (!number(4, &year) || !expect("-") || !number(2, &month) || !expect("-") || !number(2, &day) || !expect("Tt ") ||
        !number(2, &hour) || !expect(":") || !number(2, &minute) || !expect(":") || !number(2, &second))
        return false;
    int millis = 0;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        const qsizetype start = ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (pos - start < 3)
                millis = millis * 10 + (s[pos] - '0');
            ++pos;
        }
        if (pos == start)
            return false;
        for (qsizetype n = pos - start; n < 3; ++n)
            millis *= 10;
    }
    int offsetMinutes = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        const int sign = s[pos++] == '-' ? -1 : 1;
        int oh = 0, om = 0;
        if (!number(2, &oh) || oh > 23)
            return false;
        if (pos < s.size() && s[pos] == ':')
            ++pos;
        if (pos < s.size() && (!number(2, &om) || om > 59))
            return false;
        offsetMinutes = sign * (oh * 60 + om);
    }
    static const int monthDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (pos != s.size() || month < 1 || month > 12 || day < 1 || day > monthDays[month - 1] ||
        (month == 2 && day == 29 && !leap) || hour > 23 || minute > 59 || second > 60)
        return false;
    const qint64 seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
    *ms = (seconds - offsetMinutes * 60) * 1000 + millis;
    return true;
}

class HarReader
{
    Q_DECLARE_TR_FUNCTIONS(Session::HarReader)

public:
    QString error;

    /// "log.entries[3].request.method: missing": where in the document, and what is wrong there.
    static QString problem(const QString &path, const QString &what) { return tr("%1: %2").arg(path, what); }

    bool readEntry(const QJsonObject &entry, const QString &path, CapturedRequest &c);

private:
    enum Need { Required, Optional };

    bool fail(const QString &path, const QString &what)
    {
        error = problem(path, what);
        return false;
    }
    // Looks up `key`; false with an error when a required field is missing or a field present has
    // another type. An absent or null optional field leaves *out undefined.
    bool get(const QJsonObject &o, const QString &path, const char *key, QJsonValue::Type type, Need need,
             QJsonValue *out);
    bool getInt(const QJsonObject &o, const QString &path, const char *key, qint64 min, qint64 max, Need need,
                qint64 *out);
    bool base64(const QJsonValue &v, const QString &path, QByteArray *out);
    bool bodyText(const QJsonObject &o, const QString &path, QByteArray *out);
    bool requestBody(const QJsonObject &request, const QString &path, QByteArray *body, QByteArray *mimeType);
    bool headerList(const QJsonObject &o, const QString &path, bool strict, Http::HeaderList *out);
    bool ownRequest(const QJsonObject &own, const QString &path, const QByteArray &body, CapturedRequest &c);
    bool foreignRequest(const QJsonObject &request, const QString &path, const QByteArray &body,
                        const QByteArray &mimeType, CapturedRequest &c);
    bool readResponse(const QJsonObject &response, const QString &path, const QJsonObject *own, const QString &ownPath,
                      CapturedRequest &c);
};

QString typeName(QJsonValue::Type type)
{
    switch (type) {
    case QJsonValue::String:
        return HarReader::tr("not a string");
    case QJsonValue::Double:
        return HarReader::tr("not a number");
    case QJsonValue::Array:
        return HarReader::tr("not an array");
    case QJsonValue::Object:
        return HarReader::tr("not an object");
    case QJsonValue::Bool:
        return HarReader::tr("not true or false");
    default:
        return HarReader::tr("of the wrong type");
    }
}

QString sub(const QString &path, const char *key)
{
    return path + QLatin1Char('.') + QLatin1String(key);
}

QString indexed(const QString &path, qsizetype i)
{
    return path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
}

bool HarReader::get(const QJsonObject &o, const QString &path, const char *key, QJsonValue::Type type, Need need,
                    QJsonValue *out)
{
    const QJsonValue v = o.value(QLatin1String(key));
    *out = QJsonValue(QJsonValue::Undefined);
    if (v.isUndefined() || (v.isNull() && need == Optional))
        return need == Optional || fail(sub(path, key), tr("missing"));
    if (v.type() != type)
        return fail(sub(path, key), typeName(type));
    *out = v;
    return true;
}

bool HarReader::getInt(const QJsonObject &o, const QString &path, const char *key, qint64 min, qint64 max, Need need,
                       qint64 *out)
{
    QJsonValue v;
    if (!get(o, path, key, QJsonValue::Double, need, &v))
        return false;
    if (v.isUndefined())
        return true;
    const double d = v.toDouble();
    if (!(d >= static_cast<double>(min) && d <= static_cast<double>(max)) || std::trunc(d) != d)
        return fail(sub(path, key), tr("not an integer from %1 to %2").arg(min).arg(max));
    // Integers past 2^53 keep their exact value in QJsonValue; the double is only for the checks.
    *out = qBound(min, v.toInteger(d >= 9.2e18 ? max : static_cast<qint64>(d)), max);
    return true;
}

bool HarReader::base64(const QJsonValue &v, const QString &path, QByteArray *out)
{
    auto result = QByteArray::fromBase64Encoding(v.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    // toLatin1() maps characters past U+00FF to '?', which the decoder rejects.
    if (!result)
        return fail(path, tr("not valid base64"));
    *out = std::move(result.decoded);
    return true;
}

// `text` with an optional `encoding` ("base64"), as in content and (our convention) postData.
bool HarReader::bodyText(const QJsonObject &o, const QString &path, QByteArray *out)
{
    QJsonValue text, encoding;
    if (!get(o, path, "text", QJsonValue::String, Optional, &text) ||
        !get(o, path, "encoding", QJsonValue::String, Optional, &encoding))
        return false;
    const QString coding = encoding.toString();
    if (!coding.isEmpty() && coding.compare(QLatin1String("base64"), Qt::CaseInsensitive) != 0)
        return fail(sub(path, "encoding"), tr("unsupported encoding '%1'").arg(coding));
    if (coding.isEmpty()) {
        *out = text.toString().toUtf8();
        return true;
    }
    return base64(text, sub(path, "text"), out);
}

bool HarReader::requestBody(const QJsonObject &request, const QString &path, QByteArray *body, QByteArray *mimeType)
{
    QJsonValue postData, params, mime, content;
    if (!get(request, path, "postData", QJsonValue::Object, Optional, &postData))
        return false;
    if (postData.isUndefined()) {
        // HTTP Toolkit keeps a body that is not UTF-8 in `_content` instead of postData.
        if (!get(request, path, "_content", QJsonValue::Object, Optional, &content))
            return false;
        return content.isUndefined() || bodyText(content.toObject(), sub(path, "_content"), body);
    }
    const QJsonObject pd = postData.toObject();
    const QString pdPath = sub(path, "postData");
    if (!get(pd, pdPath, "mimeType", QJsonValue::String, Optional, &mime) ||
        !get(pd, pdPath, "params", QJsonValue::Array, Optional, &params))
        return false;
    *mimeType = mime.toString().toUtf8();
    if (pd.contains(QLatin1String("text")) || params.isUndefined() || params.toArray().isEmpty())
        return bodyText(pd, pdPath, body);
    // HAR 1.2 allows params instead of text for URL-encoded forms: rebuild the body from them.
    if (!mimeType->isEmpty() && !mimeType->startsWith("application/x-www-form-urlencoded"))
        return fail(sub(pdPath, "text"), tr("missing (only a URL-encoded form can be rebuilt from params)"));
    const QJsonArray list = params.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString pPath = indexed(sub(pdPath, "params"), i);
        if (!list.at(i).isObject())
            return fail(pPath, typeName(QJsonValue::Object));
        QJsonValue name, value;
        if (!get(list.at(i).toObject(), pPath, "name", QJsonValue::String, Required, &name) ||
            !get(list.at(i).toObject(), pPath, "value", QJsonValue::String, Optional, &value))
            return false;
        if (i)
            *body += '&';
        *body += name.toString().toUtf8() + '=' + value.toString().toUtf8();
    }
    return true;
}

// `strict`: names must be tokens and values free of control characters other than HTAB, as the
// request reader demands (RFC 9110 §5.1, §5.5). Otherwise only CR, LF and NUL are refused: no
// answer could have carried them. Pseudo-headers (":status") are left out when strict.
bool HarReader::headerList(const QJsonObject &o, const QString &path, bool strict, Http::HeaderList *out)
{
    QJsonValue headers;
    if (!get(o, path, "headers", QJsonValue::Array, strict ? Required : Optional, &headers))
        return false;
    const QJsonArray list = headers.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString hPath = indexed(sub(path, "headers"), i);
        if (!list.at(i).isObject())
            return fail(hPath, typeName(QJsonValue::Object));
        QJsonValue name, value;
        if (!get(list.at(i).toObject(), hPath, "name", QJsonValue::String, Required, &name) ||
            !get(list.at(i).toObject(), hPath, "value", QJsonValue::String, Required, &value))
            return false;
        const QByteArray n = name.toString().toUtf8();
        const QByteArray v = value.toString().toUtf8();
        if (n.isEmpty())
            return fail(sub(hPath, "name"), tr("empty"));
        if (v.contains('\r') || v.contains('\n') || v.contains('\0'))
            return fail(sub(hPath, "value"), tr("contains CR, LF or NUL"));
        if (strict) {
            const bool pseudo = n.startsWith(':');
            if (!pseudo && !isToken(n))
                return fail(sub(hPath, "name"), tr("not a valid header name"));
            for (char ch : v) {
                if ((static_cast<unsigned char>(ch) < 0x20 && ch != '\t') || ch == 0x7f)
                    return fail(sub(hPath, "value"), tr("contains a control character"));
            }
        } else if (n.contains('\r') || n.contains('\n') || n.contains('\0')) {
            return fail(sub(hPath, "name"), tr("contains CR, LF or NUL"));
        }
        out->append({n, v});
    }
    return true;
}

// Reads `wire` as exactly one complete request; false with the reader's reason otherwise.
bool readWhole(const QByteArray &wire, Http::Request *out, QString *reason)
{
    Http::RequestReader reader(Http::RequestReader::unlimited());
    qsizetype pos = 0;
    while (true) {
        const Http::RequestReader::Step step = reader.feed(QByteArrayView(wire).sliced(pos));
        pos += step.consumed;
        switch (step.event) {
        case Http::RequestReader::Event::HeadComplete:
            continue;
        case Http::RequestReader::Event::NeedMore:
            *reason = HarReader::tr("the request ends early");
            return false;
        case Http::RequestReader::Event::Failed:
            *reason = reader.error().reason;
            return false;
        case Http::RequestReader::Event::MessageComplete:
            if (pos != wire.size()) {
                *reason = HarReader::tr("the body does not fit the request's framing");
                return false;
            }
            *out = reader.takeRequest();
            return true;
        }
    }
}

bool parseHostPort(const QString &s, QHostAddress *address, quint16 *port)
{
    const qsizetype colon = s.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    QString host = s.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint p = s.mid(colon + 1).toUInt(&ok);
    if (!ok || p > 65535 || !address->setAddress(host))
        return false;
    *port = static_cast<quint16>(p);
    return true;
}

bool HarReader::ownRequest(const QJsonObject &own, const QString &path, const QByteArray &body, CapturedRequest &c)
{
    qint64 localPort = 0;
    QJsonValue remote, tls, rejected, error, raw, head, framing;
    if (!getInt(own, path, "id", std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max(), Optional,
                &c.id) ||
        !getInt(own, path, "received_at_ms", std::numeric_limits<qint64>::min() / 2,
                std::numeric_limits<qint64>::max() / 2, Optional, &c.receivedAtMs) ||
        !get(own, path, "remote", QJsonValue::String, Optional, &remote) ||
        !getInt(own, path, "local_port", 0, 65535, Optional, &localPort) ||
        !get(own, path, "tls", QJsonValue::Bool, Optional, &tls) ||
        !get(own, path, "rejected", QJsonValue::Bool, Optional, &rejected))
        return false;
    if (!remote.isUndefined() && !parseHostPort(remote.toString(), &c.remoteAddress, &c.remotePort))
        return fail(sub(path, "remote"), tr("not an address:port"));
    c.localPort = static_cast<quint16>(localPort);
    c.tls = tls.toBool();
    c.rejected = rejected.toBool();
    if (c.rejected) {
        if (!get(own, path, "error", QJsonValue::Object, Required, &error) ||
            !get(own, path, "raw_base64", QJsonValue::String, Required, &raw) ||
            !base64(raw, sub(path, "raw_base64"), &c.raw))
            return false;
        const QJsonObject e = error.toObject();
        const QString ePath = sub(path, "error");
        qint64 status = 0;
        QJsonValue reason;
        if (!getInt(e, ePath, "status", 0, 999, Required, &status) ||
            !get(e, ePath, "reason", QJsonValue::String, Required, &reason) ||
            !getInt(e, ePath, "offset", -1, std::numeric_limits<qint64>::max(), Required, &c.errorOffset))
            return false;
        c.errorStatus = static_cast<int>(status);
        c.errorReason = reason.toString();
        c.request = Http::RequestReader::restorePartial(c.raw);
        return true;
    }
    QByteArray headBytes, framingBytes;
    if (!get(own, path, "head_base64", QJsonValue::String, Required, &head) ||
        !base64(head, sub(path, "head_base64"), &headBytes) ||
        !get(own, path, "framing_base64", QJsonValue::String, Optional, &framing) ||
        (!framing.isUndefined() && !base64(framing, sub(path, "framing_base64"), &framingBytes)))
        return false;
    const QByteArray wire =
        framingBytes.isEmpty() ? headBytes + body : Http::Request::chunkedWire(headBytes, framingBytes, body);
    QString reason;
    if (!readWhole(wire, &c.request, &reason))
        return fail(sub(path, "head_base64"), tr("does not make a request with this body: %1").arg(reason));
    return true;
}

bool HarReader::foreignRequest(const QJsonObject &request, const QString &path, const QByteArray &body,
                               const QByteArray &mimeType, CapturedRequest &c)
{
    QJsonValue methodValue, urlValue, versionValue;
    if (!get(request, path, "method", QJsonValue::String, Required, &methodValue) ||
        !get(request, path, "url", QJsonValue::String, Required, &urlValue) ||
        !get(request, path, "httpVersion", QJsonValue::String, Optional, &versionValue))
        return false;
    const QByteArray method = methodValue.toString().toUtf8();
    if (method.isEmpty())
        return fail(sub(path, "method"), tr("empty"));
    if (!isToken(method))
        return fail(sub(path, "method"), tr("not a valid method"));
    if (!body.isEmpty() && (method == "CONNECT" || method == "PRI"))
        return fail(sub(path, "postData"), tr("a %1 request carries no body").arg(QLatin1String(method)));

    // The target is the URL's path and query exactly as written; a fragment is never sent.
    const QByteArray url = urlValue.toString().toUtf8();
    const QString urlPath = sub(path, "url");
    QByteArrayView rest = url;
    if (const qsizetype hash = rest.indexOf('#'); hash >= 0)
        rest.truncate(hash);
    QByteArrayView scheme, authority;
    if (const qsizetype n = HarUrl::schemeLength(rest); n > 0) {
        scheme = rest.first(n);
        rest = rest.sliced(n + 3);
        qsizetype end = 0;
        while (end < rest.size() && rest[end] != '/' && rest[end] != '?')
            ++end;
        authority = rest.first(end);
        if (const qsizetype at = authority.lastIndexOf('@'); at >= 0)
            authority = authority.sliced(at + 1); // userinfo is never sent in Host
        rest = rest.sliced(end);
    } else if (!rest.startsWith('/') && rest != "*") {
        return fail(urlPath, url.isEmpty() ? tr("empty") : tr("not an absolute URL or a path"));
    }
    QByteArray target = rest.startsWith('/') || rest == "*" ? rest.toByteArray() : QByteArray('/' + rest.toByteArray());
    if (method == "CONNECT" && !authority.isEmpty())
        target = authority.toByteArray(); // RFC 9112 §3.2.3: authority-form
    if (std::any_of(url.cbegin(), url.cend(),
                    [](char ch) { return static_cast<unsigned char>(ch) <= 0x20 || ch == 0x7f; }))
        return fail(urlPath, tr("contains a space or control character"));
    c.tls = scheme.compare("https", Qt::CaseInsensitive) == 0 || scheme.compare("wss", Qt::CaseInsensitive) == 0;

    Http::HeaderList headers;
    if (!headerList(request, path, true, &headers))
        return false;
    const auto named = [](const QByteArray &n, const char *name) { return Http::equalsIgnoreCase(n, name); };
    bool hasHost = std::any_of(headers.cbegin(), headers.cend(), [&](const auto &h) { return named(h.first, "Host"); });
    bool hasType = false;
    qsizetype lengthAt = -1;
    Http::HeaderList lines;
    for (auto &[name, value] : headers) {
        if (name.startsWith(':')) {
            // HTTP/2 and HTTP/3 pseudo-headers repeat the request line, except :authority (Host).
            if (named(name, ":authority") && !hasHost) {
                lines.append({QByteArrayLiteral("Host"), value});
                hasHost = true;
            }
            continue;
        }
        // HAR bodies are decoded: the framing is rebuilt for the body at hand below.
        if (named(name, "Transfer-Encoding") || (named(name, "Content-Length") && lengthAt >= 0))
            continue;
        if (named(name, "Content-Length"))
            lengthAt = lines.size();
        hasType = hasType || named(name, "Content-Type");
        lines.append({name, value});
    }
    if (!body.isEmpty() && !hasType && !mimeType.isEmpty()) {
        if (std::any_of(mimeType.cbegin(), mimeType.cend(),
                        [](char ch) { return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f; }))
            return fail(sub(sub(path, "postData"), "mimeType"), tr("contains a control character"));
        lines.append({QByteArrayLiteral("Content-Type"), mimeType});
    }
    if (lengthAt >= 0)
        lines[lengthAt].second = QByteArray::number(body.size());
    else if (!body.isEmpty())
        lines.append({QByteArrayLiteral("Content-Length"), QByteArray::number(body.size())});
    if (!hasHost && !authority.isEmpty())
        lines.prepend({QByteArrayLiteral("Host"), authority.toByteArray()});

    const bool http10 = versionValue.toString().compare(QLatin1String("HTTP/1.0"), Qt::CaseInsensitive) == 0;
    QByteArray head = method + ' ' + target + (http10 ? " HTTP/1.0\r\n" : " HTTP/1.1\r\n");
    for (const auto &[name, value] : std::as_const(lines))
        head += name + ": " + value + "\r\n";
    head += "\r\n";
    QString reason;
    if (!readWhole(head + body, &c.request, &reason))
        return fail(path, tr("cannot be rebuilt as an HTTP/1.1 request: %1").arg(reason));
    return true;
}

bool HarReader::readResponse(const QJsonObject &response, const QString &path, const QJsonObject *own,
                             const QString &ownPath, CapturedRequest &c)
{
    qint64 status = 0;
    QJsonValue content, exact(QJsonValue::Undefined);
    if (!getInt(response, path, "status", 0, 999, Required, &status))
        return false;
    c.responseStatus = static_cast<int>(status);
    if (own && !get(*own, ownPath, "response_headers_base64", QJsonValue::Array, Optional, &exact))
        return false;
    if (!exact.isUndefined()) {
        const QJsonArray list = exact.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString hPath = indexed(sub(ownPath, "response_headers_base64"), i);
            const QJsonArray pair = list.at(i).toArray();
            QByteArray name, value;
            if (pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString())
                return fail(hPath, tr("not a pair of strings"));
            if (!base64(pair.at(0), hPath, &name) || !base64(pair.at(1), hPath, &value))
                return false;
            c.responseHeaders.append({name, value});
        }
    } else {
        Http::HeaderList headers;
        if (!headerList(response, path, false, &headers))
            return false;
        for (auto &h : headers) {
            if (own || !h.first.startsWith(':')) // drop ":status" and friends from HTTP/2 tools
                c.responseHeaders.append(std::move(h));
        }
    }
    if (!get(response, path, "content", QJsonValue::Object, Optional, &content))
        return false;
    return content.isUndefined() || bodyText(content.toObject(), sub(path, "content"), &c.responseBody);
}

bool HarReader::readEntry(const QJsonObject &entry, const QString &path, CapturedRequest &c)
{
    QJsonValue started, request, response, own;
    if (!get(entry, path, "startedDateTime", QJsonValue::String, Required, &started))
        return false;
    if (!parseDateTime(started.toString(), &c.receivedAtMs))
        return fail(sub(path, "startedDateTime"), tr("not an ISO 8601 date and time"));
    if (!get(entry, path, "request", QJsonValue::Object, Required, &request) ||
        !get(entry, path, "response", QJsonValue::Object, Required, &response) ||
        !get(entry, path, "_hookscope", QJsonValue::Object, Optional, &own))
        return false;
    const QString requestPath = sub(path, "request");
    QByteArray body, mimeType;
    if (!requestBody(request.toObject(), requestPath, &body, &mimeType))
        return false;
    const QString ownPath = sub(path, "_hookscope");
    const QJsonObject ownObject = own.toObject();
    if (own.isUndefined() ? !foreignRequest(request.toObject(), requestPath, body, mimeType, c)
                          : !ownRequest(ownObject, ownPath, body, c))
        return false;
    return readResponse(response.toObject(), sub(path, "response"), own.isUndefined() ? nullptr : &ownObject, ownPath,
                        c);
}

} // namespace

bool readHar(QIODevice *in, const std::function<bool(CapturedRequest &&)> &onEntry, QString *error, qint64 *skippedSent)
{
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!in || !in->isReadable())
        return fail(HarReader::tr("the HAR input is not open for reading"));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(in->readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return fail(HarReader::tr("not valid JSON at byte %1: %2")
                        .arg(QString::number(parseError.offset), parseError.errorString()));
    }
    if (!doc.isObject())
        return fail(HarReader::tr("document: not a JSON object"));
    // The paths are the document's own keys: only what is wrong with them is translated.
    const QString logPath = QStringLiteral("log");
    const QJsonValue log = doc.object().value(logPath);
    if (log.isUndefined())
        return fail(HarReader::problem(logPath, HarReader::tr("missing")));
    if (!log.isObject())
        return fail(HarReader::problem(logPath, typeName(QJsonValue::Object)));
    const QString entriesPath = sub(logPath, "entries");
    const QJsonValue entries = log.toObject().value(QLatin1String("entries"));
    if (entries.isUndefined())
        return fail(HarReader::problem(entriesPath, HarReader::tr("missing")));
    if (!entries.isArray())
        return fail(HarReader::problem(entriesPath, typeName(QJsonValue::Array)));
    const QJsonArray list = entries.toArray();
    HarReader reader;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString path = indexed(entriesPath, i);
        if (!list.at(i).isObject())
            return fail(HarReader::problem(path, typeName(QJsonValue::Object)));
        if (list.at(i).toObject().contains(QLatin1String("_outbound"))) {
            if (skippedSent)
                ++*skippedSent;
            continue;
        }
        CapturedRequest c;
        if (!reader.readEntry(list.at(i).toObject(), path, c))
            return fail(reader.error);
        if (!onEntry(std::move(c)))
            return fail(HarReader::problem(path, HarReader::tr("import stopped")));
    }
    return true;
}

} // namespace Session
