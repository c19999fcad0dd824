#include "forwardrules.h"
#include "responserules.h"

#include <QCoreApplication>

#include <algorithm>

namespace Capture {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Capture::ForwardRule", text);
}

/// Arbitrary but generous: more stars than this make a rewrite nobody can read.
constexpr qsizetype kMaxStars = 8;

} // namespace

bool ForwardRule::matches(QByteArrayView method, QByteArrayView target) const
{
    return enabled && !destinations.isEmpty() && methodAndPathMatch(methods, pathPattern, method, target);
}

QByteArray ForwardRule::targetFor(const QUrl &destination, QByteArrayView target) const
{
    if (!target.startsWith('/'))
        return target.toByteArray();
    const qsizetype queryAt = target.indexOf('?');
    QByteArray path = (queryAt < 0 ? target : target.first(queryAt)).toByteArray();
    const QByteArrayView query = queryAt < 0 ? QByteArrayView() : target.sliced(queryAt);
    QList<QByteArrayView> stars;
    if (!rewriteFrom.isEmpty() && Http::globCapture(rewriteFrom.toUtf8(), path, &stars)) {
        const QByteArray to = rewriteTo.toUtf8();
        QByteArray rewritten;
        qsizetype star = 0;
        for (char c : to) {
            if (c == '*' && star < stars.size())
                rewritten += stars.at(star++);
            else
                rewritten += c;
        }
        path = rewritten.startsWith('/') ? rewritten : '/' + rewritten;
    }
    QByteArray prefix = destination.path(QUrl::FullyEncoded).toLatin1();
    while (prefix.endsWith('/'))
        prefix.chop(1);
    return prefix + path + query.toByteArray();
}

QString ForwardRule::problem() const
{
    if (destinations.isEmpty())
        return tr("A forwarding rule needs at least one destination.");
    for (const QUrl &url : destinations) {
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            return tr("%1 is not an http:// or https:// URL.").arg(url.toString());
    }
    if (rewriteFrom.isEmpty() != rewriteTo.isEmpty())
        return tr("A path rewrite needs both sides, as in /hooks/*=/api/webhooks/*.");
    const qsizetype fromStars = rewriteFrom.count(u'*');
    if (fromStars > kMaxStars)
        return tr("A path rewrite can have at most %1 '*'.").arg(kMaxStars);
    if (rewriteTo.count(u'*') > fromStars)
        return tr("The rewrite %1=%2 uses more '*' than it matches.").arg(rewriteFrom, rewriteTo);
    if (answerFromForward && answerTimeoutMs < 1)
        return tr("Answering with the forwarded answer needs a timeout of at least 1 ms.");
    return {};
}

int ForwardRules::match(QByteArrayView method, QByteArrayView target) const
{
    for (qsizetype i = 0; i < rules.size(); ++i) {
        if (rules.at(i).matches(method, target))
            return int(i);
    }
    return -1;
}

bool ForwardRules::isEmpty() const
{
    return std::none_of(rules.cbegin(), rules.cend(), [](const ForwardRule &r) { return r.enabled; });
}

} // namespace Capture
