// The listener over real sockets on loopback, port 0: ordinary requests through
// QNetworkAccessManager, byte-exact, fragmented, pipelined and malformed input through RawClient.

#include "rawclient.h"
#include "threadedlistener.h"

#include "capture/captureengine.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QThread>
#include <QtTest>

using Session::CapturedRequestPtr;

namespace {

QByteArray headerOf(const Session::CapturedRequest &r, qsizetype i)
{
    const Http::Field f = r.request.header(i);
    return f.name.toByteArray() + ": " + f.value.toByteArray();
}

/// The real capture engine on its own thread, with the records it produced.
class Engine
{
public:
    explicit Engine(Capture::ListenConfig config = {})
    {
        QObject::connect(&engine, &Capture::CaptureEngine::captured, &engine,
                         [this](const Session::CapturedBatch &batch) { records += batch; });
        QSignalSpy started(&engine, &Capture::CaptureEngine::started);
        engine.start(config);
        ok = started.wait(5000);
    }

    quint16 port() const { return engine.port(); }
    QHostAddress address() const { return engine.address(); }
    QUrl url(const QString &path) const { return engine.url().resolved(QUrl(path)); }
    QList<CapturedRequestPtr> recordsFrom(quint16 remotePort) const
    {
        QList<CapturedRequestPtr> out;
        for (const CapturedRequestPtr &r : records) {
            if (r->remotePort == remotePort)
                out.append(r);
        }
        return out;
    }
    bool connect(RawClient &client) const { return client.connectTo(address(), port()); }

    /// Waits until every record of the connections closed so far has arrived, so a test can say
    /// that no more will come. Records of one connection are made before the server closes it,
    /// and all come through the one capture thread in order: once a barrier request on a later
    /// connection is recorded, the earlier records are here (the conformance test's barrier).
    /// The barrier's own record is dropped.
    bool settle()
    {
        const QByteArray target = "/.barrier/" + QByteArray::number(++m_barriers);
        RawClient client;
        if (!connect(client) ||
            !client.send(QByteArray("GET " + target + " HTTP/1.1\r\nHost: barrier\r\nConnection: close\r\n\r\n")))
            return false;
        client.readUntilClosed();
        const auto isBarrier = [&](const CapturedRequestPtr &r) { return r->request.target() == target; };
        if (!QTest::qWaitFor([&] { return std::any_of(records.cbegin(), records.cend(), isBarrier); }, 5000))
            return false;
        records.removeIf(isBarrier);
        return true;
    }

    Capture::CaptureEngine engine;
    QList<CapturedRequestPtr> records;
    bool ok = false;

private:
    int m_barriers = 0;
};

} // namespace

class TstListener : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reachableUrls();
    void networkAccessManagerPost();
    void customMethodsAndAnswer();
    void redirectAnswerWithDelay();
    void ipv6Loopback();
    void headerCaseOrderAndDuplicatesKept();
    void oneByteAtATime();
    void pipelinedRequestsAnsweredInOrder();
    void answersLeaveInRequestOrder();
    void keepAliveAndHttp10();
    void connectionCloseHonoured();
    void expectContinue();
    void expectContinueTooLarge();
    void malformedRequestIsAnsweredAndRecorded();
    void rejectionWaitsForEarlierAnswers();
    void limits_data();
    void limits();
    void headDeadline();
    void idleKeepAliveCloses();
    void halfCloseAfterRequestStillAnswered();
    void halfCloseMidRequest();
    void missingHostCapturedWithWarning();
    void protocolSwitchesAnsweredThenClosed_data();
    void protocolSwitchesAnsweredThenClosed();
    void headRequestHasNoBody();
    void stalledClientDoesNotBlockOthers();
};

