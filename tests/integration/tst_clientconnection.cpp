// The sender's client connection against small in-test servers on 127.0.0.1: the bytes that arrive
// are exactly the ones given, bodies stream from disk, connections are reused (and retried when the
// server dropped an idle one), failures come back as outcomes a user can read, TLS trust follows
// the CA store, a pinned fingerprint or --insecure, and an HTTP proxy is used through CONNECT.

#include "clienttestservers.h"

#include "http/clientconnection.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/socket.h>

using Http::ClientConnection;
using Http::ClientOptions;
using Http::ExchangeResult;
using Http::OutgoingRequest;
using Outcome = ExchangeResult::Outcome;

namespace {

const QByteArray kOk = QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

/// Sends and waits for the one finished() signal; nullopt when none came.
std::optional<ExchangeResult> exchange(ClientConnection &client, const QUrl &url, const OutgoingRequest &request,
                                       const QString &bodyFile = {}, int waitMs = 10'000)
{
    QSignalSpy spy(&client, &ClientConnection::finished);
    client.send(url, request, bodyFile);
    if (!spy.wait(waitMs) || spy.size() != 1)
        return std::nullopt;
    return qvariant_cast<ExchangeResult>(spy.at(0).at(0));
}

OutgoingRequest post(const QUrl &url, const QByteArray &body)
{
    OutgoingRequest r = OutgoingRequest::to(url);
    r.body = body;
    r.headers = OutgoingRequest::withDefaults({}, url, body.size(), false);
    return r;
}

/// A handler that answers `answer` to every request of `requestSize` bytes that has fully arrived.
ScriptedServer::Handler answerEach(qsizetype requestSize, QByteArray answer)
{
    auto answered = std::make_shared<QHash<QTcpSocket *, qsizetype>>(); // per connection
    return [=](QTcpSocket *socket, const QByteArray &received) {
        qsizetype &count = (*answered)[socket];
        while (received.size() >= (count + 1) * requestSize) {
            ++count;
            socket->write(answer);
        }
    };
}

/// Makes the next close of `socket` a reset (RST) rather than an orderly FIN.
void resetOnClose(QTcpSocket *socket)
{
    const linger hard{1, 0};
    ::setsockopt(static_cast<int>(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
}

} // namespace

class TestClientConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactBytesArrive();
    void chunkedBody();
    void fileBodyIsStreamed();
    void keepAliveReusesTheConnection();
    void idleConnectionClosedIsRetried();
    void resetMidResponse();
    void slowServerTimesOut();
    void closedPortFailsToConnect();
    void cancelEndsTheExchange();
    void closeDelimitedResponse();
    void interimThenFinal();
    void malformedResponse();
    void unreadableBodyFile();
    void untrustedCertificateFails();
    void pinnedCertificatePasses();
    void insecureAcceptsAnyCertificate();
    void silentTlsServerTimesOutConnecting();
    void httpProxyTunnelsWithConnect();
};

void TestClientConnection::exactBytesArrive()
{
    OutgoingRequest request = OutgoingRequest::to(QUrl(QStringLiteral("http://127.0.0.1/hook")));
    // Odd case, duplicates, order, and a Content-Length that lies: all as given.
    request.headers = {{"host", "example.test"},
                       {"X-Dup", "one"},
                       {"content-TYPE", "text/plain"},
                       {"x-dup", "two"},
                       {"Content-Length", "3"}};
    request.body = "hello";
    const QByteArray wire = request.wire();
    ScriptedServer server(answerEach(wire.size(), kOk));
    QVERIFY(server.start());

    ClientConnection client(server.url(), {});
    const auto result = exchange(client, server.url(QStringLiteral("/hook")), request);
    QVERIFY(result);
    QCOMPARE(ExchangeResult::outcomeName(result->outcome), QStringLiteral("response"));
    QVERIFY(result->error.isEmpty());
    QCOMPARE(server.received(0), wire);
    QCOMPARE(result->requestHead, request.head());
    QCOMPARE(result->bodyBytesSent, 5);
    QCOMPARE(result->response.status(), 200);
    QCOMPARE(result->response.body(), QByteArrayLiteral("ok"));
    QCOMPARE(result->peer, QStringLiteral("127.0.0.1:%1").arg(server.serverPort()));
    QVERIFY(result->connectMs >= 0);
    QVERIFY(!result->reusedConnection);
    QVERIFY(result->peerCertificateSha256.isEmpty());
    QVERIFY(client.isReusable());
    QVERIFY(!client.isBusy());
}

void TestClientConnection::chunkedBody()
{
    OutgoingRequest request;
    request.headers = {{"Transfer-Encoding", "chunked"}};
    request.body = "hello world";
    request.chunked = true;
    const QByteArray expected = request.head() + "b\r\nhello world\r\n0\r\n\r\n";
    QCOMPARE(request.wire(), expected);
    ScriptedServer server(answerEach(expected.size(), kOk));
    QVERIFY(server.start());

    ClientConnection client(server.url(), {});
    const auto result = exchange(client, server.url(), request);
    QVERIFY(result);
    QCOMPARE(result->outcome, Outcome::Response);
    QCOMPARE(server.received(0), expected);
}

void TestClientConnection::fileBodyIsStreamed()
{
    // 20 MiB written in 1 MiB pieces, so neither side of the test holds it whole.
    constexpr qint64 kMiB = 1024 * 1024;
    constexpr qint64 kSize = 20 * kMiB;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("body.bin"));
    QCryptographicHash fileHash(QCryptographicHash::Sha256);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray piece(kMiB, Qt::Uninitialized);
        for (int i = 0; i < kSize / kMiB; ++i) {
            for (qsizetype j = 0; j < piece.size(); ++j)
                piece[j] = static_cast<char>((j * 31 + i * 7) & 0xff);
            QCOMPARE(file.write(piece), kMiB);
        }
    }
    const QUrl url(QStringLiteral("http://127.0.0.1/upload"));
    OutgoingRequest request = OutgoingRequest::to(url);
    request.headers = OutgoingRequest::withDefaults({}, url, kSize, false);
    const QByteArray head = request.head();
    fileHash.addData(head);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        while (!file.atEnd())
            fileHash.addData(file.read(kMiB));
    }

    ScriptedServer server([&server, size = head.size() + kSize](QTcpSocket *socket, const QByteArray &) {
        if (server.receivedCount(0) == size)
            socket->write(kOk);
    });
    server.setHashing(true);
    QVERIFY(server.start());

    const bool measured = resetPeakMemory();
    const qint64 before = peakMemory();
    ClientConnection client(server.url(), {});
    const auto result = exchange(client, server.url(QStringLiteral("/upload")), request, path, 30'000);
    const qint64 peakGrowth = peakMemory() - before;
    QVERIFY(result);
    QCOMPARE(result->outcome, Outcome::Response);
    QCOMPARE(result->bodyBytesSent, kSize);
    QCOMPARE(server.receivedCount(0), head.size() + kSize);
    QCOMPARE(server.receivedSha256(0), fileHash.result());
    qInfo("20 MiB file body: %lld ms, peak resident memory grew by %lld KiB", result->durationMs, peakGrowth / 1024);
    if (measured) // a client that read the file whole would hold 20 MiB at once, and its socket buffer a copy
        QVERIFY2(peakGrowth < 8 * kMiB, qPrintable(QStringLiteral("peak grew by %1 bytes").arg(peakGrowth)));
}

