// The HTTPS receiver over real sockets on loopback: clients that trust Hookscope's certificate
// get their answer and the request is captured with what its handshake agreed; clients that do
// not, plain HTTP on the https port, a TLS client on the plain port and an old TLS version are
// each recorded with words that say what happened.

#include "rawclient.h"
#include "tlstesting.h"

#include "capture/captureengine.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using Session::CapturedRequestPtr;

namespace {

/// The capture engine on its own thread, plain and https on free ports, with its records.
class Engine
{
public:
    explicit Engine(const std::shared_ptr<const Http::TlsServerContext> &context, bool httpsPort = true,
                    bool plainTakesTls = false, const Http::Limits &limits = {})
    {
        QObject::connect(&engine, &Capture::CaptureEngine::captured, &engine,
                         [this](const Session::CapturedBatch &batch) { records += batch; });
        Capture::ListenConfig config;
        config.limits = limits;
        Capture::HttpsConfig https;
        https.enabled = httpsPort;
        https.context = context;
        https.plainPortTakesTls = plainTakesTls;
        config.https = https;
        QSignalSpy started(&engine, &Capture::CaptureEngine::started);
        QSignalSpy httpsStarted(&engine, &Capture::CaptureEngine::httpsStarted);
        engine.start(config);
        ok = started.wait(5000) && (!httpsPort || httpsStarted.count() == 1 || httpsStarted.wait(5000));
    }

    bool waitForRecords(qsizetype count)
    {
        return QTest::qWaitFor([&] { return records.size() >= count; }, 5000) && records.size() == count;
    }

    Capture::CaptureEngine engine;
    QList<CapturedRequestPtr> records;
    bool ok = false;
};

QNetworkRequest requestTo(const QUrl &url, const QByteArray &trustedPem)
{
    QNetworkRequest request(url);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!trustedPem.isEmpty())
        tls.setCaCertificates(QSslCertificate::fromData(trustedPem));
    request.setSslConfiguration(tls);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return request;
}

/// Posts and waits for the reply; returns the status (0 when no HTTP answer came) and the error.
int post(QNetworkAccessManager &nam, const QNetworkRequest &request, const QByteArray &body,
         QNetworkReply::NetworkError *error = nullptr, QByteArray *answer = nullptr)
{
    QNetworkReply *reply = nam.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10000))
        return -1;
    if (error)
        *error = reply->error();
    if (answer)
        *answer = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

QUrl urlOn(const QString &host, quint16 port, const QString &path, bool tls = true)
{
    QUrl url;
    url.setScheme(tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(host);
    url.setPort(port);
    url.setPath(path);
    return url;
}

/// A ClientHello offering TLS 1.0 only, as an old sender sends it: record version 3.1, client
/// version 3.1, one RSA suite and the renegotiation SCSV, no extensions (RFC 2246 §7.4.1.2).
QByteArray tls10ClientHello()
{
    QByteArray body = QByteArray::fromHex("0301");
    body += QByteArray(32, '\x42');              // random
    body += QByteArray::fromHex("00");           // no session id
    body += QByteArray::fromHex("0004002f00ff"); // two cipher suites
    body += QByteArray::fromHex("0100");         // null compression only
    QByteArray handshake = QByteArray::fromHex("01000000");
    handshake[3] = char(body.size());
    handshake += body;
    QByteArray record = QByteArray::fromHex("1603010000");
    record[4] = char(handshake.size());
    return record + handshake;
}

} // namespace

class TstHttps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void trustingClientIsCaptured();
    void largeBodyAndKeepAlive();
    void untrustingClientIsRecorded();
    void plainHttpOnHttpsPortIsAnswered400();
    void oldTlsVersionIsRecorded();
    void stalledHandshakeIsRecorded();
    void tlsOnPlainPortIsRecognised();
    void plainPortCanTakeTls();
    void curlWithExportedCertificate();

private:
    QTemporaryDir m_dir;
    TlsTesting::TestIdentity m_id;
};

void TstHttps::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_id = TlsTesting::makeIdentity(m_dir.path());
    QVERIFY2(m_id.context, qPrintable(m_id.error));
}

void TstHttps::trustingClientIsCaptured()
{
    Engine e(m_id.context);
    QVERIFY(e.ok);
    QCOMPARE(e.engine.httpsUrl().scheme(), QStringLiteral("https"));
    QNetworkAccessManager nam;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    const QByteArray body = "{\"event\":\"ping\"}";
    const int status =
        post(nam,
             requestTo(urlOn(QStringLiteral("localhost"), e.engine.httpsPort(), QStringLiteral("/hooks")),
                       m_id.certificatePem),
             body, &error);
    QCOMPARE(error, QNetworkReply::NoError);
    QCOMPARE(status, 200);
    QVERIFY(e.waitForRecords(1));
    const CapturedRequestPtr r = e.records.first();
    QVERIFY(!r->rejected);
    QVERIFY(r->tls);
    QCOMPARE(r->localPort, e.engine.httpsPort());
    QCOMPARE(r->request.body(), body);
    QVERIFY2(r->tlsInfo.version.startsWith(QLatin1String("TLSv1.")), qPrintable(r->tlsInfo.version));
    QVERIFY(!r->tlsInfo.cipher.isEmpty());
    QCOMPARE(r->tlsInfo.serverName, QStringLiteral("localhost"));
    QCOMPARE(r->tlsInfo.alpn, QStringLiteral("http/1.1")); // Qt offers h2 too; we agree on http/1.1
}

