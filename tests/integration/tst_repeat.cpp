// Repeated sends (issue 11, Repeat): a message N times through C connections or at a rate, each
// with its own resolved id and signature, summarised with exact latency percentiles; against
// scripted servers on 127.0.0.1.

#include "scriptedserver.h"

#include "delivery/repeat.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

using Delivery::LatencyRecord;
using Delivery::RepeatPlan;
using Delivery::RepeatRun;

namespace {

Delivery::Message message(const QUrl &to)
{
    Delivery::Message m;
    m.destinations = {to};
    m.headers = {{"Content-Type", "application/json"}};
    m.body = R"({"id":"{{uuid}}"})";
    return m;
}

QUrl urlOf(const ScriptedServer &server)
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(server.serverPort()));
}

RepeatPlan times(int count, int concurrency)
{
    RepeatPlan plan;
    plan.count = count;
    plan.concurrency = concurrency;
    return plan;
}

} // namespace

class TstRepeat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void percentilesAreExactNearestRank();
    void histogramPutsLargeSamplesInTheLastBucket();
    void repeatsWithFreshIdsAndSignaturesWithinTheConcurrency();
    void rateSpreadsTheMessagesOverTheDuration();
    void failuresAreCountedByOutcome();
    void stopCancelsWhatIsLeft();
    void unusablePlanSaysWhy();
};

void TstRepeat::percentilesAreExactNearestRank()
{
    LatencyRecord r;
    QCOMPARE(r.percentileNs(0.5), 0);
    for (qint64 v : {50, 10, 40, 20, 30})
        r.add(v);
    QCOMPARE(r.percentileNs(0.5), 30);
    QCOMPARE(r.percentileNs(0.9), 50);
    QCOMPARE(r.percentileNs(0.0), 10);
    // Samples added after a query are merged in order.
    for (qint64 v : {5, 45, 25, 35, 15})
        r.add(v);
    QCOMPARE(r.count(), 10);
    QCOMPARE(r.percentileNs(0.5), 25);
    QCOMPARE(r.percentileNs(0.9), 45);
    QCOMPARE(r.percentileNs(0.99), 50);
    QCOMPARE(r.percentileNs(1.0), 50);
    QCOMPARE(r.maxNs(), 50);
}

void TstRepeat::histogramPutsLargeSamplesInTheLastBucket()
{
    LatencyRecord r;
    for (qint64 v : {0, 9, 10, 25, 1000})
        r.add(v);
    QCOMPARE(r.histogram(10, 3), (QList<qint64>{2, 1, 2}));
}

