// Answer rules: which rule answers, sequences for exercising retries, and changes that apply to a
// running listener at once.

#include "rawclient.h"

#include "capture/captureengine.h"
#include "capture/responserules.h"
#include "session/sessionreader.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using Capture::AnswerSpec;
using Capture::ResponseRule;
using Capture::ResponseRules;

namespace {

AnswerSpec answer(int status, const QByteArray &body = {})
{
    AnswerSpec a;
    a.status = status;
    a.body = body;
    return a;
}

ResponseRule rule(const QStringList &methods, const QString &path, const QList<AnswerSpec> &answers)
{
    ResponseRule r;
    r.methods = methods;
    r.pathPattern = path;
    r.answers = answers;
    return r;
}

int statusOf(quint16 port, const QByteArray &requestLine)
{
    RawClient c;
    if (!c.connectTo(QHostAddress::LocalHost, port))
        return -1;
    c.send(QByteArray(requestLine + "\r\nHost: h\r\nContent-Length: 0\r\n\r\n"));
    const QList<RawResponse> r = parseResponses(c.readResponses(1));
    return r.isEmpty() ? -1 : r.first().status;
}

} // namespace

class TstRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void glob_data();
    void glob();
    void firstMatchWins();
    void jsonRoundTrip();
    void sequencesOverRealSockets();
    void changesApplyAtOnce_data();
    void changesApplyAtOnce();
    void recordsWhichRuleAnswered();
};

void TstRules::glob_data()
{
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("matches");
    QTest::newRow("literal") << QByteArray("/hooks") << QByteArray("/hooks") << true;
    QTest::newRow("literal differs") << QByteArray("/hooks") << QByteArray("/hook") << false;
    QTest::newRow("star tail") << QByteArray("/github*") << QByteArray("/github/push") << true;
    QTest::newRow("star middle") << QByteArray("/a/*/c") << QByteArray("/a/b/x/c") << true;
    QTest::newRow("star empty") << QByteArray("/a*") << QByteArray("/a") << true;
    QTest::newRow("question") << QByteArray("/v?/x") << QByteArray("/v2/x") << true;
    QTest::newRow("question needs one") << QByteArray("/v?") << QByteArray("/v") << false;
    QTest::newRow("two stars") << QByteArray("*x*y*") << QByteArray("aaxbbybb") << true;
    QTest::newRow("no backtrack blowup") << QByteArray("*a*a*a*a*a*b") << QByteArray(5000, 'a') << false;
}

void TstRules::glob()
{
    QFETCH(QByteArray, pattern);
    QFETCH(QByteArray, text);
    QFETCH(bool, matches);
    QCOMPARE(Capture::globMatch(pattern, text), matches);
}

void TstRules::firstMatchWins()
{
    ResponseRules rules;
    rules.rules = {rule({QStringLiteral("POST")}, QStringLiteral("/github*"), {answer(201)}),
                   rule({}, QStringLiteral("/github/*"), {answer(202)}),
                   rule({QStringLiteral("GET")}, {}, {answer(204)})};
    QCOMPARE(rules.match("POST", "/github/push?x=1"), 0);
    QCOMPARE(rules.match("PUT", "/github/push"), 1);
    QCOMPARE(rules.match("GET", "/anything"), 2);
    QCOMPARE(rules.match("DELETE", "/other"), -1);
    rules.rules[0].enabled = false;
    QCOMPARE(rules.match("POST", "/github/push"), 1);
    // The query is not part of the path a pattern sees.
    QCOMPARE(rules.match("PATCH", "/stripe?next=/github/x"), -1);
}