void TstListener::networkAccessManagerPost()
{
    Engine e;
    QVERIFY(e.ok);
    QNetworkAccessManager nam;
    QNetworkRequest request(e.url(QStringLiteral("/github?delivery=42")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("X-GitHub-Event", "push");
    const QByteArray payload = R"({"ref":"refs/heads/main","id":12345678901234567890,"n":1.0})";
    QNetworkReply *reply = nam.post(request, payload);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(), QStringLiteral("application/json"));
    QCOMPARE(reply->readAll(), QByteArray(R"({"ok":true})"));
    reply->deleteLater();

    QTRY_COMPARE(e.records.size(), 1);
    const Session::CapturedRequest &r = *e.records.first();
    QVERIFY(!r.rejected);
    QCOMPARE(r.request.method(), "POST");
    QCOMPARE(r.request.target(), "/github?delivery=42");
    QCOMPARE(r.request.httpVersion(), "HTTP/1.1");
    QCOMPARE(r.request.body(), payload);
    QCOMPARE(r.request.headerValue("x-github-event"), "push");
    QCOMPARE(r.request.headerValue("Content-Type"), "application/json");
    QCOMPARE(r.responseStatus, 200);
    QCOMPARE(r.remoteAddress, QHostAddress(QHostAddress::LocalHost));
    QVERIFY(r.receivedAtMs > 0);
    QVERIFY(r.id > 0);
}

void TstListener::customMethodsAndAnswer()
{
    Capture::ListenConfig config;
    config.answer.status = 202;
    config.answer.headers = {{"Content-Type", "text/plain"}, {"X-Hookscope", "yes"}, {"X-Hookscope", "again"}};
    config.answer.body = "accepted";
    Engine e(config);
    QVERIFY(e.ok);
    QNetworkAccessManager nam;
    for (const QByteArray &verb : {QByteArray("PURGE"), QByteArray("DELETE"), QByteArray("PATCH")}) {
        QNetworkReply *reply = nam.sendCustomRequest(QNetworkRequest(e.url(QStringLiteral("/x"))), verb, "b");
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 202);
        QCOMPARE(reply->rawHeader("X-Hookscope"), "yes, again");
        QCOMPARE(reply->readAll(), "accepted");
        reply->deleteLater();
    }
    QTRY_COMPARE(e.records.size(), 3);
    QCOMPARE(e.records.at(0)->request.method(), "PURGE");
    QCOMPARE(e.records.at(1)->request.method(), "DELETE");
    QCOMPARE(e.records.at(2)->request.method(), "PATCH");
    QCOMPARE(e.records.at(2)->responseStatus, 202);
}

