// Forwarding (issue 11, Forward): requests captured by the running engine go on to destinations
// as they came, apart from the hop-by-hop headers and Host and Content-Length; each destination's
// answer comes back and is stored with the request; a dead or hanging destination costs the
// original sender nothing; and a sender can be answered with the downstream answer, or with the
// configured one when the destination fails or is too slow, each stored as its late answer.

#include "rawclient.h"
#include "scriptedserver.h"

#include "capture/captureengine.h"
#include "capture/forwarder.h"
#include "http/requestreader.h"
#include "session/har.h"
#include "session/sessionreader.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <future>

namespace {

/// A running engine capturing into a session and forwarding as its rules say.
struct Forwarding
{
    explicit Forwarding(const QString &sessionPath)
        : path(sessionPath)
    {
        Capture::ListenConfig config;
        config.sessionPath = sessionPath;
        QSignalSpy started(&engine, &Capture::CaptureEngine::started);
        QObject::connect(&engine, &Capture::CaptureEngine::forwarded, &engine,
                         [this](qint64 id, const QList<Capture::ForwardResult> &r) { results.insert(id, r); });
        QObject::connect(&engine, &Capture::CaptureEngine::answeredLate, &engine,
                         [this](const Session::LateAnswer &a) { late.insert(a.requestId, a); });
        engine.start(config);
        ok = started.wait(5000);
    }
    ~Forwarding() { engine.stop(); }
    void setRules(const QList<Capture::ForwardRule> &list)
    {
        Capture::ForwardRules rules;
        rules.rules = list;
        engine.setForwardRules(rules);
    }

    QString path;
    Capture::CaptureEngine engine;
    QHash<qint64, QList<Capture::ForwardResult>> results;
    QHash<qint64, Session::LateAnswer> late;
    bool ok = false;
};

Capture::ForwardRule ruleTo(const QList<QUrl> &destinations)
{
    Capture::ForwardRule rule;
    rule.destinations = destinations;
    return rule;
}

QUrl urlOf(const ScriptedServer &server, const QString &path = {})
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(server.serverPort()).arg(path));
}

/// Sends `request` to the engine and returns what it answered (status -1 for none).
RawResponse exchange(quint16 port, const QByteArray &request, qint64 *ms = nullptr)
{
    QElapsedTimer t;
    t.start();
    RawClient c;
    if (!c.connectTo(QHostAddress::LocalHost, port))
        return {};
    c.send(request);
    const QList<RawResponse> r = parseResponses(c.readResponses(1));
    if (ms)
        *ms = t.elapsed();
    return r.isEmpty() ? RawResponse{} : r.first();
}

int send(quint16 port, const QByteArray &request, qint64 *ms = nullptr)
{
    const RawResponse r = exchange(port, request, ms);
    return r.head.isEmpty() ? -1 : r.status;
}

QList<QByteArray> headerLines(const Http::Request &r)
{
    QList<QByteArray> out;
    for (qsizetype i = 0; i < r.headerCount(); ++i)
        out << r.header(i).name.toByteArray() + ": " + r.header(i).value.toByteArray();
    return out;
}

} // namespace

class TstForward : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void forwardsTheBytesThatCame();
    void everyDestinationAnswers();
    void deadAndHangingDestinationsCostTheSenderNothing();
    void theSenderGetsTheDownstreamAnswer();
    void deadOrSlowDestinationsGetTheConfiguredAnswer();
    void forwardsWaitingAreBounded();

private:
    QTemporaryDir m_dir;
};

