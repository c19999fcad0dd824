#include "http/responsereader.h"

#include <QtTest>

using Http::Limits;
using Http::ReceivedResponse;
using Http::ResponseReader;
using Event = ResponseReader::Event;

namespace {

// Everything a user can see of one read, copied out so outcomes compare by value.
struct Outcome
{
    Event event = Event::NeedMore;
    int status = 0;
    QByteArray reason, version, rawHead, body, wire;
    QByteArrayList headers; // name, value, name, value, ...
    QByteArrayList trailers;
    QList<int> interim;
    QByteArray interimBytes;
    bool chunked = false, closeDelimited = false, keepAlive = false;
    qsizetype consumed = 0;
    QString error;
    qint64 offset = -1;
    QString broken; // a contract the reader broke while being fed, or empty

    bool operator==(const Outcome &) const = default;
};

QString describe(const Outcome &o)
{
    QString s;
    QTextStream t(&s);
    t << "event=" << int(o.event) << " status=" << o.status << " reason=[" << o.reason << "] consumed=" << o.consumed
      << " error=[" << o.error << "] offset=" << o.offset << " broken=[" << o.broken << "]\n headers=["
      << o.headers.join('|') << "] trailers=[" << o.trailers.join('|') << "] interim=" << o.interim.size()
      << "\n body=[" << o.body.left(200) << "]";
    return s;
}

/// Feeds `input` cut at `cuts` the way a connection would (each arrival fed until it is consumed
/// or the reader stops), then, if `eof`, tells the reader the connection closed.
Outcome readCut(QByteArrayView input, const QList<qsizetype> &cuts, const QByteArray &method, const Limits &limits,
                bool eof)
{
    ResponseReader reader(limits);
    reader.expectResponseTo(method);
    Outcome o;
    qsizetype pos = 0;
    QList<qsizetype> ends = cuts;
    ends.append(input.size());
    for (const qsizetype end : std::as_const(ends)) {
        if (o.event != Event::NeedMore)
            break;
        while (pos < end) {
            const qsizetype offered = end - pos;
            const ResponseReader::Step step = reader.feed(input.sliced(pos, offered));
            if (step.consumed < 0 || step.consumed > offered)
                o.broken = QStringLiteral("consumed %1 of %2").arg(step.consumed).arg(offered);
            if (step.event == Event::NeedMore && step.consumed != offered)
                o.broken = QStringLiteral("NeedMore after consuming %1 of %2").arg(step.consumed).arg(offered);
            pos += step.consumed;
            o.event = step.event;
            if (step.event != Event::NeedMore)
                break;
        }
    }
    if (o.event == Event::NeedMore && eof)
        o.event = reader.finish();
    if (o.event != Event::NeedMore && reader.feed("HTTP/1.1 200 OK\r\n").consumed != 0)
        o.broken = QStringLiteral("feed() consumed bytes after the reader stopped");
    o.consumed = pos;
    o.error = reader.error().reason;
    o.offset = reader.error().offset;
    if (o.event == Event::NeedMore && reader.bytesRead() != pos)
        o.broken = QStringLiteral("bytesRead() %1, consumed %2").arg(reader.bytesRead()).arg(pos);
    const ReceivedResponse r = o.event == Event::MessageComplete ? reader.takeResponse() : reader.takePartial();
    o.status = r.status();
    o.reason = r.reason().toByteArray();
    o.version = r.httpVersion().toByteArray();
    for (qsizetype i = 0; i < r.headerCount(); ++i)
        o.headers << r.header(i).name.toByteArray() << r.header(i).value.toByteArray();
    for (qsizetype i = 0; i < r.trailerCount(); ++i)
        o.trailers << r.trailer(i).name.toByteArray() << r.trailer(i).value.toByteArray();
    for (qsizetype i = 0; i < r.interimCount(); ++i) {
        o.interim << r.interimStatus(i);
        o.interimBytes += r.interimHead(i);
    }
    o.rawHead = r.rawHead();
    o.body = r.body();
    o.wire = r.wireBytes();
    o.chunked = r.isChunked();
    o.closeDelimited = r.isCloseDelimited();
    o.keepAlive = r.keepAlive();
    return o;
}

Outcome brokenOutcome(const QString &why)
{
    Outcome o;
    o.broken = why;
    return o;
}

/// Reads input whole, one byte at a time, and split in two at every point; all must agree.
Outcome readAllWays(QByteArrayView input, const QByteArray &method = "GET", const Limits &limits = {}, bool eof = false)
{
    const Outcome whole = readCut(input, {}, method, limits, eof);
    if (!whole.broken.isEmpty())
        qWarning().noquote() << "whole:" << whole.broken;
    QList<qsizetype> everyByte;
    for (qsizetype i = 1; i < input.size(); ++i)
        everyByte.append(i);
    const Outcome bytes = readCut(input, everyByte, method, limits, eof);
    if (!(bytes == whole)) {
        qWarning().noquote() << "byte by byte:\n" << describe(bytes) << "\nwhole:\n" << describe(whole);
        return brokenOutcome(QStringLiteral("byte by byte differs"));
    }
    for (qsizetype i = 1; i < input.size(); ++i) {
        const Outcome split = readCut(input, {i}, method, limits, eof);
        if (!(split == whole)) {
            qWarning().noquote() << "split at" << i << ":\n" << describe(split) << "\nwhole:\n" << describe(whole);
            return brokenOutcome(QStringLiteral("split at %1 differs").arg(i));
        }
    }
    return whole;
}

Limits limitsOf(int head, int count, int body)
{
    Limits l;
    if (head > 0)
        l.maxHeadBytes = head;
    if (count > 0)
        l.maxHeaderCount = count;
    if (body >= 0)
        l.maxBodyBytes = body;
    return l;
}

} // namespace