void TstListener::redirectAnswerWithDelay()
{
    Capture::ListenConfig config;
    config.answer.status = 302;
    config.answer.headers = {{"Location", "https://example.com/elsewhere"}};
    config.answer.body.clear();
    config.answer.delayMs = 300;
    Engine e(config);
    QVERIFY(e.ok);
    RawClient client;
    QVERIFY(e.connect(client));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(client.send("GET /old HTTP/1.1\r\nHost: h\r\n\r\n"));
    const QList<RawResponse> responses = parseResponses(client.readResponses(1));
    QCOMPARE(responses.size(), 1);
    QVERIFY2(timer.elapsed() >= 290, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(responses.first().status, 302);
    QCOMPARE(responses.first().header("Location"), "https://example.com/elsewhere");
    QVERIFY(responses.first().head.startsWith("HTTP/1.1 302 Found\r\n"));
}

void TstListener::ipv6Loopback()
{
    Capture::ListenConfig config;
    config.address = QHostAddress(QHostAddress::LocalHostIPv6);
    Engine e(config);
    if (!e.ok)
        QSKIP("IPv6 loopback is not available on this machine");
    QCOMPARE(e.engine.url().host(), QStringLiteral("::1"));
    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.get(QNetworkRequest(e.url(QStringLiteral("/v6"))));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
    QTRY_COMPARE(e.records.size(), 1);
    QCOMPARE(e.records.first()->remoteAddress, QHostAddress(QHostAddress::LocalHostIPv6));
    QVERIFY(e.records.first()->remote().startsWith(QStringLiteral("[::1]:")));
}

void TstListener::headerCaseOrderAndDuplicatesKept()
{
    Engine e;
    QVERIFY(e.ok);
    RawClient client;
    QVERIFY(e.connect(client));
    const QByteArray head = "POST /hooks/stripe HTTP/1.1\r\n"
                            "host: example\r\n"
                            "X-Custom-CASE:  padded value \t\r\n"
                            "Set-Thing: one\r\n"
                            "set-thing: two\r\n"
                            "Empty:\r\n"
                            "content-length: 5\r\n"
                            "\r\n";
    QVERIFY(client.send(QByteArray(head + "hello")));
    QCOMPARE(parseResponses(client.readResponses(1)).size(), 1);
    QTRY_COMPARE(e.records.size(), 1);
    const Session::CapturedRequest &r = *e.records.first();
    QCOMPARE(r.request.rawHead(), head);
    QCOMPARE(r.request.headerCount(), 6);
    QCOMPARE(headerOf(r, 0), "host: example");
    QCOMPARE(headerOf(r, 1), "X-Custom-CASE: padded value");
    QCOMPARE(headerOf(r, 2), "Set-Thing: one");
    QCOMPARE(headerOf(r, 3), "set-thing: two");
    QCOMPARE(headerOf(r, 4), "Empty: ");
    QCOMPARE(r.request.body(), "hello");
    QCOMPARE(r.request.wireBytes(), QByteArray(head + "hello"));
}

void TstListener::oneByteAtATime()
{
    Engine e;
    QVERIFY(e.ok);
    RawClient client;
    QVERIFY(e.connect(client));
    const QByteArray bytes = "PUT /slow HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "4;ext=\"v\"\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: t\r\n\r\n";
    QList<qsizetype> ones(bytes.size(), 1);
    QVERIFY(client.sendPieces(bytes, ones));
    QCOMPARE(parseResponses(client.readResponses(1)).size(), 1);
    QTRY_COMPARE(e.records.size(), 1);
    const Http::Request &r = e.records.first()->request;
    QCOMPARE(r.body(), "Wikipedia");
    QCOMPARE(r.trailerCount(), 1);
    QCOMPARE(r.trailer(0).name, "X-Trailer");
    QCOMPARE(r.trailer(0).value, "t");
    QCOMPARE(r.wireBytes(), bytes);
}

void TstListener::pipelinedRequestsAnsweredInOrder()
{
    Engine e;
    QVERIFY(e.ok);
    RawClient client;
    QVERIFY(e.connect(client));
    QByteArray bytes;
    for (int i = 0; i < 5; ++i)
        bytes += "POST /p" + QByteArray::number(i) + " HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n" +
                 QByteArray::number(10 + i);
    QVERIFY(client.send(bytes)); // one segment, five requests
    const QList<RawResponse> responses = parseResponses(client.readResponses(5));
    QCOMPARE(responses.size(), 5);
    QTRY_COMPARE(e.records.size(), 5);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(e.records.at(i)->request.target(), QByteArray("/p" + QByteArray::number(i)));
        QCOMPARE(e.records.at(i)->request.body(), QByteArray::number(10 + i));
        QVERIFY(e.records.at(i)->id > (i ? e.records.at(i - 1)->id : 0));
    }
    QVERIFY(!client.peerClosed());
}

void TstListener::answersLeaveInRequestOrder()
{
    ThreadedListener t({}, nullptr, "/"); // holds every request
    RawClient client;
    QVERIFY(client.connectTo(QHostAddress::LocalHost, t.port()));
    QVERIFY(client.send("GET /first HTTP/1.1\r\nHost: h\r\n\r\nGET /second HTTP/1.1\r\nHost: h\r\n\r\n"
                        "GET /third HTTP/1.1\r\nHost: h\r\n\r\n"));
    QTRY_COMPARE(t.handler.count(), 3);
    t.answer(2); // the handler answers out of order...
    t.answer(1);
    // answer() returns once the listener has written whatever it would; over loopback those bytes
    // have arrived by then, so a look without waiting sees them: nothing may leave before the first.
    QCOMPARE(parseResponses(client.readAvailable()).size(), 0);
    t.answer(0);
    const QList<RawResponse> responses = parseResponses(client.readResponses(3));
    QCOMPARE(responses.size(), 3);
    QCOMPARE(responses.at(0).body, "answer to /first");
    QCOMPARE(responses.at(1).body, "answer to /second");
    QCOMPARE(responses.at(2).body, "answer to /third");
}