void TstHttps::largeBodyAndKeepAlive()
{
    // Bodies far beyond one TLS record (16 KiB), several requests on one kept-alive connection.
    Engine e(m_id.context);
    QVERIFY(e.ok);
    QNetworkAccessManager nam;
    QByteArray big(3 * 1024 * 1024 + 17, 'x');
    for (qsizetype i = 0; i < big.size(); i += 4096)
        big[i] = char('a' + (i / 4096) % 26);
    const QNetworkRequest request = requestTo(
        urlOn(QStringLiteral("127.0.0.1"), e.engine.httpsPort(), QStringLiteral("/big")), m_id.certificatePem);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(post(nam, request, big), 200);
    QVERIFY(e.waitForRecords(3));
    for (const CapturedRequestPtr &r : std::as_const(e.records)) {
        QVERIFY(r->tls);
        QCOMPARE(r->request.body().size(), big.size());
        QVERIFY(r->request.body() == big);
        QCOMPARE(r->tlsInfo.serverName, QString()); // no SNI for an address
    }
    QCOMPARE(e.records.at(2)->remotePort, e.records.at(0)->remotePort); // one connection, kept alive
}

void TstHttps::untrustingClientIsRecorded()
{
    Engine e(m_id.context);
    QVERIFY(e.ok);
    QNetworkAccessManager nam;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    const int status =
        post(nam, requestTo(urlOn(QStringLiteral("localhost"), e.engine.httpsPort(), QStringLiteral("/hooks")), {}),
             "{}", &error);
    QCOMPARE(status, 0);
    QCOMPARE(error, QNetworkReply::SslHandshakeFailedError);
    QVERIFY(e.waitForRecords(1));
    const CapturedRequestPtr r = e.records.first();
    QVERIFY(r->rejected);
    QVERIFY(r->tls);
    QCOMPARE(r->responseStatus, 0);
    QVERIFY2(r->errorReason.contains(QLatin1String("trust Hookscope's certificate")), qPrintable(r->errorReason));
    QCOMPARE(r->tlsInfo.serverName, QStringLiteral("localhost"));
}

void TstHttps::plainHttpOnHttpsPortIsAnswered400()
{
    Engine e(m_id.context);
    QVERIFY(e.ok);
    RawClient client;
    QVERIFY(client.connectTo(QHostAddress(QHostAddress::LocalHost), e.engine.httpsPort()));
    const QByteArray host = "127.0.0.1:" + QByteArray::number(e.engine.httpsPort());
    QVERIFY(client.send(QByteArray("POST /hooks HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 2\r\n\r\n{}")));
    const QList<RawResponse> answers = parseResponses(client.readUntilClosed());
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.first().status, 400);
    QVERIFY2(answers.first().body.contains(QByteArray("https://" + host)), answers.first().body.constData());
    QVERIFY(client.peerClosed());
    QVERIFY(e.waitForRecords(1));
    const CapturedRequestPtr r = e.records.first();
    QVERIFY(r->rejected);
    QVERIFY(!r->tls);
    QCOMPARE(r->responseStatus, 400);
    QVERIFY2(r->errorReason.startsWith(QLatin1String("plain HTTP sent to the HTTPS port")), qPrintable(r->errorReason));
    QCOMPARE(r->request.method(), "POST");
    QCOMPARE(r->request.target(), "/hooks");
}

void TstHttps::oldTlsVersionIsRecorded()
{
    Engine e(m_id.context);
    QVERIFY(e.ok);
    RawClient client;
    QVERIFY(client.connectTo(QHostAddress(QHostAddress::LocalHost), e.engine.httpsPort()));
    QVERIFY(client.send(tls10ClientHello()));
    const QByteArray reply = client.readUntilClosed();
    QVERIFY(!reply.isEmpty());
    QCOMPARE(quint8(reply.at(0)), quint8(0x15)); // a TLS alert, not silence
    QVERIFY(e.waitForRecords(1));
    const CapturedRequestPtr r = e.records.first();
    QVERIFY(r->rejected);
    QVERIFY(r->tls);
    QVERIFY2(r->errorReason.startsWith(QLatin1String("TLS handshake failed")), qPrintable(r->errorReason));
    QVERIFY2(r->errorReason.contains(QLatin1String("TLS 1.2 or newer")), qPrintable(r->errorReason));
}

