#include "scheme.h"
#include "bodyschemes.h"
#include "standardwebhooks.h"
#include "timestampschemes.h"
#include "urlschemes.h"

#include <cstring>
#include <memory>

#include <QDate>
#include <QRandomGenerator>
#include <QUuid>

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace Signing {

Key Scheme::key(QByteArrayView secret, QString *error) const
{
    if (secret.isEmpty()) {
        *error = tr("the secret is empty");
        return {};
    }
    return {Key::Kind::Hmac, secret.toByteArray(), {}};
}

QList<Misreading> Scheme::misreadings(QByteArrayView) const
{
    return {};
}

Parsed Scheme::missing(QByteArrayView header) const
{
    Parsed p;
    p.problem = Verdict::MissingHeader;
    p.detail = tr("no %1 header").arg(QLatin1String(header));
    return p;
}

Parsed Scheme::malformed(const Parsed &partial, const QString &why) const
{
    Parsed p = partial;
    p.problem = Verdict::MalformedHeader;
    p.detail = why;
    return p;
}

QByteArray HmacScheme::signature(const Parsed &parsed, const Material &material, const Key &key) const
{
    return spell(parsed, hmac(algorithm(parsed), key.bytes, signedBytes(parsed, material)));
}

Check HmacScheme::check(const Parsed &parsed, const Material &material, const Key &key) const
{
    Check c;
    c.url = material.url;
    c.signedBytes = signedBytes(parsed, material);
    if (key.kind != Key::Kind::Hmac)
        return c;
    const QByteArray mac = hmac(algorithm(parsed), key.bytes, c.signedBytes);
    if (material.wantExpected)
        c.expected = spell(parsed, mac);
    for (const ReceivedSignature &s : parsed.signatures)
        c.matched = equalConstantTime(s.bytes, mac) || c.matched;
    return c;
}

const QList<const Scheme *> &allSchemes()
{
    static const StandardWebhooksScheme standardWebhooks(StandardWebhooksScheme::Flavour::StandardWebhooks);
    static const StandardWebhooksScheme svix(StandardWebhooksScheme::Flavour::Svix);
    static const GitHubScheme github;
    static const StripeScheme stripe;
    static const SlackScheme slack;
    static const ShopifyScheme shopify;
    static const TwilioScheme twilio;
    static const SquareScheme square;
    static const PaddleScheme paddle;
    static const ZoomScheme zoom;
    static const TwitchScheme twitch;
    static const QList<const Scheme *> all = {&standardWebhooks, &svix,   &github, &stripe, &slack, &shopify,
                                              &twilio,           &square, &paddle, &zoom,   &twitch};
    return all;
}

const Scheme *findScheme(QStringView id)
{
    for (const Scheme *s : allSchemes()) {
        if (id == s->id())
            return s;
    }
    return nullptr;
}

namespace {

/// SHA-1 and SHA-256 from libcrypto, fetched once: OpenSSL 3's one-shot HMAC() looks the
/// algorithms up by name on every call, under locks, which cost more than the hashing itself.
const EVP_MD *digest(QCryptographicHash::Algorithm algorithm)
{
    static EVP_MD *const sha1 = EVP_MD_fetch(nullptr, "SHA1", nullptr);
    static EVP_MD *const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    Q_ASSERT(algorithm == QCryptographicHash::Sha1 || algorithm == QCryptographicHash::Sha256);
    return algorithm == QCryptographicHash::Sha1 ? sha1 : sha256;
}

/// H(a || b) into `out`; false when libcrypto fails.
bool hashOf(EVP_MD_CTX *ctx, const EVP_MD *md, QByteArrayView a, QByteArrayView b, unsigned char *out)
{
    return EVP_DigestInit_ex(ctx, md, nullptr) == 1 && EVP_DigestUpdate(ctx, a.data(), size_t(a.size())) == 1 &&
           EVP_DigestUpdate(ctx, b.data(), size_t(b.size())) == 1 && EVP_DigestFinal_ex(ctx, out, nullptr) == 1;
}

} // namespace

QByteArray hmac(QCryptographicHash::Algorithm algorithm, QByteArrayView key, QByteArrayView message)
{
    // HMAC (RFC 2104) over libcrypto's digests rather than QMessageAuthenticationCode: verification
    // runs on the capture thread for every request, and Qt 6.4's SHA-256 costs several times as
    // much (bench_signing: 9.8 against 1.7 µs for 1 KiB), which alone took capture from 36,000 to
    // 23,000 requests a second (bench_listen.sh --signature). The published vectors, and tests that
    // compute MACs with QMessageAuthenticationCode, check it.
    const EVP_MD *md = digest(algorithm);
    thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!md || !ctx)
        return {};
    constexpr int kBlock = 64; // both SHA-1 and SHA-256
    const int size = EVP_MD_get_size(md);
    unsigned char keyBlock[kBlock] = {};
    if (key.size() > kBlock) {
        if (!hashOf(ctx.get(), md, key, {}, keyBlock))
            return {};
    } else if (!key.isEmpty()) {
        std::memcpy(keyBlock, key.data(), size_t(key.size()));
    }
    unsigned char pad[kBlock];
    for (int i = 0; i < kBlock; ++i)
        pad[i] = keyBlock[i] ^ 0x36;
    unsigned char inner[EVP_MAX_MD_SIZE];
    const auto bytes = [](const unsigned char *p, int n) {
        return QByteArrayView(reinterpret_cast<const char *>(p), n);
    };
    if (!hashOf(ctx.get(), md, bytes(pad, kBlock), message, inner))
        return {};
    for (int i = 0; i < kBlock; ++i)
        pad[i] = keyBlock[i] ^ 0x5c;
    QByteArray out(size, Qt::Uninitialized);
    if (!hashOf(ctx.get(), md, bytes(pad, kBlock), bytes(inner, size), reinterpret_cast<unsigned char *>(out.data())))
        return {};
    return out;
}