void TstListener::keepAliveAndHttp10()
{
    Engine e;
    QVERIFY(e.ok);
    RawClient client;
    QVERIFY(e.connect(client));
    QVERIFY(client.send("GET /a HTTP/1.1\r\nHost: h\r\n\r\n"));
    QCOMPARE(parseResponses(client.readResponses(1)).size(), 1);
    QVERIFY(client.send("GET /b HTTP/1.1\r\nHost: h\r\n\r\n"));
    QCOMPARE(parseResponses(client.readResponses(1)).size(), 1);
    QVERIFY(!client.peerClosed());

    // HTTP/1.0 asking for keep-alive keeps the connection and is told so.
    RawClient keep;
    QVERIFY(e.connect(keep));
    QVERIFY(keep.send("GET /c HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    QList<RawResponse> responses = parseResponses(keep.readResponses(1));
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().header("Connection"), "keep-alive");
    QVERIFY(keep.send("GET /d HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    QCOMPARE(parseResponses(keep.readResponses(1)).size(), 1);

    // Plain HTTP/1.0 closes after its answer.
    RawClient plain;
    QVERIFY(e.connect(plain));
    QVERIFY(plain.send("GET /e HTTP/1.0\r\n\r\n"));
    const QByteArray all = plain.readUntilClosed();
    QVERIFY(plain.peerClosed());
    responses = parseResponses(all);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().header("Connection"), "close");
    QTRY_COMPARE(e.records.size(), 5);
    QVERIFY(!e.records.at(4)->request.hasWarning(Http::Warning::MissingHost)); // HTTP/1.0 needs no Host
}

void TstListener::connectionCloseHonoured()
{
    Engine e;
    QVERIFY(e.ok);
    RawClient client;
    QVERIFY(e.connect(client));
    // The second request follows "Connection: close" and must never be read.
    QVERIFY(client.send("GET /last HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\nGET /never HTTP/1.1\r\n\r\n"));
    const QList<RawResponse> responses = parseResponses(client.readUntilClosed());
    QVERIFY(client.peerClosed());
    QCOMPARE(responses.size(), 1);
    QVERIFY(e.settle());
    QCOMPARE(e.records.size(), 1); // "/never" was never read
    QCOMPARE(e.records.first()->request.target(), "/last");
}

void TstListener::expectContinue()
{
    Engine e;
    QVERIFY(e.ok);
    RawClient client;
    QVERIFY(e.connect(client));
    QVERIFY(client.send("POST /big HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"));
    QList<RawResponse> responses = parseResponses(client.readResponses(1));
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().status, 100);
    QVERIFY(e.records.isEmpty());
    QVERIFY(client.send("data"));
    responses = parseResponses(client.readResponses(1));
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().status, 200);
    QTRY_COMPARE(e.records.size(), 1);
    QCOMPARE(e.records.first()->request.body(), "data");
}

void TstListener::expectContinueTooLarge()
{
    Capture::ListenConfig config;
    config.limits.maxBodyBytes = 1000;
    Engine e(config);
    QVERIFY(e.ok);
    RawClient client;
    QVERIFY(e.connect(client));
    QVERIFY(client.send("POST /big HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 1001\r\n\r\n"));
    const QList<RawResponse> responses = parseResponses(client.readUntilClosed());
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().status, 413); // instead of 100: the client need not send the body
    QTRY_COMPARE(e.records.size(), 1);
    QVERIFY(e.records.first()->rejected);
    QCOMPARE(e.records.first()->errorStatus, 413);
}

void TstListener::malformedRequestIsAnsweredAndRecorded()
{
    Engine e;
    QVERIFY(e.ok);
    RawClient client;
    QVERIFY(e.connect(client));
    const QByteArray bytes = "POST /smuggle HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n"
                             "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
    QVERIFY(client.send(bytes));
    const QList<RawResponse> responses = parseResponses(client.readUntilClosed());
    QVERIFY(client.peerClosed());
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().status, 400);
    QVERIFY(responses.first().body.contains("Transfer-Encoding"));
    QTRY_COMPARE(e.records.size(), 1);
    const Session::CapturedRequest &r = *e.records.first();
    QVERIFY(r.rejected);
    QCOMPARE(r.responseStatus, 400);
    QVERIFY(r.errorReason.contains(QStringLiteral("Content-Length and Transfer-Encoding")));
    QCOMPARE(r.errorOffset, bytes.indexOf("chunked"));
    QCOMPARE(r.raw, bytes); // everything that came, so the user can see why
    QCOMPARE(r.request.method(), "POST");
    QCOMPARE(r.request.target(), "/smuggle");
}

