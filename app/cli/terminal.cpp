#include "terminal.h"

#include "session/capturedrequest.h"

#include <QDateTime>

#include <limits>

#include <unistd.h>

namespace Cli {

QString humanSize(qint64 bytes)
{
    if (bytes < 1000)
        return QString::number(bytes) + QStringLiteral(" B");
    static const char *const units[] = {"KB", "MB", "GB", "TB"};
    double value = double(bytes);
    int unit = -1;
    while (value >= 1000 && unit < 3) {
        value /= 1000;
        ++unit;
    }
    return QString::number(value, 'f', value < 10 ? 1 : 0) + QLatin1Char(' ') + QLatin1String(units[unit]);
}

bool isTerminal(int fd)
{
    return ::isatty(fd) == 1;
}

QString localTime(qint64 ms)
{
    // Local time conversion consults the time zone files each call; do it once per second.
    thread_local qint64 cachedSecond = std::numeric_limits<qint64>::min();
    thread_local QString cached;
    const qint64 second = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    if (second != cachedSecond) {
        cached = QDateTime::fromSecsSinceEpoch(second).toString(QStringLiteral("HH:mm:ss"));
        cachedSecond = second;
    }
    return cached + QLatin1Char('.') + QString::number(ms - second * 1000).rightJustified(3, QLatin1Char('0'));
}

static QString text(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes.data(), bytes.size());
}

QByteArray humanLine(const Session::CapturedRequest &c)
{
    const Http::Request &r = c.request;
    QString line = localTime(c.receivedAtMs) + QStringLiteral("  ");
    if (c.rejected) {
        line += QStringLiteral("REJECTED ");
        line += c.responseStatus ? QString::number(c.responseStatus) : QStringLiteral("---");
        if (r.hasRequestLine())
            line += QLatin1Char(' ') + text(r.method()) + QLatin1Char(' ') + text(r.target());
        line += QStringLiteral("  %1 (at byte %2)").arg(c.errorReason).arg(c.errorOffset);
    } else {
        const QByteArrayView type = r.headerValue("Content-Type");
        line += text(r.method()) + QLatin1Char(' ') + text(r.target());
        line += QStringLiteral("  → %1  %2  %3")
                    .arg(c.responseStatus)
                    .arg(humanSize(r.body().size()), type.isNull() ? QStringLiteral("-") : text(type));
    }
    line += QStringLiteral("  ") + c.remote();
    const QStringList warnings = r.warnings();
    if (!warnings.isEmpty())
        line += QStringLiteral("  [") + warnings.join(QStringLiteral(", ")) + QLatin1Char(']');
    QByteArray out = line.toUtf8();
    out += '\n';
    return out;
}

} // namespace Cli
