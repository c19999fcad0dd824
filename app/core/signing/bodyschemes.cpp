#include "bodyschemes.h"

namespace Signing {

namespace {

constexpr QByteArrayView sha256Header = "X-Hub-Signature-256";
constexpr QByteArrayView sha1Header = "X-Hub-Signature";

} // namespace

GitHubScheme::GitHubScheme()
    : HmacScheme({QLatin1String("github"), QLatin1String("GitHub"), 0, false})
{
}

QList<QByteArrayView> GitHubScheme::signatureHeaders() const
{
    return {sha256Header, sha1Header};
}

Parsed GitHubScheme::parse(const Http::Request &request) const
{
    Parsed p;
    QByteArrayView value;
    const bool sha256 = findHeader(request, sha256Header, &p.headerName, &value);
    if (!sha256 && !findHeader(request, sha1Header, &p.headerName, &value))
        return missing(sha256Header);
    const QByteArray version = sha256 ? "sha256" : "sha1";
    p.knownVersions = version;
    p.received = {value.toByteArray()};
    QByteArrayView prefix, hex;
    if (!splitPair(value, &prefix, &hex))
        return malformed(p, tr("%1 is not %2=<hex>").arg(QLatin1String(p.headerName), QLatin1String(version)));
    if (prefix != version)
        return p; // another algorithm: nothing this code checks, so no secret matches
    ReceivedSignature s{version, {}};
    if (!decodeHex(hex, sha256 ? 32 : 20, &s.bytes))
        return malformed(
            p,
            tr("the %1 signature is not %2 hex digits").arg(QLatin1String(version), QString::number(sha256 ? 64 : 40)));
    p.signatures.append(s);
    return p;
}

QByteArray GitHubScheme::signedBytes(const Parsed &, const Material &material) const
{
    return material.body.toByteArray();
}

QCryptographicHash::Algorithm GitHubScheme::algorithm(const Parsed &parsed) const
{
    return parsed.knownVersions == "sha1" ? QCryptographicHash::Sha1 : QCryptographicHash::Sha256;
}

QByteArray GitHubScheme::spell(const Parsed &parsed, QByteArrayView mac) const
{
    return (parsed.knownVersions == "sha1" ? "sha1=" : "sha256=") + mac.toByteArray().toHex();
}

Signed GitHubScheme::sign(const Key &key, QByteArrayView body, const QString &, const SignOptions &) const
{
    // GitHub sends both, the legacy SHA-1 header first.
    Parsed sha1;
    sha1.knownVersions = "sha1";
    Parsed sha256;
    sha256.knownVersions = "sha256";
    const Material material{body, {}, true};
    Signed out;
    out.headers = {{sha1Header.toByteArray(), signature(sha1, material, key)},
                   {sha256Header.toByteArray(), signature(sha256, material, key)}};
    return out;
}

ShopifyScheme::ShopifyScheme()
    : HmacScheme({QLatin1String("shopify"), QLatin1String("Shopify"), 0, false})
{
}

Parsed ShopifyScheme::parse(const Http::Request &request) const
{
    Parsed p;
    QByteArrayView value;
    const QByteArrayView header = signatureHeaders().constFirst();
    if (!findHeader(request, header, &p.headerName, &value))
        return missing(header);
    p.received = {value.toByteArray()};
    ReceivedSignature s;
    if (!decodeBase64(value, 32, &s.bytes))
        return malformed(p, tr("%1 is not 32 bytes of base64").arg(QLatin1String(p.headerName)));
    p.signatures.append(s);
    return p;
}

QByteArray ShopifyScheme::signedBytes(const Parsed &, const Material &material) const
{
    return material.body.toByteArray();
}

Signed ShopifyScheme::sign(const Key &key, QByteArrayView body, const QString &, const SignOptions &) const
{
    Signed out;
    out.headers = {{signatureHeaders().constFirst().toByteArray(), signature({}, {body, {}, true}, key)}};
    return out;
}

} // namespace Signing
