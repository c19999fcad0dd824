#include "http/requestreader.h"

#include <QtTest>

using Http::Limits;
using Http::RequestReader;
using Event = RequestReader::Event;

namespace {

// Everything a user can see of one request, copied out of the Request so outcomes compare by value.
struct Message
{
    QByteArray method, target, version;
    int versionMajor = 0, versionMinor = 0;
    bool hasRequestLine = false;
    QByteArrayList headers; // name, value, name, value, ...
    QByteArrayList trailers;
    QByteArray rawHead, body, wire;
    QStringList warnings;
    bool chunked = false, keepAlive = false, expectsContinue = false, closesAfterAnswer = false, isHead = false;
    qsizetype endOffset = -1;      // position in the input right after the message
    qsizetype headCompleteAt = -1; // position in the input where HeadComplete was reported, or -1

    bool operator==(const Message &) const = default;
};

struct Outcome
{
    QList<Message> messages;
    bool failed = false;
    int status = 0;
    QString reason;
    qint64 offset = -1;
    Message partial;        // takePartial() after Failed
    qsizetype consumed = 0; // input bytes consumed in total
    bool inMessage = false; // the reader holds part of an unfinished message at the end
    QString broken;         // an invariant the reader broke while being fed, or empty

    bool operator==(const Outcome &) const = default;
};

QByteArray printable(QByteArrayView bytes)
{
    QByteArray out;
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\r')
            out += "\\r";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\\')
            out += "\\\\";
        else if (u < 0x20 || u >= 0x7f)
            out += "\\x" + QByteArray::number(u, 16).rightJustified(2, '0');
        else
            out += c;
    }
    return out;
}

QString describe(const Message &m)
{
    QString s;
    QTextStream t(&s);
    t << "  method=" << printable(m.method) << " target=" << printable(m.target) << " version=" << printable(m.version)
      << " (" << m.versionMajor << '.' << m.versionMinor << ")\n";
    for (qsizetype i = 0; i + 1 < m.headers.size(); i += 2)
        t << "  header [" << printable(m.headers[i]) << "] = [" << printable(m.headers[i + 1]) << "]\n";
    for (qsizetype i = 0; i + 1 < m.trailers.size(); i += 2)
        t << "  trailer [" << printable(m.trailers[i]) << "] = [" << printable(m.trailers[i + 1]) << "]\n";
    t << "  body=[" << printable(m.body) << "] wire=[" << printable(m.wire) << "]\n";
    t << "  warnings=" << m.warnings.join(QLatin1Char(',')) << " chunked=" << m.chunked << " keepAlive=" << m.keepAlive
      << " expectsContinue=" << m.expectsContinue << " closes=" << m.closesAfterAnswer << " end=" << m.endOffset
      << " headComplete=" << m.headCompleteAt << '\n';
    return s;
}

QString describe(const Outcome &o)
{
    QString s;
    QTextStream t(&s);
    t << "consumed=" << o.consumed << " inMessage=" << o.inMessage << " messages=" << o.messages.size() << '\n';
    for (const Message &m : o.messages)
        t << describe(m);
    if (o.failed) {
        t << "FAILED " << o.status << " at " << o.offset << ": " << o.reason << '\n' << describe(o.partial);
    }
    if (!o.broken.isEmpty())
        t << "BROKEN: " << o.broken << '\n';
    return s;
}

Message snapshot(const Http::Request &r)
{
    Message m;
    m.method = r.method().toByteArray();
    m.target = r.target().toByteArray();
    m.version = r.httpVersion().toByteArray();
    m.versionMajor = r.versionMajor();
    m.versionMinor = r.versionMinor();
    m.hasRequestLine = r.hasRequestLine();
    for (qsizetype i = 0; i < r.headerCount(); ++i)
        m.headers << r.header(i).name.toByteArray() << r.header(i).value.toByteArray();
    for (qsizetype i = 0; i < r.trailerCount(); ++i)
        m.trailers << r.trailer(i).name.toByteArray() << r.trailer(i).value.toByteArray();
    m.rawHead = r.rawHead();
    m.body = r.body();
    m.wire = r.wireBytes();
    m.warnings = r.warnings();
    m.chunked = r.isChunked();
    m.keepAlive = r.keepAlive();
    m.expectsContinue = r.expectsContinue();
    m.closesAfterAnswer = r.closesAfterAnswer();
    m.isHead = r.isHead();
    return m;
}

// The bytes of the message in input[from, to), without the empty lines RFC 9112 §2.2 lets a
// reader skip before a request line.
QByteArrayView messageBytes(QByteArrayView input, qsizetype from, qsizetype to)
{
    QByteArrayView bytes = input.sliced(from, to - from);
    while (bytes.startsWith("\r\n"))
        bytes = bytes.sliced(2);
    return bytes;
}

/// Feeds input to one reader in pieces that end at `cuts`, the way a socket would deliver it,
/// taking every message (like the connection does) until `stopAfter` messages or a failure.
Outcome feedInPieces(QByteArrayView input, const QList<qsizetype> &cuts, const Limits &limits,
                     qsizetype stopAfter = std::numeric_limits<qsizetype>::max())
{
    RequestReader reader(limits);
    Outcome out;
    qsizetype messageStart = 0;
    qsizetype headCompleteAt = -1;
    qsizetype pos = 0;
    for (qsizetype c = 0; c <= cuts.size(); ++c) {
        const qsizetype pieceEnd = c < cuts.size() ? cuts[c] : input.size();
        while (pos < pieceEnd) {
            const RequestReader::Step step = reader.feed(input.sliced(pos, pieceEnd - pos));
            if (step.consumed < 0 || step.consumed > pieceEnd - pos) {
                out.broken = QStringLiteral("consumed %1 of %2 bytes given").arg(step.consumed).arg(pieceEnd - pos);
                return out;
            }
            pos += step.consumed;
            out.consumed = pos;
            switch (step.event) {
            case Event::NeedMore:
                if (pos != pieceEnd) {
                    out.broken = QStringLiteral("NeedMore left %1 bytes unconsumed").arg(pieceEnd - pos);
                    return out;
                }
                break;
            case Event::HeadComplete:
                if (headCompleteAt >= 0) {
                    out.broken = QStringLiteral("HeadComplete twice for one message");
                    return out;
                }
                headCompleteAt = pos;
                break;
            case Event::MessageComplete: {
                const RequestReader::Step again = reader.feed(input.sliced(pos));
                if (again.event != Event::MessageComplete || again.consumed != 0) {
                    out.broken = QStringLiteral("a complete message took more bytes before takeRequest()");
                    return out;
                }
                Message m = snapshot(reader.takeRequest());
                m.endOffset = pos;
                m.headCompleteAt = headCompleteAt;
                if (m.wire != messageBytes(input, messageStart, pos)) {
                    out.broken = QStringLiteral("wireBytes() differs from the bytes received");
                    return out;
                }
                out.messages.append(m);
                messageStart = pos;
                headCompleteAt = -1;
                if (out.messages.size() >= stopAfter)
                    return out;
                break;
            }
            case Event::Failed: {
                const RequestReader::Step again = reader.feed(input.sliced(pos));
                if (again.event != Event::Failed || again.consumed != 0) {
                    out.broken = QStringLiteral("a failed reader took more bytes");
                    return out;
                }
                out.failed = true;
                out.status = reader.error().status;
                out.reason = reader.error().reason;
                out.offset = reader.error().offset;
                out.partial = snapshot(reader.takePartial());
                out.partial.endOffset = pos;
                out.partial.headCompleteAt = headCompleteAt;
                if (out.partial.wire != messageBytes(input, messageStart, pos))
                    out.broken = QStringLiteral("the partial request's wireBytes() differs from the bytes consumed");
                return out;
            }
            }
        }
    }
    out.inMessage = reader.inMessage();
    return out;
}

