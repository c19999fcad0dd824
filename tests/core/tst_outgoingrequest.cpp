// What the sender puts on the wire: exactly the request it holds, and defaults that are visible
// headers the user can change or leave out.

#include "http/outgoingrequest.h"
#include "http/requestreader.h"

#include <QtTest>

using Http::OutgoingRequest;

class TstOutgoingRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wireIsExactlyWhatItHolds();
    void chunked();
    void targetAndHost_data();
    void targetAndHost();
    void defaults();
    void userValuesWin();
    void emptiedDefaultsAreLeftOut();
    void noContentLengthWhereNoContentIsExpected();
    void listenerReadsItBack();
};

void TstOutgoingRequest::wireIsExactlyWhatItHolds()
{
    OutgoingRequest r;
    r.method = "PATCH";
    r.target = "/a%20b?x=1&x=2";
    r.headers = {{"x-lower", "1"}, {"X-Dup", "a"}, {"X-Dup", "b"}, {"Content-Length", "99"}};
    r.body = QByteArray("\x00\x01{}", 4);
    // A wrong Content-Length goes out as set: testing a receiver's reaction to it is the point.
    QCOMPARE(r.wire(), QByteArray("PATCH /a%20b?x=1&x=2 HTTP/1.1\r\nx-lower: 1\r\nX-Dup: a\r\nX-Dup: b\r\n"
                                  "Content-Length: 99\r\n\r\n") +
                           QByteArray("\x00\x01{}", 4));
}

void TstOutgoingRequest::chunked()
{
    OutgoingRequest r;
    r.headers = {{"Transfer-Encoding", "chunked"}};
    r.body = QByteArray(300, 'x');
    r.chunked = true;
    QCOMPARE(r.wire(),
             "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n12c\r\n" + QByteArray(300, 'x') + "\r\n0\r\n\r\n");
    r.body.clear();
    QCOMPARE(r.wire(), QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
}

void TstOutgoingRequest::targetAndHost_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("host");
    QTest::newRow("plain") << "http://127.0.0.1:8080/hooks" << QByteArray("/hooks") << QByteArray("127.0.0.1:8080");
    QTest::newRow("no path") << "http://example.com" << QByteArray("/") << QByteArray("example.com");
    QTest::newRow("default https port") << "https://example.com:443/x?y=1" << QByteArray("/x?y=1")
                                        << QByteArray("example.com");
    QTest::newRow("ipv6") << "http://[::1]:9000/a" << QByteArray("/a") << QByteArray("[::1]:9000");
    QTest::newRow("encoded stays encoded") << "http://h/a%2Fb?q=%20" << QByteArray("/a%2Fb?q=%20") << QByteArray("h");
}

void TstOutgoingRequest::targetAndHost()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, host);
    const QUrl u(url);
    QCOMPARE(OutgoingRequest::to(u).target, target);
    QCOMPARE(OutgoingRequest::hostOf(u), host);
}

void TstOutgoingRequest::defaults()
{
    const Http::HeaderList h = OutgoingRequest::withDefaults(
        {{"Content-Type", "application/json"}}, QUrl(QStringLiteral("http://127.0.0.1:8080/x")), 17, false);
    QCOMPARE(h, (Http::HeaderList{{"Host", "127.0.0.1:8080"},
                                  {"Content-Length", "17"},
                                  {"User-Agent", "Hookscope/" HOOKSCOPE_VERSION},
                                  {"Content-Type", "application/json"}}));
    const Http::HeaderList c = OutgoingRequest::withDefaults({}, QUrl(QStringLiteral("http://h/")), 17, true);
    QCOMPARE(c, (Http::HeaderList{
                    {"Host", "h"}, {"Transfer-Encoding", "chunked"}, {"User-Agent", "Hookscope/" HOOKSCOPE_VERSION}}));
}

void TstOutgoingRequest::userValuesWin()
{
    const Http::HeaderList h = OutgoingRequest::withDefaults(
        {{"user-agent", "GitHub-Hookshot/044aadd"}, {"HOST", "example.com"}, {"content-length", "3"}},
        QUrl(QStringLiteral("http://127.0.0.1:8080/")), 17, false);
    QCOMPARE(h, (Http::HeaderList{
                    {"user-agent", "GitHub-Hookshot/044aadd"}, {"HOST", "example.com"}, {"content-length", "3"}}));
}

void TstOutgoingRequest::emptiedDefaultsAreLeftOut()
{
    const Http::HeaderList h = OutgoingRequest::withDefaults({{"User-Agent", ""}, {"X-Empty", ""}},
                                                             QUrl(QStringLiteral("http://h/")), 0, false);
    // No User-Agent at all; an empty header of the user's own still goes, empty.
    QCOMPARE(h, (Http::HeaderList{{"Host", "h"}, {"Content-Length", "0"}, {"X-Empty", ""}}));
}

void TstOutgoingRequest::noContentLengthWhereNoContentIsExpected()
{
    // RFC 9110 §8.6: a client sends no Content-Length without content when the method expects none.
    const QUrl url(QStringLiteral("http://h/"));
    const auto names = [&url](QByteArrayView method, qint64 size) {
        QList<QByteArray> out;
        for (const auto &h : OutgoingRequest::withDefaults({}, url, size, false, method))
            out << h.first + (h.first == "Content-Length" ? ": " + h.second : QByteArray());
        return out;
    };
    const QByteArray ua = "User-Agent";
    QCOMPARE(names("GET", 0), (QList<QByteArray>{"Host", ua}));
    QCOMPARE(names("DELETE", 0), (QList<QByteArray>{"Host", ua}));
    QCOMPARE(names("HEAD", 0), (QList<QByteArray>{"Host", ua}));
    QCOMPARE(names("GET", 3), (QList<QByteArray>{"Host", "Content-Length: 3", ua})); // a body is still framed
    QCOMPARE(names("POST", 0), (QList<QByteArray>{"Host", "Content-Length: 0", ua}));
    QCOMPARE(names("PUT", 0), (QList<QByteArray>{"Host", "Content-Length: 0", ua}));
    QCOMPARE(names("PATCH", 0), (QList<QByteArray>{"Host", "Content-Length: 0", ua}));
    // The user's own Content-Length goes whatever the method.
    QCOMPARE(OutgoingRequest::withDefaults({{"Content-Length", "0"}}, url, 0, false, "GET").size(), 3);
}

void TstOutgoingRequest::listenerReadsItBack()
{
    // The request reader on the other side sees exactly the head and body sent.
    OutgoingRequest r = OutgoingRequest::to(QUrl(QStringLiteral("http://127.0.0.1:9/hooks?a=1")));
    r.body = R"({"id":1})";
    r.headers = OutgoingRequest::withDefaults({{"Content-Type", "application/json"}, {"X-Dup", "1"}, {"x-dup", "2"}},
                                              QUrl(QStringLiteral("http://127.0.0.1:9/")), r.body.size(), false);
    Http::RequestReader reader;
    const QByteArray wire = r.wire();
    const Http::RequestReader::Step step = reader.feed(wire);
    QCOMPARE(step.event, Http::RequestReader::Event::MessageComplete);
    QCOMPARE(step.consumed, wire.size());
    const Http::Request got = reader.takeRequest();
    QCOMPARE(got.rawHead(), r.head());
    QCOMPARE(got.body(), r.body);
    QCOMPARE(got.headerCount(), 6);
    QCOMPARE(got.header(5).name, "x-dup");
}

QTEST_GUILESS_MAIN(TstOutgoingRequest)
#include "tst_outgoingrequest.moc"
