// Which proxy a send goes through, as curl decides it from http_proxy, https_proxy, all_proxy and
// no_proxy; and the key connections are pooled under.

#include "http/clientconnection.h"
#include "http/clientproxy.h"

#include <QtTest>

using Http::ProxyEnvironment;
using Http::proxyFor;

class TestClientProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void schemePicksTheVariable();
    void proxyUrlForms();
    void unsupportedProxyIsAnError();
    void noProxy_data();
    void noProxy();
    void noProxyBypassesTheProxy();
    void poolKeySeparatesWhatCannotShare();
    void outcomeNames();
};

void TestClientProxy::schemePicksTheVariable()
{
    ProxyEnvironment env;
    env.httpProxy = QStringLiteral("http://plain:3128");
    env.httpsProxy = QStringLiteral("http://secure:3129");
    const auto http = proxyFor(QUrl(QStringLiteral("http://example.com/")), env);
    QCOMPARE(http.describe(), QStringLiteral("http://plain:3128"));
    QCOMPARE(http.proxy.type(), QNetworkProxy::HttpProxy);
    QCOMPARE(proxyFor(QUrl(QStringLiteral("https://example.com/")), env).describe(),
             QStringLiteral("http://secure:3129"));

    // all_proxy fills in for a scheme without its own variable.
    env.httpsProxy.clear();
    env.allProxy = QStringLiteral("socks5://sock:1081");
    const auto https = proxyFor(QUrl(QStringLiteral("https://example.com/")), env);
    QCOMPARE(https.proxy.type(), QNetworkProxy::Socks5Proxy);
    QCOMPARE(https.describe(), QStringLiteral("socks5://sock:1081"));

    QVERIFY(proxyFor(QUrl(QStringLiteral("http://example.com/")), ProxyEnvironment()).isDirect());
}

void TestClientProxy::proxyUrlForms()
{
    ProxyEnvironment env;
    env.httpProxy = QStringLiteral("proxy.local"); // curl: http:// and port 1080
    auto choice = proxyFor(QUrl(QStringLiteral("http://example.com/")), env);
    QCOMPARE(choice.proxy.type(), QNetworkProxy::HttpProxy);
    QCOMPARE(choice.proxy.hostName(), QStringLiteral("proxy.local"));
    QCOMPARE(choice.proxy.port(), 1080);

    env.httpProxy = QStringLiteral("http://user:p%40ss@10.0.0.1:8080/");
    choice = proxyFor(QUrl(QStringLiteral("http://example.com/")), env);
    QCOMPARE(choice.proxy.user(), QStringLiteral("user"));
    QCOMPARE(choice.proxy.password(), QStringLiteral("p@ss"));
    QCOMPARE(choice.describe(), QStringLiteral("http://10.0.0.1:8080")); // no credentials in keys and logs

    env.httpProxy = QStringLiteral("socks5h://127.0.0.1:9050");
    QCOMPARE(proxyFor(QUrl(QStringLiteral("http://example.com/")), env).proxy.type(), QNetworkProxy::Socks5Proxy);
}

void TestClientProxy::unsupportedProxyIsAnError()
{
    ProxyEnvironment env;
    env.httpsProxy = QStringLiteral("https://tls-proxy:443");
    const auto choice = proxyFor(QUrl(QStringLiteral("https://example.com/")), env);
    QVERIFY(!choice.isDirect());
    QVERIFY2(choice.error.contains(QStringLiteral("https_proxy")), qPrintable(choice.error));
}

