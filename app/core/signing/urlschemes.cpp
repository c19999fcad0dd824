#include "urlschemes.h"
#include "signedurl.h"

#include "payload/urlencodedform.h"

#include <algorithm>

namespace Signing {

namespace {

bool isForm(QByteArrayView contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArrayView type = (semicolon < 0 ? contentType : contentType.first(semicolon)).trimmed();
    return Http::equalsIgnoreCase(type, "application/x-www-form-urlencoded");
}

/// Every form parameter, decoded, sorted by name (then value, for repeated names), each written
/// as name then value: what Twilio appends to the URL.
QByteArray sortedParameters(QByteArrayView body)
{
    QList<QPair<QByteArray, QByteArray>> pairs;
    for (const QByteArray &item : body.toByteArray().split('&')) {
        if (item.isEmpty())
            continue;
        const qsizetype eq = item.indexOf('=');
        const QByteArrayView name = eq < 0 ? QByteArrayView(item) : QByteArrayView(item).first(eq);
        const QByteArrayView value = eq < 0 ? QByteArrayView() : QByteArrayView(item).sliced(eq + 1);
        pairs.append({Payload::percentDecode(name, true), Payload::percentDecode(value, true)});
    }
    std::sort(pairs.begin(), pairs.end());
    QByteArray out;
    for (const auto &[name, value] : std::as_const(pairs))
        out += name + value;
    return out;
}

Parsed parseBase64Header(const Scheme &scheme, const Http::Request &request, qsizetype size, Parsed *p)
{
    QByteArrayView value;
    const QByteArrayView header = scheme.signatureHeaders().constFirst();
    if (!findHeader(request, header, &p->headerName, &value)) {
        p->problem = Verdict::MissingHeader;
        p->detail = Scheme::tr("no %1 header").arg(QLatin1String(header));
        return *p;
    }
    p->received = {value.toByteArray()};
    ReceivedSignature s;
    if (!decodeBase64(value, size, &s.bytes)) {
        p->problem = Verdict::MalformedHeader;
        p->detail = Scheme::tr("%1 is not %2 bytes of base64").arg(QLatin1String(p->headerName)).arg(size);
        return *p;
    }
    p->signatures.append(s);
    return *p;
}

QByteArray bodySha256(QByteArrayView body)
{
    return QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
}

} // namespace

TwilioScheme::TwilioScheme()
    : Scheme({QLatin1String("twilio"), QLatin1String("Twilio"), 0, false})
{
}

Parsed TwilioScheme::parse(const Http::Request &request) const
{
    Parsed p;
    p.contentType = request.headerValue("Content-Type").toByteArray();
    return parseBase64Header(*this, request, 20, &p);
}

Check TwilioScheme::check(const Parsed &parsed, const Material &material, const Key &key) const
{
    Check c;
    if (key.kind != Key::Kind::Hmac)
        return c;
    // A bodySHA256 parameter means the body is not a form: the URL alone is signed, the hash
    // in it covers the body.
    const QByteArray bodyHash = urlQueryValue(material.url, "bodySHA256");
    const QByteArray parameters =
        bodyHash.isNull() && isForm(parsed.contentType) ? sortedParameters(material.body) : QByteArray();
    // Twilio's own libraries accept the URL with the default port written out and without any
    // port, whichever the request was signed with.
    QStringList variants{material.url};
    for (const QString &v : {urlWithDefaultPort(material.url), urlWithoutPort(material.url)}) {
        if (!variants.contains(v))
            variants.append(v);
    }
    for (const QString &url : std::as_const(variants)) {
        const QByteArray bytes = url.toUtf8() + parameters;
        const QByteArray mac = hmac(QCryptographicHash::Sha1, key.bytes, bytes);
        const bool matched = anySignatureEquals(parsed, {}, mac);
        if (matched || c.signedBytes.isNull()) {
            c.url = url;
            c.signedBytes = bytes;
            c.expected = mac.toBase64();
        }
        if (matched) {
            c.matched = true;
            break;
        }
    }
    if (c.matched && !bodyHash.isNull() && bodySha256(material.body) != bodyHash.toLower()) {
        c.matched = false;
        c.problem = tr("the signature covers the URL, but the body's SHA-256 is not the URL's bodySHA256: "
                       "the body changed after it was signed");
    }
    return c;
}

Signed TwilioScheme::sign(const Key &key, QByteArrayView body, const QString &url, const SignOptions &options) const
{
    Signed out;
    const QByteArray bodyHash = urlQueryValue(url, "bodySHA256");
    if (!bodyHash.isNull() && bodyHash.toLower() != bodySha256(body)) {
        out.error =
            tr("the URL's bodySHA256 is not the SHA-256 of this body (%1)").arg(QString::fromLatin1(bodySha256(body)));
        return out;
    }
    const QByteArray parameters =
        bodyHash.isNull() && isForm(options.contentType) ? sortedParameters(body) : QByteArray();
    out.headers = {{"X-Twilio-Signature",
                    hmac(QCryptographicHash::Sha1, key.bytes, QByteArray(url.toUtf8() + parameters)).toBase64()}};
    return out;
}

SquareScheme::SquareScheme()
    : HmacScheme({QLatin1String("square"), QLatin1String("Square"), 0, false})
{
}

Parsed SquareScheme::parse(const Http::Request &request) const
{
    Parsed p;
    return parseBase64Header(*this, request, 32, &p);
}

QByteArray SquareScheme::signedBytes(const Parsed &, const Material &material) const
{
    return QByteArray(material.url.toUtf8() + material.body);
}

Signed SquareScheme::sign(const Key &key, QByteArrayView body, const QString &url, const SignOptions &) const
{
    Signed out;
    out.headers = {{"x-square-hmacsha256-signature", signature({}, {body, url, true}, key)}};
    return out;
}

} // namespace Signing