void TstHttps::stalledHandshakeIsRecorded()
{
    Http::Limits limits;
    limits.headTimeoutMs = 300;
    Engine e(m_id.context, true, false, limits);
    QVERIFY(e.ok);
    RawClient client;
    QVERIFY(client.connectTo(QHostAddress(QHostAddress::LocalHost), e.engine.httpsPort()));
    QVERIFY(client.send(tls10ClientHello().first(20))); // a ClientHello that stops part way
    client.readUntilClosed(3000);
    QVERIFY(client.peerClosed());
    QVERIFY(e.waitForRecords(1));
    const CapturedRequestPtr r = e.records.first();
    QVERIFY(r->rejected);
    QVERIFY(r->tls);
    QCOMPARE(r->errorReason, QStringLiteral("TLS handshake not complete within 300 ms"));
}

void TstHttps::tlsOnPlainPortIsRecognised()
{
    Engine e(m_id.context);
    QVERIFY(e.ok);
    QNetworkAccessManager nam;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QCOMPARE(post(nam,
                  requestTo(urlOn(QStringLiteral("localhost"), e.engine.port(), QStringLiteral("/hooks")),
                            m_id.certificatePem),
                  "{}", &error),
             0);
    QVERIFY(error != QNetworkReply::NoError);
    QVERIFY(e.waitForRecords(1));
    const CapturedRequestPtr r = e.records.first();
    QVERIFY(r->rejected);
    QVERIFY2(r->errorReason.startsWith(QLatin1String("TLS handshake on the plain HTTP port")),
             qPrintable(r->errorReason));
    QVERIFY2(r->errorReason.contains(QStringLiteral("port %1").arg(e.engine.httpsPort())), qPrintable(r->errorReason));
    QVERIFY(!r->errorReason.contains(QLatin1String("NUL byte")));
    QVERIFY(r->raw.startsWith("\x16\x03")); // the ClientHello, kept as evidence
}

void TstHttps::plainPortCanTakeTls()
{
    Engine e(m_id.context, false, true);
    QVERIFY(e.ok);
    QCOMPARE(e.engine.httpsPort(), quint16(0));
    QNetworkAccessManager nam;
    const quint16 port = e.engine.port();
    QCOMPARE(post(nam,
                  requestTo(urlOn(QStringLiteral("localhost"), port, QStringLiteral("/secure")), m_id.certificatePem),
                  "{}"),
             200);
    QCOMPARE(post(nam, requestTo(urlOn(QStringLiteral("localhost"), port, QStringLiteral("/plain"), false), {}), "{}"),
             200);
    QVERIFY(e.waitForRecords(2));
    QVERIFY(!e.records.at(0)->rejected && !e.records.at(1)->rejected);
    QCOMPARE(e.records.at(0)->request.target(), "/secure");
    QVERIFY(e.records.at(0)->tls);
    QCOMPARE(e.records.at(0)->tlsInfo.serverName, QStringLiteral("localhost"));
    QCOMPARE(e.records.at(1)->request.target(), "/plain");
    QVERIFY(!e.records.at(1)->tls);
    QVERIFY(e.records.at(1)->tlsInfo.isEmpty());
}

void TstHttps::curlWithExportedCertificate()
{
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    if (curl.isEmpty())
        QSKIP("curl is not installed (packaging/install-deps.sh installs it)");
    Engine e(m_id.context);
    QVERIFY(e.ok);
    const QString pem = m_dir.filePath(QStringLiteral("exported.pem"));
    {
        QFile f(pem);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(m_id.certificatePem);
    }
    const QString url = QStringLiteral("https://127.0.0.1:%1/from-curl").arg(e.engine.httpsPort());
    QProcess p;
    p.start(curl, {QStringLiteral("-sS"), QStringLiteral("--cacert"), pem, QStringLiteral("-d"),
                   QStringLiteral("{\"a\":1}"), QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-w"),
                   QStringLiteral("%{http_code}"), url});
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitCode(), 0);
    QCOMPARE(p.readAllStandardOutput(), QByteArray("200"));
    // Without the certificate curl refuses, and says so in a TLS alert that is recorded.
    p.start(curl, {QStringLiteral("-sS"), QStringLiteral("-d"), QStringLiteral("{}"), url});
    QVERIFY(p.waitForFinished(20000));
    QVERIFY(p.exitCode() != 0);
    QVERIFY(e.waitForRecords(2));
    QCOMPARE(e.records.at(0)->request.target(), "/from-curl");
    QVERIFY(e.records.at(0)->tls);
    QCOMPARE(e.records.at(0)->request.body(), "{\"a\":1}");
    QVERIFY(e.records.at(1)->rejected);
    QVERIFY2(e.records.at(1)->errorReason.contains(QLatin1String("rejected Hookscope's certificate")),
             qPrintable(e.records.at(1)->errorReason));
}

QTEST_GUILESS_MAIN(TstHttps)
#include "tst_https.moc"