/// Reads input whole, one byte at a time, and split in two at every possible point, the way a
/// socket may deliver it; all must agree. `out` is the outcome of the whole feed.
void readAllWays(QByteArrayView input, Outcome &out, const Limits &limits = {},
                 qsizetype stopAfter = std::numeric_limits<qsizetype>::max())
{
    out = feedInPieces(input, {}, limits, stopAfter);
    QVERIFY2(out.broken.isEmpty(), qPrintable(QStringLiteral("whole feed: ") + out.broken));

    auto same = [&](const QList<qsizetype> &cuts, const QString &how) {
        const Outcome other = feedInPieces(input, cuts, limits, stopAfter);
        if (other == out)
            return true;
        QTest::qFail(qPrintable(how + QStringLiteral(" differs from the whole feed.\nwhole:\n") + describe(out) + how +
                                QStringLiteral(":\n") + describe(other)),
                     __FILE__, __LINE__);
        return false;
    };
    QList<qsizetype> everyByte;
    for (qsizetype i = 1; i < input.size(); ++i)
        everyByte.append(i);
    if (!same(everyByte, QStringLiteral("byte by byte")))
        return;
    for (qsizetype i = 1; i < input.size(); ++i) {
        if (!same({i}, QStringLiteral("split at %1").arg(i)))
            return;
    }
}

Limits smallLimits()
{
    Limits l;
    l.maxHeadBytes = 64;
    l.maxHeaderCount = 3;
    l.maxBodyBytes = 10;
    return l;
}

enum Flag {
    Chunked = 1,
    KeepAlive = 2,
    ExpectsContinue = 4,
    Closes = 8,
};

// Where a failed feed stops, relative to the byte the error offset points at.
enum class Stop {
    BeforeBadByte, // the bad byte was not consumed
    AfterBadByte,  // the bad byte was consumed (a CR, known bad only when the next byte is not LF)
    EndOfLine,     // the line holding the bad byte was consumed (errors found when the line is parsed)
    EndOfHead,     // the whole head was consumed (errors found when the head is complete)
};

} // namespace

class TstRequestReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepted_data();
    void accepted();
    void rejected_data();
    void rejected();
    void limits_data();
    void limits();

    void higherMinorVersionIsHttp11();
    void headCompleteOnlyForExpectContinue();
    void connectAndPrefaceStopAtEndOfHead_data();
    void connectAndPrefaceStopAtEndOfHead();
    void pipelinedRequestsAllRead();
    void pipelinedFeedConsumesOneMessage();
    void pipelinedChunkedUnderBodyLimit();
    void errorAfterPipelinedRequests();
    void partialOfFailedChunkedRequest();
    void emptyLinesBeforeRequestLine();
    void inMessage();
    void resetDropsPartialMessage();

private:
    void addRejected(const char *name, const QByteArray &before, const QByteArray &after, int status, Stop stop,
                     const char *reason);
    void checkRejected(const Limits &limits);
};

