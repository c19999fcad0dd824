#include "forwardrulesjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Gui::ForwardRulesJson {

namespace {
constexpr int kVersion = 1;

QString tr(const char *text)
{
    return QCoreApplication::translate("Gui::ForwardRulesJson", text);
}
} // namespace

QByteArray toJson(const Capture::ForwardRules &rules)
{
    QJsonArray list;
    for (const Capture::ForwardRule &r : rules.rules) {
        QJsonArray destinations;
        for (const QUrl &url : r.destinations)
            destinations.append(url.toString(QUrl::FullyEncoded));
        list.append(QJsonObject{
            {QStringLiteral("name"), r.name},
            {QStringLiteral("enabled"), r.enabled},
            {QStringLiteral("methods"), QJsonArray::fromStringList(r.methods)},
            {QStringLiteral("path"), r.pathPattern},
            {QStringLiteral("destinations"), destinations},
            {QStringLiteral("rewriteFrom"), r.rewriteFrom},
            {QStringLiteral("rewriteTo"), r.rewriteTo},
            {QStringLiteral("attempts"), r.retry.maxAttempts},
            {QStringLiteral("retryDelayMs"), r.retry.initialDelayMs},
            {QStringLiteral("answerFromForward"), r.answerFromForward},
            {QStringLiteral("answerTimeoutMs"), r.answerTimeoutMs},
        });
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("version"), kVersion}, {QStringLiteral("rules"), list}})
        .toJson(QJsonDocument::Compact);
}

bool fromJson(const QByteArray &json, Capture::ForwardRules *rules, QString *error)
{
    rules->rules.clear();
    if (json.isEmpty())
        return true;
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parse);
    const QJsonObject root = doc.object();
    if (parse.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = tr("The saved forwarding rules cannot be read (%1); forwarding is off.").arg(parse.errorString());
        return false;
    }
    if (root.value(QStringLiteral("version")).toInt() != kVersion) {
        *error = tr("The saved forwarding rules are of version %1, which this Hookscope does not know; forwarding "
                    "is off.")
                     .arg(root.value(QStringLiteral("version")).toInt());
        return false;
    }
    Capture::ForwardRules read;
    for (const QJsonValue &v : root.value(QStringLiteral("rules")).toArray()) {
        const QJsonObject o = v.toObject();
        Capture::ForwardRule r;
        r.name = o.value(QStringLiteral("name")).toString();
        r.enabled = o.value(QStringLiteral("enabled")).toBool(true);
        for (const QJsonValue &m : o.value(QStringLiteral("methods")).toArray())
            r.methods << m.toString();
        r.pathPattern = o.value(QStringLiteral("path")).toString();
        for (const QJsonValue &d : o.value(QStringLiteral("destinations")).toArray())
            r.destinations << QUrl(d.toString(), QUrl::StrictMode);
        r.rewriteFrom = o.value(QStringLiteral("rewriteFrom")).toString();
        r.rewriteTo = o.value(QStringLiteral("rewriteTo")).toString();
        r.retry.maxAttempts = qBound(1, o.value(QStringLiteral("attempts")).toInt(1), 20);
        r.retry.initialDelayMs = qMax(0, o.value(QStringLiteral("retryDelayMs")).toInt(1000));
        r.answerFromForward = o.value(QStringLiteral("answerFromForward")).toBool();
        r.answerTimeoutMs = qMax(0, o.value(QStringLiteral("answerTimeoutMs")).toInt(10'000));
        if (const QString problem = r.problem(); !problem.isEmpty()) {
            *error = tr("A saved forwarding rule cannot be used (%1); forwarding is off.").arg(problem);
            return false;
        }
        read.rules << r;
    }
    *rules = read;
    return true;
}

} // namespace Gui::ForwardRulesJson