void TstRules::jsonRoundTrip()
{
    ResponseRules rules;
    AnswerSpec redirect = answer(302);
    redirect.headers = {{"Location", "https://example.com/"}, {"X-Two", "a"}, {"X-Two", "b"}};
    redirect.delayMs = 250;
    redirect.body = QByteArray("\x00\xff", 2);
    ResponseRule r =
        rule({QStringLiteral("POST"), QStringLiteral("PUT")}, QStringLiteral("/x*"), {answer(500), redirect});
    r.name = QStringLiteral("flaky");
    r.cycle = true;
    rules.rules = {r};
    rules.fallback = answer(204);
    ResponseRules back;
    QString error;
    QVERIFY2(ResponseRules::fromJson(rules.toJson(), &back, &error), qPrintable(error));
    QCOMPARE(back.toJson(), rules.toJson());
    QCOMPARE(back.rules.first().answers.at(1).headers.size(), 3);
    QCOMPARE(back.rules.first().answers.at(1).body, QByteArray("\x00\xff", 2));
    QVERIFY(!ResponseRules::fromJson("{not json", &back, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!ResponseRules::fromJson(R"({"default":{"status":99}})", &back, &error));
    QVERIFY(error.contains(QStringLiteral("99")));
}

void TstRules::sequencesOverRealSockets()
{
    Capture::CaptureEngine engine;
    Capture::ListenConfig config;
    config.rules = {rule({QStringLiteral("POST")}, QStringLiteral("/flaky"), {answer(500), answer(500), answer(200)})};
    ResponseRule cycling = rule({}, QStringLiteral("/cycle"), {answer(429), answer(200)});
    cycling.cycle = true;
    config.rules.append(cycling);
    config.answer = answer(204);
    QSignalSpy started(&engine, &Capture::CaptureEngine::started);
    engine.start(config);
    QVERIFY(started.wait(5000));
    const quint16 port = engine.port();
    // A sender retrying: fails twice, then gets through, and stays through.
    QCOMPARE(statusOf(port, "POST /flaky HTTP/1.1"), 500);
    QCOMPARE(statusOf(port, "POST /flaky HTTP/1.1"), 500);
    QCOMPARE(statusOf(port, "POST /flaky HTTP/1.1"), 200);
    QCOMPARE(statusOf(port, "POST /flaky HTTP/1.1"), 200);
    QCOMPARE(statusOf(port, "GET /flaky HTTP/1.1"), 204); // method does not match: the default
    QCOMPARE(statusOf(port, "GET /cycle HTTP/1.1"), 429);
    QCOMPARE(statusOf(port, "GET /cycle HTTP/1.1"), 200);
    QCOMPARE(statusOf(port, "GET /cycle HTTP/1.1"), 429);
}

void TstRules::changesApplyAtOnce_data()
{
    // The capture thread's event loop; the two serve posted calls and socket events in different
    // orders, and the promise must not depend on which one the platform picks.
    QTest::addColumn<bool>("glib");
    QTest::newRow("glib event loop") << true;
    QTest::newRow("unix event loop") << false;
}

void TstRules::changesApplyAtOnce()
{
    QFETCH(bool, glib);
    // QThread reads this when the capture thread starts (QThreadPrivate::createEventDispatcher).
    if (glib)
        qunsetenv("QT_NO_THREADED_GLIB");
    else
        qputenv("QT_NO_THREADED_GLIB", "1");
    Capture::CaptureEngine engine;
    qunsetenv("QT_NO_THREADED_GLIB");
    QSignalSpy started(&engine, &Capture::CaptureEngine::started);
    engine.start({});
    QVERIFY(started.wait(5000));
    const quint16 port = engine.port();
    // A sender that keeps its connection open across the changes, and one that connects after them.
    RawClient kept;
    QVERIFY(kept.connectTo(QHostAddress::LocalHost, port));
    const auto keptStatus = [&kept] {
        const QByteArray post = "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n";
        return kept.send(post) ? parseResponses(kept.readResponses(1)).value(0).status : -1;
    };
    const auto answering = [](int status) {
        ResponseRules rules;
        rules.rules = {rule({}, QStringLiteral("/x"), {answer(status)})};
        return rules;
    };
    QCOMPARE(keptStatus(), 200);
    // Each change is followed by exactly one request, sent as soon as setRules returns: no retry
    // may hide a change that lands late. Whether a late one loses the race depends on how the
    // threads are scheduled, so the change is made many times (a few milliseconds in all).
    for (int i = 0; i < 50; ++i) {
        const int status = i % 2 ? 202 : 503;
        engine.setRules(answering(status));
        const int got = keptStatus();
        QVERIFY2(got == status,
                 qPrintable(QStringLiteral("change %1: answered %2, not %3").arg(i).arg(got).arg(status)));
    }
    engine.setRules(answering(503));
    QCOMPARE(statusOf(port, "POST /x HTTP/1.1"), 503);
    QCOMPARE(statusOf(port, "POST /y HTTP/1.1"), 200);
}

void TstRules::recordsWhichRuleAnswered()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString session = dir.filePath(QStringLiteral("rules.hookscope"));
    Capture::CaptureEngine engine;
    Capture::ListenConfig config;
    ResponseRule flaky = rule({QStringLiteral("POST")}, QStringLiteral("/flaky"), {answer(500), answer(200)});
    flaky.name = QStringLiteral("flaky");
    config.rules = {flaky, rule({QStringLiteral("POST")}, QStringLiteral("/github/*"), {answer(202)})};
    config.sessionPath = session;
    QSignalSpy started(&engine, &Capture::CaptureEngine::started);
    QSignalSpy captured(&engine, &Capture::CaptureEngine::captured);
    engine.start(config);
    QVERIFY(started.wait(5000));
    const quint16 port = engine.port();
    QCOMPARE(statusOf(port, "POST /flaky HTTP/1.1"), 500);
    QCOMPARE(statusOf(port, "POST /flaky HTTP/1.1"), 200); // still the rule: its second answer
    QCOMPARE(statusOf(port, "POST /github/push HTTP/1.1"), 202);
    QCOMPARE(statusOf(port, "GET /other HTTP/1.1"), 200);
    // Renamed, then deleted: what answered before keeps the name it had.
    ResponseRules renamed;
    renamed.rules = {flaky};
    renamed.rules[0].name = QStringLiteral("was flaky");
    engine.setRules(renamed);
    QCOMPARE(statusOf(port, "POST /flaky HTTP/1.1"), 500);
    engine.setRules({});
    QCOMPARE(statusOf(port, "POST /flaky HTTP/1.1"), 200);

    using Session::AnswerChoice;
    const QList<QPair<AnswerChoice, QString>> expected = {
        {AnswerChoice::Rule, QStringLiteral("flaky")},          {AnswerChoice::Rule, QStringLiteral("flaky")},
        {AnswerChoice::Rule, QStringLiteral("POST /github/*")}, {AnswerChoice::Default, {}},
        {AnswerChoice::Rule, QStringLiteral("was flaky")},      {AnswerChoice::Default, {}}};
    QList<QPair<AnswerChoice, QString>> live;
    QTRY_COMPARE_WITH_TIMEOUT(
        [&] {
            live.clear();
            for (const QList<QVariant> &signal : std::as_const(captured)) {
                for (const Session::CapturedRequestPtr &r : signal.first().value<Session::CapturedBatch>())
                    live.append({r->answerChoice, r->answerRule});
            }
            return live.size();
        }(),
        expected.size(), 5000);
    QCOMPARE(live, expected);
    engine.stop();
    // And so does the session file.
    Session::SessionReader reader;
    QCOMPARE(reader.open(session).problem, Session::FileProblem::None);
    QList<QPair<AnswerChoice, QString>> stored;
    QVERIFY(reader.forEach([&stored](Session::CapturedRequestPtr r) {
        stored.append({r->answerChoice, r->answerRule});
        return true;
    }));
    QCOMPARE(stored, expected);
}

QTEST_GUILESS_MAIN(TstRules)
#include "tst_rules.moc"