Q_DECLARE_METATYPE(Http::Limits)

class TstResponseReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepted_data();
    void accepted();
    void rejected_data();
    void rejected();
    void pipelinedBytesStayWithCaller();
    void bodyOverLimitKeepsWhatArrived();
    void readerIsReusableAfterTakeResponse();
};

void TstResponseReader::accepted_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("eof");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QByteArrayList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArrayList>("trailers");
    QTest::addColumn<QList<int>>("interim");
    QTest::addColumn<bool>("chunked");
    QTest::addColumn<bool>("closeDelimited");
    QTest::addColumn<bool>("keepAlive");

    const QByteArrayList none;
    QTest::newRow("content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                                                  "content-length: 5\r\nX-A: 1\r\nX-A: 2\r\n\r\nhello")
                                    << QByteArray("POST") << false << 200 << QByteArray("OK")
                                    << QByteArrayList{"Content-Type", "text/plain", "content-length", "5", "X-A", "1",
                                                      "X-A",          "2"}
                                    << QByteArray("hello") << none << QList<int>{} << false << false << true;
    QTest::newRow("empty reason, no space")
        << QByteArray("HTTP/1.1 202\r\nContent-Length: 0\r\n\r\n") << QByteArray("POST") << false << 202 << QByteArray()
        << QByteArrayList{"Content-Length", "0"} << QByteArray() << none << QList<int>{} << false << false << true;
    QTest::newRow("empty reason after space")
        << QByteArray("HTTP/1.1 404 \r\nContent-Length: 2\r\n\r\nno") << QByteArray("GET") << false << 404
        << QByteArray() << QByteArrayList{"Content-Length", "2"} << QByteArray("no") << none << QList<int>{} << false
        << false << true;
    QTest::newRow("reason with spaces and obs-text")
        << QByteArray("HTTP/1.1 500 Internal \xe9rror  \r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        << QByteArray("POST") << false << 500 << QByteArray("Internal \xe9rror  ")
        << QByteArrayList{"Content-Length", "0", "Connection", "close"} << QByteArray() << none << QList<int>{} << false
        << false << false;
    QTest::newRow("identical content-length list")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabc") << QByteArray("GET")
        << false << 200 << QByteArray("OK") << QByteArrayList{"Content-Length", "3, 3", "Content-Length", "3"}
        << QByteArray("abc") << none << QList<int>{} << false << false << true;
    QTest::newRow("chunked with extensions and trailers")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5;name=value\r\nhello\r\n"
                      "1 ; a ; b = \"q\\\"x\"\r\n \r\n"
                      "A\r\n0123456789\r\n"
                      "0;last\r\nDigest: abc\r\nX-Checked: yes\r\n\r\n")
        << QByteArray("POST") << false << 200 << QByteArray("OK") << QByteArrayList{"Transfer-Encoding", "chunked"}
        << QByteArray("hello 0123456789") << QByteArrayList{"Digest", "abc", "X-Checked", "yes"} << QList<int>{} << true
        << false << true;
    QTest::newRow("chunked, case and list") << QByteArray("HTTP/1.1 201 Created\r\nTransfer-Encoding: , CHUNKED\r\n"
                                                          "\r\n3\r\nabc\r\n0\r\n\r\n")
                                            << QByteArray("POST") << false << 201 << QByteArray("Created")
                                            << QByteArrayList{"Transfer-Encoding", ", CHUNKED"} << QByteArray("abc")
                                            << none << QList<int>{} << true << false << true;
    QTest::newRow("close-delimited") << QByteArray("HTTP/1.1 200 OK\r\nServer: x\r\n\r\nall of this\r\nuntil close")
                                     << QByteArray("GET") << true << 200 << QByteArray("OK")
                                     << QByteArrayList{"Server", "x"} << QByteArray("all of this\r\nuntil close")
                                     << none << QList<int>{} << false << true << false;
    QTest::newRow("close-delimited empty")
        << QByteArray("HTTP/1.0 200 OK\r\n\r\n") << QByteArray("GET") << true << 200 << QByteArray("OK") << none
        << QByteArray() << none << QList<int>{} << false << true << false;
    QTest::newRow("transfer-encoding not chunked: until close")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n\x1f\x8b raw") << QByteArray("GET") << true
        << 200 << QByteArray("OK") << QByteArrayList{"Transfer-Encoding", "gzip"} << QByteArray("\x1f\x8b raw") << none
        << QList<int>{} << false << true << false;
    QTest::newRow("100 continue then 200")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        << QByteArray("POST") << false << 200 << QByteArray("OK") << QByteArrayList{"Content-Length", "2"}
        << QByteArray("ok") << none << QList<int>{100} << false << false << true;
    QTest::newRow("100 and 103 early hints")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n"
                      "Content-Length: 9\r\n\r\nHTTP/1.1 204 No Content\r\nX: y\r\n\r\n")
        << QByteArray("POST") << false << 204 << QByteArray("No Content") << QByteArrayList{"X", "y"} << QByteArray()
        << none << QList<int>{100, 103} << false << false << true;
    QTest::newRow("HEAD with content-length")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n") << QByteArray("HEAD") << false << 200
        << QByteArray("OK") << QByteArrayList{"Content-Length", "1234"} << QByteArray() << none << QList<int>{} << false
        << false << true;
    QTest::newRow("HEAD with chunked") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
                                       << QByteArray("HEAD") << false << 200 << QByteArray("OK")
                                       << QByteArrayList{"Transfer-Encoding", "chunked"} << QByteArray() << none
                                       << QList<int>{} << false << false << true;
    QTest::newRow("204 with content-length")
        << QByteArray("HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n") << QByteArray("POST") << false << 204
        << QByteArray("No Content") << QByteArrayList{"Content-Length", "10"} << QByteArray() << none << QList<int>{}
        << false << false << true;
    QTest::newRow("304 with content-length")
        << QByteArray("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n") << QByteArray("GET") << false << 304
        << QByteArray("Not Modified") << QByteArrayList{"Content-Length", "10"} << QByteArray() << none << QList<int>{}
        << false << false << true;
    QTest::newRow("101 ends at its head")
        << QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n") << QByteArray("GET") << false
        << 101 << QByteArray("Switching Protocols") << QByteArrayList{"Upgrade", "websocket"} << QByteArray() << none
        << QList<int>{} << false << false << false;
    QTest::newRow("http/1.0 keep-alive") << QByteArray("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\n"
                                                       "Content-Length: 1\r\n\r\nx")
                                         << QByteArray("GET") << false << 200 << QByteArray("OK")
                                         << QByteArrayList{"Connection", "Keep-Alive", "Content-Length", "1"}
                                         << QByteArray("x") << none << QList<int>{} << false << false << true;
}

