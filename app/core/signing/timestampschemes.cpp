#include "timestampschemes.h"

namespace Signing {

namespace {

QByteArray joined(QByteArrayView a, char separator, QByteArrayView b)
{
    QByteArray out;
    out.reserve(a.size() + 1 + b.size());
    out += a;
    out += separator;
    out += b;
    return out;
}

/// Stripe's "t=1,v1=ab,v0=cd" and Paddle's "ts=1;h1=ab": the timestamp, and every entry else as
/// a received signature; those of `version` decoded. Returns an error, or an empty string.
QString parseList(QByteArrayView value, char separator, QByteArrayView timestampKey, QByteArrayView version, Parsed *p)
{
    p->knownVersions = version.toByteArray();
    for (const QByteArray &item : value.toByteArray().split(separator)) {
        QByteArrayView name, text;
        if (!splitPair(item, &name, &text))
            return Scheme::tr("\"%1\" in %2 is not name=value")
                .arg(QString::fromUtf8(item), QLatin1String(p->headerName));
        if (name == timestampKey) {
            if (p->hasTimestamp)
                continue; // the first one counts, as in the providers' libraries
            p->timestampText = text.toByteArray();
            p->hasTimestamp = parseUnixSeconds(text, &p->timestamp);
            if (!p->hasTimestamp)
                return Scheme::tr("%1=%2 is not a number of seconds")
                    .arg(QLatin1String(timestampKey), QString::fromUtf8(text));
            continue;
        }
        p->received.append(item);
        if (name != version)
            continue; // other schemes (Stripe's test-mode v0, Paddle's h2): ignored
        ReceivedSignature s{version.toByteArray(), {}};
        if (!decodeHex(text, 32, &s.bytes))
            return Scheme::tr("the %1 signature is not 64 hex digits").arg(QLatin1String(version));
        p->signatures.append(s);
    }
    if (!p->hasTimestamp)
        return Scheme::tr("%1 has no %2= timestamp").arg(QLatin1String(p->headerName), QLatin1String(timestampKey));
    return {};
}

} // namespace

// Stripe ---------------------------------------------------------------------------------------

StripeScheme::StripeScheme()
    : HmacScheme({QLatin1String("stripe"), QLatin1String("Stripe"), 300, false})
{
}

QList<Misreading> StripeScheme::misreadings(QByteArrayView secret) const
{
    constexpr QByteArrayView prefix = "whsec_";
    if (!secret.startsWith(prefix))
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(secret.sliced(prefix.size()).toByteArray(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return {};
    return {{{Key::Kind::Hmac, decoded.decoded, {}},
             tr("The sender base64-decoded what follows whsec_ and used those bytes as the key (the Standard "
                "Webhooks way); Stripe uses the whole whsec_ string, prefix included, as the key.")}};
}

Parsed StripeScheme::parse(const Http::Request &request) const
{
    Parsed p;
    QByteArrayView value;
    const QByteArrayView header = signatureHeaders().constFirst();
    if (!findHeader(request, header, &p.headerName, &value))
        return missing(header);
    const QString error = parseList(value, ',', "t", "v1", &p);
    return error.isEmpty() ? p : malformed(p, error);
}

QByteArray StripeScheme::signedBytes(const Parsed &parsed, const Material &material) const
{
    return joined(parsed.timestampText, '.', material.body);
}

QByteArray StripeScheme::spell(const Parsed &, QByteArrayView mac) const
{
    return "v1=" + mac.toByteArray().toHex();
}

Signed StripeScheme::sign(const Key &key, QByteArrayView body, const QString &, const SignOptions &options) const
{
    Parsed p;
    p.timestampText = QByteArray::number(options.nowSeconds);
    Signed out;
    out.headers = {{"Stripe-Signature", "t=" + p.timestampText + ',' + signature(p, {body, {}, true}, key)}};
    return out;
}

// Paddle ---------------------------------------------------------------------------------------

PaddleScheme::PaddleScheme()
    : HmacScheme({QLatin1String("paddle"), QLatin1String("Paddle"), 5, false})
{
}

Parsed PaddleScheme::parse(const Http::Request &request) const
{
    Parsed p;
    QByteArrayView value;
    const QByteArrayView header = signatureHeaders().constFirst();
    if (!findHeader(request, header, &p.headerName, &value))
        return missing(header);
    const QString error = parseList(value, ';', "ts", "h1", &p);
    return error.isEmpty() ? p : malformed(p, error);
}

QByteArray PaddleScheme::signedBytes(const Parsed &parsed, const Material &material) const
{
    return joined(parsed.timestampText, ':', material.body);
}

QByteArray PaddleScheme::spell(const Parsed &, QByteArrayView mac) const
{
    return "h1=" + mac.toByteArray().toHex();
}

Signed PaddleScheme::sign(const Key &key, QByteArrayView body, const QString &, const SignOptions &options) const
{
    Parsed p;
    p.timestampText = QByteArray::number(options.nowSeconds);
    Signed out;
    out.headers = {{"Paddle-Signature", "ts=" + p.timestampText + ';' + signature(p, {body, {}, true}, key)}};
    return out;
}

// Slack and Zoom -------------------------------------------------------------------------------

VersionZeroScheme::VersionZeroScheme(const Info &info, QByteArrayView signatureHeader, QByteArrayView timestampHeader)
    : HmacScheme(info)
    , m_signatureHeader(signatureHeader)
    , m_timestampHeader(timestampHeader)
{
}

Parsed VersionZeroScheme::parse(const Http::Request &request) const
{
    Parsed p;
    QByteArrayView value, timestamp;
    QByteArray name;
    if (!findHeader(request, m_signatureHeader, &p.headerName, &value))
        return missing(m_signatureHeader);
    if (!findHeader(request, m_timestampHeader, &name, &timestamp))
        return missing(m_timestampHeader);
    p.knownVersions = "v0";
    p.received = {value.toByteArray()};
    p.timestampText = timestamp.toByteArray();
    p.hasTimestamp = parseUnixSeconds(timestamp, &p.timestamp);
    if (!p.hasTimestamp)
        return malformed(p, tr("%1 is not a number of seconds").arg(QLatin1String(name)));
    QByteArrayView version, hex;
    if (!splitPair(value, &version, &hex))
        return malformed(p, tr("%1 is not v0=<hex>").arg(QLatin1String(p.headerName)));
    if (version != "v0")
        return p; // a later version: nothing this code checks
    ReceivedSignature s{"v0", {}};
    if (!decodeHex(hex, 32, &s.bytes))
        return malformed(p, tr("the v0 signature is not 64 hex digits"));
    p.signatures.append(s);
    return p;
}

QByteArray VersionZeroScheme::signedBytes(const Parsed &parsed, const Material &material) const
{
    return "v0:" + joined(parsed.timestampText, ':', material.body);
}

QByteArray VersionZeroScheme::spell(const Parsed &, QByteArrayView mac) const
{
    return "v0=" + mac.toByteArray().toHex();
}

Signed VersionZeroScheme::sign(const Key &key, QByteArrayView body, const QString &, const SignOptions &options) const
{
    Parsed p;
    p.timestampText = QByteArray::number(options.nowSeconds);
    Signed out;
    out.headers = {{m_timestampHeader.toByteArray(), p.timestampText},
                   {m_signatureHeader.toByteArray(), signature(p, {body, {}, true}, key)}};
    return out;
}

SlackScheme::SlackScheme()
    : VersionZeroScheme({QLatin1String("slack"), QLatin1String("Slack"), 300, true}, "X-Slack-Signature",
                        "X-Slack-Request-Timestamp")
{
}

ZoomScheme::ZoomScheme()
    : VersionZeroScheme({QLatin1String("zoom"), QLatin1String("Zoom"), 300, false}, "x-zm-signature",
                        "x-zm-request-timestamp")
{
}

// Twitch ---------------------------------------------------------------------------------------

namespace {

constexpr QByteArrayView twitchId = "Twitch-Eventsub-Message-Id";
constexpr QByteArrayView twitchTimestamp = "Twitch-Eventsub-Message-Timestamp";

} // namespace

TwitchScheme::TwitchScheme()
    : HmacScheme({QLatin1String("twitch"), QLatin1String("Twitch EventSub"), 600, false})
{
}

Parsed TwitchScheme::parse(const Http::Request &request) const
{
    Parsed p;
    QByteArrayView value, id, timestamp;
    QByteArray name;
    const QByteArrayView header = signatureHeaders().constFirst();
    if (!findHeader(request, header, &p.headerName, &value))
        return missing(header);
    if (!findHeader(request, twitchId, &name, &id))
        return missing(twitchId);
    if (!findHeader(request, twitchTimestamp, &name, &timestamp))
        return missing(twitchTimestamp);
    p.knownVersions = "sha256";
    p.received = {value.toByteArray()};
    p.id = id.toByteArray();
    p.timestampText = timestamp.toByteArray();
    p.hasTimestamp = parseRfc3339(timestamp, &p.timestamp);
    if (!p.hasTimestamp)
        return malformed(p, tr("%1 is not an RFC 3339 time").arg(QLatin1String(name)));
    QByteArrayView version, hex;
    if (!splitPair(value, &version, &hex))
        return malformed(p, tr("%1 is not sha256=<hex>").arg(QLatin1String(p.headerName)));
    if (version != "sha256")
        return p;
    ReceivedSignature s{"sha256", {}};
    if (!decodeHex(hex, 32, &s.bytes))
        return malformed(p, tr("the sha256 signature is not 64 hex digits"));
    p.signatures.append(s);
    return p;
}

QByteArray TwitchScheme::signedBytes(const Parsed &parsed, const Material &material) const
{
    return parsed.id + parsed.timestampText + material.body;
}

QByteArray TwitchScheme::spell(const Parsed &, QByteArrayView mac) const
{
    return "sha256=" + mac.toByteArray().toHex();
}

Signed TwitchScheme::sign(const Key &key, QByteArrayView body, const QString &, const SignOptions &options) const
{
    Parsed p;
    p.id = options.id.isEmpty() ? randomUuid() : options.id;
    p.timestampText = formatRfc3339Nanoseconds(options.nowSeconds);
    Signed out;
    out.headers = {{twitchId.toByteArray(), p.id},
                   {twitchTimestamp.toByteArray(), p.timestampText},
                   {signatureHeaders().constFirst().toByteArray(), signature(p, {body, {}, true}, key)}};
    return out;
}

} // namespace Signing