void TestClientConnection::keepAliveReusesTheConnection()
{
    const QUrl url(QStringLiteral("http://127.0.0.1/k"));
    const OutgoingRequest request = post(url, "ping");
    ScriptedServer server(answerEach(request.wire().size(), kOk));
    QVERIFY(server.start());

    ClientConnection client(server.url(), {});
    const auto first = exchange(client, server.url(QStringLiteral("/k")), request);
    QVERIFY(first);
    QCOMPARE(first->outcome, Outcome::Response);
    QVERIFY(!first->reusedConnection);
    QVERIFY(client.isReusable());
    const auto second = exchange(client, server.url(QStringLiteral("/k")), request);
    QVERIFY(second);
    QCOMPARE(second->outcome, Outcome::Response);
    QVERIFY(second->reusedConnection);
    QCOMPARE(second->connectMs, 0);
    QCOMPARE(second->peer, first->peer);
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(server.received(0), request.wire() + request.wire());
}

void TestClientConnection::idleConnectionClosedIsRetried()
{
    const QUrl url(QStringLiteral("http://127.0.0.1/r"));
    const OutgoingRequest request = post(url, "again");
    ScriptedServer server(answerEach(request.wire().size(), kOk));
    QVERIFY(server.start());

    ClientConnection client(server.url(), {});
    const auto first = exchange(client, server.url(QStringLiteral("/r")), request);
    QVERIFY(first);
    QCOMPARE(first->outcome, Outcome::Response);
    QVERIFY(client.isReusable());
    // The server drops the idle connection; the client sends before it can have noticed.
    server.abortAll();
    const auto second = exchange(client, server.url(QStringLiteral("/r")), request);
    QVERIFY(second);
    QCOMPARE(ExchangeResult::outcomeName(second->outcome), QStringLiteral("response"));
    QVERIFY(!second->reusedConnection);
    QVERIFY(second->connectMs >= 0);
    QCOMPARE(server.connectionCount(), 2);
    QCOMPARE(server.received(1), request.wire());
}

