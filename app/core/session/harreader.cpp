#include "har.h"
#include "hardate.h"
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

class HarReader
{
    Q_DECLARE_TR_FUNCTIONS(Session::HarReader)

public:
    QString error;
    /// What the entry being read needed done to it, for its record's note (see har.h).
    QStringList notes;
    bool splitValues = false; ///< the entry had a header value of several lines

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
    bool headerLines(const QByteArray &name, const QByteArray &value, const QString &path, Http::HeaderList *out);
    void hostLine(Http::HeaderList &lines, QByteArrayView authority, bool tls, bool hadPseudoAuthority);
    void framing(Http::HeaderList &lines, qsizetype lengthAt, const QByteArray &body, bool *bodyLeftOut);
    bool ownRequest(const QJsonObject &own, const QString &path, const QByteArray &body, CapturedRequest &c);
    bool tlsInfo(const QJsonObject &own, const QString &path, Http::TlsInfo *out);
    bool foreignRequest(const QJsonObject &request, const QString &path, const QByteArray &body,
                        const QByteArray &mimeType, CapturedRequest &c);
    void recordVersion(const QString &version, CapturedRequest &c);
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
        if (strict) {
            const bool pseudo = n.startsWith(':');
            if (!pseudo && !isToken(n))
                return fail(sub(hPath, "name"), tr("not a valid header name"));
        } else if (n.contains('\r') || n.contains('\n') || n.contains('\0')) {
            return fail(sub(hPath, "name"), tr("contains CR, LF or NUL"));
        }
        const qsizetype before = out->size();
        if (!headerLines(n, v, sub(hPath, "value"), out))
            return false;
        for (qsizetype j = before; strict && j < out->size(); ++j) {
            for (char ch : std::as_const(out->at(j).second)) {
                if ((static_cast<unsigned char>(ch) < 0x20 && ch != '\t') || ch == 0x7f)
                    return fail(sub(hPath, "value"), tr("contains a control character"));
            }
        }
    }
    return true;
}

// Older Chrome tools and Firebug join the lines of a repeated header (Set-Cookie above all) into
// one value with "\n". Each line was a field line of its own on the wire (RFC 9110 §5.3): it
// becomes one again, and the entry's note says so. A CR that ends no line, or a NUL, could not
// have been sent and is refused.
bool HarReader::headerLines(const QByteArray &name, const QByteArray &value, const QString &path, Http::HeaderList *out)
{
    if (value.contains('\0'))
        return fail(path, tr("contains NUL"));
    if (!value.contains('\n') && !value.contains('\r')) {
        out->append({name, value});
        return true;
    }
    qsizetype lines = 0;
    const QList<QByteArray> parts = value.split('\n');
    for (const QByteArray &part : parts) {
        QByteArrayView line = part;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.contains('\r'))
            return fail(path, tr("contains a CR that ends no line"));
        line = Http::Syntax::trimOws(line);
        if (!line.isEmpty()) {
            out->append({name, line.toByteArray()});
            ++lines;
        }
    }
    if (lines == 0) {
        out->append({name, QByteArray()});
        lines = 1;
    }
    splitValues = true;
    notes.append(tr("%1: a value of several lines in the file, split into %n header lines", nullptr, int(lines))
                     .arg(QString::fromUtf8(name)));
    return true;
}

// Reads `wire` as exactly one complete request; false with the reader's reason otherwise.
// With `bodyMayBeMissing`, a head whose body is not there at all is taken as it is (a body the
// HAR file left out).
bool readWhole(const QByteArray &wire, Http::Request *out, QString *reason, bool bodyMayBeMissing = false)
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
            if (bodyMayBeMissing && reader.inBody() && reader.messageBytes() == wire.size()) {
                Http::Request head = reader.takePartial();
                if (!head.isChunked()) { // a Content-Length body, none of which is here
                    *out = std::move(head);
                    return true;
                }
            }
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
    if (!tlsInfo(own, path, &c.tlsInfo))
        return false;
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
    // An empty body under a Content-Length: an entry imported from a HAR that left its body out.
    if (!readWhole(wire, &c.request, &reason, body.isEmpty() && framingBytes.isEmpty()))
        return fail(sub(path, "head_base64"), tr("does not make a request with this body: %1").arg(reason));
    QJsonValue note;
    if (!get(own, path, "note", QJsonValue::String, Optional, &note))
        return false;
    c.note = note.toString();
    return true;
}

