#include "standardwebhooks.h"
#include "ed25519.h"

namespace Signing {

namespace {

constexpr QByteArrayView secretPrefix = "whsec_";
constexpr QByteArrayView secretKeyPrefix = "whsk_";
constexpr QByteArrayView publicKeyPrefix = "whpk_";

QByteArray decodeBase64Loosely(QByteArrayView text, bool *ok)
{
    const auto decoded = QByteArray::fromBase64Encoding(text.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    *ok = bool(decoded) && !decoded.decoded.isEmpty();
    return decoded.decoded;
}

QByteArray signedBytes(const Parsed &parsed, QByteArrayView body)
{
    QByteArray bytes;
    bytes.reserve(parsed.id.size() + parsed.timestampText.size() + body.size() + 2);
    bytes += parsed.id;
    bytes += '.';
    bytes += parsed.timestampText;
    bytes += '.';
    bytes += body;
    return bytes;
}

} // namespace

StandardWebhooksScheme::StandardWebhooksScheme(Flavour flavour)
    : Scheme(flavour == Flavour::Svix
                 ? Info{QLatin1String("svix"), QLatin1String("Svix"), 300, true}
                 : Info{QLatin1String("standard-webhooks"), QLatin1String("Standard Webhooks"), 300, true})
{
    const QByteArray prefix = flavour == Flavour::Svix ? "svix-" : "webhook-";
    m_idHeader = prefix + "id";
    m_timestampHeader = prefix + "timestamp";
    m_signatureHeader = prefix + "signature";
}

Key StandardWebhooksScheme::key(QByteArrayView secret, QString *error) const
{
    bool ok = false;
    if (secret.startsWith(secretKeyPrefix)) {
        // A 32-byte seed, or (as libsodium and Go's ed25519 keep it) the seed then the public key.
        const QByteArray raw = decodeBase64Loosely(secret.sliced(secretKeyPrefix.size()), &ok);
        if (!ok || (raw.size() != 32 && raw.size() != 64)) {
            *error = tr("a whsk_ key is 32 or 64 bytes of base64 after the prefix");
            return {};
        }
        Key k{Key::Kind::Ed25519Private, raw.first(Ed25519::SeedSize), {}};
        k.publicKey = Ed25519::publicKey(k.bytes);
        if (k.publicKey.isEmpty() || (raw.size() == 64 && raw.sliced(32) != k.publicKey)) {
            *error = tr("the last 32 bytes of the whsk_ key are not the public key of its first 32");
            return {};
        }
        return k;
    }
    if (secret.startsWith(publicKeyPrefix)) {
        const QByteArray raw = decodeBase64Loosely(secret.sliced(publicKeyPrefix.size()), &ok);
        if (!ok || raw.size() != Ed25519::PublicKeySize) {
            *error = tr("a whpk_ key is 32 bytes of base64 after the prefix");
            return {};
        }
        return {Key::Kind::Ed25519Public, {}, raw};
    }
    const QByteArrayView encoded = secret.startsWith(secretPrefix) ? secret.sliced(secretPrefix.size()) : secret;
    const QByteArray raw = decodeBase64Loosely(encoded, &ok);
    if (!ok) {
        *error = tr("%1 secrets are base64 (after an optional whsec_ prefix); this one is not").arg(title());
        return {};
    }
    return {Key::Kind::Hmac, raw, {}};
}

QList<Misreading> StandardWebhooksScheme::misreadings(QByteArrayView secret) const
{
    if (!secret.startsWith(secretPrefix))
        return {};
    return {
        {{Key::Kind::Hmac, secret.toByteArray(), {}},
         tr("The sender used the whole whsec_ string, prefix included, as the HMAC key (the way Stripe does); "
            "%1 base64-decodes what follows whsec_ and uses those bytes.")
             .arg(title())},
        {{Key::Kind::Hmac, secret.sliced(secretPrefix.size()).toByteArray(), {}},
         tr("The sender used the text after whsec_ as the HMAC key without base64-decoding it; %1 uses the "
            "decoded bytes.")
             .arg(title())},
    };
}

Parsed StandardWebhooksScheme::parse(const Http::Request &request) const
{
    Parsed p;
    QByteArrayView value, id, timestamp;
    QByteArray name;
    if (!findHeader(request, m_signatureHeader, &p.headerName, &value))
        return missing(m_signatureHeader);
    if (!findHeader(request, m_idHeader, &name, &id))
        return missing(m_idHeader);
    if (!findHeader(request, m_timestampHeader, &name, &timestamp))
        return missing(m_timestampHeader);
    p.knownVersions = "v1, v1a";
    p.id = id.toByteArray();
    p.timestampText = timestamp.toByteArray();
    for (const QByteArray &entry : value.toByteArray().split(' ')) {
        if (!entry.isEmpty())
            p.received.append(entry);
    }
    p.hasTimestamp = parseUnixSeconds(timestamp, &p.timestamp);
    if (!p.hasTimestamp)
        return malformed(p, tr("%1 is not a number of seconds").arg(QLatin1String(m_timestampHeader)));
    if (p.received.isEmpty())
        return malformed(p, tr("%1 is empty").arg(QLatin1String(p.headerName)));
    for (const QByteArray &entry : std::as_const(p.received)) {
        const qsizetype comma = entry.indexOf(',');
        if (comma <= 0)
            return malformed(p, tr("\"%1\" is not version,signature").arg(QString::fromUtf8(entry)));
        const QByteArray version = entry.first(comma);
        const qsizetype size = version == "v1" ? 32 : version == "v1a" ? Ed25519::SignatureSize : 0;
        if (size == 0)
            continue; // a version this code does not know: ignored, as the specification asks
        ReceivedSignature s{version, {}};
        if (!decodeBase64(QByteArrayView(entry).sliced(comma + 1), size, &s.bytes))
            return malformed(p, tr("the %1 signature is not %2 bytes of base64")
                                    .arg(QString::fromLatin1(version), QString::number(size)));
        p.signatures.append(s);
    }
    return p;
}

Check StandardWebhooksScheme::check(const Parsed &parsed, const Material &material, const Key &key) const
{
    Check c;
    c.signedBytes = signedBytes(parsed, material.body);
    if (key.kind == Key::Kind::Hmac) {
        const QByteArray mac = hmac(QCryptographicHash::Sha256, key.bytes, c.signedBytes);
        if (material.wantExpected)
            c.expected = "v1," + mac.toBase64();
        c.matched = anySignatureEquals(parsed, "v1", mac);
        return c;
    }
    if (key.kind == Key::Kind::Ed25519Private && material.wantExpected)
        c.expected = "v1a," + Ed25519::sign(key.bytes, c.signedBytes).toBase64();
    for (const ReceivedSignature &s : parsed.signatures) {
        if (s.version == "v1a" && Ed25519::verify(key.publicKey, c.signedBytes, s.bytes)) {
            c.matched = true;
            break;
        }
    }
    return c;
}

Signed StandardWebhooksScheme::sign(const Key &key, QByteArrayView body, const QString &,
                                    const SignOptions &options) const
{
    Signed out;
    Parsed p;
    p.id = options.id.isEmpty() ? "msg_" + randomAlphanumeric(27) : options.id;
    p.timestampText = QByteArray::number(options.nowSeconds);
    const QByteArray message = signedBytes(p, body);
    QByteArray signature;
    switch (key.kind) {
    case Key::Kind::Hmac:
        signature = "v1," + hmac(QCryptographicHash::Sha256, key.bytes, message).toBase64();
        break;
    case Key::Kind::Ed25519Private:
        signature = "v1a," + Ed25519::sign(key.bytes, message).toBase64();
        break;
    case Key::Kind::Ed25519Public:
        out.error = tr("a public key (whpk_) can only verify; sign with the secret key (whsk_)");
        return out;
    }
    out.headers = {{m_idHeader, p.id}, {m_timestampHeader, p.timestampText}, {m_signatureHeader, signature}};
    return out;
}

} // namespace Signing
