// Forwarding (issue 11, Forward): requests captured by the running engine go on to destinations
// as they came, apart from the hop-by-hop headers and Host and Content-Length; each destination's
// answer comes back; a dead or hanging destination costs the original sender nothing.

#include "rawclient.h"
#include "scriptedserver.h"

#include "capture/captureengine.h"
#include "capture/forwarder.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

namespace {

/// A running engine capturing into a session, whose captured batches go to a forwarder.
struct Forwarding
{
    explicit Forwarding(const QString &sessionPath)
    {
        Capture::ListenConfig config;
        config.sessionPath = sessionPath;
        QSignalSpy started(&engine, &Capture::CaptureEngine::started);
        QObject::connect(&engine, &Capture::CaptureEngine::captured, &forwarder,
                         [this](const Session::CapturedBatch &batch) { forwarder.forward(batch); });
        QObject::connect(&forwarder, &Capture::Forwarder::forwarded, &forwarder,
                         [this](qint64 id, const QList<Capture::ForwardResult> &r) { results.insert(id, r); });
        engine.start(config);
        ok = started.wait(5000);
    }
    ~Forwarding() { engine.stop(); }

    Capture::CaptureEngine engine;
    Capture::Forwarder forwarder;
    QHash<qint64, QList<Capture::ForwardResult>> results;
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

/// Sends `request` to the engine and returns the status it answered, -1 for none.
int send(quint16 port, const QByteArray &request, qint64 *ms = nullptr)
{
    QElapsedTimer t;
    t.start();
    RawClient c;
    if (!c.connectTo(QHostAddress::LocalHost, port))
        return -1;
    c.send(request);
    const QList<RawResponse> r = parseResponses(c.readResponses(1));
    if (ms)
        *ms = t.elapsed();
    return r.isEmpty() ? -1 : r.first().status;
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
    Capture::ForwardRules rules;
    rules.rules = {rule};
    f.forwarder.setRules(rules);

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
    Capture::ForwardRules rules;
    rules.rules = {rule};
    f.forwarder.setRules(rules);
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
    QCOMPARE(f.forwarder.pending(), 0);
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
    Capture::ForwardRules rules;
    rules.rules = {toDead, toHanging};
    f.forwarder.setRules(rules);

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
    QCOMPARE(f.forwarder.pending(), 20);
}

QTEST_GUILESS_MAIN(TstForward)
#include "tst_forward.moc"
