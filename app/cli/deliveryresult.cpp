#include "deliveryresult.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli::SendCommand", text);
}

} // namespace

bool finallyOk(const DeliveryOutcome &o)
{
    const int status = o.last.response.status();
    return o.done && o.last.hasResponse() && status >= 200 && status <= 299;
}

QString errorText(const DeliveryOutcome &o)
{
    if (!o.last.hasResponse())
        return o.last.error;
    if (finallyOk(o))
        return {};
    return QStringLiteral("HTTP %1 %2")
        .arg(o.last.response.status())
        .arg(QString::fromLatin1(o.last.response.reason()));
}

void writeOut(const QByteArray &line, FILE *stream)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stream);
    std::fflush(stream);
}

QByteArray retryLine(const QString &url, const DeliveryOutcome &o, qint64 retryInMs)
{
    return tr("%1: attempt %2 failed (%3); retrying in %4 ms\n")
        .arg(url)
        .arg(o.attempts)
        .arg(errorText(o))
        .arg(retryInMs)
        .toUtf8();
}

QByteArray resultLine(const QString &url, const DeliveryOutcome &o, bool json, const QJsonObject &extra)
{
    const QString why = errorText(o);
    if (json) {
        QJsonObject line = extra;
        line.insert(QStringLiteral("url"), url);
        line.insert(QStringLiteral("status"),
                    o.last.hasResponse() ? QJsonValue(o.last.response.status()) : QJsonValue(QJsonValue::Null));
        line.insert(QStringLiteral("attempts"), o.attempts);
        line.insert(QStringLiteral("duration_ms"), o.finishedAtMs);
        line.insert(QStringLiteral("error"), why.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(why));
        return QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    }
    const QString status =
        o.last.hasResponse()
            ? QStringLiteral("%1 %2").arg(o.last.response.status()).arg(QString::fromLatin1(o.last.response.reason()))
            : QStringLiteral("---");
    QString text = QStringLiteral("%1  %2  (%3, %4 ms)")
                       .arg(status, url, o.attempts == 1 ? tr("1 attempt") : tr("%1 attempts").arg(o.attempts))
                       .arg(o.finishedAtMs);
    if (!finallyOk(o) && !o.last.hasResponse())
        text += QStringLiteral(": ") + why;
    return text.toUtf8() + '\n';
}

} // namespace Cli
