// The delivery engine over real sockets: fan-out, retries, Retry-After, re-signing, cancel and the
// connection limit, against scripted servers on 127.0.0.1.

#include "scriptedserver.h"

#include "delivery/sender.h"
#include "signing/signing.h"

#include <QDateTime>
#include <QTemporaryFile>
#include <QtTest>

namespace {

const QByteArray kWhsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/// Everything a Sender reported, by message.
struct Recorder
{
    explicit Recorder(Delivery::Sender &sender)
    {
        QObject::connect(&sender, &Delivery::Sender::prepared, &sender,
                         [this](const Delivery::Prepared &p) { prepared << p; });
        QObject::connect(&sender, &Delivery::Sender::attemptFinished, &sender,
                         [this](const Delivery::AttemptReport &r) { reports << r; });
        QObject::connect(&sender, &Delivery::Sender::messageFinished, &sender, [this](qint64 id) { finished << id; });
    }
    QList<Delivery::AttemptReport> forDestination(int destination) const
    {
        QList<Delivery::AttemptReport> out;
        for (const auto &r : reports) {
            if (r.destination == destination)
                out << r;
        }
        return out;
    }
    QList<Delivery::Prepared> prepared;
    QList<Delivery::AttemptReport> reports;
    QList<qint64> finished;
};

QUrl urlOf(const ScriptedServer &server, const QString &path = QStringLiteral("/hook"))
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(server.serverPort()).arg(path));
}

Delivery::Message message(const QList<QUrl> &to)
{
    Delivery::Message m;
    m.destinations = to;
    m.headers = {{"Content-Type", "application/json"}};
    m.body = R"({"id":"{{uuid}}","amount":1.50})";
    m.retry.initialDelayMs = 10;
    m.retry.jitter = 0;
    return m;
}

QByteArray headerOf(const Http::Request &request, QByteArrayView name)
{
    return request.headerValue(name).toByteArray();
}

} // namespace

class TstSender : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fanOutSendsOneResolvedMessageToEveryDestination();
    void retriesUntilAnAnswerAndKeepsTheSigningId();
    void retryAfterSetsTheWait();
    void clientErrorsAreNotRetried();
    void givesUpAfterTheLastAttempt();
    void timeoutIsRetried();
    void cancelEndsAWaitingRetry();
    void cancelReachesAMessageStillQueued();
    void eachMessageGoesWhereItSays();
    void connectionLimitIsKeptAndConnectionsReused();
    void refusesMessagesItCannotSend();
    void unreadableBodyFileIsReported();
    void fileBodyIsStreamedAndSigned();
    void unknownPlaceholdersAreListed();
    void placeholdersCanBeLeftAsSent();
    void rawTargetIsSentAsGiven();
};

void TstSender::fanOutSendsOneResolvedMessageToEveryDestination()
{
    ScriptedServer a, b, c;
    Delivery::Sender sender;
    Recorder rec(sender);
    Delivery::Message m = message({urlOf(a), urlOf(b, QStringLiteral("/other?x=1")), urlOf(c)});
    m.headers << qMakePair(QByteArray("X-Delivery"), QByteArray("{{uuid}}"));
    m.signScheme = QStringLiteral("standard-webhooks");
    m.signSecret = kWhsec;
    const qint64 id = sender.send(m);
    QVERIFY(id > 0);
    QTRY_COMPARE(rec.finished, QList<qint64>{id});
    QCOMPARE(rec.reports.size(), 3);
    QCOMPARE(rec.prepared.size(), 1);
    const QByteArray body = rec.prepared.first().body;
    QVERIFY(!body.contains("{{"));

    const Signing::Verifier verifier(
        Signing::Config{{{QStringLiteral("standard-webhooks"), kWhsec, {}, {}}}, {}, {}, {}});
    for (ScriptedServer *s : {&a, &b, &c}) {
        QCOMPARE(s->requests().size(), 1);
        const Http::Request &r = s->requests().first();
        QCOMPARE(r.body(), body);
        QCOMPARE(headerOf(r, "X-Delivery"), body.mid(7, 36)); // one {{uuid}} for header and body
        QCOMPARE(r.header(0).name.toByteArray(), QByteArray("Host"));
        QCOMPARE(r.header(3).name.toByteArray(), QByteArray("Content-Type"));
        QCOMPARE(r.header(4).name.toByteArray(), QByteArray("X-Delivery"));
        QCOMPARE(r.header(5).name.toByteArray(), QByteArray("webhook-id"));
        QCOMPARE(verifier.verify(r, QDateTime::currentSecsSinceEpoch()).verdict, Signing::Verdict::Valid);
    }
    QCOMPARE(b.requests().first().target().toByteArray(), QByteArray("/other?x=1"));
    for (const auto &r : rec.reports) {
        QVERIFY(r.final);
        QCOMPARE(r.attempt, 1);
        QCOMPARE(r.exchange.response.status(), 200);
        QCOMPARE(r.signatureHeaders.size(), 3);
        QVERIFY(r.exchange.requestHead.startsWith("POST /"));
        QCOMPARE(r.messageUid, rec.prepared.first().messageUid);
    }
}

