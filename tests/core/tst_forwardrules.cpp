// Forwarding rules (issue 11, Forward): which captured requests are forwarded, and the request-target
// each destination gets (path rewrite with '*' captures, the destination's own path, the query).

#include "capture/forwardrules.h"
#include "http/glob.h"

#include <QtTest>

using Capture::ForwardRule;
using Capture::ForwardRules;

namespace {

ForwardRule rule(const QString &from = {}, const QString &to = {})
{
    ForwardRule r;
    r.destinations = {QUrl(QStringLiteral("http://127.0.0.1:3000"))};
    r.rewriteFrom = from;
    r.rewriteTo = to;
    return r;
}

QList<QByteArray> captures(QByteArrayView pattern, QByteArrayView text)
{
    QList<QByteArrayView> stars{"untouched"};
    if (!Http::globCapture(pattern, text, &stars))
        return {"no match"};
    QList<QByteArray> out;
    for (QByteArrayView s : stars)
        out << s.toByteArray();
    return out;
}

} // namespace

class TstForwardRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void globCaptureGivesEachStar();
    void rewriteMovesThePath();
    void destinationPathGoesInFront();
    void onlyMatchingRequestsAreForwarded();
    void unusableRulesSayWhy();
};

void TstForwardRules::globCaptureGivesEachStar()
{
    QCOMPARE(captures("/hooks/*", "/hooks/github/push"), QList<QByteArray>{"github/push"});
    QCOMPARE(captures("/hooks/*", "/hooks/"), QList<QByteArray>{""});
    QCOMPARE(captures("/a*b*c", "/abxbyc"), (QList<QByteArray>{"", "xby"}));
    QCOMPARE(captures("/*/events/*", "/shop/events/orders/create"), (QList<QByteArray>{"shop", "orders/create"}));
    QCOMPARE(captures("/?x*", "/ax"), QList<QByteArray>{""});
    QCOMPARE(captures("/static", "/static"), QList<QByteArray>{});
    QCOMPARE(captures("/hooks/*", "/other/x"), QList<QByteArray>{"no match"});
    // Agrees with globMatch on what matches, over a few awkward cases.
    for (const auto &[pattern, text] : QList<QPair<QByteArray, QByteArray>>{
             {"*a*a*b", "aaaaaaaaab"}, {"*a*a*b", "aaaaaaaaaa"}, {"**", ""}, {"?", ""}, {"*?", "x"}, {"a*", "b"}}) {
        QList<QByteArrayView> stars;
        QCOMPARE(Http::globCapture(pattern, text, &stars), Http::globMatch(pattern, text));
    }
}

void TstForwardRules::rewriteMovesThePath()
{
    const ForwardRule r = rule(QStringLiteral("/hooks/*"), QStringLiteral("/api/webhooks/*"));
    const QUrl local(QStringLiteral("http://127.0.0.1:3000"));
    QCOMPARE(r.targetFor(local, "/hooks/github?delivery=1&x=%2F"), QByteArray("/api/webhooks/github?delivery=1&x=%2F"));
    QCOMPARE(r.targetFor(local, "/hooks/"), QByteArray("/api/webhooks/"));
    QCOMPARE(r.targetFor(local, "/elsewhere/x?q"), QByteArray("/elsewhere/x?q")); // not matched: unchanged
    QCOMPARE(r.targetFor(local, "*"), QByteArray("*"));
    const ForwardRule two = rule(QStringLiteral("/*/events/*"), QStringLiteral("/*/*"));
    QCOMPARE(two.targetFor(local, "/shop/events/orders/create"), QByteArray("/shop/orders/create"));
    const ForwardRule flat = rule(QStringLiteral("/hooks/*"), QStringLiteral("/inbox"));
    QCOMPARE(flat.targetFor(local, "/hooks/a/b?c=d"), QByteArray("/inbox?c=d"));
    QCOMPARE(rule().targetFor(local, "/a/%2e%2e/b?x={v}"), QByteArray("/a/%2e%2e/b?x={v}")); // bytes kept
}

void TstForwardRules::destinationPathGoesInFront()
{
    const ForwardRule r = rule();
    QCOMPARE(r.targetFor(QUrl(QStringLiteral("http://localhost:3000/base/")), "/hooks/x?y"),
             QByteArray("/base/hooks/x?y"));
    QCOMPARE(r.targetFor(QUrl(QStringLiteral("http://localhost:3000/")), "/hooks/x"), QByteArray("/hooks/x"));
}

void TstForwardRules::onlyMatchingRequestsAreForwarded()
{
    ForwardRule github = rule();
    github.pathPattern = QStringLiteral("/github/*");
    github.methods = {QStringLiteral("POST")};
    ForwardRule any = rule();
    ForwardRules rules;
    rules.rules = {github, any};
    QCOMPARE(rules.match("POST", "/github/push?x"), 0);
    QCOMPARE(rules.match("GET", "/github/push"), 1);
    QCOMPARE(rules.match("POST", "/stripe"), 1);
    rules.rules[1].enabled = false;
    QCOMPARE(rules.match("POST", "/stripe"), -1);
    QVERIFY(!rules.isEmpty());
    rules.rules[0].enabled = false;
    QVERIFY(rules.isEmpty());
    ForwardRule nowhere = rule();
    nowhere.destinations.clear();
    QVERIFY(!nowhere.matches("POST", "/"));
}

void TstForwardRules::unusableRulesSayWhy()
{
    QCOMPARE(rule().problem(), QString());
    ForwardRule r = rule();
    r.destinations.clear();
    QVERIFY(r.problem().contains(QLatin1String("destination")));
    r = rule();
    r.destinations = {QUrl(QStringLiteral("ftp://example.com/"))};
    QVERIFY(r.problem().contains(QLatin1String("ftp://example.com/")));
    QVERIFY(rule(QStringLiteral("/hooks/*"), {}).problem().contains(QLatin1String("both sides")));
    QVERIFY(rule(QStringLiteral("/hooks/*"), QStringLiteral("/*/*")).problem().contains(QLatin1String("more '*'")));
    r = rule();
    r.answerFromForward = true;
    r.answerTimeoutMs = 0;
    QVERIFY(r.problem().contains(QLatin1String("timeout")));
}

QTEST_GUILESS_MAIN(TstForwardRules)
#include "tst_forwardrules.moc"