void TstRequestReader::accepted_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("version");
    QTest::addColumn<QByteArrayList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArrayList>("trailers");
    QTest::addColumn<QStringList>("warnings");
    QTest::addColumn<int>("flags");

    const QByteArray v11 = "HTTP/1.1";
    const QByteArray v10 = "HTTP/1.0";
    const QStringList none;
    const QByteArrayList noTrailers;

    QTest::newRow("simple GET") << QByteArray("GET /hook HTTP/1.1\r\nHost: example.test\r\n\r\n") << QByteArray("GET")
                                << QByteArray("/hook") << v11 << QByteArrayList{"Host", "example.test"} << QByteArray()
                                << noTrailers << none << int(KeepAlive);

    QTest::newRow("names keep case and order, duplicates stay separate")
        << QByteArray("POST /a HTTP/1.1\r\nhost: h\r\nX-Dup: 1\r\nContent-Type: text/plain\r\nx-dup: 2\r\n"
                      "X-DUP: 3\r\nContent-Length: 2\r\n\r\nhi")
        << QByteArray("POST") << QByteArray("/a") << v11
        << QByteArrayList{"host",  "h", "X-Dup", "1", "Content-Type",   "text/plain",
                          "x-dup", "2", "X-DUP", "3", "Content-Length", "2"}
        << QByteArray("hi") << noTrailers << none << int(KeepAlive);

    // RFC 9110 §5.5: leading and trailing SP/HTAB are not part of the value; inner ones are.
    QTest::newRow("values trimmed at both ends only")
        << QByteArray("GET / HTTP/1.1\r\nHost:h\r\nX-A:   spaced out \t \r\nX-B:\tx\r\nX-Empty:\r\n"
                      "X-Blank:  \t \r\nX-Inner: a \t b\r\nX-Time: 12:30:00\r\n\r\n")
        << QByteArray("GET") << QByteArray("/") << v11
        << QByteArrayList{"Host", "h",       "X-A", "spaced out", "X-B",    "x",      "X-Empty",
                          "",     "X-Blank", "",    "X-Inner",    "a \t b", "X-Time", "12:30:00"}
        << QByteArray() << noTrailers << none << int(KeepAlive);

    QTest::newRow("obs-text in values kept byte for byte")
        << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nX-Latin: caf\xe9\r\nX-High: \x80\xff\r\n"
                      "X-Utf8: caf\xc3\xa9\r\n\r\n")
        << QByteArray("GET") << QByteArray("/") << v11
        << QByteArrayList{"Host", "h", "X-Latin", "caf\xe9", "X-High", "\x80\xff", "X-Utf8", "caf\xc3\xa9"}
        << QByteArray() << noTrailers << none << int(KeepAlive);

    QTest::newRow("every tchar in a header name")
        << QByteArray("GET / HTTP/1.1\r\nHost: h\r\n!#$%&'*+-.^_`|~09azAZ: v\r\n\r\n") << QByteArray("GET")
        << QByteArray("/") << v11 << QByteArrayList{"Host", "h", "!#$%&'*+-.^_`|~09azAZ", "v"} << QByteArray()
        << noTrailers << none << int(KeepAlive);

    QTest::newRow("any token method") << QByteArray("M-SEARCH * HTTP/1.1\r\nHost: h\r\n\r\n") << QByteArray("M-SEARCH")
                                      << QByteArray("*") << v11 << QByteArrayList{"Host", "h"} << QByteArray()
                                      << noTrailers << none << int(KeepAlive);
    QTest::newRow("method of every tchar")
        << QByteArray("!#$%&'*+-.^_`|~09azAZ /x HTTP/1.1\r\nHost: h\r\n\r\n") << QByteArray("!#$%&'*+-.^_`|~09azAZ")
        << QByteArray("/x") << v11 << QByteArrayList{"Host", "h"} << QByteArray() << noTrailers << none
        << int(KeepAlive);
    QTest::newRow("lowercase method kept as sent")
        << QByteArray("post / HTTP/1.1\r\nHost: h\r\n\r\n") << QByteArray("post") << QByteArray("/") << v11
        << QByteArrayList{"Host", "h"} << QByteArray() << noTrailers << none << int(KeepAlive);

    QTest::newRow("target exactly as on the wire")
        << QByteArray("GET /p%20a/../b?q=1&r=%zz;x#frag HTTP/1.1\r\nHost: h\r\n\r\n") << QByteArray("GET")
        << QByteArray("/p%20a/../b?q=1&r=%zz;x#frag") << v11 << QByteArrayList{"Host", "h"} << QByteArray()
        << noTrailers << none << int(KeepAlive);
    QTest::newRow("absolute-form target")
        << QByteArray("GET http://Example.TEST:8080/a?b HTTP/1.1\r\nHost: Example.TEST:8080\r\n\r\n")
        << QByteArray("GET") << QByteArray("http://Example.TEST:8080/a?b") << v11
        << QByteArrayList{"Host", "Example.TEST:8080"} << QByteArray() << noTrailers << none << int(KeepAlive);
    QTest::newRow("raw non-ASCII bytes in the target")
        << QByteArray("GET /caf\xc3\xa9/\xff HTTP/1.1\r\nHost: h\r\n\r\n") << QByteArray("GET")
        << QByteArray("/caf\xc3\xa9/\xff") << v11 << QByteArrayList{"Host", "h"} << QByteArray() << noTrailers << none
        << int(KeepAlive);
    QTest::newRow("HEAD") << QByteArray("HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n") << QByteArray("HEAD") << QByteArray("/x")
                          << v11 << QByteArrayList{"Host", "h"} << QByteArray() << noTrailers << none << int(KeepAlive);

    // RFC 9112 §9.3: HTTP/1.0 persists only with keep-alive; HTTP/1.1 unless close.
    QTest::newRow("HTTP/1.0 without Host, closes")
        << QByteArray("GET / HTTP/1.0\r\n\r\n") << QByteArray("GET") << QByteArray("/") << v10 << QByteArrayList{}
        << QByteArray() << noTrailers << none << int(Closes);
    QTest::newRow("HTTP/1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
                                         << QByteArray("GET") << QByteArray("/") << v10
                                         << QByteArrayList{"Connection", "Keep-Alive"} << QByteArray() << noTrailers
                                         << none << int(KeepAlive);
    QTest::newRow("HTTP/1.1 Connection: close")
        << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, CLOSE\r\n\r\n") << QByteArray("GET")
        << QByteArray("/") << v11 << QByteArrayList{"Host", "h", "Connection", "keep-alive, CLOSE"} << QByteArray()
        << noTrailers << none << int(Closes);
    QTest::newRow("HTTP/1.1 close in a second Connection line")
        << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nConnection: foo\r\nconnection: ,close,\r\n\r\n")
        << QByteArray("GET") << QByteArray("/") << v11
        << QByteArrayList{"Host", "h", "Connection", "foo", "connection", ",close,"} << QByteArray() << noTrailers
        << none << int(Closes);

    QTest::newRow("missing Host captured with a warning")
        << QByteArray("GET / HTTP/1.1\r\n\r\n") << QByteArray("GET") << QByteArray("/") << v11 << QByteArrayList{}
        << QByteArray() << noTrailers << QStringList{QStringLiteral("missing-host")} << int(KeepAlive);
    QTest::newRow("two Host lines captured with a warning")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n") << QByteArray("GET") << QByteArray("/") << v11
        << QByteArrayList{"Host", "a", "host", "b"} << QByteArray() << noTrailers
        << QStringList{QStringLiteral("multiple-host")} << int(KeepAlive);

    QTest::newRow("Content-Length with OWS")
        << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: \t 5 \t\r\n\r\nhello") << QByteArray("POST")
        << QByteArray("/") << v11 << QByteArrayList{"Host", "h", "Content-Length", "5"} << QByteArray("hello")
        << noTrailers << none << int(KeepAlive);
    QTest::newRow("Content-Length list of identical values")
        << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5, 5,5\r\n\r\nhello") << QByteArray("POST")
        << QByteArray("/") << v11 << QByteArrayList{"Host", "h", "Content-Length", "5, 5,5"} << QByteArray("hello")
        << noTrailers << none << int(KeepAlive);
    QTest::newRow("identical Content-Length lines")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\nHost: h\r\ncontent-length:5 \r\n\r\nhello")
        << QByteArray("POST") << QByteArray("/") << v11
        << QByteArrayList{"Content-Length", "5", "Host", "h", "content-length", "5"} << QByteArray("hello")
        << noTrailers << none << int(KeepAlive);
    QTest::newRow("Content-Length with leading zeros")
        << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 007\r\n\r\nseven!!") << QByteArray("POST")
        << QByteArray("/") << v11 << QByteArrayList{"Host", "h", "Content-Length", "007"} << QByteArray("seven!!")
        << noTrailers << none << int(KeepAlive);
    QTest::newRow("Content-Length: 0") << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n")
                                       << QByteArray("POST") << QByteArray("/") << v11
                                       << QByteArrayList{"Host", "h", "Content-Length", "0"} << QByteArray()
                                       << noTrailers << none << int(KeepAlive);
    QTest::newRow("binary body") << QByteArrayLiteral("PUT /b HTTP/1.1\r\nHost: h\r\nContent-Length: 8\r\n\r\n"
                                                      "\0\r\n\xff\n\r\r\n")
                                 << QByteArray("PUT") << QByteArray("/b") << v11
                                 << QByteArrayList{"Host", "h", "Content-Length", "8"}
                                 << QByteArrayLiteral("\0\r\n\xff\n\r\r\n") << noTrailers << none << int(KeepAlive);
    QTest::newRow("HTTP/1.0 with a body")
        << QByteArray("POST / HTTP/1.0\r\nContent-Length: 3\r\n\r\nabc") << QByteArray("POST") << QByteArray("/") << v10
        << QByteArrayList{"Content-Length", "3"} << QByteArray("abc") << noTrailers << none << int(Closes);

    QTest::newRow("chunked") << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                                           "5\r\nhello\r\n0\r\n\r\n")
                             << QByteArray("POST") << QByteArray("/") << v11
                             << QByteArrayList{"Host", "h", "Transfer-Encoding", "chunked"} << QByteArray("hello")
                             << noTrailers << none << int(Chunked | KeepAlive);
    QTest::newRow("chunked with extensions and trailers")
        << QByteArray("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "4;name=value;flag;q=\"a \\\"quoted\\\" ;=\\\\\"\r\nWiki\r\n"
                      "5 ; x = y\t;\tz\r\npedia\r\n"
                      "E\r\n in\r\n\r\nchunks.\r\n"
                      "0;last\r\nX-Trailer: t1\r\nx-trailer:  t2 \r\nChecksum: \xe9\r\n\r\n")
        << QByteArray("POST") << QByteArray("/c") << v11 << QByteArrayList{"Host", "h", "Transfer-Encoding", "chunked"}
        << QByteArray("Wikipedia in\r\n\r\nchunks.")
        << QByteArrayList{"X-Trailer", "t1", "x-trailer", "t2", "Checksum", "\xe9"} << none << int(Chunked | KeepAlive);
    QTest::newRow("chunk sizes in upper case hex with leading zeros")
        << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "000A\r\n0123456789\r\n1b\r\nabcdefghijklmnopqrstuvwxyz!\r\n000\r\n\r\n")
        << QByteArray("POST") << QByteArray("/") << v11 << QByteArrayList{"Host", "h", "Transfer-Encoding", "chunked"}
        << QByteArray("0123456789abcdefghijklmnopqrstuvwxyz!") << noTrailers << none << int(Chunked | KeepAlive);
    QTest::newRow("chunked empty body") << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                      "0\r\n\r\n")
                                        << QByteArray("POST") << QByteArray("/") << v11
                                        << QByteArrayList{"Host", "h", "Transfer-Encoding", "chunked"} << QByteArray()
                                        << noTrailers << none << int(Chunked | KeepAlive);
    QTest::newRow("chunked, coding name in any case with OWS")
        << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:  CHunKed \t\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
        << QByteArray("POST") << QByteArray("/") << v11 << QByteArrayList{"Host", "h", "Transfer-Encoding", "CHunKed"}
        << QByteArray("abc") << noTrailers << none << int(Chunked | KeepAlive);
    QTest::newRow("chunk data holding CRLF, NUL and chunk-like bytes")
        << QByteArrayLiteral("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "9\r\n\r\n0\r\n\r\n\0\xff\r\n0\r\n\r\n")
        << QByteArray("POST") << QByteArray("/") << v11 << QByteArrayList{"Host", "h", "Transfer-Encoding", "chunked"}
        << QByteArrayLiteral("\r\n0\r\n\r\n\0\xff") << noTrailers << none << int(Chunked | KeepAlive);

    // RFC 9110 §10.1.1
    QTest::newRow("Expect: 100-continue with a body")
        << QByteArray("PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 4\r\n\r\nbody")
        << QByteArray("PUT") << QByteArray("/") << v11
        << QByteArrayList{"Host", "h", "Expect", "100-Continue", "Content-Length", "4"} << QByteArray("body")
        << noTrailers << none << int(KeepAlive | ExpectsContinue);
    QTest::newRow("Expect: 100-continue, chunked")
        << QByteArray("PUT / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n"
                      "2\r\nok\r\n0\r\n\r\n")
        << QByteArray("PUT") << QByteArray("/") << v11
        << QByteArrayList{"Host", "h", "Transfer-Encoding", "chunked", "Expect", "100-continue"} << QByteArray("ok")
        << noTrailers << none << int(Chunked | KeepAlive | ExpectsContinue);
    QTest::newRow("Expect: 100-continue without a body: nothing to wait for")
        << QByteArray("PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n")
        << QByteArray("PUT") << QByteArray("/") << v11
        << QByteArrayList{"Host", "h", "Expect", "100-continue", "Content-Length", "0"} << QByteArray() << noTrailers
        << none << int(KeepAlive);
    QTest::newRow("Expect: 100-continue ignored in HTTP/1.0")
        << QByteArray("PUT / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok") << QByteArray("PUT")
        << QByteArray("/") << v10 << QByteArrayList{"Expect", "100-continue", "Content-Length", "2"} << QByteArray("ok")
        << noTrailers << none << int(Closes);

    QTest::newRow("CONNECT ends at the head")
        << QByteArray("CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n\r\n") << QByteArray("CONNECT")
        << QByteArray("example.test:443") << v11 << QByteArrayList{"Host", "example.test:443"} << QByteArray()
        << noTrailers << QStringList{QStringLiteral("connect-not-tunneled")} << int(KeepAlive | Closes);
    QTest::newRow("HTTP/2 preface ends at the head")
        << QByteArray("PRI * HTTP/2.0\r\n\r\n") << QByteArray("PRI") << QByteArray("*") << QByteArray("HTTP/2.0")
        << QByteArrayList{} << QByteArray() << noTrailers << QStringList{QStringLiteral("http2-preface")}
        << int(Closes);
    QTest::newRow("Upgrade: body read, then close")
        << QByteArray("POST /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      "Content-Length: 3\r\n\r\nabc")
        << QByteArray("POST") << QByteArray("/chat") << v11
        << QByteArrayList{"Host", "h", "Upgrade", "websocket", "Connection", "Upgrade", "Content-Length", "3"}
        << QByteArray("abc") << noTrailers << QStringList{QStringLiteral("upgrade-ignored")} << int(KeepAlive | Closes);
    QTest::newRow("Upgrade, chunked body")
        << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nUpgrade: h2c\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "1\r\nx\r\n0\r\n\r\n")
        << QByteArray("POST") << QByteArray("/") << v11
        << QByteArrayList{"Host", "h", "Upgrade", "h2c", "Transfer-Encoding", "chunked"} << QByteArray("x")
        << noTrailers << QStringList{QStringLiteral("upgrade-ignored")} << int(Chunked | KeepAlive | Closes);

    // RFC 9112 §2.2
    QTest::newRow("empty lines before the request line skipped")
        << QByteArray("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n") << QByteArray("GET") << QByteArray("/") << v11
        << QByteArrayList{"Host", "h"} << QByteArray() << noTrailers << none << int(KeepAlive);
}