void TstSender::retriesUntilAnAnswerAndKeepsTheSigningId()
{
    // The 503 closes its connection, so the reset hits a fresh one (a reset on a reused keep-alive
    // connection is retried by the connection itself, not counted as an attempt).
    ScriptedServer server({ScriptedServer::reply(503, "Connection: close\r\n"), ScriptedServer::kReset.toByteArray(),
                           ScriptedServer::reply(200)});
    Delivery::Sender sender;
    Recorder rec(sender);
    Delivery::Message m = message({urlOf(server)});
    m.retry.maxAttempts = 4;
    m.signScheme = QStringLiteral("standard-webhooks");
    m.signSecret = kWhsec;
    const qint64 id = sender.send(m);
    QTRY_COMPARE(rec.finished, QList<qint64>{id});

    QCOMPARE(rec.reports.size(), 3);
    QCOMPARE(rec.reports.at(0).attempt, 1);
    QVERIFY(!rec.reports.at(0).final);
    QCOMPARE(rec.reports.at(0).exchange.response.status(), 503);
    QCOMPARE(rec.reports.at(0).retryInMs, 10);
    QCOMPARE(rec.reports.at(1).exchange.outcome, Http::ExchangeResult::Outcome::ConnectionClosed);
    QCOMPARE(rec.reports.at(1).retryInMs, 20); // doubled
    QVERIFY(rec.reports.at(2).final);
    QCOMPARE(rec.reports.at(2).attempt, 3);
    QCOMPARE(rec.reports.at(2).exchange.response.status(), 200);

    QCOMPARE(server.requests().size(), 3);
    const QByteArray firstId = headerOf(server.requests().at(0), "webhook-id");
    QVERIFY(!firstId.isEmpty());
    for (const Http::Request &r : server.requests()) {
        QCOMPARE(headerOf(r, "webhook-id"), firstId);         // the message's id, every attempt
        QCOMPARE(r.body(), server.requests().first().body()); // same resolved body
    }
}

void TstSender::retryAfterSetsTheWait()
{
    ScriptedServer server({ScriptedServer::reply(429, "Retry-After: 1\r\n"), ScriptedServer::reply(200)});
    Delivery::Sender sender;
    Recorder rec(sender);
    Delivery::Message m = message({urlOf(server)});
    m.retry.maxAttempts = 2;
    sender.send(m);
    QTRY_COMPARE_WITH_TIMEOUT(rec.finished.size(), 1, 5000);
    QCOMPARE(rec.reports.size(), 2);
    QCOMPARE(rec.reports.first().retryInMs, 1000);
    QCOMPARE(server.requests().size(), 2);
    QVERIFY2(server.arrivals().at(1) - server.arrivals().at(0) >= 950,
             qPrintable(QString::number(server.arrivals().at(1) - server.arrivals().at(0))));
    QCOMPARE(rec.reports.last().exchange.response.status(), 200);
}