void TstForward::forwardsTheBytesThatCame()
{
    ScriptedServer downstream({ScriptedServer::reply(202, "X-Down: 1\r\n", "accepted")});
    Forwarding f(m_dir.filePath(QStringLiteral("bytes.hookscope")));
    QVERIFY(f.ok);
    Capture::ForwardRule rule = ruleTo({urlOf(downstream, QStringLiteral("/base"))});
    rule.rewriteFrom = QStringLiteral("/hooks/*");
    rule.rewriteTo = QStringLiteral("/api/webhooks/*");
    f.setRules({rule});

    // Chunked, with duplicates, mixed case, a header named by Connection, a proxy header and a
    // body that looks like a template.
    const QByteArray body = R"({"id":"{{uuid}}","n":1.50})";
    const QByteArray request = "POST /hooks/github?delivery=7&x=%2F HTTP/1.1\r\nHost: hooks.example\r\n"
                               "X-Dup: a\r\nx-dup: b\r\nConnection: keep-alive, X-Hop\r\nX-Hop: gone\r\n"
                               "Keep-Alive: timeout=5\r\nProxy-Authorization: Basic eA==\r\nTE: trailers\r\n"
                               "Content-Type: application/json\r\nX-Dup: c\r\nTransfer-Encoding: chunked\r\n\r\n" +
                               QByteArray::number(body.size(), 16) + "\r\n" + body + "\r\n0\r\n\r\n";
    QCOMPARE(send(f.engine.port(), request), 200);
    QTRY_COMPARE(f.results.size(), 1);
    QCOMPARE(downstream.requests().size(), 1);

    const Http::Request &got = downstream.requests().first();
    QCOMPARE(got.method(), "POST");
    QCOMPARE(got.target(), "/base/api/webhooks/github?delivery=7&x=%2F");
    QCOMPARE(got.body(), body);
    QVERIFY(!got.isChunked());
    const QByteArray host = "127.0.0.1:" + QByteArray::number(downstream.serverPort());
    QCOMPARE(headerLines(got),
             (QList<QByteArray>{"Host: " + host, "Content-Length: " + QByteArray::number(body.size()), "X-Dup: a",
                                "x-dup: b", "Content-Type: application/json", "X-Dup: c"}));

    const QList<Capture::ForwardResult> results = f.results.value(1);
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().status, 202);
    QCOMPARE(results.first().attempts, 1);
    QVERIFY(results.first().error.isEmpty());
    QCOMPARE(results.first().url.toEncoded(), "http://" + host + "/base/api/webhooks/github?delivery=7&x=%2F");
}

void TstForward::everyDestinationAnswers()
{
    ScriptedServer first, second({ScriptedServer::reply(500)});
    Forwarding f(m_dir.filePath(QStringLiteral("two.hookscope")));
    QVERIFY(f.ok);
    Capture::ForwardRule rule = ruleTo({urlOf(first), urlOf(second)});
    rule.methods = {QStringLiteral("POST")};
    f.setRules({rule});
    QCOMPARE(send(f.engine.port(), "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi"), 200);
    QCOMPARE(send(f.engine.port(), "GET /b HTTP/1.1\r\nHost: h\r\n\r\n"), 200); // no rule for GET
    QTRY_COMPARE(f.results.size(), 1);
    const QList<Capture::ForwardResult> results = f.results.value(1);
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0).status, 200);
    QCOMPARE(results.at(1).status, 500);
    QCOMPARE(first.requests().size(), 1);
    QCOMPARE(second.requests().size(), 1);
    // The original had no User-Agent, and the forward adds none.
    QVERIFY(first.requests().first().headerValue("User-Agent").isNull());
    QTest::qWait(50);
    QCOMPARE(f.results.size(), 1); // the GET was not forwarded

    // Both forwards are in the session, linked to the request they were made from, with the bytes
    // each destination got and its answer.
    f.engine.stop();
    Session::SessionReader reader;
    QCOMPARE(reader.open(f.path).problem, Session::FileProblem::None);
    const QList<Session::OutboundSummary> made = reader.messagesMadeFrom(1);
    QCOMPARE(made.size(), 2);
    for (const Session::OutboundSummary &m : made) {
        QCOMPARE(m.kind, QStringLiteral("forward"));
        QCOMPARE(m.sourceId, 1);
        QCOMPARE(m.destinations.size(), 1);
    }
    QCOMPARE(made.at(0).finalStatuses.value(0) + made.at(1).finalStatuses.value(0), 700);
    const Session::OutboundAttempts attempts = reader.loadAttempts(made.at(0).uid);
    QCOMPARE(attempts.size(), 1);
    QVERIFY2(attempts.first().requestHead.startsWith("POST /a HTTP/1.1\r\n"), attempts.first().requestHead.constData());
    QCOMPARE(attempts.first().requestBody, "hi");
    QVERIFY(reader.messagesMadeFrom(2).isEmpty());
    QVERIFY(!reader.lateAnswer(1)); // answered as configured, when it was logged
}