void TstRequestReader::accepted()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, version);
    QFETCH(QByteArrayList, headers);
    QFETCH(QByteArray, body);
    QFETCH(QByteArrayList, trailers);
    QFETCH(QStringList, warnings);
    QFETCH(int, flags);

    Outcome o;
    readAllWays(input, o);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(!o.failed, qPrintable(describe(o)));
    QCOMPARE(o.messages.size(), 1);
    QCOMPARE(o.consumed, input.size());
    QVERIFY(!o.inMessage);
    const Message &m = o.messages.first();
    QCOMPARE(m.endOffset, input.size());
    QVERIFY(m.hasRequestLine);
    QCOMPARE(m.method, method);
    QCOMPARE(m.target, target);
    QCOMPARE(m.version, version);
    QCOMPARE(m.headers, headers);
    QCOMPARE(m.body, body);
    QCOMPARE(m.trailers, trailers);
    QCOMPARE(m.warnings, warnings);
    QCOMPARE(m.chunked, bool(flags & Chunked));
    QCOMPARE(m.keepAlive, bool(flags & KeepAlive));
    QCOMPARE(m.expectsContinue, bool(flags & ExpectsContinue));
    QCOMPARE(m.closesAfterAnswer, bool(flags & Closes));
    QCOMPARE(m.isHead, method == "HEAD");

    const QByteArray message = messageBytes(input, 0, input.size()).toByteArray();
    const qsizetype headEnd = message.indexOf("\r\n\r\n") + 4;
    QCOMPARE(m.rawHead, message.left(headEnd));
    QCOMPARE(m.wire, message);
    // The client waits for 100 Continue right after the head; say so exactly there.
    const qsizetype skipped = input.size() - message.size();
    QCOMPARE(m.headCompleteAt, (flags & ExpectsContinue) ? skipped + headEnd : -1);
}

void TstRequestReader::addRejected(const char *name, const QByteArray &before, const QByteArray &after, int status,
                                   Stop stop, const char *reason)
{
    // `before` ends right before the byte the error offset must point at.
    const QByteArray input = before + after;
    const qsizetype bad = before.size();
    qsizetype consumed = bad;
    switch (stop) {
    case Stop::BeforeBadByte:
        break;
    case Stop::AfterBadByte:
        consumed = bad + 1;
        break;
    case Stop::EndOfLine:
        consumed = input.indexOf('\n', bad) + 1;
        break;
    case Stop::EndOfHead:
        consumed = input.indexOf("\r\n\r\n") + 4;
        break;
    }
    const qsizetype skipped = input.size() - messageBytes(input, 0, input.size()).size();
    QTest::newRow(name) << input << status << qint64(bad - skipped) << consumed << QString::fromUtf8(reason);
}

void TstRequestReader::checkRejected(const Limits &limits)
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    QFETCH(qint64, offset);
    QFETCH(qsizetype, consumed);
    QFETCH(QString, reason);

    Outcome o;
    readAllWays(input, o, limits);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(o.failed, qPrintable(describe(o)));
    QVERIFY2(o.messages.isEmpty(), qPrintable(describe(o)));
    QCOMPARE(o.status, status);
    QCOMPARE(o.offset, offset);
    QVERIFY2(o.reason.contains(reason), qPrintable(o.reason));
    QCOMPARE(o.consumed, consumed);
    // What the user sees as the rejected request's bytes: exactly what was consumed.
    QCOMPARE(o.partial.wire, messageBytes(input, 0, consumed).toByteArray());
}