void TstResponseReader::accepted()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, method);
    QFETCH(bool, eof);
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    QFETCH(QByteArrayList, headers);
    QFETCH(QByteArray, body);
    QFETCH(QByteArrayList, trailers);
    QFETCH(QList<int>, interim);
    QFETCH(bool, chunked);
    QFETCH(bool, closeDelimited);
    QFETCH(bool, keepAlive);

    const Outcome o = readAllWays(input, method, {}, eof);
    QVERIFY2(o.broken.isEmpty(), qPrintable(o.broken));
    QVERIFY2(o.event == Event::MessageComplete, qPrintable(describe(o)));
    QCOMPARE(o.status, status);
    QCOMPARE(o.reason, reason);
    QCOMPARE(o.version, input.left(8));
    QCOMPARE(o.headers, headers);
    QCOMPARE(o.body, body);
    QCOMPARE(o.trailers, trailers);
    QCOMPARE(o.interim, interim);
    QCOMPARE(o.chunked, chunked);
    QCOMPARE(o.closeDelimited, closeDelimited);
    QCOMPARE(o.keepAlive, keepAlive);
    QCOMPARE(o.consumed, input.size());
    // The interim heads, then the response's own bytes, are exactly what arrived.
    QCOMPARE(o.interimBytes + o.wire, input);
    QVERIFY(o.error.isEmpty());
}