void TstForward::deadAndHangingDestinationsCostTheSenderNothing()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const QUrl dead(QStringLiteral("http://127.0.0.1:%1/").arg(probe.serverPort()));
    probe.close();
    ScriptedServer hanging({ScriptedServer::kHang.toByteArray()});
    Forwarding f(m_dir.filePath(QStringLiteral("dead.hookscope")));
    QVERIFY(f.ok);
    Capture::ForwardRule toDead = ruleTo({dead});
    toDead.pathPattern = QStringLiteral("/dead");
    Capture::ForwardRule toHanging = ruleTo({urlOf(hanging)});
    f.setRules({toDead, toHanging});

    QCOMPARE(send(f.engine.port(), "POST /dead HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nx"), 200);
    QTRY_COMPARE(f.results.size(), 1);
    const Capture::ForwardResult result = f.results.value(1).value(0);
    QCOMPARE(result.status, 0);
    QVERIFY2(result.error.contains(QLatin1String("refused")), qPrintable(result.error));

    // Requests forwarded to a destination that never answers: the senders still get their
    // answers at once, one after another.
    qint64 slowest = 0;
    for (int i = 0; i < 20; ++i) {
        qint64 ms = 0;
        QCOMPARE(send(f.engine.port(), "POST /slow HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nx", &ms), 200);
        slowest = std::max(slowest, ms);
    }
    QTRY_COMPARE(hanging.requests().size(), 20);
    qInfo("slowest answer with 20 forwards hanging: %lld ms", slowest);
    QVERIFY2(slowest < 1000, qPrintable(QString::number(slowest)));
    QCOMPARE(f.results.size(), 1); // the 20 are still waiting for their destination
}

void TstForward::theSenderGetsTheDownstreamAnswer()
{
    ScriptedServer downstream({ScriptedServer::reply(
        201, "X-Down: 1\r\nKeep-Alive: timeout=9\r\nConnection: X-Secret\r\nX-Secret: hop\r\nX-Down: 2\r\n",
        "made it")});
    Forwarding f(m_dir.filePath(QStringLiteral("answer.hookscope")));
    QVERIFY(f.ok);
    Capture::ForwardRule rule = ruleTo({urlOf(downstream)});
    rule.answerFromForward = true;
    f.setRules({rule});

    // The scripted destination answers on this thread: the sender waits on another.
    std::future<RawResponse> answered = std::async(std::launch::async, [port = f.engine.port()] {
        return exchange(port, "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi");
    });
    QTRY_VERIFY(answered.wait_for(std::chrono::seconds(0)) == std::future_status::ready);
    const RawResponse r = answered.get();
    QCOMPARE(r.status, 201);
    QCOMPARE(r.body, "made it");
    QVERIFY2(r.head.contains("\r\nX-Down: 1\r\nX-Down: 2\r\n"), r.head.constData());
    QVERIFY2(!r.head.contains("Keep-Alive") && !r.head.contains("X-Secret"), r.head.constData());
    QTRY_VERIFY(f.late.contains(1));
    QCOMPARE(f.late.value(1).source, Session::LateAnswer::Source::Forward);

    // Stored beside the request, whose own record keeps the configured answer it was logged with.
    QTRY_COMPARE(f.results.size(), 1);
    f.engine.stop();
    Session::SessionReader reader;
    QCOMPARE(reader.open(f.path).problem, Session::FileProblem::None);
    const std::optional<Session::LateAnswer> late = reader.lateAnswer(1);
    QVERIFY(late);
    QCOMPARE(late->source, Session::LateAnswer::Source::Forward);
    QCOMPARE(late->response.status, 201);
    QCOMPARE(late->response.body, "made it");
    QCOMPARE(late->response.headers.size(), 2);
    QVERIFY2(late->note.contains(QLatin1String("answered 201")), qPrintable(late->note));
    const Session::CapturedRequestPtr record = reader.load(1);
    QVERIFY(record);
    QCOMPARE(record->responseStatus, 200);
    QVERIFY(record->lateAnswer); // loaded with it, so exports say what the sender got
    QCOMPARE(record->answerSent().status, 201);
    QCOMPARE(record->answerSent().body, "made it");
    QBuffer har;
    QVERIFY(har.open(QIODevice::WriteOnly));
    Session::HarWriter writer(&har);
    QVERIFY(writer.begin() && writer.write(*record) && writer.finish());
    const QJsonObject response =
        QJsonDocument::fromJson(har.data())
            .object()[QStringLiteral("log")][QStringLiteral("entries")][0][QStringLiteral("response")]
            .toObject();
    QCOMPARE(response[QStringLiteral("status")].toInt(), 201);
    QCOMPARE(response[QStringLiteral("content")][QStringLiteral("text")].toString(), QStringLiteral("made it"));
}