void TstSender::clientErrorsAreNotRetried()
{
    ScriptedServer server({ScriptedServer::reply(400)});
    Delivery::Sender sender;
    Recorder rec(sender);
    Delivery::Message m = message({urlOf(server)});
    m.retry.maxAttempts = 3;
    sender.send(m);
    QTRY_COMPARE(rec.finished.size(), 1);
    QCOMPARE(rec.reports.size(), 1);
    QVERIFY(rec.reports.first().final);
    QCOMPARE(rec.reports.first().exchange.response.status(), 400);
    QCOMPARE(server.requests().size(), 1);
}

void TstSender::givesUpAfterTheLastAttempt()
{
    ScriptedServer server({ScriptedServer::reply(500)});
    Delivery::Sender sender;
    Recorder rec(sender);
    Delivery::Message m = message({urlOf(server)});
    m.retry.maxAttempts = 2;
    sender.send(m);
    QTRY_COMPARE(rec.finished.size(), 1);
    QCOMPARE(rec.reports.size(), 2);
    QVERIFY(rec.reports.last().final);
    QCOMPARE(rec.reports.last().attempt, 2);
    QCOMPARE(rec.reports.last().exchange.response.status(), 500);
    QCOMPARE(rec.reports.last().retryInMs, -1);
}

void TstSender::timeoutIsRetried()
{
    ScriptedServer server({ScriptedServer::kHang.toByteArray(), ScriptedServer::reply(200)});
    Delivery::Sender sender;
    Recorder rec(sender);
    Delivery::Message m = message({urlOf(server)});
    m.retry.maxAttempts = 2;
    m.client.totalTimeoutMs = 300;
    sender.send(m);
    QTRY_COMPARE_WITH_TIMEOUT(rec.finished.size(), 1, 5000);
    QCOMPARE(rec.reports.size(), 2);
    QCOMPARE(rec.reports.first().exchange.outcome, Http::ExchangeResult::Outcome::Timeout);
    QVERIFY(rec.reports.first().exchange.durationMs >= 290);
    QCOMPARE(rec.reports.last().exchange.response.status(), 200);
}

void TstSender::cancelEndsAWaitingRetry()
{
    ScriptedServer server({ScriptedServer::reply(503)});
    Delivery::Sender sender;
    Recorder rec(sender);
    Delivery::Message m = message({urlOf(server)});
    m.retry.maxAttempts = 5;
    m.retry.initialDelayMs = 60'000;
    const qint64 id = sender.send(m);
    QTRY_COMPARE(rec.reports.size(), 1);
    QCOMPARE(sender.activeMessages(), 1);
    sender.cancel(id);
    QTRY_COMPARE(rec.finished, QList<qint64>{id});
    QCOMPARE(rec.reports.size(), 2);
    QVERIFY(rec.reports.last().final);
    QCOMPARE(rec.reports.last().exchange.outcome, Http::ExchangeResult::Outcome::Cancelled);
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(sender.activeMessages(), 0);
}

void TstSender::cancelReachesAMessageStillQueued()
{
    // One connection and fifty messages: most wait in the queue, unresolved, when one is cancelled.
    ScriptedServer server;
    Delivery::Sender sender;
    sender.setMaxConnections(1);
    Recorder rec(sender);
    QList<qint64> ids;
    for (int i = 0; i < 50; ++i)
        ids << sender.send(message({urlOf(server)}));
    const qint64 cancelled = ids.at(40);
    sender.cancel(cancelled);
    QTRY_COMPARE(rec.finished.size(), 50);
    QCOMPARE(sender.activeMessages(), 0);
    QCOMPARE(server.requests().size(), 49);
    QCOMPARE(rec.prepared.size(), 50); // the cancelled one was resolved too, to be reported
    QByteArray cancelledBody;
    for (const auto &p : rec.prepared) {
        if (p.messageId == cancelled)
            cancelledBody = p.body;
    }
    QVERIFY(cancelledBody.startsWith("{\"id\":\""));
    for (const auto &r : server.requests())
        QVERIFY(r.body() != cancelledBody);
    int reportsOfCancelled = 0;
    for (const auto &r : rec.reports) {
        if (r.messageId != cancelled) {
            QCOMPARE(r.exchange.response.status(), 200);
            continue;
        }
        ++reportsOfCancelled;
        QVERIFY(r.final);
        QCOMPARE(r.exchange.outcome, Http::ExchangeResult::Outcome::Cancelled);
    }
    QCOMPARE(reportsOfCancelled, 1);
    // Everything else went out in the order it was sent.
    QList<qint64> order;
    for (const auto &r : rec.reports) {
        if (r.messageId != cancelled)
            order << r.messageId;
    }
    QVERIFY(std::is_sorted(order.begin(), order.end()));
}

