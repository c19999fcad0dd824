#include "responserules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace Capture {

bool ResponseRule::isSignatureCondition(const QString &word)
{
    Signing::Verdict verdict;
    return word.isEmpty() || word == QLatin1String("invalid") || Signing::verdictFromName(word, &verdict);
}

static bool signatureMatches(const QString &condition, Signing::Verdict verdict)
{
    if (condition.isEmpty())
        return true;
    if (condition == QLatin1String("invalid"))
        return Signing::isInvalid(verdict);
    Signing::Verdict wanted;
    return Signing::verdictFromName(condition, &wanted) && verdict == wanted;
}

bool methodAndPathMatch(const QStringList &methods, const QString &pathPattern, QByteArrayView method,
                        QByteArrayView target)
{
    if (!methods.isEmpty() && !methods.contains(QString::fromLatin1(method.data(), method.size())))
        return false;
    if (pathPattern.isEmpty())
        return true;
    const qsizetype query = target.indexOf('?');
    const QByteArrayView path = query < 0 ? target : target.first(query);
    return Http::globMatch(pathPattern.toUtf8(), path);
}

QString ResponseRule::label() const
{
    if (!name.isEmpty())
        return name;
    QString text =
        ResponseRules::tr("%1 %2").arg(methods.isEmpty() ? ResponseRules::tr("any") : methods.join(QLatin1Char(',')),
                                       pathPattern.isEmpty() ? QStringLiteral("*") : pathPattern);
    if (!signature.isEmpty())
        text += ResponseRules::tr(" (signature %1)").arg(signature);
    return text;
}

bool ResponseRule::matches(QByteArrayView method, QByteArrayView target, Signing::Verdict verdict) const
{
    if (!enabled || answers.isEmpty() || !signatureMatches(signature, verdict))
        return false;
    return methodAndPathMatch(methods, pathPattern, method, target);
}

int ResponseRules::match(QByteArrayView method, QByteArrayView target, Signing::Verdict verdict) const
{
    for (qsizetype i = 0; i < rules.size(); ++i) {
        if (rules.at(i).matches(method, target, verdict))
            return int(i);
    }
    return -1;
}

bool ResponseRules::changesAnswers() const
{
    return fallback != AnswerSpec() ||
           std::any_of(rules.cbegin(), rules.cend(), [](const ResponseRule &r) { return r.isOn(); });
}

namespace {

QJsonObject answerToJson(const AnswerSpec &a)
{
    QJsonArray headers;
    for (const auto &[name, value] : a.headers)
        headers.append(QJsonArray{QString::fromUtf8(name), QString::fromUtf8(value)});
    return {{QStringLiteral("status"), a.status},
            {QStringLiteral("headers"), headers},
            {QStringLiteral("body"), QString::fromLatin1(a.body.toBase64())},
            {QStringLiteral("delayMs"), a.delayMs}};
}

bool answerFromJson(const QJsonObject &o, AnswerSpec *a, QString *error)
{
    a->status = o.value(QStringLiteral("status")).toInt(200);
    if (a->status < 100 || a->status > 599) {
        *error = ResponseRules::tr("status %1 is not between 100 and 599").arg(a->status);
        return false;
    }
    a->headers.clear();
    for (const QJsonValue &h : o.value(QStringLiteral("headers")).toArray()) {
        const QJsonArray pair = h.toArray();
        QPair<QByteArray, QByteArray> header;
        if (!AnswerSpec::parseHeader(pair.at(0).toString() + QStringLiteral(": ") + pair.at(1).toString(), &header,
                                     error))
            return false;
        a->headers.append(header);
    }
    a->body = QByteArray::fromBase64(o.value(QStringLiteral("body")).toString().toLatin1());
    a->delayMs = qBound(0, o.value(QStringLiteral("delayMs")).toInt(0), 3'600'000);
    return true;
}

} // namespace

QByteArray ResponseRules::toJson() const
{
    QJsonArray list;
    for (const ResponseRule &r : rules) {
        QJsonArray answers;
        for (const AnswerSpec &a : r.answers)
            answers.append(answerToJson(a));
        list.append(QJsonObject{{QStringLiteral("name"), r.name},
                                {QStringLiteral("enabled"), r.enabled},
                                {QStringLiteral("methods"), QJsonArray::fromStringList(r.methods)},
                                {QStringLiteral("path"), r.pathPattern},
                                {QStringLiteral("answers"), answers},
                                {QStringLiteral("cycle"), r.cycle},
                                {QStringLiteral("signature"), r.signature}});
    }
    return QJsonDocument(
               QJsonObject{{QStringLiteral("rules"), list}, {QStringLiteral("default"), answerToJson(fallback)}})
        .toJson(QJsonDocument::Compact);
}

bool ResponseRules::fromJson(const QByteArray &json, ResponseRules *out, QString *error)
{
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parse);
    if (!doc.isObject()) {
        *error = parse.error != QJsonParseError::NoError ? parse.errorString() : tr("not a JSON object");
        return false;
    }
    ResponseRules rules;
    if (!answerFromJson(doc.object().value(QStringLiteral("default")).toObject(), &rules.fallback, error))
        return false;
    for (const QJsonValue &v : doc.object().value(QStringLiteral("rules")).toArray()) {
        const QJsonObject o = v.toObject();
        ResponseRule r;
        r.name = o.value(QStringLiteral("name")).toString();
        r.enabled = o.value(QStringLiteral("enabled")).toBool(true);
        for (const QJsonValue &m : o.value(QStringLiteral("methods")).toArray())
            r.methods.append(m.toString());
        r.pathPattern = o.value(QStringLiteral("path")).toString();
        r.cycle = o.value(QStringLiteral("cycle")).toBool(false);
        r.signature = o.value(QStringLiteral("signature")).toString();
        if (!ResponseRule::isSignatureCondition(r.signature)) {
            *error = tr("rule '%1': unknown signature condition '%2'").arg(r.name, r.signature);
            return false;
        }
        for (const QJsonValue &a : o.value(QStringLiteral("answers")).toArray()) {
            AnswerSpec answer;
            if (!answerFromJson(a.toObject(), &answer, error))
                return false;
            r.answers.append(answer);
        }
        rules.rules.append(r);
    }
    *out = rules;
    return true;
}

} // namespace Capture
