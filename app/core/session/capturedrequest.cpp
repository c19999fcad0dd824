#include "capturedrequest.h"

#include "payload/webhookevent.h"

#include <QCoreApplication>
#include <QDateTime>

#include <cstdio>
#include <ctime>
#include <limits>

namespace Session {

QString webhookEventOf(const Http::Request &request)
{
    if (!request.hasRequestLine())
        return QLatin1String("");
    const QString event =
        Payload::webhookEvent([&request](QByteArrayView name) { return request.headerValue(name); }, request.body());
    return event.isNull() ? QLatin1String("") : event;
}

QString humanSize(qint64 bytes)
{
    if (bytes < 1000)
        return QString::number(bytes) + QLatin1Char(' ') + QCoreApplication::translate("Session::Sizes", "B");
    static const char *const units[] = {
        QT_TRANSLATE_NOOP("Session::Sizes", "KB"), QT_TRANSLATE_NOOP("Session::Sizes", "MB"),
        QT_TRANSLATE_NOOP("Session::Sizes", "GB"), QT_TRANSLATE_NOOP("Session::Sizes", "TB")};
    double value = double(bytes);
    int unit = -1;
    while (value >= 1000 && unit < 3) {
        value /= 1000;
        ++unit;
    }
    return QString::number(value, 'f', value < 10 ? 1 : 0) + QLatin1Char(' ') +
           QCoreApplication::translate("Session::Sizes", units[unit]);
}

QString hostPort(const QHostAddress &address, quint16 port)
{
    QHostAddress plain = address;
    // Show an IPv4 peer of a dual-stack socket as IPv4.
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4 && address.protocol() == QAbstractSocket::IPv6Protocol)
        plain = QHostAddress(v4);
    const QString host = plain.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + plain.toString() + QLatin1Char(']')
                             : plain.toString();
    return host + QLatin1Char(':') + QString::number(port);
}

Http::Response CapturedRequest::answerSent() const
{
    if (lateAnswer && lateAnswer->source == LateAnswer::Source::Forward)
        return lateAnswer->response;
    return Http::Response{responseStatus, {}, responseHeaders, responseBody};
}

QString CapturedRequest::remote() const
{
    return hostPort(remoteAddress, remotePort);
}

QByteArrayView CapturedRequest::httpVersion() const
{
    return recordedVersion.isEmpty() ? request.httpVersion() : QByteArrayView(recordedVersion);
}

qint64 CapturedRequest::missingBodyBytes() const
{
    if (rejected || request.isChunked() || !request.hasRequestLine())
        return 0;
    bool ok = false;
    const qint64 announced = request.headerValue("Content-Length").toLongLong(&ok);
    return ok && announced > request.body().size() ? announced - request.body().size() : 0;
}

QString localTimeText(qint64 ms)
{
    thread_local qint64 cachedSecond = std::numeric_limits<qint64>::min();
    thread_local QString cached;
    const qint64 second = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    if (second != cachedSecond) {
        cached = QDateTime::fromSecsSinceEpoch(second).toString(QStringLiteral("HH:mm:ss"));
        cachedSecond = second;
    }
    return cached + QLatin1Char('.') + QString::number(ms - second * 1000).rightJustified(3, QLatin1Char('0'));
}

QByteArray rfc3339Utc(qint64 ms)
{
    const std::time_t seconds = std::time_t(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
    const int millis = int(ms - qint64(seconds) * 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
    return QByteArray(buf);
}

} // namespace Session
