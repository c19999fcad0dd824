#include "http/response.h"

#include <QRegularExpression>
#include <QTimeZone>
#include <QtTest>

using Http::Response;

namespace {

struct Parsed
{
    QByteArray statusLine;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool wellFormed = false;
};

// Splits serialized bytes back into status line, header fields and body, checking the framing.
Parsed parse(const QByteArray &bytes)
{
    Parsed p;
    const qsizetype headEnd = bytes.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return p;
    const QList<QByteArray> lines = bytes.left(headEnd).split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (!line.endsWith('\r') && i + 1 < lines.size())
            return p; // a bare LF
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.contains('\r'))
            return p;
        if (i == 0) {
            p.statusLine = line;
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.at(colon + 1) != ' ')
            return p;
        p.headers.append({line.left(colon), line.mid(colon + 2)});
    }
    p.body = bytes.mid(headEnd + 4);
    p.wellFormed = true;
    return p;
}

QByteArrayList values(const Parsed &p, const QByteArray &name)
{
    QByteArrayList out;
    for (const auto &[n, v] : p.headers) {
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            out.append(v);
    }
    return out;
}

} // namespace

class TstResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusLine_data();
    void statusLine();
    void exactBytes();
    void dateAdded();
    void userDateWins();
    void contentLengthComputed_data();
    void contentLengthComputed();
    void framingHeadersFromUserDropped();
    void unsafeHeadersDropped();
    void headKeepsContentLengthWithoutBody();
    void noContentStatuses_data();
    void noContentStatuses();
    void connectionHeader_data();
    void connectionHeader();
    void userHeadersKeptInOrder();
    void errorResponse();
};

void TstResponse::statusLine_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("200") << 200 << QByteArray() << QByteArray("HTTP/1.1 200 OK");
    QTest::newRow("201") << 201 << QByteArray() << QByteArray("HTTP/1.1 201 Created");
    QTest::newRow("204") << 204 << QByteArray() << QByteArray("HTTP/1.1 204 No Content");
    QTest::newRow("400") << 400 << QByteArray() << QByteArray("HTTP/1.1 400 Bad Request");
    QTest::newRow("404") << 404 << QByteArray() << QByteArray("HTTP/1.1 404 Not Found");
    QTest::newRow("413 (RFC 9110 name)") << 413 << QByteArray() << QByteArray("HTTP/1.1 413 Content Too Large");
    QTest::newRow("414") << 414 << QByteArray() << QByteArray("HTTP/1.1 414 URI Too Long");
    QTest::newRow("422 (RFC 9110 name)") << 422 << QByteArray() << QByteArray("HTTP/1.1 422 Unprocessable Content");
    QTest::newRow("431") << 431 << QByteArray() << QByteArray("HTTP/1.1 431 Request Header Fields Too Large");
    QTest::newRow("500") << 500 << QByteArray() << QByteArray("HTTP/1.1 500 Internal Server Error");
    QTest::newRow("501") << 501 << QByteArray() << QByteArray("HTTP/1.1 501 Not Implemented");
    QTest::newRow("505") << 505 << QByteArray() << QByteArray("HTTP/1.1 505 HTTP Version Not Supported");
    QTest::newRow("own reason") << 200 << QByteArray("Fine Thanks") << QByteArray("HTTP/1.1 200 Fine Thanks");
    QTest::newRow("own reason for an unlisted code")
        << 299 << QByteArray("Custom") << QByteArray("HTTP/1.1 299 Custom");
}

void TstResponse::statusLine()
{
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    QFETCH(QByteArray, expected);

    Response r;
    r.status = status;
    r.reason = reason;
    const Parsed p = parse(r.serialize(false, false));
    QVERIFY(p.wellFormed);
    QCOMPARE(p.statusLine, expected);
}

void TstResponse::exactBytes()
{
    Response r;
    r.status = 201;
    r.headers = {{"Date", "Sun, 06 Nov 1994 08:49:37 GMT"}, {"X-Hook", "yes"}};
    r.body = "ok";
    QCOMPARE(r.serialize(false, false), QByteArray("HTTP/1.1 201 Created\r\n"
                                                   "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
                                                   "X-Hook: yes\r\n"
                                                   "Content-Length: 2\r\n"
                                                   "\r\n"
                                                   "ok"));
}