void TstListener::rejectionWaitsForEarlierAnswers()
{
    Capture::ListenConfig config;
    config.answer.delayMs = 200;
    Engine e(config);
    QVERIFY(e.ok);
    RawClient client;
    QVERIFY(e.connect(client));
    QVERIFY(client.send("GET /ok HTTP/1.1\r\nHost: h\r\n\r\nGET /bad\nHTTP/1.1\r\n\r\n"));
    const QList<RawResponse> responses = parseResponses(client.readUntilClosed());
    QCOMPARE(responses.size(), 2);
    QCOMPARE(responses.at(0).status, 200);
    QCOMPARE(responses.at(1).status, 400);
    QTRY_COMPARE(e.records.size(), 2);
    QVERIFY(!e.records.at(0)->rejected);
    QVERIFY(e.records.at(1)->rejected);
    QVERIFY(e.records.at(1)->errorReason.contains(QStringLiteral("bare LF")));
}

void TstListener::limits_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reason");

    const QByteArray bigHeader = "X-Big: " + QByteArray(2000, 'a') + "\r\n";
    QTest::newRow("head too large") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\n" + bigHeader + "\r\n") << 431
                                    << QStringLiteral("head larger");
    QByteArray many = "GET / HTTP/1.1\r\n";
    for (int i = 0; i < 11; ++i)
        many += "H" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("too many headers") << QByteArray(many + "\r\n") << 431 << QStringLiteral("more than 10");
    QTest::newRow("body too large") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n") << 413
                                    << QStringLiteral("exceeds");
    QTest::newRow("chunked body too large")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n" + QByteArray(64, 'x') +
                      "\r\n40\r\n")
        << 413 << QStringLiteral("body limit");
    QTest::newRow("request line too long")
        << QByteArray("GET /" + QByteArray(1100, 'p') + " HTTP/1.1\r\n\r\n") << 414 << QStringLiteral("request line");
    QTest::newRow("unsupported version") << QByteArray("GET / HTTP/3.0\r\n\r\n") << 505 << QStringLiteral("3.0");
    QTest::newRow("unknown transfer coding")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n") << 501 << QStringLiteral("gzip");
}

void TstListener::limits()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    QFETCH(QString, reason);
    Capture::ListenConfig config;
    config.limits.maxHeadBytes = 1024;
    config.limits.maxHeaderCount = 10;
    config.limits.maxBodyBytes = 100;
    Engine e(config);
    QVERIFY(e.ok);
    RawClient client;
    QVERIFY(e.connect(client));
    QVERIFY(client.send(bytes));
    const QList<RawResponse> responses = parseResponses(client.readUntilClosed());
    QVERIFY(client.peerClosed());
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().status, status);
    QTRY_COMPARE(e.records.size(), 1);
    const Session::CapturedRequest &r = *e.records.first();
    QVERIFY(r.rejected);
    QCOMPARE(r.errorStatus, status);
    QVERIFY2(r.errorReason.contains(reason), qPrintable(r.errorReason));
    QVERIFY(r.raw.size() <= 1024);
    QVERIFY(!r.raw.isEmpty());
    QCOMPARE(r.raw, bytes.left(1024));
}