bool equalConstantTime(QByteArrayView a, QByteArrayView b)
{
    // Lengths are public (they follow from the scheme); only the contents must not leak.
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

bool anySignatureEquals(const Parsed &parsed, QByteArrayView version, QByteArrayView mac)
{
    bool matched = false;
    for (const ReceivedSignature &s : parsed.signatures) {
        // No early exit: every candidate costs the same whichever one matches.
        if (s.version == version)
            matched = equalConstantTime(s.bytes, mac) || matched;
    }
    return matched;
}

bool decodeHex(QByteArrayView text, qsizetype length, QByteArray *out)
{
    if (text.size() != 2 * length)
        return false;
    for (char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    *out = QByteArray::fromHex(text.toByteArray());
    return true;
}

bool decodeBase64(QByteArrayView text, qsizetype length, QByteArray *out)
{
    const auto decoded = QByteArray::fromBase64Encoding(text.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != length)
        return false;
    *out = decoded.decoded;
    return true;
}

bool parseUnixSeconds(QByteArrayView text, qint64 *seconds)
{
    if (text.isEmpty() || text.size() > 18)
        return false;
    qint64 value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    *seconds = value;
    return true;
}

namespace {

bool digits(QByteArrayView text, qsizetype from, qsizetype count, int *value)
{
    if (from + count > text.size())
        return false;
    int v = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        v = v * 10 + (text[i] - '0');
    }
    *value = v;
    return true;
}

} // namespace

bool parseRfc3339(QByteArrayView text, qint64 *seconds)
{
    // RFC 3339 §5.6: date-fullyear "-" date-month "-" date-mday "T" time-hour ":" time-minute ":"
    // time-second [time-secfrac] time-offset
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!digits(text, 0, 4, &year) || text.size() < 20 || text[4] != '-' || !digits(text, 5, 2, &month) ||
        text[7] != '-' || !digits(text, 8, 2, &day) || (text[10] != 'T' && text[10] != 't') ||
        !digits(text, 11, 2, &hour) || text[13] != ':' || !digits(text, 14, 2, &minute) || text[16] != ':' ||
        !digits(text, 17, 2, &second))
        return false;
    qsizetype i = 19;
    if (i < text.size() && text[i] == '.') {
        const qsizetype start = ++i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9')
            ++i;
        if (i == start)
            return false;
    }
    int offset = 0;
    const QByteArrayView zone = text.sliced(i);
    if (zone == "Z" || zone == "z") {
        offset = 0;
    } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
        int h = 0, m = 0;
        if (!digits(zone, 1, 2, &h) || !digits(zone, 4, 2, &m) || h > 23 || m > 59)
            return false;
        offset = (zone[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
    } else {
        return false;
    }
    const QDate date(year, month, day);
    if (!date.isValid() || hour > 23 || minute > 59 || second > 60)
        return false;
    const qint64 unixEpochJulianDay = 2440588;
    *seconds = (date.toJulianDay() - unixEpochJulianDay) * 86400 + hour * 3600 + minute * 60 + second - offset;
    return true;
}

QByteArray formatRfc3339Nanoseconds(qint64 seconds)
{
    const qint64 unixEpochJulianDay = 2440588;
    const qint64 days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
    const qint64 rest = seconds - days * 86400;
    const QDate date = QDate::fromJulianDay(unixEpochJulianDay + days);
    return QByteArray::number(date.year()).rightJustified(4, '0') + '-' +
           QByteArray::number(date.month()).rightJustified(2, '0') + '-' +
           QByteArray::number(date.day()).rightJustified(2, '0') + 'T' +
           QByteArray::number(rest / 3600).rightJustified(2, '0') + ':' +
           QByteArray::number(rest / 60 % 60).rightJustified(2, '0') + ':' +
           QByteArray::number(rest % 60).rightJustified(2, '0') + ".000000000Z";
}

QByteArray randomAlphanumeric(int length)
{
    static constexpr char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QByteArray out(length, Qt::Uninitialized);
    for (char &c : out)
        c = alphabet[QRandomGenerator::system()->bounded(62)];
    return out;
}

QByteArray randomUuid()
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    QByteArray bytes(reinterpret_cast<const char *>(words), sizeof words);
    bytes[6] = char((bytes[6] & 0x0f) | 0x40); // RFC 9562 §5.4: version 4
    bytes[8] = char((bytes[8] & 0x3f) | 0x80); // variant 10
    return QUuid::fromRfc4122(bytes).toByteArray(QUuid::WithoutBraces);
}

bool findHeader(const Http::Request &request, QByteArrayView name, QByteArray *sentName, QByteArrayView *value)
{
    for (qsizetype i = 0; i < request.headerCount(); ++i) {
        const Http::Field field = request.header(i);
        if (Http::equalsIgnoreCase(field.name, name)) {
            *sentName = field.name.toByteArray();
            *value = field.value;
            return true;
        }
    }
    return false;
}

bool splitPair(QByteArrayView item, QByteArrayView *name, QByteArrayView *value)
{
    const qsizetype eq = item.indexOf('=');
    if (eq <= 0)
        return false;
    *name = item.first(eq);
    *value = item.sliced(eq + 1);
    return true;
}

} // namespace Signing