void TstResponseReader::rejected_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("eof");
    QTest::addColumn<Limits>("limits");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<QByteArray>("partialBody");

    const Limits defaults;
    const QByteArray ok = "HTTP/1.1 200 OK\r\n";
    auto row = [&](const char *name, const QByteArray &input, const char *reason, qint64 offset,
                   const Limits &limits = Limits(), bool eof = false, const QByteArray &partial = QByteArray()) {
        QTest::newRow(name) << input << QByteArray("GET") << eof << limits << QString::fromUtf8(reason) << offset
                            << partial;
    };
    row("not http: TLS alert", QByteArray("\x15\x03\x01\x00\x02\x02\x46"),
        "not an HTTP response: byte 0x15 where the status line should start with \"HTTP/\"", 0);
    row("not http: lowercase", "http/1.1 200 OK\r\n\r\n",
        "not an HTTP response: byte 0x68 where the status line should start with \"HTTP/\"", 0);
    row("not http: SSH banner after HTTP", "HTTPX",
        "not an HTTP response: byte 0x58 where the status line should "
        "start with \"HTTP/\"",
        4);
    row("malformed version", "HTTP/1x1 200 OK\r\n\r\n", "malformed HTTP version in the status line", 5);
    row("http/2 version", "HTTP/2.0 200 OK\r\n\r\n", "HTTP version 2.0 is not supported", 5);
    row("no space after version", "HTTP/1.1\t200 OK\r\n\r\n", "status line without a space after the HTTP version", 8);
    row("version only", "HTTP/1.1\r\n\r\n", "status line without a space after the HTTP version", 8);
    row("two-digit code", "HTTP/1.1 20 OK\r\n\r\n", "status code is not three digits (RFC 9112 §4)", 9);
    row("four-digit code", "HTTP/1.1 2000 OK\r\n\r\n", "status code is not three digits (RFC 9112 §4)", 12);
    row("code glued to reason", "HTTP/1.1 200OK\r\n\r\n", "no space between the status code and the reason", 12);
    row("code out of range", "HTTP/1.1 099 Low\r\n\r\n", "status code 99 is outside 100 to 599 (RFC 9110 §15)", 9);
    row("code 600", "HTTP/1.1 600 High\r\n\r\n", "status code 600 is outside 100 to 599 (RFC 9110 §15)", 9);
    row("control char in reason", "HTTP/1.1 200 O\x01K\r\n\r\n", "control character 0x01 in the reason phrase", 14);
    row("bare LF status line", "HTTP/1.1 200 OK\n\r\n", "bare LF line ending; lines must end in CRLF (RFC 9112 §2.2)",
        15);
    row("bare CR in header", ok + "A: b\rc\r\n\r\n", "bare CR not followed by LF (RFC 9112 §2.2)", 21);
    row("NUL in header", ok + QByteArray("A: \0\r\n\r\n", 9), "NUL byte in the response head", 20);
    row("obs-fold", ok + "A: b\r\n c\r\n\r\n", "obsolete line folding is not accepted (RFC 9112 §5.2)", 23);
    row("space before first header", ok + " A: b\r\n\r\n",
        "whitespace between the status line and the first header field", 17);
    row("header without colon", ok + "Abc\r\n\r\n", "header line without a colon", 20);
    row("space before colon", ok + "Abc : d\r\n\r\n", "whitespace between a header name and its colon (RFC 9112 §5.1)",
        20);
    row("bad content-length", ok + "Content-Length: 12a\r\n\r\n", "invalid Content-Length '12a' (RFC 9110 §8.6)", 33);
    row("empty content-length", ok + "Content-Length: \r\n\r\n", "invalid Content-Length '' (RFC 9110 §8.6)", 33);
    row("negative content-length", ok + "Content-Length: -1\r\n\r\n", "invalid Content-Length '-1' (RFC 9110 §8.6)",
        33);
    row("conflicting content-length lines", ok + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        "conflicting Content-Length values (RFC 9112 §6.3)", 52);
    row("conflicting content-length list", ok + "Content-Length: 3, 4\r\n\r\nabcd",
        "conflicting Content-Length values (RFC 9112 §6.3)", 33);
    row("content-length and chunked", ok + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
        "both Content-Length and Transfer-Encoding (RFC 9112 §6.3)", 55);
    row("chunked twice", ok + "Transfer-Encoding: chunked, chunked\r\n\r\n",
        "chunked applied more than once (RFC 9112 §7)", 36);
    row("gzip under chunked", ok + "Transfer-Encoding: gzip, chunked\r\n\r\n",
        "transfer coding 'gzip' is not supported", 36);
    row("empty transfer-encoding", ok + "Transfer-Encoding: ,\r\n\r\n", "empty Transfer-Encoding", 36);
    const QByteArray chunked = ok + "Transfer-Encoding: chunked\r\n\r\n"; // 47 bytes
    row("bad chunk size", chunked + "xyz\r\n", "chunk size is not a hexadecimal number", 47);
    row("chunk size overflow", chunked + "10000000000000000\r\n", "chunk size too large", 63);
    row("chunk size then junk", chunked + "5 x\r\nhello\r\n0\r\n\r\n", "invalid character 0x78 after the chunk size",
        49);
    row("chunk data too long", chunked + "3\r\nabcd\r\n0\r\n\r\n",
        "chunk data not followed by CRLF; the chunk size does not match the data", 53, defaults, false,
        QByteArray("abc"));
    row("unterminated chunk extension", chunked + "1;a=\"x\r\nz\r\n", "unterminated quoted chunk extension value", 53);
    row("obs-fold in trailer", chunked + "0\r\nA: b\r\n c\r\n\r\n",
        "obsolete line folding is not accepted (RFC 9112 §5.2)", 56);
    row("head too large", ok + "X-Long: " + QByteArray(100, 'a') + "\r\n\r\n",
        "response head larger than the 64-byte limit", 64, limitsOf(64, 0, -1));
    row("status line too long", "HTTP/1.1 200 " + QByteArray(100, 'a') + "\r\n\r\n",
        "status line longer than the 64-byte head limit", 64, limitsOf(64, 0, -1));
    row("too many headers", ok + "A: 1\r\nB: 2\r\nC: 3\r\n\r\n", "more than 2 header fields", 29, limitsOf(0, 2, -1));
    row("too many trailers", chunked + "0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", "more than 2 trailer fields", 62,
        limitsOf(0, 2, -1));
    row("content-length over body limit", ok + "Content-Length: 10\r\n\r\n0123456789",
        "Content-Length 10 exceeds the 4-byte body limit", 43, limitsOf(0, 0, 4), false, QByteArray("0123"));
    row("chunked over body limit", chunked + "6\r\nabcdef\r\n6\r\nghijkl\r\n0\r\n\r\n",
        "chunked body larger than the 8-byte body limit", 63, limitsOf(0, 0, 8), false, QByteArray("abcdefgh"));
    row("chunk framing over body limit", chunked + "1;ext=long\r\na\r\n0\r\n\r\n",
        "chunk framing larger than the 8-byte body limit", 55, limitsOf(0, 0, 8));
    row("close-delimited over body limit", ok + "\r\n0123456789", "body larger than the 4-byte limit", 23,
        limitsOf(0, 0, 4), true, QByteArray("0123"));
    row("closed before any byte", QByteArray(), "connection closed before any response byte arrived", 0, defaults,
        true);
    row("closed in the head", ok + "Content-Le", "connection closed after 27 bytes, in the response head", 27, defaults,
        true);
    row("closed after an interim response", "HTTP/1.1 100 Continue\r\n\r\n",
        "connection closed after 25 bytes, in the response head", 25, defaults, true);
    row("truncated content-length body", ok + "Content-Length: 10\r\n\r\n0123",
        "connection closed after 4 of 10 body bytes", 43, defaults, true, QByteArray("0123"));
    row("truncated chunked body", chunked + "5\r\nhello\r\n3\r\nab",
        "connection closed after 7 body bytes, before the last chunk of a chunked body", 62, defaults, true,
        QByteArray("helloab"));
    row("truncated trailer section", chunked + "0\r\nA: b\r\n",
        "connection closed in the trailer section, after 0 body bytes", 56, defaults, true);
    QByteArray many;
    for (int i = 0; i <= ResponseReader::kMaxInterimResponses; ++i)
        many += "HTTP/1.1 100 Continue\r\n\r\n";
    row("endless interim responses", many + "HTTP/1.1 200 OK\r\n\r\n", "more than 32 interim (1xx) responses",
        25 * ResponseReader::kMaxInterimResponses);
}