/// `tls_info` as the writer puts it (Stored::appendTlsInfo): each member a string, or absent.
bool HarReader::tlsInfo(const QJsonObject &own, const QString &path, Http::TlsInfo *out)
{
    QJsonValue info;
    if (!get(own, path, "tls_info", QJsonValue::Object, Optional, &info))
        return false;
    const QJsonObject o = info.toObject();
    const QString infoPath = sub(path, "tls_info");
    const std::pair<const char *, QString *> members[] = {
        {"version", &out->version}, {"cipher", &out->cipher}, {"sni", &out->serverName}, {"alpn", &out->alpn}};
    for (const auto &[key, member] : members) {
        QJsonValue v;
        if (!get(o, infoPath, key, QJsonValue::String, Optional, &v))
            return false;
        *member = v.toString();
    }
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
    bool hasType = false, pseudoAuthority = false;
    qsizetype lengthAt = -1;
    Http::HeaderList lines;
    for (auto &[name, value] : headers) {
        if (name.startsWith(':')) {
            // HTTP/2 and HTTP/3 pseudo-headers repeat the request line, except :authority (Host).
            if (named(name, ":authority") && !pseudoAuthority) {
                lines.append({QByteArrayLiteral(":authority"), value}); // hostLine() makes it Host
                pseudoAuthority = true;
            }
            continue;
        }
        // HAR bodies are decoded: the framing is rebuilt for the body at hand below.
        if (named(name, "Transfer-Encoding")) {
            notes.append(
                tr("Transfer-Encoding: %1 left out (the file holds the body decoded)").arg(QString::fromUtf8(value)));
            continue;
        }
        if (named(name, "Content-Length") && lengthAt >= 0) {
            notes.append(tr("a second Content-Length (%1) left out").arg(QString::fromUtf8(value)));
            continue;
        }
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
        notes.append(tr("Content-Type: %1 added by Hookscope (from postData.mimeType; not in the file's headers)")
                         .arg(QString::fromUtf8(mimeType)));
    }
    bool bodyLeftOut = false;
    framing(lines, lengthAt, body, &bodyLeftOut);
    hostLine(lines, authority, c.tls, pseudoAuthority);

    recordVersion(versionValue.toString(), c);
    const bool http10 = versionValue.toString().compare(QLatin1String("HTTP/1.0"), Qt::CaseInsensitive) == 0;
    QByteArray head = method + ' ' + target + (http10 ? " HTTP/1.0\r\n" : " HTTP/1.1\r\n");
    for (const auto &[name, value] : std::as_const(lines))
        head += name + ": " + value + "\r\n";
    head += "\r\n";
    QString reason;
    if (!readWhole(head + body, &c.request, &reason, bodyLeftOut))
        return fail(path, tr("cannot be rebuilt as an HTTP/1.1 request: %1").arg(reason));
    return true;
}

// RFC 9110 §4.2.3: a default port is the same as none; hosts compare without regard to case.
bool sameAuthority(QByteArrayView a, QByteArrayView b, bool tls)
{
    const auto plain = [tls](QByteArrayView s) {
        s = Http::Syntax::trimOws(s);
        const QByteArrayView defaultPort = tls ? QByteArrayView(":443") : QByteArrayView(":80");
        return s.endsWith(defaultPort) ? s.chopped(defaultPort.size()) : s;
    };
    return plain(a).compare(plain(b), Qt::CaseInsensitive) == 0;
}

// The URL is the truth about where the request went (as DevTools and HTTP Toolkit read a HAR):
// a Host line that names another host says the URL's, and a request without one gets it where
// HTTP/2's :authority stood, else first. Each change is in the note.
void HarReader::hostLine(Http::HeaderList &lines, QByteArrayView authority, bool tls, bool hadPseudoAuthority)
{
    const auto isHost = [](const auto &h) { return Http::equalsIgnoreCase(h.first, "Host"); };
    const auto host = std::find_if(lines.begin(), lines.end(), isHost);
    const auto pseudo = std::find_if(lines.begin(), lines.end(), [](const auto &h) { return h.first == ":authority"; });
    if (host != lines.end()) {
        if (!authority.isEmpty() && !sameAuthority(host->second, authority, tls)) {
            notes.append(tr("Host: %1 in the file, but the URL names %2: the URL's host is kept")
                             .arg(QString::fromUtf8(host->second), QString::fromUtf8(authority)));
            host->second = authority.toByteArray();
        }
        if (pseudo != lines.end())
            lines.erase(pseudo);
        return;
    }
    if (hadPseudoAuthority) {
        if (!authority.isEmpty())
            pseudo->second = authority.toByteArray();
        pseudo->first = QByteArrayLiteral("Host");
        notes.append(tr("Host: %1 added by Hookscope (HTTP/2 and HTTP/3 carry it as :authority)")
                         .arg(QString::fromUtf8(pseudo->second)));
        return;
    }
    if (authority.isEmpty())
        return;
    lines.prepend({QByteArrayLiteral("Host"), authority.toByteArray()});
    notes.append(tr("Host: %1 added by Hookscope from the URL (not in the file)").arg(QString::fromUtf8(authority)));
}

