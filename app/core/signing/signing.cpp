#include "signing.h"
#include "scheme.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Signing {

QString statusName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::NotChecked:
        return {};
    case Verdict::Unsigned:
        return QStringLiteral("unsigned");
    case Verdict::NoSecret:
        return QStringLiteral("no-secret");
    case Verdict::Valid:
        return QStringLiteral("valid");
    case Verdict::Mismatch:
    case Verdict::TimestampTooOld:
    case Verdict::TimestampTooNew:
    case Verdict::MalformedHeader:
    case Verdict::MissingHeader:
        return QStringLiteral("invalid");
    }
    return {};
}

QString reasonName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Mismatch:
        return QStringLiteral("mismatch");
    case Verdict::TimestampTooOld:
        return QStringLiteral("timestamp-too-old");
    case Verdict::TimestampTooNew:
        return QStringLiteral("timestamp-too-new");
    case Verdict::MalformedHeader:
        return QStringLiteral("malformed-header");
    case Verdict::MissingHeader:
        return QStringLiteral("missing-header");
    case Verdict::NotChecked:
    case Verdict::Unsigned:
    case Verdict::NoSecret:
    case Verdict::Valid:
        break;
    }
    return {};
}

bool isInvalid(Verdict verdict)
{
    return !reasonName(verdict).isEmpty();
}

bool verdictFromName(QStringView name, Verdict *verdict)
{
    // Every verdict but NotChecked has a status or a reason word; "invalid" names no single verdict.
    static constexpr Verdict all[] = {
        Verdict::Unsigned,        Verdict::NoSecret,        Verdict::Valid,           Verdict::Mismatch,
        Verdict::TimestampTooOld, Verdict::TimestampTooNew, Verdict::MalformedHeader, Verdict::MissingHeader,
    };
    if (name.isEmpty())
        return false;
    for (Verdict v : all) {
        if ((!isInvalid(v) && name == statusName(v)) || name == reasonName(v)) {
            if (verdict)
                *verdict = v;
            return true;
        }
    }
    return false;
}

QString escapeForDisplay(QByteArrayView bytes)
{
    static constexpr char hexDigits[] = "0123456789abcdef";
    QString out;
    out.reserve(bytes.size());
    for (char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        switch (b) {
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        case '\\':
            out += QLatin1String("\\\\");
            break;
        default:
            if (b >= 0x20 && b < 0x7f) {
                out += QLatin1Char(c);
            } else {
                out += QLatin1String("\\x");
                out += QLatin1Char(hexDigits[b >> 4]);
                out += QLatin1Char(hexDigits[b & 0xf]);
            }
        }
    }
    return out;
}

QStringList schemeIds()
{
    QStringList ids;
    for (const Scheme *scheme : allSchemes())
        ids.append(scheme->id());
    return ids;
}

QString schemeTitle(QStringView id)
{
    const Scheme *scheme = findScheme(id);
    return scheme ? scheme->title() : QString();
}

int defaultToleranceSeconds(QStringView id)
{
    const Scheme *scheme = findScheme(id);
    return scheme ? scheme->defaultToleranceSeconds() : 0;
}

bool schemeSignsUrl(QStringView id)
{
    const Scheme *scheme = findScheme(id);
    return scheme && scheme->signsUrl();
}

QString detectScheme(const Http::Request &request)
{
    for (const Scheme *scheme : allSchemes()) {
        for (QByteArrayView header : scheme->signatureHeaders()) {
            if (!request.headerValue(header).isNull())
                return scheme->id();
        }
    }
    return {};
}

Signed sign(QStringView scheme, QByteArrayView secret, QByteArrayView body, const QString &url,
            const SignOptions &options)
{
    Signed out;
    const Scheme *s = findScheme(scheme);
    if (!s) {
        out.error =
            Scheme::tr("unknown scheme '%1' (known: %2)").arg(scheme.toString(), schemeIds().join(QLatin1String(", ")));
        return out;
    }
    if (s->signsUrl() && url.isEmpty()) {
        out.error = Scheme::tr("%1 signs the URL the request goes to: give the URL").arg(s->title());
        return out;
    }
    QString error;
    const Key key = s->key(secret, &error);
    if (!error.isEmpty()) {
        out.error = Scheme::tr("the secret cannot be used: %1").arg(error);
        return out;
    }
    SignOptions resolved = options;
    if (resolved.nowSeconds < 0)
        resolved.nowSeconds = QDateTime::currentSecsSinceEpoch();
    return s->sign(key, body, url, resolved);
}

QByteArray zoomUrlValidationResponse(QByteArrayView secret, QByteArrayView body)
{
    // https://developers.zoom.us/docs/api/webhooks/#validate-your-webhook-endpoint
    const QJsonObject event = QJsonDocument::fromJson(body.toByteArray()).object();
    const QString plainToken =
        event.value(QLatin1String("payload")).toObject().value(QLatin1String("plainToken")).toString();
    if (event.value(QLatin1String("event")).toString() != QLatin1String("endpoint.url_validation") ||
        plainToken.isEmpty() || secret.isEmpty())
        return {};
    const QByteArray encrypted = hmac(QCryptographicHash::Sha256, secret, plainToken.toUtf8()).toHex();
    // Built by hand to keep Zoom's member order (QJsonObject would sort the keys).
    const QByteArray token = QJsonDocument(QJsonArray{plainToken}).toJson(QJsonDocument::Compact);
    return "{\"plainToken\":" + token.mid(1, token.size() - 2) + ",\"encryptedToken\":\"" + encrypted + "\"}";
}

Secret testWebhookSecret()
{
    return {QStringLiteral("github"), QByteArrayLiteral("hookscope-test-webhook"),
            QStringLiteral("/hookscope/test-webhook"), QStringLiteral("Hookscope test webhook")};
}

bool isTestWebhookSecret(const Secret &secret)
{
    const Secret test = testWebhookSecret();
    return secret.scheme == test.scheme && secret.secret == test.secret && secret.pathPattern == test.pathPattern;
}

} // namespace Signing