void TstResponseReader::rejected()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, method);
    QFETCH(bool, eof);
    QFETCH(Limits, limits);
    QFETCH(QString, reason);
    QFETCH(qint64, offset);
    QFETCH(QByteArray, partialBody);

    const Outcome o = readAllWays(input, method, limits, eof);
    QVERIFY2(o.broken.isEmpty(), qPrintable(o.broken));
    QVERIFY2(o.event == Event::Failed, qPrintable(describe(o)));
    QCOMPARE(o.error, reason);
    QCOMPARE(o.offset, offset);
    QCOMPARE(o.body, partialBody);
    QVERIFY(o.consumed <= input.size());
    QVERIFY(o.offset <= o.consumed);
    if (!o.chunked) // what was kept is what arrived
        QCOMPARE(o.interimBytes + o.wire, input.first(o.consumed));
}

void TstResponseReader::pipelinedBytesStayWithCaller()
{
    const QByteArray first = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    const QByteArray second = "HTTP/1.1 204 No Content\r\n\r\n";
    const Outcome o = readAllWays(QByteArray(first + second));
    QVERIFY2(o.broken.isEmpty(), qPrintable(o.broken));
    QVERIFY(o.event == Event::MessageComplete);
    QCOMPARE(o.consumed, first.size());
    QCOMPARE(o.body, QByteArray("ok"));

    const QByteArray chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n";
    const Outcome c = readAllWays(QByteArray(chunked + second));
    QVERIFY(c.event == Event::MessageComplete);
    QCOMPARE(c.consumed, chunked.size());
    QCOMPARE(c.wire, chunked);
}