void TestClientConnection::resetMidResponse()
{
    ScriptedServer server([](QTcpSocket *socket, const QByteArray &received) {
        if (!received.endsWith("\r\n\r\n"))
            return;
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n" + QByteArray(120, 'x'));
        socket->flush();
        QTimer::singleShot(100, socket, [socket] {
            resetOnClose(socket);
            socket->abort();
        });
    });
    QVERIFY(server.start());

    OutgoingRequest request = OutgoingRequest::to(server.url(), "GET");
    request.headers = {{"Host", "x"}};
    ClientConnection client(server.url(), {});
    const auto result = exchange(client, server.url(), request);
    QVERIFY(result);
    QCOMPARE(ExchangeResult::outcomeName(result->outcome), QStringLiteral("connection-closed"));
    QVERIFY2(result->error.startsWith(QStringLiteral("Connection closed after 120 of 500 body bytes")),
             qPrintable(result->error));
    QCOMPARE(result->response.status(), 200);
    QCOMPARE(result->response.body().size(), 120);
    QVERIFY(!client.isReusable());
}

void TestClientConnection::slowServerTimesOut()
{
    ScriptedServer server; // reads, never answers
    QVERIFY(server.start());
    ClientOptions options;
    options.totalTimeoutMs = 300;
    ClientConnection client(server.url(), options);
    const auto result = exchange(client, server.url(), post(server.url(), "slow"));
    QVERIFY(result);
    QCOMPARE(ExchangeResult::outcomeName(result->outcome), QStringLiteral("timeout"));
    QCOMPARE(result->error, QStringLiteral("No response within 300 ms"));
    QVERIFY(result->durationMs >= 300);
    QVERIFY(!client.isBusy());
    QVERIFY(!client.isReusable());
}

void TestClientConnection::closedPortFailsToConnect()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/").arg(port));
    ClientConnection client(url, {});
    const auto result = exchange(client, url, post(url, "x"));
    QVERIFY(result);
    QCOMPARE(ExchangeResult::outcomeName(result->outcome), QStringLiteral("connect-failed"));
    QCOMPARE(result->error, QStringLiteral("Connection refused by 127.0.0.1:%1").arg(port));
    QVERIFY(result->requestHead.isEmpty());
}

