#include "sender.h"

#include <QDateTime>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace Delivery {

namespace {

using Outcome = Http::ExchangeResult::Outcome;

/// Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, as ms from `nowMs`; -1 if absent
/// or unreadable.
qint64 retryAfterMs(const Http::ReceivedResponse &response, qint64 nowMs)
{
    const QByteArrayView value = response.headerValue("Retry-After");
    if (value.isNull())
        return -1;
    const QByteArray text = value.trimmed().toByteArray();
    bool ok = false;
    const qint64 seconds = text.toLongLong(&ok);
    if (ok)
        return seconds >= 0 ? seconds * 1000 : -1;
    // IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT"; the obsolete forms are not worth a wait.
    const QDateTime when =
        QDateTime::fromString(QString::fromLatin1(text), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return -1;
    QDateTime utc = when;
    utc.setTimeSpec(Qt::UTC);
    return std::max<qint64>(0, utc.toMSecsSinceEpoch() - nowMs);
}

} // namespace

bool RetryPolicy::retries(const Http::ExchangeResult &result) const
{
    switch (result.outcome) {
    case Outcome::Response: {
        const int status = result.response.status();
        return (status >= 500 && status <= 599 && on5xx) || (status == 429 && on429) || (status == 408 && on408);
    }
    case Outcome::ConnectFailed:
    case Outcome::ConnectionClosed:
        return onConnectionError;
    case Outcome::ConnectTimeout:
    case Outcome::Timeout:
        return onTimeout;
    // A certificate, a reply that is not HTTP, an unreadable file or the user's cancel do not
    // change by trying again.
    case Outcome::TlsFailed:
    case Outcome::BadResponse:
    case Outcome::BodyUnreadable:
    case Outcome::Cancelled:
        return false;
    }
    return false;
}

qint64 RetryPolicy::delayMs(int nextAttempt, const Http::ExchangeResult &previous, qint64 nowMs) const
{
    if (honourRetryAfter && previous.hasResponse()) {
        const qint64 after = retryAfterMs(previous.response, nowMs);
        if (after >= 0)
            return std::min<qint64>(after, maxDelayMs);
    }
    const int doublings = std::clamp(nextAttempt - 2, 0, 40);
    const double base = std::min(double(initialDelayMs) * std::pow(2.0, doublings), double(maxDelayMs));
    const double spread = std::clamp(jitter, 0.0, 1.0);
    const double factor = 1.0 + spread * (2.0 * QRandomGenerator::global()->generateDouble() - 1.0);
    return std::clamp<qint64>(qint64(std::llround(base * factor)), 0, maxDelayMs);
}

} // namespace Delivery