void TstRequestReader::rejected_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qsizetype>("consumed");
    QTest::addColumn<QString>("reason");

    const QByteArray get = "GET / HTTP/1.1\r\n";
    const QByteArray host = "Host: h\r\n";
    const QByteArray chunkedHead = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
    const char *bareLf = "bare LF";
    const char *bareCr = "bare CR";

    // RFC 9112 §2.2: CRLF only.
    addRejected("bare LF ends the request line", "GET / HTTP/1.1", "\nHost: h\r\n\r\n", 400, Stop::BeforeBadByte,
                bareLf);
    addRejected("bare LF ends a header line", get + "Host: h", "\n\r\n", 400, Stop::BeforeBadByte, bareLf);
    addRejected("bare LF ends the head", get + host, "\n", 400, Stop::BeforeBadByte, bareLf);
    addRejected("bare LF as the only byte", "", "\nGET / HTTP/1.1\r\n\r\n", 400, Stop::BeforeBadByte, bareLf);
    addRejected("bare CR in the request line", "GET /", "\r HTTP/1.1\r\n\r\n", 400, Stop::AfterBadByte, bareCr);
    addRejected("bare CR in a header value", get + "X: a", "\rb\r\n\r\n", 400, Stop::AfterBadByte, bareCr);
    addRejected("CR CR LF", get + host, "\r\r\n", 400, Stop::AfterBadByte, bareCr);
    addRejected("bare CR before the request line", "\r\n", "\rGET / HTTP/1.1\r\n\r\n", 400, Stop::AfterBadByte, bareCr);
    addRejected("bare LF in a chunk-size line", chunkedHead + "5", "\nhello\r\n0\r\n\r\n", 400, Stop::BeforeBadByte,
                bareLf);
    addRejected("bare CR in a chunk-size line", chunkedHead + "5;a", "\rb\r\nhello\r\n0\r\n\r\n", 400,
                Stop::AfterBadByte, bareCr);
    addRejected("bare LF after the last chunk", chunkedHead + "0\r\n", "\n", 400, Stop::BeforeBadByte, bareLf);
    addRejected("bare LF in a trailer", chunkedHead + "0\r\nX-T: v", "\n\r\n", 400, Stop::BeforeBadByte, bareLf);
    addRejected("bare CR in a trailer", chunkedHead + "0\r\nX-T: v", "\rw\r\n\r\n", 400, Stop::AfterBadByte, bareCr);
    addRejected("NUL in the target", "GET /a", QByteArrayLiteral("\0b HTTP/1.1\r\n\r\n"), 400, Stop::BeforeBadByte,
                "NUL");
    addRejected("NUL in a header value", get + "X: a", QByteArrayLiteral("\0\r\n\r\n"), 400, Stop::BeforeBadByte,
                "NUL");
    addRejected("NUL in a chunk extension", chunkedHead + "1;a=", QByteArrayLiteral("\0\r\nx\r\n0\r\n\r\n"), 400,
                Stop::BeforeBadByte, "NUL");

    // RFC 9112 §5.2, §2.2
    addRejected("obs-fold", get + host + "X: a\r\n", " folded\r\n\r\n", 400, Stop::EndOfLine, "obsolete line folding");
    addRejected("obs-fold with HTAB", get + host + "X: a\r\n", "\tfolded\r\n\r\n", 400, Stop::EndOfLine,
                "obsolete line folding");
    addRejected("whitespace line after the request line", get, " \r\nHost: h\r\n\r\n", 400, Stop::EndOfLine,
                "whitespace between the request line and the first header");
    addRejected("indented first header", get, "\tHost: h\r\n\r\n", 400, Stop::EndOfLine,
                "whitespace between the request line and the first header");
    addRejected("obs-fold in the trailer section", chunkedHead + "0\r\nX-T: a\r\n", " b\r\n\r\n", 400, Stop::EndOfLine,
                "obsolete line folding");

    // RFC 9112 §3, §2.3
    addRejected("no HTTP version", "GET /", "\r\n\r\n", 400, Stop::EndOfLine, "no HTTP version");
    addRejected("HTTP/0.9 request", "GET /index.html", "\r\n", 400, Stop::EndOfLine, "no HTTP version");
    addRejected("HTTP/2.0 without the preface", "GET / ", "HTTP/2.0\r\nHost: h\r\n\r\n", 505, Stop::EndOfLine,
                "not supported");
    addRejected("HTTP/3.0", "GET / ", "HTTP/3.0\r\nHost: h\r\n\r\n", 505, Stop::EndOfLine, "not supported");
    addRejected("HTTP/0.9 as a version", "GET / ", "HTTP/0.9\r\n\r\n", 505, Stop::EndOfLine, "not supported");
    addRejected("PRI with a target other than *", "PRI / ", "HTTP/2.0\r\n\r\n", 505, Stop::EndOfLine, "not supported");
    addRejected("RTSP", "DESCRIBE rtsp://h/s ", "RTSP/1.0\r\nCSeq: 1\r\n\r\n", 400, Stop::EndOfLine,
                "not an HTTP request");
    addRejected("lower-case protocol name", "GET / ", "http/1.1\r\n\r\n", 400, Stop::EndOfLine, "not an HTTP request");
    addRejected("two-digit minor version", "GET / ", "HTTP/1.10\r\n\r\n", 400, Stop::EndOfLine, "malformed");
    addRejected("version without a minor", "GET / ", "HTTP/1\r\n\r\n", 400, Stop::EndOfLine, "malformed");
    addRejected("space inside the target", "GET /a", " b HTTP/1.1\r\n\r\n", 400, Stop::EndOfLine, "space inside");
    addRejected("space after the version", "GET /", " HTTP/1.1 \r\n\r\n", 400, Stop::EndOfLine, "space inside");
    addRejected("control character in the target", "GET /a", "\x01z HTTP/1.1\r\n\r\n", 400, Stop::EndOfLine,
                "control character 0x01");
    addRejected("DEL in the target", "GET /a", "\x7fz HTTP/1.1\r\n\r\n", 400, Stop::EndOfLine,
                "control character 0x7F");
    addRejected("empty target", "GET ", " HTTP/1.1\r\n\r\n", 400, Stop::EndOfLine, "empty request-target");
    addRejected("invalid method character", "G", "@T / HTTP/1.1\r\n\r\n", 400, Stop::EndOfLine,
                "invalid character 0x40 in the method");
    addRejected("HTAB after the method", "GET", "\t/ HTTP/1.1\r\n\r\n", 400, Stop::EndOfLine,
                "invalid character 0x09 in the method");
    addRejected("request line starts with a space", "", " GET / HTTP/1.1\r\n\r\n", 400, Stop::EndOfLine,
                "starts with whitespace");
    addRejected("method only", "GET", "\r\n\r\n", 400, Stop::EndOfLine, "only a method");

    // RFC 9110 §5.1, §5.5; RFC 9112 §5.1
    addRejected("invalid character in a header name", get + "Ho", "(st: h\r\n\r\n", 400, Stop::EndOfLine,
                "invalid character 0x28 in a header name");
    addRejected("non-ASCII header name", get + host + "X-", "\xe9: a\r\n\r\n", 400, Stop::EndOfLine,
                "invalid character 0xE9 in a header name");
    addRejected("whitespace before the colon", get + "Host", " : h\r\n\r\n", 400, Stop::EndOfLine,
                "whitespace between a header name and its colon");
    addRejected("HTAB before the colon", get + host + "Content-Length", "\t: 0\r\n\r\n", 400, Stop::EndOfLine,
                "whitespace between a header name and its colon");
    addRejected("empty header name", get + host, ": v\r\n\r\n", 400, Stop::EndOfLine, "empty header name");
    addRejected("header line without a colon", get + host + "NoColon", "\r\n\r\n", 400, Stop::EndOfLine,
                "without a colon");
    addRejected("control character in a value", get + host + "X: a", "\x01z\r\n\r\n", 400, Stop::EndOfLine,
                "control character 0x01 in the value of 'X'");
    addRejected("ESC in a value", get + host + "X-Color: ", "\x1b[31m\r\n\r\n", 400, Stop::EndOfLine,
                "control character 0x1B");
    addRejected("DEL at the end of a value", get + host + "X: a", "\x7f\r\n\r\n", 400, Stop::EndOfLine,
                "control character 0x7F");
    addRejected("invalid trailer name", chunkedHead + "0\r\nX", "{: v\r\n\r\n", 400, Stop::EndOfLine,
                "invalid character 0x7B in a header name");
    addRejected("control character in a trailer value", chunkedHead + "0\r\nX: ", "\x02\r\n\r\n", 400, Stop::EndOfLine,
                "control character 0x02");

    // RFC 9110 §8.6, RFC 9112 §6.3
    const QByteArray post = "POST / HTTP/1.1\r\nHost: h\r\n";
    addRejected("Content-Length not a number", post + "Content-Length: ", "abc\r\n\r\n", 400, Stop::EndOfLine,
                "invalid Content-Length");
    addRejected("negative Content-Length", post + "Content-Length: ", "-1\r\n\r\n", 400, Stop::EndOfLine,
                "invalid Content-Length");
    addRejected("Content-Length with a sign", post + "Content-Length: ", "+5\r\n\r\nhello", 400, Stop::EndOfLine,
                "invalid Content-Length");
    addRejected("Content-Length in hex", post + "Content-Length: ", "0x5\r\n\r\nhello", 400, Stop::EndOfLine,
                "invalid Content-Length");
    addRejected("Content-Length with inner space", post + "Content-Length: ", "1 2\r\n\r\n", 400, Stop::EndOfLine,
                "invalid Content-Length");
    addRejected("empty Content-Length", post + "Content-Length:", "\r\n\r\n", 400, Stop::EndOfLine,
                "invalid Content-Length");
    addRejected("Content-Length of commas only", post + "Content-Length: ", ", ,\r\n\r\n", 400, Stop::EndOfLine,
                "invalid Content-Length");
    addRejected("differing Content-Length list", post + "Content-Length: ", "5, 6\r\n\r\nhello", 400, Stop::EndOfLine,
                "conflicting Content-Length");
    addRejected("differing Content-Length lines", post + "Content-Length: 5\r\nContent-Length: ", "6\r\n\r\nhello", 400,
                Stop::EndOfLine, "conflicting Content-Length");
    addRejected("invalid second Content-Length line", post + "Content-Length: 5\r\nContent-Length: ", "5x\r\n\r\nhello",
                400, Stop::EndOfLine, "invalid Content-Length");
    addRejected("second Content-Length line without a value",
                post + "Content-Length: 5\r\nContent-Length: ", ",\r\n\r\nhello", 400, Stop::EndOfLine,
                "invalid Content-Length");
    addRejected("Content-Length over the body limit", post + "Content-Length: ", "104857601\r\n\r\n", 413,
                Stop::EndOfLine, "exceeds the 104857600-byte body limit");
    addRejected("Content-Length past 64 bits", post + "Content-Length: ", "99999999999999999999999999\r\n\r\n", 413,
                Stop::EndOfLine, "body limit");

    // Found at the line, so a sender that stops mid-head still hears why.
    addRejected("bad Content-Length before the head ends", post + "Content-Length: ", "x\r\nX-More: ", 400,
                Stop::EndOfLine, "invalid Content-Length");

    // RFC 9112 §6.1, §6.3, §7
    addRejected("Transfer-Encoding and Content-Length",
                post + "Content-Length: 5\r\nTransfer-Encoding: ", "chunked\r\n\r\n0\r\n\r\n", 400, Stop::EndOfLine,
                "both Content-Length and Transfer-Encoding");
    addRejected("Content-Length after Transfer-Encoding",
                post + "Transfer-Encoding: chunked\r\nContent-Length: ", "5\r\n\r\n0\r\n\r\n", 400, Stop::EndOfLine,
                "both Content-Length and Transfer-Encoding");
    addRejected("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: ", "chunked\r\n\r\n0\r\n\r\n",
                400, Stop::EndOfHead, "HTTP/1.0");
    addRejected("last coding not chunked", post + "Transfer-Encoding: ", "gzip\r\n\r\n", 400, Stop::EndOfHead,
                "last transfer coding is not chunked");
    addRejected("chunked, then gzip", post + "Transfer-Encoding: ", "chunked, gzip\r\n\r\n", 400, Stop::EndOfHead,
                "last transfer coding is not chunked");
    addRejected("chunked, then gzip in a second line",
                post + "Transfer-Encoding: ", "chunked\r\nTransfer-Encoding: gzip\r\n\r\n", 400, Stop::EndOfHead,
                "last transfer coding is not chunked");
    addRejected("chunked twice", post + "Transfer-Encoding: ", "chunked, chunked\r\n\r\n0\r\n\r\n", 400,
                Stop::EndOfHead, "more than once");
    addRejected("chunked twice in two lines",
                post + "Transfer-Encoding: ", "chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400,
                Stop::EndOfHead, "more than once");
    addRejected("empty Transfer-Encoding", post + "Transfer-Encoding: ", "\r\n\r\n", 400, Stop::EndOfHead,
                "empty Transfer-Encoding");
    addRejected("chunked with a parameter", post + "Transfer-Encoding: ", "chunked;q=1\r\n\r\n0\r\n\r\n", 400,
                Stop::EndOfHead, "last transfer coding is not chunked");
    addRejected("gzip before chunked", post + "Transfer-Encoding: ", "gzip, chunked\r\n\r\n0\r\n\r\n", 501,
                Stop::EndOfHead, "'gzip' is not supported");
    addRejected("gzip line before a chunked line",
                post + "Transfer-Encoding: ", "gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 501,
                Stop::EndOfHead, "'gzip' is not supported");

    // RFC 9112 §7.1
    addRejected("chunk size not hex", chunkedHead, "zz\r\n\r\n", 400, Stop::EndOfLine, "not a hexadecimal");
    addRejected("empty chunk-size line", chunkedHead, "\r\n\r\n", 400, Stop::EndOfLine, "not a hexadecimal");
    addRejected("chunk size with a sign", chunkedHead, "+5\r\nhello\r\n0\r\n\r\n", 400, Stop::EndOfLine,
                "not a hexadecimal");
    addRejected("chunk size 0x-prefixed", chunkedHead + "0", "x5\r\nhello\r\n0\r\n\r\n", 400, Stop::EndOfLine,
                "invalid character 0x78 after the chunk size");
    addRejected("space after the chunk size", chunkedHead + "5", " \r\nhello\r\n0\r\n\r\n", 400, Stop::EndOfLine,
                "whitespace after the chunk size");
    addRejected("chunk extension without a name", chunkedHead + "5;", "\r\nhello\r\n0\r\n\r\n", 400, Stop::EndOfLine,
                "without a name");
    addRejected("chunk extension '=' without a value", chunkedHead + "5;a=", "\r\nhello\r\n0\r\n\r\n", 400,
                Stop::EndOfLine, "without a value");
    addRejected("unterminated quoted chunk extension", chunkedHead + "5;a=\"x y", "\r\nhello\r\n0\r\n\r\n", 400,
                Stop::EndOfLine, "unterminated");
    addRejected("control character in a quoted chunk extension", chunkedHead + "5;a=\"x",
                "\x01\"\r\nhello\r\n0\r\n\r\n", 400, Stop::EndOfLine, "invalid byte in a quoted chunk extension");
    addRejected("escaped control character in a chunk extension", chunkedHead + "5;a=\"x",
                "\\\x01\"\r\nhello\r\n0\r\n\r\n", 400, Stop::EndOfLine, "invalid byte in a quoted chunk extension");
    addRejected("backslash ending a chunk extension", chunkedHead + "5;a=\"x", "\\\r\nhello\r\n0\r\n\r\n", 400,
                Stop::EndOfLine, "invalid byte in a quoted chunk extension");
    addRejected("chunk extension value with a space", chunkedHead + "5;a=b ", "c\r\nhello\r\n0\r\n\r\n", 400,
                Stop::EndOfLine, "invalid character 0x63 after the chunk size");
    addRejected("chunk size past 64 bits", chunkedHead + "fffffffffffffff", "ff\r\nx\r\n", 413, Stop::EndOfLine,
                "chunk size too large");
    addRejected("chunk over the body limit", chunkedHead, "6400001\r\nx\r\n", 413, Stop::EndOfLine, "body limit");
    addRejected("chunk data longer than its size", chunkedHead + "5\r\nhello", "!\r\n0\r\n\r\n", 400,
                Stop::BeforeBadByte, "chunk data not followed by CRLF");
    addRejected("chunk data followed by CR only", chunkedHead + "5\r\nhello\r", "0\r\n\r\n", 400, Stop::BeforeBadByte,
                "chunk data not followed by CRLF");
    addRejected("chunk data followed by LF only", chunkedHead + "5\r\nhello", "\n0\r\n\r\n", 400, Stop::BeforeBadByte,
                "chunk data not followed by CRLF");
    addRejected("chunk-size line too long", chunkedHead + "1;a=" + QByteArray(4092, 'b'), "bbbb\r\nx\r\n0\r\n\r\n", 400,
                Stop::BeforeBadByte, "chunk-size line longer than 4096 bytes");

    // RFC 9112 §2.2 again: offsets count from the request line, not from skipped empty lines.
    addRejected("empty lines, then a bare LF", "\r\n\r\nGET /", "\n", 400, Stop::BeforeBadByte, bareLf);
    addRejected("empty lines, then a header error", "\r\n\r\n" + get + "Bad", " : x\r\n\r\n", 400, Stop::EndOfLine,
                "whitespace between a header name and its colon");
}