void TstSender::eachMessageGoesWhereItSays()
{
    // Messages sent the same way share what their URLs mean on the wire; one going elsewhere must not.
    ScriptedServer first, second;
    Delivery::Sender sender;
    Recorder rec(sender);
    const QList<QUrl> order{urlOf(first, QStringLiteral("/a")), urlOf(first, QStringLiteral("/a")),
                            urlOf(first, QStringLiteral("/b?x=1")), urlOf(second, QStringLiteral("/c")),
                            urlOf(first, QStringLiteral("/a"))};
    for (qsizetype i = 0; i < order.size(); ++i) {
        sender.send(message({order.at(i)}));
        QTRY_COMPARE(rec.finished.size(), i + 1); // one after the other, so each server's order is known
    }
    QList<QByteArray> firstTargets, secondTargets;
    for (const auto &r : first.requests())
        firstTargets << r.target().toByteArray() + ' ' + r.headerValue("Host").toByteArray();
    for (const auto &r : second.requests())
        secondTargets << r.target().toByteArray() + ' ' + r.headerValue("Host").toByteArray();
    const QByteArray firstHost = "127.0.0.1:" + QByteArray::number(first.serverPort());
    const QByteArray secondHost = "127.0.0.1:" + QByteArray::number(second.serverPort());
    QCOMPARE(firstTargets,
             (QList<QByteArray>{"/a " + firstHost, "/a " + firstHost, "/b?x=1 " + firstHost, "/a " + firstHost}));
    QCOMPARE(secondTargets, QList<QByteArray>{"/c " + secondHost});
}

void TstSender::connectionLimitIsKeptAndConnectionsReused()
{
    ScriptedServer server;
    Delivery::Sender sender;
    sender.setMaxConnections(2);
    Recorder rec(sender);
    for (int i = 0; i < 20; ++i)
        sender.send(message({urlOf(server)}));
    QTRY_COMPARE(rec.finished.size(), 20);
    QCOMPARE(server.requests().size(), 20);
    QVERIFY2(server.peakConnections() <= 2, qPrintable(QString::number(server.peakConnections())));
    QVERIFY2(server.connectionsAccepted() <= 2, qPrintable(QString::number(server.connectionsAccepted())));
    int reused = 0;
    for (const auto &r : rec.reports) {
        QCOMPARE(r.exchange.response.status(), 200);
        reused += r.exchange.reusedConnection;
    }
    QVERIFY(reused >= 18);
}

void TstSender::refusesMessagesItCannotSend()
{
    Delivery::Sender sender;
    QString error;
    QCOMPARE(sender.send(message({}), &error), 0);
    QVERIFY(error.contains(QLatin1String("destination")));
    QCOMPARE(sender.send(message({QUrl(QStringLiteral("ftp://127.0.0.1/x"))}), &error), 0);
    QVERIFY(error.contains(QLatin1String("ftp://127.0.0.1/x")));
    Delivery::Message m = message({QUrl(QStringLiteral("http://127.0.0.1:9/"))});
    m.signScheme = QStringLiteral("githup");
    QCOMPARE(sender.send(m, &error), 0);
    QVERIFY(error.contains(QLatin1String("githup")));
    m.signScheme = QStringLiteral("github");
    QCOMPARE(sender.send(m, &error), 0);
    QVERIFY(error.contains(QLatin1String("secret")));
    QCOMPARE(sender.activeMessages(), 0);
}

