// The one parser of "where to listen", used by `listen --bind`, the Settings dialog and the
// window's address field. Before it, each had its own and they disagreed; the rows marked "was:"
// say what each old parser did with that text (cli = listen --bind, dialog = Settings, toolbar =
// the window's address field, which also wanted a port).

#include "http/bindaddress.h"

#include <QtTest>

namespace {

constexpr quint16 kDefaultPort = 4242;

/// `parsed` is `address`, or when that is empty a refusal whose reason holds `reason`.
void check(const Http::BindAddress &parsed, const QString &address, const QString &reason)
{
    if (address.isEmpty()) {
        QVERIFY2(!parsed.isValid(), qPrintable(parsed.address.toString()));
        QVERIFY2(parsed.error.contains(reason), qPrintable(parsed.error));
        QVERIFY(parsed.address.isNull());
    } else {
        QVERIFY2(parsed.isValid(), qPrintable(parsed.error));
        QCOMPARE(parsed.address, QHostAddress(address));
    }
}

} // namespace

class TstBindAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void address_data();
    void address();
    void hostPort_data();
    void hostPort();
};

void TstBindAddress::address_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("address"); // empty: refused
    QTest::addColumn<QString>("reason");  // part of the refusal's text

    const QString v4Loopback = QStringLiteral("127.0.0.1");
    QTest::newRow("IPv4 loopback") << v4Loopback << v4Loopback << QString();
    QTest::newRow("all IPv4 interfaces") << QStringLiteral("0.0.0.0") << QStringLiteral("0.0.0.0") << QString();
    QTest::newRow("LAN address") << QStringLiteral("192.168.1.10") << QStringLiteral("192.168.1.10") << QString();
    QTest::newRow("IPv6 loopback") << QStringLiteral("::1") << QStringLiteral("::1") << QString();
    QTest::newRow("all IPv6 interfaces") << QStringLiteral("::") << QStringLiteral("::") << QString();
    QTest::newRow("localhost") << QStringLiteral("localhost") << v4Loopback << QString();
    QTest::newRow("spaces around") << QStringLiteral(" 127.0.0.1 ") << v4Loopback << QString();
    QTest::newRow("link-local with scope") << QStringLiteral("fe80::1%lo") << QStringLiteral("fe80::1%lo") << QString();
    // was: cli yes, dialog refused
    QTest::newRow("IPv6 in brackets") << QStringLiteral("[::1]") << QStringLiteral("::1") << QString();
    // was: cli refused (it compared before trimming), dialog yes
    QTest::newRow("localhost with spaces") << QStringLiteral(" localhost ") << v4Loopback << QString();
    // was: refused by all three (host names are not case-sensitive)
    QTest::newRow("LOCALHOST") << QStringLiteral("LOCALHOST") << v4Loopback << QString();

    // was: taken by all three the way inet_aton reads it, so each bound somewhere other than the
    // address the user read: 127.0.0.1, 1.2.0.3, 127.0.0.1 and 8.0.0.1.
    QTest::newRow("shortened IPv4") << QStringLiteral("127.1") << QString() << QStringLiteral("in full");
    QTest::newRow("three-part IPv4") << QStringLiteral("1.2.3") << QString() << QStringLiteral("in full");
    QTest::newRow("hex IPv4") << QStringLiteral("0x7f.0.0.1") << QString() << QStringLiteral("in full");
    QTest::newRow("leading zero is octal") << QStringLiteral("010.0.0.1") << QString() << QStringLiteral("in full");
    // was: cli and dialog bound ::0.1.128.128; the toolbar read it as [::1]:8080
    QTest::newRow("IPv6 with a port-like tail")
        << QStringLiteral("::1:8080") << QString() << QStringLiteral("[::1]:8080");
    // was: cli yes; brackets belong to IPv6 (RFC 3986 §3.2.2)
    QTest::newRow("IPv4 in brackets") << QStringLiteral("[127.0.0.1]") << QString() << QStringLiteral("IPv6");

    QTest::newRow("with a port") << QStringLiteral("127.0.0.1:8080") << QString() << QStringLiteral("has a port");
    QTest::newRow("IPv6 with a port") << QStringLiteral("[::1]:8080") << QString() << QStringLiteral("has a port");
    QTest::newRow("garbage") << QStringLiteral("not-an-ip") << QString() << QStringLiteral("not an IP address");
    QTest::newRow("host name") << QStringLiteral("example.com") << QString() << QStringLiteral("not an IP address");
    QTest::newRow("out of range") << QStringLiteral("256.1.1.1") << QString() << QStringLiteral("not an IP address");
    QTest::newRow("five parts") << QStringLiteral("1.2.3.4.5") << QString() << QStringLiteral("not an IP address");
    QTest::newRow("space inside") << QStringLiteral("127.0. 0.1") << QString() << QStringLiteral("not an IP address");
    QTest::newRow("unclosed bracket") << QStringLiteral("[::1") << QString() << QStringLiteral("']'");
    QTest::newRow("empty") << QString() << QString() << QStringLiteral("no address");
    QTest::newRow("only spaces") << QStringLiteral("   ") << QString() << QStringLiteral("no address");
}