void TstRequestReader::rejected()
{
    checkRejected(Limits());
}

void TstRequestReader::limits_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qsizetype>("consumed");
    QTest::addColumn<QString>("reason");

    // smallLimits(): head 64 bytes, 3 header fields, body 10 bytes.
    const QByteArray get = "GET / HTTP/1.1\r\n";                                // 16 bytes
    const QByteArray almostFull = get + "Host: h\r\nX: " + QByteArray(33, 'p'); // 61 bytes; + CRLF CRLF = 65

    addRejected("head one byte over the limit", almostFull + "\r\n\r", "\n", 431, Stop::BeforeBadByte,
                "request head larger than the 64-byte limit");
    addRejected("request line over the limit", "GET /" + QByteArray(59, 'a'), "a HTTP/1.1\r\n\r\n", 414,
                Stop::BeforeBadByte, "request line longer than the 64-byte head limit");
    addRejected("request line fills the limit, then a header", "GET /" + QByteArray(48, 'a') + " HTTP/1.1\r\n", "\r\n",
                431, Stop::BeforeBadByte, "request head larger");
    addRejected("fourth header field", get + "Host: h\r\nA: 1\r\nB: 2\r\n", "C: 3\r\n\r\n", 431, Stop::EndOfLine,
                "more than 3 header fields");
    addRejected("Content-Length over the body limit", "POST / HTTP/1.1\r\nContent-Length: ", "11\r\n\r\n", 413,
                Stop::EndOfLine, "Content-Length 11 exceeds the 10-byte body limit");
    addRejected("chunked body over the limit", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n",
                "6\r\nworld!\r\n0\r\n\r\n", 413, Stop::EndOfLine, "chunked body larger than the 10-byte body limit");
    // Chunk-size lines are kept; together they may not outgrow the body limit either.
    addRejected("chunk framing over the body limit",
                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n1\r\nb\r\n1\r\nc\r\n1", "\r\nd\r\n",
                413, Stop::BeforeBadByte, "chunk framing larger than the 10-byte body limit");
    addRejected("trailer section over the limit",
                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\nX-T: " + QByteArray(59, 't'),
                "t\r\n\r\n", 431, Stop::BeforeBadByte, "trailer section larger than the 64-byte head limit");
    addRejected("fourth trailer field",
                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nA: 1\r\nB: 2\r\nC: 3\r\n", "D: 4\r\n\r\n",
                431, Stop::EndOfLine, "more than 3 trailer fields");

    QByteArray emptyLines;
    for (int i = 0; i < 33; ++i)
        emptyLines += "\r\n";
    QTest::newRow("too many empty lines before the request line")
        << emptyLines + "GET / HTTP/1.1\r\n\r\n"
        << 400 << qint64(0) << emptyLines.size() << QStringLiteral("too many empty lines");
}