void TstResponseReader::bodyOverLimitKeepsWhatArrived()
{
    // The sender shows what arrived up to the limit: head and the first bytes of the body.
    ResponseReader reader(limitsOf(0, 0, 1000));
    const QByteArray head = "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n";
    const QByteArray input = head + QByteArray(5000, 'x');
    const ResponseReader::Step step = reader.feed(input);
    QCOMPARE(step.event, Event::Failed);
    QCOMPARE(step.consumed, head.size() + 1000);
    const ReceivedResponse partial = reader.takePartial();
    QCOMPARE(partial.status(), 200);
    QCOMPARE(partial.body(), QByteArray(1000, 'x'));
    QCOMPARE(partial.wireBytes(), input.first(step.consumed));
    QCOMPARE(reader.error().reason, QStringLiteral("Content-Length 5000 exceeds the 1000-byte body limit"));
}

void TstResponseReader::readerIsReusableAfterTakeResponse()
{
    ResponseReader reader;
    reader.expectResponseTo("HEAD");
    const QByteArray head = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n";
    QCOMPARE(reader.feed(head).event, Event::MessageComplete);
    QCOMPARE(reader.takeResponse().body(), QByteArray());
    // The next response on the connection answers a GET: its Content-Length counts.
    reader.expectResponseTo("GET");
    const ResponseReader::Step step = reader.feed(QByteArray(head + "abc"));
    QCOMPARE(step.event, Event::MessageComplete);
    QCOMPARE(step.consumed, head.size() + 3);
    QCOMPARE(reader.takeResponse().body(), QByteArray("abc"));
}

QTEST_APPLESS_MAIN(TstResponseReader)
#include "tst_responsereader.moc"