// Content-Length for the body the file holds. A body the file left out (a Content-Length, no
// postData) is not made up: the header stays as recorded and the entry says "body not in HAR".
void HarReader::framing(Http::HeaderList &lines, qsizetype lengthAt, const QByteArray &body, bool *bodyLeftOut)
{
    const QByteArray size = QByteArray::number(body.size());
    if (lengthAt < 0) {
        if (body.isEmpty())
            return;
        lines.append({QByteArrayLiteral("Content-Length"), size});
        notes.append(tr("Content-Length: %1 added by Hookscope (not in the file)").arg(QLatin1String(size)));
        return;
    }
    QByteArray &recorded = lines[lengthAt].second;
    bool ok = false;
    const qint64 announced = recorded.toLongLong(&ok);
    const bool digits = std::all_of(recorded.cbegin(), recorded.cend(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (ok && digits && announced > 0 && body.isEmpty()) {
        *bodyLeftOut = true;
        notes.append(tr("Body not in HAR: Content-Length: %1 as recorded, but the file holds no body")
                         .arg(QLatin1String(recorded)));
        return;
    }
    if (recorded != size) {
        notes.append(tr("Content-Length: %1 in the file, set to the %2 bytes of body it holds")
                         .arg(QString::fromUtf8(recorded), QLatin1String(size)));
        recorded = size;
    }
}

// HAR's httpVersion is what the browser or proxy spoke; the head is rebuilt as HTTP/1.1 (1.0 when
// recorded so), and any other version is kept on the record and said in its note.
void HarReader::recordVersion(const QString &version, CapturedRequest &c)
{
    const QString v = version.trimmed();
    if (v.isEmpty() || v.compare(QLatin1String("HTTP/1.1"), Qt::CaseInsensitive) == 0 ||
        v.compare(QLatin1String("HTTP/1.0"), Qt::CaseInsensitive) == 0)
        return;
    const QByteArray bytes = v.toUtf8();
    if (bytes.size() > 32 || !std::all_of(bytes.cbegin(), bytes.cend(), [](char ch) { return ch > 0x20 && ch < 0x7f; }))
        return; // not a version anyone could read
    c.recordedVersion = bytes;
    notes.append(tr("Recorded as %1; the head is shown rebuilt as HTTP/1.1").arg(v));
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
    if (!HarDate::parse(started.toString(), &c.receivedAtMs))
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
    notes.clear();
    splitValues = false;
    if (own.isUndefined() ? !foreignRequest(request.toObject(), requestPath, body, mimeType, c)
                          : !ownRequest(ownObject, ownPath, body, c))
        return false;
    if (!own.isUndefined() && !c.rejected) {
        // Our export writes the version an import recorded (HTTP/2) beside a head in HTTP/1.1.
        const QByteArray version = request.toObject().value(QLatin1String("httpVersion")).toString().toUtf8();
        if (!version.isEmpty() && version != c.request.httpVersion())
            c.recordedVersion = version;
    }
    if (!readResponse(response.toObject(), sub(path, "response"), own.isUndefined() ? nullptr : &ownObject, ownPath, c))
        return false;
    if (!notes.isEmpty()) // an own entry keeps the note it was exported with, and gains these
        c.note += (c.note.isEmpty() ? QString() : QStringLiteral("\n")) + notes.join(QLatin1Char('\n'));
    return true;
}

} // namespace

bool readHar(QIODevice *in, const std::function<bool(CapturedRequest &&)> &onEntry, QString *error,
             HarReadSummary *summary)
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
            if (summary)
                ++summary->skippedSent;
            continue;
        }
        CapturedRequest c;
        if (!reader.readEntry(list.at(i).toObject(), path, c))
            return fail(reader.error);
        if (summary) {
            summary->splitValues += reader.splitValues ? 1 : 0;
            summary->bodiesNotInHar += c.missingBodyBytes() > 0 ? 1 : 0;
            summary->withNotes += c.note.isEmpty() ? 0 : 1;
        }
        if (!onEntry(std::move(c)))
            return fail(HarReader::problem(path, HarReader::tr("import stopped")));
    }
    return true;
}

} // namespace Session