void TstResponse::dateAdded()
{
    // RFC 9110 §6.6.1: an origin server with a clock sends Date, in IMF-fixdate (§5.6.7).
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const Parsed p = parse(Response().serialize(false, false));
    const QDateTime after = QDateTime::currentDateTimeUtc().addSecs(1);
    QVERIFY(p.wellFormed);
    const QByteArrayList dates = values(p, "Date");
    QCOMPARE(dates.size(), 1);
    static const QRegularExpression fixdate(
        QStringLiteral("^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                       "\\d{4} \\d\\d:\\d\\d:\\d\\d GMT$"));
    const QString date = QString::fromLatin1(dates.first());
    QVERIFY2(fixdate.match(date).hasMatch(), qPrintable(date));
    QDateTime parsed = QLocale::c().toDateTime(date.chopped(4), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
    parsed.setTimeZone(QTimeZone::utc());
    QVERIFY2(parsed.isValid(), qPrintable(date));
    QVERIFY2(parsed >= before.addMSecs(-before.time().msec()) && parsed <= after, qPrintable(date));
    QCOMPARE(dates.first().size(), 29);
}

void TstResponse::userDateWins()
{
    Response r;
    r.headers = {{"date", "Tue, 01 Jan 2030 00:00:00 GMT"}};
    const Parsed p = parse(r.serialize(false, false));
    QVERIFY(p.wellFormed);
    QCOMPARE(values(p, "Date"), QByteArrayList{"Tue, 01 Jan 2030 00:00:00 GMT"});
}

void TstResponse::contentLengthComputed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("text") << QByteArray("{\"ok\":true}");
    QTest::newRow("binary with NUL and CRLF") << QByteArrayLiteral("\0\r\n\r\n\xff");
    QTest::newRow("large") << QByteArray(100000, 'x');
}

void TstResponse::contentLengthComputed()
{
    QFETCH(QByteArray, body);
    Response r;
    r.body = body;
    const Parsed p = parse(r.serialize(false, false));
    QVERIFY(p.wellFormed);
    QCOMPARE(values(p, "Content-Length"), QByteArrayList{QByteArray::number(body.size())});
    QCOMPARE(p.body, body);
}

void TstResponse::framingHeadersFromUserDropped()
{
    // A user's framing headers would desynchronise the connection; serialize() writes its own.
    Response r;
    r.headers = {
        {"Content-Length", "999"}, {"transfer-encoding", "chunked"}, {"CONNECTION", "keep-alive"}, {"X-Keep", "1"}};
    r.body = "hello";
    const Parsed p = parse(r.serialize(false, true));
    QVERIFY(p.wellFormed);
    QCOMPARE(values(p, "Content-Length"), QByteArrayList{"5"});
    QVERIFY(values(p, "Transfer-Encoding").isEmpty());
    QCOMPARE(values(p, "Connection"), QByteArrayList{"close"});
    QCOMPARE(values(p, "X-Keep"), QByteArrayList{"1"});
    QCOMPARE(p.body, QByteArray("hello"));
}

void TstResponse::unsafeHeadersDropped()
{
    // A header that would end the head early or inject another header never reaches the wire.
    Response r;
    r.headers = {{"X-Inject", "a\r\nSet-Cookie: stolen=1"},
                 {"Bad Name", "v"},
                 {"X-Nul", QByteArray("a\0b", 3)},
                 {"", "empty"},
                 {"X-Fine", "ok"}};
    r.body = "hello";
    const QByteArray bytes = r.serialize(false, false);
    const Parsed p = parse(bytes);
    QVERIFY(p.wellFormed);
    QVERIFY(!bytes.contains("stolen"));
    QVERIFY(!bytes.contains("Bad Name"));
    QVERIFY(!bytes.contains("X-Nul"));
    QCOMPARE(values(p, "X-Fine"), QByteArrayList{"ok"});
    QCOMPARE(p.body, QByteArray("hello"));
}

void TstResponse::headKeepsContentLengthWithoutBody()
{
    // RFC 9110 §9.3.2: the same header fields as for GET, no content.
    Response r;
    r.body = "twelve bytes";
    const QByteArray bytes = r.serialize(true, false);
    const Parsed p = parse(bytes);
    QVERIFY(p.wellFormed);
    QCOMPARE(values(p, "Content-Length"), QByteArrayList{"12"});
    QCOMPARE(p.body, QByteArray());
    QVERIFY(bytes.endsWith("\r\n\r\n"));
}

void TstResponse::noContentStatuses_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("head");
    QTest::newRow("204") << 204 << false;
    QTest::newRow("304") << 304 << false;
    QTest::newRow("204 to HEAD") << 204 << true;
    QTest::newRow("100") << 100 << false;
}

void TstResponse::noContentStatuses()
{
    // RFC 9110 §6.4.1, §8.6: no content, and no Content-Length to announce any.
    QFETCH(int, status);
    QFETCH(bool, head);
    Response r;
    r.status = status;
    r.body = "ignored";
    r.headers = {{"Content-Length", "7"}};
    const QByteArray bytes = r.serialize(head, false);
    const Parsed p = parse(bytes);
    QVERIFY(p.wellFormed);
    QVERIFY(values(p, "Content-Length").isEmpty());
    QVERIFY(values(p, "Transfer-Encoding").isEmpty());
    QCOMPARE(p.body, QByteArray());
    QVERIFY(bytes.endsWith("\r\n\r\n"));
}

void TstResponse::connectionHeader_data()
{
    QTest::addColumn<bool>("close");
    QTest::addColumn<bool>("http10KeepAlive");
    QTest::addColumn<QByteArrayList>("expected");
    QTest::newRow("HTTP/1.1 persistent") << false << false << QByteArrayList{};
    QTest::newRow("close") << true << false << QByteArrayList{"close"};
    QTest::newRow("HTTP/1.0 keep-alive") << false << true << QByteArrayList{"keep-alive"};
    QTest::newRow("close wins over keep-alive") << true << true << QByteArrayList{"close"};
}

void TstResponse::connectionHeader()
{
    QFETCH(bool, close);
    QFETCH(bool, http10KeepAlive);
    QFETCH(QByteArrayList, expected);
    Response r;
    r.body = "x";
    const Parsed p = parse(r.serialize(false, close, http10KeepAlive));
    QVERIFY(p.wellFormed);
    QCOMPARE(values(p, "Connection"), expected);
    QCOMPARE(p.body, QByteArray("x"));
}

void TstResponse::userHeadersKeptInOrder()
{
    Response r;
    r.headers = {{"X-B", "2"}, {"x-a", "1"}, {"Set-Cookie", "a=1"}, {"Set-Cookie", "b=2"}, {"X-Empty", ""}};
    const Parsed p = parse(r.serialize(false, false));
    QVERIFY(p.wellFormed);
    QList<QPair<QByteArray, QByteArray>> user;
    for (const auto &h : p.headers) {
        if (h.first != "Date" && h.first != "Content-Length")
            user.append(h);
    }
    QCOMPARE(user, r.headers);
}

void TstResponse::errorResponse()
{
    const Response r = Response::error(431, QStringLiteral("request head larger than the 65536-byte limit"));
    const Parsed p = parse(r.serialize(false, true));
    QVERIFY(p.wellFormed);
    QCOMPARE(p.statusLine, QByteArray("HTTP/1.1 431 Request Header Fields Too Large"));
    QCOMPARE(values(p, "Content-Type"), QByteArrayList{"text/plain; charset=utf-8"});
    QCOMPARE(values(p, "Connection"), QByteArrayList{"close"});
    QCOMPARE(p.body, QByteArray("request head larger than the 65536-byte limit\n"));
    QCOMPARE(values(p, "Content-Length"), QByteArrayList{QByteArray::number(p.body.size())});
}

QTEST_GUILESS_MAIN(TstResponse)
#include "tst_response.moc"