void TestClientProxy::noProxy_data()
{
    QTest::addColumn<QString>("list");
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("bypass");
    QTest::newRow("star") << "*"
                          << "anything.example" << true;
    QTest::newRow("exact") << "example.com"
                           << "example.com" << true;
    QTest::newRow("subdomain") << "example.com"
                               << "api.example.com" << true;
    QTest::newRow("leading dot") << ".example.com"
                                 << "api.example.com" << true;
    QTest::newRow("leading dot, domain itself") << ".example.com"
                                                << "example.com" << true;
    QTest::newRow("suffix is not a label") << "example.com"
                                           << "badexample.com" << false;
    QTest::newRow("case") << "Example.COM"
                          << "API.example.com" << true;
    QTest::newRow("list with spaces") << "localhost, internal.test ,10.1.2.3"
                                      << "svc.internal.test" << true;
    QTest::newRow("ip") << "10.1.2.3"
                        << "10.1.2.3" << true;
    QTest::newRow("other ip") << "10.1.2.3"
                              << "10.1.2.4" << false;
    QTest::newRow("cidr") << "192.168.0.0/16"
                          << "192.168.7.9" << true;
    QTest::newRow("cidr miss") << "192.168.0.0/16"
                               << "192.169.0.1" << false;
    QTest::newRow("ipv6") << "::1"
                          << "::1" << true;
    QTest::newRow("ip entry, name host") << "127.0.0.1"
                                         << "localhost" << false;
    QTest::newRow("empty") << ""
                           << "example.com" << false;
    QTest::newRow("star in a list") << "a.test,*"
                                    << "b.test" << true;
}

void TestClientProxy::noProxy()
{
    QFETCH(QString, list);
    QFETCH(QString, host);
    QFETCH(bool, bypass);
    QCOMPARE(Http::noProxyMatches(list, host), bypass);
}

void TestClientProxy::noProxyBypassesTheProxy()
{
    ProxyEnvironment env;
    env.httpProxy = QStringLiteral("http://proxy:3128");
    env.noProxy = QStringLiteral("localhost,127.0.0.1");
    QVERIFY(proxyFor(QUrl(QStringLiteral("http://127.0.0.1:8080/hook")), env).isDirect());
    QVERIFY(!proxyFor(QUrl(QStringLiteral("http://example.com/")), env).isDirect());
}

void TestClientProxy::poolKeySeparatesWhatCannotShare()
{
    using Http::ClientConnection;
    Http::ClientOptions direct;
    direct.useEnvironmentProxy = false;
    const QUrl a(QStringLiteral("https://Example.com/one"));
    const QUrl b(QStringLiteral("https://example.com:443/two?x"));
    QCOMPARE(ClientConnection::poolKey(a, direct), ClientConnection::poolKey(b, direct));
    QCOMPARE(ClientConnection::poolKey(a, direct), QStringLiteral("https://example.com:443|pins=|direct"));
    QVERIFY(ClientConnection::poolKey(a, direct) !=
            ClientConnection::poolKey(QUrl(QStringLiteral("http://example.com:443/")), direct));
    QVERIFY(ClientConnection::poolKey(a, direct) !=
            ClientConnection::poolKey(QUrl(QStringLiteral("https://example.com:8443/")), direct));

    Http::ClientOptions insecure = direct;
    insecure.tls.insecure = true;
    QVERIFY(ClientConnection::poolKey(a, direct) != ClientConnection::poolKey(a, insecure));
    Http::ClientOptions pinned = direct;
    pinned.tls.pinnedSha256 = {QByteArray(32, '\x01')};
    QVERIFY(ClientConnection::poolKey(a, direct) != ClientConnection::poolKey(a, pinned));
    // Timeouts do not change which connection can carry a request.
    Http::ClientOptions patient = direct;
    patient.totalTimeoutMs = 1;
    QCOMPARE(ClientConnection::poolKey(a, direct), ClientConnection::poolKey(a, patient));
}

void TestClientProxy::outcomeNames()
{
    using Outcome = Http::ExchangeResult::Outcome;
    QCOMPARE(Http::ExchangeResult::outcomeName(Outcome::Response), QStringLiteral("response"));
    QCOMPARE(Http::ExchangeResult::outcomeName(Outcome::ConnectTimeout), QStringLiteral("connect-timeout"));
    QCOMPARE(Http::ExchangeResult::outcomeName(Outcome::BodyUnreadable), QStringLiteral("body-unreadable"));
}

QTEST_GUILESS_MAIN(TestClientProxy)
#include "tst_clientproxy.moc"