void TestClientConnection::cancelEndsTheExchange()
{
    ScriptedServer server;
    QVERIFY(server.start());
    ClientConnection client(server.url(), {});
    QSignalSpy spy(&client, &ClientConnection::finished);
    client.send(server.url(), post(server.url(), "wait"));
    QVERIFY(client.isBusy());
    QTRY_VERIFY(server.connectionCount() == 1 && server.received(0).endsWith("wait"));
    client.cancel();
    QCOMPARE(spy.size(), 1);
    const auto result = qvariant_cast<ExchangeResult>(spy.at(0).at(0));
    QCOMPARE(ExchangeResult::outcomeName(result.outcome), QStringLiteral("cancelled"));
    QVERIFY(!client.isBusy());
    QVERIFY(!client.isReusable());
    QTRY_COMPARE(server.connection(0)->state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(spy.size(), 1);
}

void TestClientConnection::closeDelimitedResponse()
{
    ScriptedServer server([](QTcpSocket *socket, const QByteArray &received) {
        if (received.endsWith("\r\n\r\n")) {
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello, until the end");
            socket->disconnectFromHost();
        }
    });
    QVERIFY(server.start());
    OutgoingRequest request = OutgoingRequest::to(server.url(), "GET");
    ClientConnection client(server.url(), {});
    const auto result = exchange(client, server.url(), request);
    QVERIFY(result);
    QCOMPARE(result->outcome, Outcome::Response);
    QVERIFY(result->response.isCloseDelimited());
    QCOMPARE(result->response.body(), QByteArrayLiteral("hello, until the end"));
    QVERIFY(!client.isReusable());
}

void TestClientConnection::interimThenFinal()
{
    const OutgoingRequest request = post(QUrl(QStringLiteral("http://127.0.0.1/")), "body");
    ScriptedServer server(answerEach(
        request.wire().size(), "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 4\r\n\r\ndone"));
    QVERIFY(server.start());
    ClientConnection client(server.url(), {});
    const auto result = exchange(client, server.url(), request);
    QVERIFY(result);
    QCOMPARE(result->outcome, Outcome::Response);
    QCOMPARE(result->response.status(), 201);
    QCOMPARE(result->response.interimCount(), 1);
    QCOMPARE(result->response.interimStatus(0), 100);
    QCOMPARE(result->response.body(), QByteArrayLiteral("done"));
}

void TestClientConnection::malformedResponse()
{
    ScriptedServer server([](QTcpSocket *socket, const QByteArray &received) {
        if (received.endsWith("\r\n\r\n"))
            socket->write("HTTP/1.1 2x0 Fine\r\n\r\n");
    });
    QVERIFY(server.start());
    ClientConnection client(server.url(), {});
    const auto result = exchange(client, server.url(), OutgoingRequest::to(server.url(), "GET"));
    QVERIFY(result);
    QCOMPARE(ExchangeResult::outcomeName(result->outcome), QStringLiteral("bad-response"));
    QVERIFY(!result->error.isEmpty());
    QVERIFY(!client.isReusable());
}

void TestClientConnection::unreadableBodyFile()
{
    ScriptedServer server;
    QVERIFY(server.start());
    ClientConnection client(server.url(), {});
    const auto result =
        exchange(client, server.url(), post(server.url(), ""), QStringLiteral("/nonexistent/hookscope/body.bin"));
    QVERIFY(result);
    QCOMPARE(ExchangeResult::outcomeName(result->outcome), QStringLiteral("body-unreadable"));
    QVERIFY(result->error.contains(QStringLiteral("/nonexistent/hookscope/body.bin")));
    QCOMPARE(server.connectionCount(), 0);
}

void TestClientConnection::untrustedCertificateFails()
{
    const SelfSigned identity = SelfSigned::make("Hookscope test server");
    QVERIFY(!identity.certificate.isNull() && !identity.key.isNull());
    ScriptedServer server;
    server.setTls(identity.certificate, identity.key);
    QVERIFY(server.start());
    const QUrl url = server.url(QStringLiteral("/"), QStringLiteral("https"));

    ClientConnection client(url, {});
    const auto result = exchange(client, url, OutgoingRequest::to(url, "GET"));
    QVERIFY(result);
    QCOMPARE(ExchangeResult::outcomeName(result->outcome), QStringLiteral("tls-failed"));
    QCOMPARE(result->peerCertificateSha256, identity.certificate.digest(QCryptographicHash::Sha256));
    QCOMPARE(result->peerCertificateSha256.size(), 32);
    QVERIFY2(result->peerCertificateSubject.contains(QStringLiteral("Hookscope test server")),
             qPrintable(result->peerCertificateSubject));
    QVERIFY(!result->tlsErrors.isEmpty());
    QVERIFY2(result->error.startsWith(QStringLiteral("The certificate of 127.0.0.1:")), qPrintable(result->error));
    QVERIFY(result->requestHead.isEmpty()); // nothing was sent to a server we do not trust
}

void TestClientConnection::pinnedCertificatePasses()
{
    const SelfSigned identity = SelfSigned::make("Pinned");
    QVERIFY(!identity.certificate.isNull());
    const OutgoingRequest request = post(QUrl(QStringLiteral("https://127.0.0.1/")), "secret");
    ScriptedServer server(answerEach(request.wire().size(), kOk));
    server.setTls(identity.certificate, identity.key);
    QVERIFY(server.start());
    const QUrl url = server.url(QStringLiteral("/"), QStringLiteral("https"));

    ClientOptions options;
    options.tls.pinnedSha256 = {QByteArray(32, '\0'), identity.certificate.digest(QCryptographicHash::Sha256)};
    ClientConnection client(url, options);
    const auto result = exchange(client, url, request);
    QVERIFY(result);
    QCOMPARE(ExchangeResult::outcomeName(result->outcome), QStringLiteral("response"));
    QCOMPARE(result->response.body(), QByteArrayLiteral("ok"));
    QCOMPARE(server.received(0), request.wire());
    QCOMPARE(server.negotiatedProtocol(0), QByteArrayLiteral("http/1.1"));
    QCOMPARE(result->peerCertificateSha256, identity.certificate.digest(QCryptographicHash::Sha256));
    QVERIFY(!result->tlsErrors.isEmpty()); // still says why the CA store would not vouch for it

    // A different certificate at the same place is not the one the user accepted.
    const SelfSigned other = SelfSigned::make("Pinned");
    ScriptedServer impostor(answerEach(request.wire().size(), kOk));
    impostor.setTls(other.certificate, other.key);
    QVERIFY(impostor.start());
    const QUrl impostorUrl = impostor.url(QStringLiteral("/"), QStringLiteral("https"));
    ClientConnection second(impostorUrl, options);
    const auto refused = exchange(second, impostorUrl, request);
    QVERIFY(refused);
    QCOMPARE(refused->outcome, Outcome::TlsFailed);
}

void TestClientConnection::insecureAcceptsAnyCertificate()
{
    const SelfSigned identity = SelfSigned::make("Anyone");
    const OutgoingRequest request = post(QUrl(QStringLiteral("https://127.0.0.1/")), "k");
    ScriptedServer server(answerEach(request.wire().size(), kOk));
    server.setTls(identity.certificate, identity.key);
    QVERIFY(server.start());
    const QUrl url = server.url(QStringLiteral("/"), QStringLiteral("https"));

    ClientOptions options;
    options.tls.insecure = true;
    ClientConnection client(url, options);
    const auto result = exchange(client, url, request);
    QVERIFY(result);
    QCOMPARE(result->outcome, Outcome::Response);
    QCOMPARE(result->peerCertificateSha256, identity.certificate.digest(QCryptographicHash::Sha256));
    QVERIFY(client.isReusable());
    const auto again = exchange(client, url, request);
    QVERIFY(again);
    QCOMPARE(again->outcome, Outcome::Response);
    QVERIFY(again->reusedConnection);
    QCOMPARE(again->peerCertificateSha256, result->peerCertificateSha256);
}

void TestClientConnection::silentTlsServerTimesOutConnecting()
{
    ScriptedServer server; // accepts TCP, never says a word of TLS
    QVERIFY(server.start());
    const QUrl url = server.url(QStringLiteral("/"), QStringLiteral("https"));
    ClientOptions options;
    options.connectTimeoutMs = 300;
    ClientConnection client(url, options);
    const auto result = exchange(client, url, OutgoingRequest::to(url, "GET"));
    QVERIFY(result);
    QCOMPARE(ExchangeResult::outcomeName(result->outcome), QStringLiteral("connect-timeout"));
    QCOMPARE(result->error,
             QStringLiteral("No TLS handshake with 127.0.0.1:%1 within 300 ms").arg(server.serverPort()));
}

void TestClientConnection::httpProxyTunnelsWithConnect()
{
    const OutgoingRequest request = post(QUrl(QStringLiteral("http://127.0.0.1/via")), "through the proxy");
    ScriptedServer server(answerEach(request.wire().size(), kOk));
    QVERIFY(server.start());
    ConnectProxy proxy;
    QVERIFY(proxy.start());
    const QUrl url = server.url(QStringLiteral("/via"));

    const QByteArrayList names{"http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy",
                               "ALL_PROXY",  "no_proxy",    "NO_PROXY"};
    QList<std::optional<QByteArray>> saved;
    for (const QByteArray &name : names) {
        saved.append(qEnvironmentVariableIsSet(name.constData()) ? std::optional(qgetenv(name.constData()))
                                                                 : std::nullopt);
        qunsetenv(name.constData());
    }
    const auto restore = qScopeGuard([&] {
        for (qsizetype i = 0; i < names.size(); ++i) {
            if (saved.at(i))
                qputenv(names.at(i).constData(), *saved.at(i));
            else
                qunsetenv(names.at(i).constData());
        }
    });
    qputenv("http_proxy", "http://127.0.0.1:" + QByteArray::number(proxy.serverPort()));

    ClientConnection client(url, {});
    const auto result = exchange(client, url, request);
    QVERIFY(result);
    QCOMPARE(ExchangeResult::outcomeName(result->outcome), QStringLiteral("response"));
    QCOMPARE(proxy.connectLines(),
             QByteArrayList{"CONNECT 127.0.0.1:" + QByteArray::number(server.serverPort()) + " HTTP/1.1"});
    QCOMPARE(server.received(0), request.wire());
    QCOMPARE(result->peer, QStringLiteral("127.0.0.1:%1").arg(proxy.serverPort()));
    QVERIFY(
        ClientConnection::poolKey(url, {}).endsWith(QStringLiteral("|http://127.0.0.1:%1").arg(proxy.serverPort())));

    // The per-send "no proxy" switch goes direct.
    ClientOptions direct;
    direct.useEnvironmentProxy = false;
    ClientConnection straight(url, direct);
    const auto directResult = exchange(straight, url, request);
    QVERIFY(directResult);
    QCOMPARE(directResult->outcome, Outcome::Response);
    QCOMPARE(proxy.connectLines().size(), 1);
    QCOMPARE(server.connectionCount(), 2);
    QCOMPARE(directResult->peer, QStringLiteral("127.0.0.1:%1").arg(server.serverPort()));
}

QTEST_GUILESS_MAIN(TestClientConnection)
#include "tst_clientconnection.moc"