void TstForward::deadOrSlowDestinationsGetTheConfiguredAnswer()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const QUrl dead(QStringLiteral("http://127.0.0.1:%1/").arg(probe.serverPort()));
    probe.close();
    ScriptedServer hanging({ScriptedServer::kHang.toByteArray()});
    ScriptedServer quick;
    Forwarding f(m_dir.filePath(QStringLiteral("timeout.hookscope")));
    QVERIFY(f.ok);
    Capture::ForwardRule toDead = ruleTo({dead});
    toDead.pathPattern = QStringLiteral("/dead");
    toDead.answerFromForward = true;
    Capture::ForwardRule toHanging = ruleTo({urlOf(hanging)});
    toHanging.pathPattern = QStringLiteral("/slow");
    toHanging.answerFromForward = true;
    toHanging.answerTimeoutMs = 400;
    Capture::ForwardRule others = ruleTo({urlOf(quick)}); // forwarded, but nobody waits for it
    f.setRules({toDead, toHanging, others});

    qint64 ms = 0;
    QCOMPARE(send(f.engine.port(), "POST /dead HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nx", &ms), 200);
    qInfo("dead destination: configured answer after %lld ms", ms);
    QTRY_VERIFY(f.late.contains(1));
    QCOMPARE(f.late.value(1).source, Session::LateAnswer::Source::Failed);
    QVERIFY2(f.late.value(1).note.contains(QLatin1String("refused")), qPrintable(f.late.value(1).note));

    // Five senders wait for a destination that never answers; meanwhile others are answered at once.
    QList<RawClient *> waiting;
    for (int i = 0; i < 5; ++i) {
        auto *c = new RawClient;
        QVERIFY(c->connectTo(QHostAddress::LocalHost, f.engine.port()));
        c->send("POST /slow HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nx");
        waiting << c;
    }
    QElapsedTimer sinceHeld;
    sinceHeld.start();
    QTRY_COMPARE(hanging.requests().size(), 5);
    qint64 slowestOther = 0;
    for (int i = 0; i < 20; ++i) {
        QCOMPARE(send(f.engine.port(), "POST /other HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nx", &ms), 200);
        slowestOther = std::max(slowestOther, ms);
    }
    qInfo("slowest of 20 other senders while 5 wait on a hanging destination: %lld ms", slowestOther);
    QVERIFY2(slowestOther < 400, qPrintable(QString::number(slowestOther))); // before the held ones' timeout
    for (RawClient *c : std::as_const(waiting)) {
        const QList<RawResponse> r = parseResponses(c->readResponses(1));
        QCOMPARE(r.size(), 1);
        QCOMPARE(r.first().status, 200);
    }
    const qint64 held = sinceHeld.elapsed();
    qInfo("held senders answered after %lld ms (timeout 400 ms)", held);
    QVERIFY2(held >= 390, qPrintable(QString::number(held)));
    qDeleteAll(waiting);
    QTRY_COMPARE(f.late.size(), 6);
    for (qint64 id = 2; id <= 6; ++id) {
        QCOMPARE(f.late.value(id).source, Session::LateAnswer::Source::Timeout);
        QCOMPARE(f.late.value(id).response.status, 200);
    }

    f.engine.stop();
    Session::SessionReader reader;
    QCOMPARE(reader.open(f.path).problem, Session::FileProblem::None);
    QCOMPARE(reader.lateAnswer(1)->source, Session::LateAnswer::Source::Failed);
    QCOMPARE(reader.lateAnswer(2)->source, Session::LateAnswer::Source::Timeout);
    QVERIFY(!reader.lateAnswer(7)); // an /other request: answered as logged
}

void TstForward::forwardsWaitingAreBounded()
{
    // A destination that never answers, under a flood: past the bound, requests are not forwarded
    // and their results say why, instead of piling up.
    ScriptedServer hanging({ScriptedServer::kHang.toByteArray()});
    Capture::Forwarder forwarder;
    forwarder.setMaxWaiting(3);
    Capture::ForwardRules rules;
    rules.rules = {ruleTo({urlOf(hanging)})};
    forwarder.setRules(rules);
    QHash<qint64, QList<Capture::ForwardResult>> results;
    connect(&forwarder, &Capture::Forwarder::forwarded, this,
            [&results](qint64 id, const QList<Capture::ForwardResult> &r) { results.insert(id, r); });
    Session::CapturedBatch batch;
    for (qint64 id = 1; id <= 5; ++id) {
        auto r = std::make_shared<Session::CapturedRequest>();
        r->id = id;
        r->request = Http::RequestReader::restore("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\n", "x", {});
        batch << r;
    }
    QCOMPARE(forwarder.forward(batch).size(), 5);
    QCOMPARE(results.keys().size(), 2); // the fourth and fifth, at once
    for (qint64 id : {4, 5}) {
        QCOMPARE(results.value(id).value(0).status, 0);
        QVERIFY2(results.value(id).value(0).error.contains(QLatin1String("3 forwards were already waiting")),
                 qPrintable(results.value(id).value(0).error));
    }
    QCOMPARE(forwarder.pending(), 3);
    QTRY_COMPARE(hanging.requests().size(), 3);
}

QTEST_GUILESS_MAIN(TstForward)
#include "tst_forward.moc"