void TstRepeat::repeatsWithFreshIdsAndSignaturesWithinTheConcurrency()
{
    ScriptedServer server;
    Delivery::Message m = message(urlOf(server));
    m.signScheme = QStringLiteral("standard-webhooks");
    m.signSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    RepeatRun run(m, times(200, 4));
    QSignalSpy done(&run, &RepeatRun::finished);
    run.start();
    QVERIFY(run.isRunning());
    QVERIFY(done.wait(20'000));
    QVERIFY(!run.isRunning());

    QCOMPARE(server.requests().size(), 200);
    QSet<QByteArray> bodies, ids, signatures;
    for (const auto &r : server.requests()) {
        bodies << r.body();
        ids << r.headerValue("webhook-id").toByteArray();
        signatures << r.headerValue("webhook-signature").toByteArray();
    }
    QCOMPARE(bodies.size(), 200);
    QCOMPARE(ids.size(), 200);
    QCOMPARE(signatures.size(), 200);
    QVERIFY2(server.peakConnections() <= 4, qPrintable(QString::number(server.peakConnections())));

    const Delivery::RepeatSummary s = run.summary();
    QCOMPARE(s.planned, 200);
    QCOMPARE(s.sent, 200);
    QCOMPARE(s.finished, 200);
    QCOMPARE(s.requests, 200);
    QCOMPARE(s.outcomes, (QMap<QString, qint64>{{QStringLiteral("200"), 200}}));
    QCOMPARE(run.latencies().count(), 200);
    QVERIFY(s.p50Ns > 0);
    QVERIFY(s.p50Ns <= s.p90Ns && s.p90Ns <= s.p99Ns && s.p99Ns <= s.maxNs);
    QVERIFY(s.seconds > 0);
    QVERIFY(s.requestsPerSecond() > 0);
    QVERIFY(!s.stopped);
    QVERIFY2(s.text().contains(QStringLiteral("  200: 200\n")), qPrintable(s.text()));
    const QJsonObject json = s.json();
    QCOMPARE(json.value(QStringLiteral("count")).toInteger(), 200);
    QCOMPARE(json.value(QStringLiteral("by_status")).toObject().value(QStringLiteral("200")).toInteger(), 200);
    for (const char *key : {"p50_ms", "p90_ms", "p99_ms", "max_ms", "requests_per_second"})
        QVERIFY2(json.value(QLatin1String(key)).toDouble() > 0, key);
}

void TstRepeat::rateSpreadsTheMessagesOverTheDuration()
{
    ScriptedServer server;
    RepeatPlan plan;
    plan.ratePerSecond = 100;
    plan.durationMs = 500;
    plan.concurrency = 2;
    QCOMPARE(plan.total(), 50);
    RepeatRun run(message(urlOf(server)), plan);
    QSignalSpy done(&run, &RepeatRun::finished);
    QElapsedTimer clock;
    clock.start();
    run.start();
    QVERIFY(done.wait(20'000));
    QCOMPARE(server.requests().size(), 50);
    // The 50th is due 490 ms after the first: all at once would take a few milliseconds.
    const QList<qint64> &arrivals = server.arrivals();
    QVERIFY2(arrivals.last() - arrivals.first() >= 480,
             qPrintable(QString::number(arrivals.last() - arrivals.first())));
    QVERIFY(clock.elapsed() >= 480);
    QCOMPARE(run.summary().finished, 50);
}

void TstRepeat::failuresAreCountedByOutcome()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const QUrl closed(QStringLiteral("http://127.0.0.1:%1/").arg(probe.serverPort()));
    probe.close();
    ScriptedServer failing({ScriptedServer::reply(503), ScriptedServer::reply(503), ScriptedServer::reply(200)});

    RepeatRun refused(message(closed), times(5, 2));
    QSignalSpy refusedDone(&refused, &RepeatRun::finished);
    refused.start();
    QVERIFY(refusedDone.wait(20'000));
    QCOMPARE(refused.summary().outcomes, (QMap<QString, qint64>{{QStringLiteral("connect-failed"), 5}}));

    RepeatRun mixed(message(urlOf(failing)), times(4, 1));
    QSignalSpy mixedDone(&mixed, &RepeatRun::finished);
    mixed.start();
    QVERIFY(mixedDone.wait(20'000));
    QCOMPARE(mixed.summary().outcomes, (QMap<QString, qint64>{{QStringLiteral("200"), 2}, {QStringLiteral("503"), 2}}));
}

void TstRepeat::stopCancelsWhatIsLeft()
{
    ScriptedServer server;
    RepeatRun run(message(urlOf(server)), times(1'000'000, 2));
    QSignalSpy done(&run, &RepeatRun::finished);
    run.start();
    QTRY_VERIFY(run.summary().finished >= 20);
    run.stop();
    QVERIFY(done.wait(10'000));
    const Delivery::RepeatSummary s = run.summary();
    QVERIFY(s.stopped);
    QVERIFY(s.finished < 1'000'000);
    QCOMPARE(s.finished, s.sent); // every message sent was reported, cancelled or answered
    QVERIFY2(s.sent <= 20 + 4 * 1024, qPrintable(QString::number(s.sent))); // a bounded window was queued
    QVERIFY(s.text().contains(QStringLiteral("stopped")));
    // Nothing goes out after the stop but the (at most two) requests already on the wire.
    QTest::qWait(100);
    const qint64 answered = s.outcomes.value(QStringLiteral("200"));
    QVERIFY2(server.requests().size() <= answered + 2,
             qPrintable(QStringLiteral("%1 arrived, %2 answered").arg(server.requests().size()).arg(answered)));
}

void TstRepeat::unusablePlanSaysWhy()
{
    RepeatPlan plan = times(0, 4);
    QVERIFY(!plan.problem().isEmpty());
    plan = times(10, 0);
    QVERIFY(!plan.problem().isEmpty());
    plan = times(10, 1);
    plan.ratePerSecond = 10;
    QCOMPARE(plan.problem(), QStringLiteral("A rate needs a duration."));
    RepeatRun run(message(QUrl(QStringLiteral("http://127.0.0.1:1/"))), plan);
    QSignalSpy done(&run, &RepeatRun::finished);
    run.start();
    QCOMPARE(done.size(), 1);
    QCOMPARE(run.summary().error, QStringLiteral("A rate needs a duration."));
    QCOMPARE(run.summary().sent, 0);
}

QTEST_GUILESS_MAIN(TstRepeat)
#include "tst_repeat.moc"