void TstRequestReader::limits()
{
    checkRejected(smallLimits());
}

void TstRequestReader::higherMinorVersionIsHttp11()
{
    // RFC 9110 §2.5: a higher minor version is handled as the highest 1.x we implement.
    Outcome o;
    readAllWays("GET / HTTP/1.7\r\n\r\n", o);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(o.messages.size(), 1);
    const Message &m = o.messages.first();
    QCOMPARE(m.version, QByteArray("HTTP/1.7"));
    QCOMPARE(m.versionMajor, 1);
    QCOMPARE(m.versionMinor, 7);
    QVERIFY(m.keepAlive);                                              // HTTP/1.1 persistence
    QCOMPARE(m.warnings, QStringList{QStringLiteral("missing-host")}); // HTTP/1.1 Host rule
}

void TstRequestReader::headCompleteOnlyForExpectContinue()
{
    const QByteArray head = "PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n";
    RequestReader reader;
    // The body is already there: HeadComplete still stops right after the head.
    RequestReader::Step step = reader.feed(QByteArray(head + "hello"));
    QCOMPARE(step.event, Event::HeadComplete);
    QCOMPARE(step.consumed, head.size());
    QVERIFY(reader.inBody());
    step = reader.feed("hel");
    QCOMPARE(step.event, Event::NeedMore);
    QCOMPARE(step.consumed, 3);
    step = reader.feed("lo");
    QCOMPARE(step.event, Event::MessageComplete);
    QCOMPARE(step.consumed, 2);
    QCOMPARE(reader.takeRequest().body(), QByteArray("hello"));

    // Without Expect, the same feed reads straight through to the end of the message.
    step = reader.feed("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello");
    QCOMPARE(step.event, Event::MessageComplete);
    QCOMPARE(step.consumed, 51);
}

void TstRequestReader::connectAndPrefaceStopAtEndOfHead_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<QString>("warning");

    QTest::newRow("CONNECT, tunnel bytes after the head")
        << QByteArray("CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n\r\n")
        << QByteArrayLiteral("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03") << QStringLiteral("connect-not-tunneled");
    // RFC 9110 §9.3.6: a CONNECT request's content has no defined meaning; it is never read.
    QTest::newRow("CONNECT with Content-Length")
        << QByteArray("CONNECT h:1 HTTP/1.1\r\nHost: h:1\r\nContent-Length: 5\r\n\r\n") << QByteArray("hello")
        << QStringLiteral("connect-not-tunneled");
    QTest::newRow("CONNECT with Transfer-Encoding")
        << QByteArray("CONNECT h:1 HTTP/1.1\r\nHost: h:1\r\nTransfer-Encoding: chunked\r\n\r\n")
        << QByteArray("5\r\nhello\r\n0\r\n\r\n") << QStringLiteral("connect-not-tunneled");
    // RFC 9113 §3.4: the client connection preface.
    QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\n")
                                    << QByteArrayLiteral("SM\r\n\r\n\x00\x00\x12\x04\x00\x00\x00\x00\x00")
                                    << QStringLiteral("http2-preface");
}

void TstRequestReader::connectAndPrefaceStopAtEndOfHead()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, after);
    QFETCH(QString, warning);

    const QByteArray input = head + after;
    Outcome o;
    readAllWays(input, o, Limits(), 1); // the connection reads nothing after a request that closes it
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(o.messages.size(), 1);
    const Message &m = o.messages.first();
    QCOMPARE(o.consumed, head.size());
    QCOMPARE(m.endOffset, head.size());
    QCOMPARE(m.wire, head);
    QCOMPARE(m.body, QByteArray());
    QVERIFY(m.closesAfterAnswer);
    QVERIFY(!m.expectsContinue);
    QCOMPARE(m.warnings, QStringList{warning});
}