void TstBindAddress::address()
{
    QFETCH(QString, text);
    QFETCH(QString, address);
    QFETCH(QString, reason);
    check(Http::parseBindAddress(text), address, reason);
}

void TstBindAddress::hostPort_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("address"); // empty: refused
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("reason");

    const QString v4Loopback = QStringLiteral("127.0.0.1");
    QTest::newRow("IPv4 and port") << QStringLiteral("127.0.0.1:8080") << v4Loopback << 8080 << QString();
    QTest::newRow("localhost and port") << QStringLiteral("localhost:9000") << v4Loopback << 9000 << QString();
    QTest::newRow("IPv6 and port") << QStringLiteral("[::1]:8080") << QStringLiteral("::1") << 8080 << QString();
    QTest::newRow("any interface, any port")
        << QStringLiteral("0.0.0.0:0") << QStringLiteral("0.0.0.0") << 0 << QString();
    QTest::newRow("highest port") << QStringLiteral("[::]:65535") << QStringLiteral("::") << 65535 << QString();
    QTest::newRow("spaces around") << QStringLiteral("  127.0.0.1:80 ") << v4Loopback << 80 << QString();
    // was: the toolbar refused an address without a port; now it keeps the port it has
    QTest::newRow("IPv4 alone") << v4Loopback << v4Loopback << int(kDefaultPort) << QString();
    QTest::newRow("localhost alone") << QStringLiteral("localhost") << v4Loopback << int(kDefaultPort) << QString();
    QTest::newRow("all IPv4 alone") << QStringLiteral("0.0.0.0") << QStringLiteral("0.0.0.0") << int(kDefaultPort)
                                    << QString();
    QTest::newRow("IPv6 in brackets alone")
        << QStringLiteral("[::1]") << QStringLiteral("::1") << int(kDefaultPort) << QString();
    // was: the toolbar split these at the last colon and refused them (host ":", port "1" or "")
    QTest::newRow("IPv6 loopback alone") << QStringLiteral("::1") << QStringLiteral("::1") << int(kDefaultPort)
                                         << QString();
    QTest::newRow("all IPv6 alone") << QStringLiteral("::") << QStringLiteral("::") << int(kDefaultPort) << QString();
    QTest::newRow("full IPv6 alone") << QStringLiteral("2001:db8::1") << QStringLiteral("2001:db8::1")
                                     << int(kDefaultPort) << QString();

    // was: the toolbar read it as [::1]:8080, --bind and the dialog as the address ::0.1.128.128
    QTest::newRow("ambiguous IPv6") << QStringLiteral("::1:8080") << QString() << 0 << QStringLiteral("[::1]:8080");
    // was: the toolbar took these (QString::toInt allows a sign and spaces)
    QTest::newRow("signed port") << QStringLiteral("127.0.0.1:+80") << QString() << 0 << QStringLiteral("not a port");
    QTest::newRow("space before port") << QStringLiteral("127.0.0.1: 80") << QString() << 0
                                       << QStringLiteral("not a port");
    // was: the toolbar took it, binding 127.0.0.1
    QTest::newRow("shortened IPv4 and port")
        << QStringLiteral("127.1:8080") << QString() << 0 << QStringLiteral("in full");
    QTest::newRow("port too large") << QStringLiteral("127.0.0.1:65536") << QString() << 0
                                    << QStringLiteral("not a port");
    QTest::newRow("port far too large") << QStringLiteral("127.0.0.1:99999999999") << QString() << 0
                                        << QStringLiteral("not a port");
    QTest::newRow("port not a number") << QStringLiteral("127.0.0.1:http") << QString() << 0
                                       << QStringLiteral("not a port");
    QTest::newRow("negative port") << QStringLiteral("127.0.0.1:-1") << QString() << 0 << QStringLiteral("not a port");
    QTest::newRow("colon, no port") << QStringLiteral("127.0.0.1:") << QString() << 0 << QStringLiteral("no port");
    QTest::newRow("port, no address") << QStringLiteral(":8080") << QString() << 0 << QStringLiteral("no address");
    QTest::newRow("junk after bracket") << QStringLiteral("[::1]8080") << QString() << 0
                                        << QStringLiteral("not an address and port");
    QTest::newRow("host name and port") << QStringLiteral("example.com:80") << QString() << 0
                                        << QStringLiteral("not an IP address");
    QTest::newRow("garbage") << QStringLiteral("what?") << QString() << 0 << QStringLiteral("not an IP address");
    QTest::newRow("empty") << QString() << QString() << 0 << QStringLiteral("no address");
}

void TstBindAddress::hostPort()
{
    QFETCH(QString, text);
    QFETCH(QString, address);
    QFETCH(int, port);
    QFETCH(QString, reason);
    const Http::BindAddress parsed = Http::parseHostPort(text, kDefaultPort);
    check(parsed, address, reason);
    if (!QTest::currentTestFailed() && parsed.isValid())
        QCOMPARE(int(parsed.port), port);
}

QTEST_GUILESS_MAIN(TstBindAddress)
#include "tst_bindaddress.moc"
