#include "signing.h"

namespace Signing {

namespace {

struct SchemeInfo
{
    QLatin1String id;
    QLatin1String title;
    int toleranceSeconds;
};

// In the order schemeIds() promises. Tolerances as the providers' own libraries apply them.
constexpr SchemeInfo schemeTable[] = {
    {QLatin1String("standard-webhooks"), QLatin1String("Standard Webhooks"), 300},
    {QLatin1String("svix"), QLatin1String("Svix"), 300},
    {QLatin1String("github"), QLatin1String("GitHub"), 0},
    {QLatin1String("stripe"), QLatin1String("Stripe"), 300},
    {QLatin1String("slack"), QLatin1String("Slack"), 300},
    {QLatin1String("shopify"), QLatin1String("Shopify"), 0},
    {QLatin1String("twilio"), QLatin1String("Twilio"), 0},
    {QLatin1String("square"), QLatin1String("Square"), 0},
    {QLatin1String("paddle"), QLatin1String("Paddle"), 5},
    {QLatin1String("zoom"), QLatin1String("Zoom"), 300},
    {QLatin1String("twitch"), QLatin1String("Twitch EventSub"), 600},
};

const SchemeInfo *findScheme(QStringView id)
{
    for (const SchemeInfo &info : schemeTable) {
        if (id == info.id)
            return &info;
    }
    return nullptr;
}

} // namespace

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
    for (const SchemeInfo &info : schemeTable)
        ids.append(info.id);
    return ids;
}

QString schemeTitle(QStringView id)
{
    const SchemeInfo *info = findScheme(id);
    return info ? QString(info->title) : QString();
}

int defaultToleranceSeconds(QStringView id)
{
    const SchemeInfo *info = findScheme(id);
    return info ? info->toleranceSeconds : 0;
}

QString detectScheme(const Http::Request &request)
{
    Q_UNUSED(request);
    return {};
}

Verifier::Verifier(Config config)
    : m_config(std::move(config))
{
}

Result Verifier::verify(const Http::Request &request, qint64 nowSeconds) const
{
    return diagnose(request, nowSeconds).result;
}

Diagnosis Verifier::diagnose(const Http::Request &request, qint64 nowSeconds) const
{
    Q_UNUSED(request);
    Q_UNUSED(nowSeconds);
    return {};
}

Signed sign(QStringView scheme, QByteArrayView secret, QByteArrayView body, const QString &url,
            const SignOptions &options)
{
    Q_UNUSED(scheme);
    Q_UNUSED(secret);
    Q_UNUSED(body);
    Q_UNUSED(url);
    Q_UNUSED(options);
    Signed result;
    result.error = QStringLiteral("signing is not implemented yet");
    return result;
}

QByteArray zoomUrlValidationResponse(QByteArrayView secret, QByteArrayView body)
{
    Q_UNUSED(secret);
    Q_UNUSED(body);
    return {};
}

} // namespace Signing