void TstRequestReader::pipelinedRequestsAllRead()
{
    const QList<QByteArray> requests = {
        "POST /one HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nfirst",
        "POST /two HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        "3;x=1\r\nsec\r\n3\r\nond\r\n0\r\nX-T: t\r\n\r\n",
        "GET /three HTTP/1.1\r\nHost: h\r\n\r\n",
        "PUT /four HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\nfour",
        "GET /five HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
    };
    const QList<QByteArray> bodies = {"first", "second", "", "four", ""};
    // An empty line between requests is allowed (RFC 9112 §2.2); a partial sixth request follows.
    const QByteArray separator = "\r\n";
    const QByteArray tail = "GET /six HTTP/1.1\r\nHo";
    QByteArray input;
    QList<qsizetype> ends;
    for (const QByteArray &r : requests) {
        if (ends.size() == 2)
            input += separator;
        input += r;
        ends.append(input.size());
    }
    input += tail;

    Outcome o;
    readAllWays(input, o);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(!o.failed, qPrintable(describe(o)));
    QCOMPARE(o.messages.size(), requests.size());
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const Message &m = o.messages.at(i);
        QCOMPARE(m.endOffset, ends.at(i));
        QCOMPARE(m.wire, requests.at(i));
        QCOMPARE(m.body, bodies.at(i));
    }
    QCOMPARE(o.messages.at(1).trailers, (QByteArrayList{"X-T", "t"}));
    QCOMPARE(o.messages.at(3).headCompleteAt, ends.at(3) - 4);
    // The partial request is held, not dropped and not reported.
    QCOMPARE(o.consumed, input.size());
    QVERIFY(o.inMessage);
}

void TstRequestReader::pipelinedFeedConsumesOneMessage()
{
    const QByteArray first = "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc";
    const QByteArray second = "GET /b HTTP/1.1\r\nHost: h\r\n\r\n";
    const QByteArray all = first + second;
    RequestReader reader;
    RequestReader::Step step = reader.feed(all);
    QCOMPARE(step.event, Event::MessageComplete);
    QCOMPARE(step.consumed, first.size());
    // Until the request is taken, nothing more is consumed.
    step = reader.feed(QByteArrayView(all).sliced(first.size()));
    QCOMPARE(step.event, Event::MessageComplete);
    QCOMPARE(step.consumed, 0);
    QCOMPARE(reader.takeRequest().target().toByteArray(), QByteArray("/a"));
    step = reader.feed(QByteArrayView(all).sliced(first.size()));
    QCOMPARE(step.event, Event::MessageComplete);
    QCOMPARE(step.consumed, second.size());
    QCOMPARE(reader.takeRequest().target().toByteArray(), QByteArray("/b"));
    QVERIFY(!reader.inMessage());
}

void TstRequestReader::pipelinedChunkedUnderBodyLimit()
{
    // Each request is within the 10-byte body limit, whatever else arrived in the same read.
    const QByteArray chunked =
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n";
    const QByteArray plain = "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789";
    const QByteArray input = chunked + plain + chunked;
    Outcome o;
    readAllWays(input, o, smallLimits());
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(!o.failed, qPrintable(describe(o)));
    QCOMPARE(o.messages.size(), 3);
    QCOMPARE(o.messages.at(0).body, QByteArray("helloworld"));
    QCOMPARE(o.messages.at(1).body, QByteArray("0123456789"));
    QCOMPARE(o.messages.at(2).body, QByteArray("helloworld"));
    QCOMPARE(o.messages.at(2).endOffset, input.size());
}

void TstRequestReader::errorAfterPipelinedRequests()
{
    const QByteArray good = "GET /ok HTTP/1.1\r\nHost: h\r\n\r\n";
    const QByteArray bad = "GET /bad HTTP/1.1\r\nHost: h\r\nX: a\nY: b\r\n\r\n";
    const QByteArray input = good + good + bad;
    Outcome o;
    readAllWays(input, o);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(o.messages.size(), 2);
    QCOMPARE(o.messages.at(1).endOffset, 2 * good.size());
    QVERIFY(o.failed);
    QCOMPARE(o.status, 400);
    const qsizetype badLf = bad.indexOf('\n', bad.indexOf("X: a"));
    QCOMPARE(o.offset, badLf); // within the failing message
    QCOMPARE(o.consumed, 2 * good.size() + badLf);
    QCOMPARE(o.partial.wire, bad.left(badLf));
    QCOMPARE(o.partial.target, QByteArray("/bad"));
    QCOMPARE(o.partial.headers, (QByteArrayList{"Host", "h"}));
}

void TstRequestReader::partialOfFailedChunkedRequest()
{
    // What was read before a framing error stays visible: head, chunks so far, and their framing.
    const QByteArray input = "POST /p HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "3;ext=\"v\"\r\nabc\r\n4\r\ndefgX";
    Outcome o;
    readAllWays(input, o);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(o.failed);
    QCOMPARE(o.status, 400);
    QCOMPARE(o.offset, input.size() - 1);
    QCOMPARE(o.consumed, input.size() - 1);
    QCOMPARE(o.partial.method, QByteArray("POST"));
    QCOMPARE(o.partial.target, QByteArray("/p"));
    QCOMPARE(o.partial.headers, (QByteArrayList{"Host", "h", "Transfer-Encoding", "chunked"}));
    QCOMPARE(o.partial.body, QByteArray("abcdefg"));
    QVERIFY(o.partial.chunked);
    QCOMPARE(o.partial.wire, input.chopped(1));
}

void TstRequestReader::emptyLinesBeforeRequestLine()
{
    const QByteArray request = "GET / HTTP/1.1\r\nHost: h\r\n\r\n";
    RequestReader reader;
    RequestReader::Step step = reader.feed("\r\n\r\n");
    QCOMPARE(step.event, Event::NeedMore);
    QCOMPARE(step.consumed, 4);
    QVERIFY(!reader.inMessage());
    QCOMPARE(reader.messageBytes(), 0);
    step = reader.feed(QByteArray("\r\n" + request));
    QCOMPARE(step.event, Event::MessageComplete);
    QCOMPARE(step.consumed, 2 + request.size());
    const Http::Request r = reader.takeRequest();
    QCOMPARE(r.rawHead(), request);
    QCOMPARE(r.wireBytes(), request);
}

void TstRequestReader::inMessage()
{
    RequestReader reader;
    QVERIFY(!reader.inMessage());
    QCOMPARE(reader.feed("\r").consumed, 1);
    QVERIFY(!reader.inMessage()); // may still be an empty line
    QCOMPARE(reader.feed("\n").consumed, 1);
    QVERIFY(!reader.inMessage());
    QCOMPARE(reader.feed("G").consumed, 1);
    QVERIFY(reader.inMessage());
    QVERIFY(reader.inHead());
    QCOMPARE(reader.feed("ET / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n").event, Event::NeedMore);
    QVERIFY(reader.inMessage());
    QVERIFY(!reader.inHead());
    QVERIFY(reader.inBody());
    QCOMPARE(reader.feed("ok").event, Event::MessageComplete);
    QVERIFY(!reader.inBody());
    reader.takeRequest();
    QVERIFY(!reader.inMessage());
    QCOMPARE(reader.messageBytes(), 0);
}

void TstRequestReader::resetDropsPartialMessage()
{
    RequestReader reader;
    QCOMPARE(reader.feed("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 9\r\n\r\nhal").event, Event::NeedMore);
    reader.reset();
    QVERIFY(!reader.inMessage());
    const RequestReader::Step step = reader.feed("GET /next HTTP/1.1\r\nHost: h\r\n\r\n");
    QCOMPARE(step.event, Event::MessageComplete);
    const Http::Request r = reader.takeRequest();
    QCOMPARE(r.target().toByteArray(), QByteArray("/next"));
    QCOMPARE(r.body(), QByteArray());
}

QTEST_GUILESS_MAIN(TstRequestReader)
#include "tst_requestreader.moc"