void TstListener::headDeadline()
{
    Capture::ListenConfig config;
    config.limits.headTimeoutMs = 300;
    Engine e(config);
    QVERIFY(e.ok);
    RawClient slow;
    QVERIFY(e.connect(slow));
    QVERIFY(slow.send("POST /slowloris HTTP/1.1\r\nHost: h\r\nX-A: "));
    QElapsedTimer timer;
    timer.start();
    const QList<RawResponse> responses = parseResponses(slow.readUntilClosed(3000));
    QVERIFY(slow.peerClosed());
    QVERIFY(timer.elapsed() >= 250);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().status, 408);
    QTRY_COMPARE(e.records.size(), 1);
    QVERIFY(e.records.first()->rejected);
    QCOMPARE(e.records.first()->errorStatus, 408);
    QCOMPARE(e.records.first()->raw, "POST /slowloris HTTP/1.1\r\nHost: h\r\nX-A: ");

    // A connection that never says anything is closed without a record.
    RawClient silent;
    QVERIFY(e.connect(silent));
    QCOMPARE(silent.readUntilClosed(3000), QByteArray());
    QVERIFY(silent.peerClosed());
    QVERIFY(e.settle());
    QCOMPARE(e.records.size(), 1);
}

void TstListener::idleKeepAliveCloses()
{
    Capture::ListenConfig config;
    config.limits.idleTimeoutMs = 300;
    Engine e(config);
    QVERIFY(e.ok);
    RawClient client;
    QVERIFY(e.connect(client));
    QVERIFY(client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
    QCOMPARE(parseResponses(client.readResponses(1)).size(), 1);
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(client.readUntilClosed(3000), QByteArray()); // closed quietly, no 408 on an idle connection
    QVERIFY(client.peerClosed());
    QVERIFY(timer.elapsed() >= 250);
    QTRY_COMPARE(e.records.size(), 1);
}

void TstListener::halfCloseAfterRequestStillAnswered()
{
    Capture::ListenConfig config;
    config.answer.delayMs = 100; // the answer is not ready when the client's FIN arrives
    Engine e(config);
    QVERIFY(e.ok);
    RawClient client;
    QVERIFY(e.connect(client));
    QVERIFY(client.send("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi"));
    client.shutdownWrite();
    const QList<RawResponse> responses = parseResponses(client.readUntilClosed());
    QVERIFY(client.peerClosed());
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().status, 200);
    QCOMPARE(responses.first().body, R"({"ok":true})");
}

void TstListener::halfCloseMidRequest()
{
    Engine e;
    QVERIFY(e.ok);
    RawClient client;
    QVERIFY(e.connect(client));
    QVERIFY(client.send("POST /cut HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nhalf"));
    client.shutdownWrite();
    const QList<RawResponse> responses = parseResponses(client.readUntilClosed());
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().status, 400);
    QTRY_COMPARE(e.records.size(), 1);
    const Session::CapturedRequest &r = *e.records.first();
    QVERIFY(r.rejected);
    QVERIFY(r.errorReason.contains(QStringLiteral("before the request was complete")));
    QCOMPARE(r.raw, "POST /cut HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nhalf");
    QCOMPARE(r.errorOffset, r.raw.size());
}

void TstListener::missingHostCapturedWithWarning()
{
    Engine e;
    QVERIFY(e.ok);
    RawClient client;
    QVERIFY(e.connect(client));
    QVERIFY(client.send("GET /nohost HTTP/1.1\r\n\r\n"));
    const QList<RawResponse> responses = parseResponses(client.readResponses(1));
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().status, 200);
    QTRY_COMPARE(e.records.size(), 1);
    QVERIFY(!e.records.first()->rejected);
    QCOMPARE(e.records.first()->request.warnings(), QStringList{QStringLiteral("missing-host")});
}

void TstListener::protocolSwitchesAnsweredThenClosed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("warning");
    QTest::newRow("CONNECT") << QByteArray("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"
                                           "\x16\x03\x01 tls bytes GET /x HTTP/1.1\r\n\r\n")
                             << QByteArray("CONNECT") << QByteArray() << QStringLiteral("connect-not-tunneled");
    QTest::newRow("Upgrade") << QByteArray("POST /ws HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: "
                                           "websocket\r\nContent-Length: 3\r\n\r\nabcGET /x HTTP/1.1\r\n\r\n")
                             << QByteArray("POST") << QByteArray("abc") << QStringLiteral("upgrade-ignored");
    QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x12\x04", 30)
                                    << QByteArray("PRI") << QByteArray() << QStringLiteral("http2-preface");
}