void TstSender::unreadableBodyFileIsReported()
{
    ScriptedServer server;
    Delivery::Sender sender;
    Recorder rec(sender);
    Delivery::Message m = message({urlOf(server)});
    m.bodyFile = QStringLiteral("/nonexistent/body.bin");
    const qint64 id = sender.send(m);
    QVERIFY(id > 0);
    QTRY_COMPARE(rec.finished, QList<qint64>{id});
    QCOMPARE(rec.prepared.size(), 1);
    QVERIFY(rec.prepared.first().error.contains(QLatin1String("/nonexistent/body.bin")));
    QVERIFY(rec.reports.isEmpty());
    QCOMPARE(server.requests().size(), 0);
}

void TstSender::fileBodyIsStreamedAndSigned()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    QByteArray bytes(3 * 1024 * 1024 + 17, '\0');
    for (qsizetype i = 0; i < bytes.size(); ++i)
        bytes[i] = char(i * 31 % 251);
    file.write(bytes);
    file.close();
    ScriptedServer server;
    Delivery::Sender sender;
    Recorder rec(sender);
    Delivery::Message m = message({urlOf(server)});
    m.body.clear();
    m.bodyFile = file.fileName();
    m.signScheme = QStringLiteral("github");
    m.signSecret = "s3cret";
    sender.send(m);
    QTRY_COMPARE_WITH_TIMEOUT(rec.finished.size(), 1, 10000);
    QCOMPARE(server.requests().size(), 1);
    const Http::Request &r = server.requests().first();
    QCOMPARE(r.body().size(), bytes.size());
    QVERIFY(r.body() == bytes);
    QCOMPARE(headerOf(r, "Content-Length"), QByteArray::number(bytes.size()));
    const Signing::Verifier verifier(Signing::Config{{{QStringLiteral("github"), "s3cret", {}, {}}}, {}, {}, {}});
    QCOMPARE(verifier.verify(r, QDateTime::currentSecsSinceEpoch()).verdict, Signing::Verdict::Valid);
}

void TstSender::unknownPlaceholdersAreListed()
{
    ScriptedServer server;
    Delivery::Sender sender;
    Recorder rec(sender);
    Delivery::Message m = message({urlOf(server)});
    m.body = "{\"a\":\"{{nope}}\",\"b\":\"{{tenant}}\"}";
    m.variables.insert(QStringLiteral("tenant"), "acme");
    sender.send(m);
    QTRY_COMPARE(rec.finished.size(), 1);
    QCOMPARE(rec.prepared.first().unresolved, QStringList{QStringLiteral("nope")});
    QCOMPARE(server.requests().first().body(), QByteArray("{\"a\":\"{{nope}}\",\"b\":\"acme\"}"));
}

void TstSender::placeholdersCanBeLeftAsSent()
{
    // A replayed capture that happens to contain {{uuid}} goes out as it was captured.
    ScriptedServer server;
    Delivery::Sender sender;
    Recorder rec(sender);
    Delivery::Message m = message({urlOf(server)});
    m.headers.append(qMakePair(QByteArray("X-Template"), QByteArray("{{timestamp}}")));
    m.resolvePlaceholders = false;
    sender.send(m);
    QTRY_COMPARE(rec.finished.size(), 1);
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(server.requests().first().body(), m.body);
    QCOMPARE(headerOf(server.requests().first(), "X-Template"), QByteArray("{{timestamp}}"));
    QVERIFY(rec.prepared.first().unresolved.isEmpty());
}

void TstSender::rawTargetIsSentAsGiven()
{
    ScriptedServer server;
    Delivery::Sender sender;
    Recorder rec(sender);
    Delivery::Message m = message({urlOf(server, QStringLiteral("/ignored"))});
    m.rawTarget = "/a/%2e%2e/b?x={v}&y=%2f"; // QUrl would turn this into /b?x=%7Bv%7D&y=%2F
    sender.send(m);
    QTRY_COMPARE(rec.finished.size(), 1);
    QCOMPARE(server.requests().first().target().toByteArray(), QByteArray("/a/%2e%2e/b?x={v}&y=%2f"));
}

QTEST_GUILESS_MAIN(TstSender)
#include "tst_sender.moc"