void TstListener::protocolSwitchesAnsweredThenClosed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    QFETCH(QString, warning);
    Engine e;
    QVERIFY(e.ok);
    RawClient client;
    QVERIFY(e.connect(client));
    QVERIFY(client.send(bytes));
    const QList<RawResponse> responses = parseResponses(client.readUntilClosed());
    QVERIFY(client.peerClosed());
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().status, 200); // the normal answer: no protocol switch
    QCOMPARE(responses.first().header("Connection"), "close");
    QVERIFY(e.settle());
    QCOMPARE(e.records.size(), 1); // what followed was never read as a request
    QCOMPARE(e.records.first()->request.method(), method);
    QCOMPARE(e.records.first()->request.body(), body);
    QVERIFY(e.records.first()->request.warnings().contains(warning));
}

void TstListener::headRequestHasNoBody()
{
    Engine e;
    QVERIFY(e.ok);
    RawClient client;
    QVERIFY(e.connect(client));
    QVERIFY(client.send("HEAD / HTTP/1.1\r\nHost: h\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n"));
    const QByteArray bytes = client.readResponses(2, 1000);
    // HEAD's answer carries Content-Length 11 but no body; the GET's answer follows right after.
    const qsizetype second = bytes.indexOf("HTTP/1.1 200", 1);
    QVERIFY(second > 0);
    QVERIFY(bytes.left(second).endsWith("Content-Length: 11\r\n\r\n"));
    QVERIFY(bytes.endsWith(R"({"ok":true})"));
}

void TstListener::stalledClientDoesNotBlockOthers()
{
    Engine e;
    QVERIFY(e.ok);
    RawClient stalled;
    QVERIFY(e.connect(stalled));
    QVERIFY(stalled.send("POST /stall HTTP/1.1\r\nHost: h\r\nContent-Length: 1000000\r\n\r\npartial"));
    RawClient reader; // and one that never reads its answers
    QVERIFY(e.connect(reader));
    QByteArray flood;
    for (int i = 0; i < 200; ++i)
        flood += "GET /flood HTTP/1.1\r\nHost: h\r\n\r\n";
    QVERIFY(reader.send(flood));

    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 10; ++i) {
        RawClient other;
        QVERIFY(e.connect(other));
        QVERIFY(other.send("GET /other HTTP/1.1\r\nHost: h\r\n\r\n"));
        QCOMPARE(parseResponses(other.readResponses(1, 2000)).size(), 1);
    }
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
}

void TstListener::reachableUrls()
{
    // What the status bar lists and Copy URL picks from: the machine's addresses when bound to
    // all of them (no test binds 0.0.0.0: the addresses are given).
    using Capture::CaptureEngine;
    const auto texts = [](const QList<QUrl> &urls) {
        QStringList out;
        for (const QUrl &u : urls)
            out.append(u.toString());
        return out.join(u' ');
    };
    const QList<QHostAddress> interfaces = {
        QHostAddress(QStringLiteral("192.168.1.5")), QHostAddress(QStringLiteral("127.0.0.1")),
        QHostAddress(QStringLiteral("::1")),         QHostAddress(QStringLiteral("fe80::1")),
        QHostAddress(QStringLiteral("2001:db8::5")), QHostAddress(QStringLiteral("169.254.1.1"))};
    QCOMPARE(texts(CaptureEngine::reachableUrls(QHostAddress(QHostAddress::LocalHost), 8080, interfaces)),
             QStringLiteral("http://127.0.0.1:8080"));
    QCOMPARE(texts(CaptureEngine::reachableUrls(QHostAddress(QHostAddress::AnyIPv4), 8080, interfaces)),
             QStringLiteral("http://127.0.0.1:8080 http://192.168.1.5:8080"));
    QCOMPARE(
        texts(CaptureEngine::reachableUrls(QHostAddress(QHostAddress::AnyIPv6), 8080, interfaces)),
        QStringLiteral("http://127.0.0.1:8080 http://[::1]:8080 http://192.168.1.5:8080 http://[2001:db8::5]:8080"));
    QCOMPARE(texts(CaptureEngine::reachableUrls(QHostAddress(QHostAddress::AnyIPv4), 8080, {})),
             QStringLiteral("http://0.0.0.0:8080"));
}

QTEST_GUILESS_MAIN(TstListener)
#include "tst_listener.moc"
