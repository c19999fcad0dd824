#include "http/requestreader.h"
#include "session/ndjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using Session::CapturedRequest;

namespace {

// A request exactly as the listener would hand it over: read from bytes by a RequestReader.
Http::Request readRequest(const QByteArray &bytes)
{
    Http::RequestReader reader;
    const Http::RequestReader::Step step = reader.feed(bytes);
    if (step.event != Http::RequestReader::Event::MessageComplete || step.consumed != bytes.size())
        qFatal("test request did not read as one complete message: %s", bytes.toPercentEncoding().constData());
    return reader.takeRequest();
}

CapturedRequest captured(const QByteArray &bytes)
{
    CapturedRequest c;
    c.id = 42;
    c.receivedAtMs = 1700000000123; // 2023-11-14T22:13:20.123Z
    c.remoteAddress = QHostAddress(QStringLiteral("127.0.0.1"));
    c.remotePort = 53422;
    c.localPort = 8080;
    c.request = readRequest(bytes);
    c.responseStatus = 200;
    return c;
}

// Parses one NDJSON line, checking it is exactly one line of one JSON object.
QJsonObject parseLine(const QByteArray &line)
{
    if (!line.endsWith('\n') || line.count('\n') != 1) {
        qWarning("not one line: %s", line.constData());
        return {};
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        qWarning("not a JSON object (%s): %s", qPrintable(error.errorString()), line.constData());
        return {};
    }
    return doc.object();
}

QJsonArray pair(const QString &name, const QString &value)
{
    return QJsonArray{name, value};
}

} // namespace

class TstNdjson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptedRequest();
    void headersInOrderWithDuplicates();
    void chunkedWithTrailers();
    void binaryBodyRoundTrip();
    void nonUtf8BytesMapToLatin1_data();
    void nonUtf8BytesMapToLatin1();
    void controlCharactersEscaped();
    void receivedAt_data();
    void receivedAt();
    void remote_data();
    void remote();
    void warnings();
    void noResponse();
    void rejectedRequest();
    void rejectedBeforeRequestLine();
    void tlsInfo();
    void tlsHandshakeFailure();
    void largeBodyInPieces();
};

void TstNdjson::acceptedRequest()
{
    CapturedRequest c = captured("POST /hook?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello");
    c.tls = true;
    const QJsonObject o = parseLine(Session::toNdjsonLine(c));
    QVERIFY(!o.isEmpty());
    QCOMPARE(o.value(QStringLiteral("id")).toInteger(), 42);
    QCOMPARE(o.value(QStringLiteral("received_at")).toString(), QStringLiteral("2023-11-14T22:13:20.123Z"));
    QCOMPARE(o.value(QStringLiteral("remote")).toString(), QStringLiteral("127.0.0.1:53422"));
    QCOMPARE(o.value(QStringLiteral("tls")), QJsonValue(true));
    QCOMPARE(o.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(o.value(QStringLiteral("target")).toString(), QStringLiteral("/hook?x=1"));
    QCOMPARE(o.value(QStringLiteral("http_version")).toString(), QStringLiteral("HTTP/1.1"));
    QCOMPARE(o.value(QStringLiteral("headers")).toArray(),
             (QJsonArray{pair(QStringLiteral("Host"), QStringLiteral("h")),
                         pair(QStringLiteral("Content-Length"), QStringLiteral("5"))}));
    QCOMPARE(o.value(QStringLiteral("trailers")).toArray(), QJsonArray());
    QCOMPARE(o.value(QStringLiteral("chunked")), QJsonValue(false));
    QCOMPARE(o.value(QStringLiteral("body_base64")).toString(), QStringLiteral("aGVsbG8="));
    QCOMPARE(o.value(QStringLiteral("body_size")).toInteger(), 5);
    QCOMPARE(o.value(QStringLiteral("warnings")).toArray(), QJsonArray());
    QCOMPARE(o.value(QStringLiteral("response_status")).toInteger(), 200);
    QCOMPARE(o.value(QStringLiteral("rejected")), QJsonValue(false));
    QVERIFY(!o.contains(QStringLiteral("error")));
    QVERIFY(!o.contains(QStringLiteral("raw_base64")));

    c.tls = false;
    QCOMPARE(parseLine(Session::toNdjsonLine(c)).value(QStringLiteral("tls")), QJsonValue(false));
}

void TstNdjson::headersInOrderWithDuplicates()
{
    const CapturedRequest c = captured("GET / HTTP/1.1\r\nHost: h\r\nX-Dup: 1\r\naccept: */*\r\nx-dup: 2\r\n"
                                       "X-Quote: say \"hi\" \\o/\r\n\r\n");
    const QJsonObject o = parseLine(Session::toNdjsonLine(c));
    QCOMPARE(o.value(QStringLiteral("headers")).toArray(),
             (QJsonArray{pair(QStringLiteral("Host"), QStringLiteral("h")),
                         pair(QStringLiteral("X-Dup"), QStringLiteral("1")),
                         pair(QStringLiteral("accept"), QStringLiteral("*/*")),
                         pair(QStringLiteral("x-dup"), QStringLiteral("2")),
                         pair(QStringLiteral("X-Quote"), QStringLiteral("say \"hi\" \\o/"))}));
}

void TstNdjson::chunkedWithTrailers()
{
    const CapturedRequest c = captured("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                                       "3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nX-Sum: 5\r\nX-Sum: five\r\n\r\n");
    const QJsonObject o = parseLine(Session::toNdjsonLine(c));
    QCOMPARE(o.value(QStringLiteral("chunked")), QJsonValue(true));
    QCOMPARE(o.value(QStringLiteral("trailers")).toArray(),
             (QJsonArray{pair(QStringLiteral("X-Sum"), QStringLiteral("5")),
                         pair(QStringLiteral("X-Sum"), QStringLiteral("five"))}));
    QCOMPARE(QByteArray::fromBase64(o.value(QStringLiteral("body_base64")).toString().toLatin1()), QByteArray("abcde"));
    QCOMPARE(o.value(QStringLiteral("body_size")).toInteger(), 5);
}

void TstNdjson::binaryBodyRoundTrip()
{
    QByteArray body;
    for (int i = 0; i < 256; ++i)
        body += static_cast<char>(i);
    body += body; // 512 bytes: every byte value, and a length that is not a multiple of 3
    body.chop(1);
    const QByteArray head =
        "PUT /bin HTTP/1.1\r\nHost: h\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    const QJsonObject o = parseLine(Session::toNdjsonLine(captured(head + body)));
    const QByteArray decoded = QByteArray::fromBase64(o.value(QStringLiteral("body_base64")).toString().toLatin1(),
                                                      QByteArray::AbortOnBase64DecodingErrors);
    QCOMPARE(decoded, body);
    QCOMPARE(o.value(QStringLiteral("body_size")).toInteger(), body.size());
}

void TstNdjson::nonUtf8BytesMapToLatin1_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("valid UTF-8 stays UTF-8")
        << QByteArray("caf\xc3\xa9-\xe2\x82\xac-\xf0\x9f\x98\x80") << QStringLiteral("caf\u00e9-\u20ac-\U0001F600");
    QTest::newRow("a lone Latin-1 byte") << QByteArray("caf\xe9") << QStringLiteral("caf\u00e9");
    // One invalid sequence makes the whole value Latin-1, so a valid-looking pair maps byte by byte too.
    const auto latin1 = [](const QByteArray &bytes) { return QString::fromLatin1(bytes); };
    QTest::newRow("valid pair before an invalid byte") << QByteArray("\xc3\xa9\xff") << latin1("\xc3\xa9\xff");
    QTest::newRow("truncated sequence") << QByteArray("a\xe2\x82") << latin1("a\xe2\x82");
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << latin1("\xc0\xaf");
    QTest::newRow("UTF-16 surrogate") << QByteArray("\xed\xa0\x80") << latin1("\xed\xa0\x80");
    QTest::newRow("past U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << latin1("\xf4\x90\x80\x80");
    QTest::newRow("C1 bytes") << QByteArray("\x80\x9f") << latin1("\x80\x9f");
}

void TstNdjson::nonUtf8BytesMapToLatin1()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, expected);

    // The same bytes in a header name would be rejected; values, targets and trailers carry them.
    const QByteArray request = "GET /t/" + value + " HTTP/1.1\r\nHost: h\r\nX-Bytes: " + value + "\r\n\r\n";
    const QByteArray line = Session::toNdjsonLine(captured(request));
    const QJsonObject o = parseLine(line);
    QVERIFY(!o.isEmpty());
    QCOMPARE(o.value(QStringLiteral("headers")).toArray().at(1), QJsonValue(pair(QStringLiteral("X-Bytes"), expected)));
    QCOMPARE(o.value(QStringLiteral("target")).toString(), QStringLiteral("/t/") + expected);
    // The line itself is always valid UTF-8.
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(line);
    QVERIFY(!decoder.hasError());
    QVERIFY(!text.isEmpty());
}

void TstNdjson::controlCharactersEscaped()
{
    QByteArray all;
    for (int c = 0; c < 0x20; ++c)
        all += static_cast<char>(c);
    all += "\x7f\"\\/ end";
    QByteArray out;
    Session::appendJsonString(out, all);
    // Raw control bytes never reach the line, so it stays one line and parses everywhere.
    for (char c : out)
        QVERIFY2(static_cast<unsigned char>(c) >= 0x20, qPrintable(QString::fromLatin1(out)));
    QVERIFY(out.contains("\\n"));
    QVERIFY(out.contains("\\r"));
    QVERIFY(out.contains("\\t"));
    QVERIFY(out.contains("\\u0000"));
    QVERIFY(out.contains("\\u001f"));
    const QJsonDocument doc = QJsonDocument::fromJson("[" + out + "]");
    QVERIFY(doc.isArray());
    QCOMPARE(doc.array().at(0).toString(), QString::fromLatin1(all));

    // A rejection reason could carry them too; the line must stay one line.
    CapturedRequest c = captured("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
    c.rejected = true;
    c.errorStatus = 400;
    c.errorReason = QStringLiteral("line one\nline two\r\t") + QChar(0x01);
    const QJsonObject o = parseLine(Session::toNdjsonLine(c));
    QCOMPARE(o.value(QStringLiteral("error")).toObject().value(QStringLiteral("reason")).toString(), c.errorReason);
}

void TstNdjson::receivedAt_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("expected");
    QTest::newRow("epoch") << qint64(0) << QStringLiteral("1970-01-01T00:00:00.000Z");
    QTest::newRow("milliseconds padded") << qint64(1700000000005) << QStringLiteral("2023-11-14T22:13:20.005Z");
    QTest::newRow("leap day") << qint64(1709251199999) << QStringLiteral("2024-02-29T23:59:59.999Z");
    QTest::newRow("before the epoch") << qint64(-1) << QStringLiteral("1969-12-31T23:59:59.999Z");
}

void TstNdjson::receivedAt()
{
    QFETCH(qint64, ms);
    QFETCH(QString, expected);
    CapturedRequest c = captured("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
    c.receivedAtMs = ms;
    const QString got = parseLine(Session::toNdjsonLine(c)).value(QStringLiteral("received_at")).toString();
    QCOMPARE(got, expected);
    QCOMPARE(QDateTime::fromString(got, Qt::ISODateWithMs).toMSecsSinceEpoch(), ms);
}

void TstNdjson::remote_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("expected");
    QTest::newRow("IPv4") << QStringLiteral("192.0.2.7") << QStringLiteral("192.0.2.7:53422");
    QTest::newRow("IPv6 in brackets") << QStringLiteral("::1") << QStringLiteral("[::1]:53422");
    QTest::newRow("IPv4-mapped shown as IPv4") << QStringLiteral("::ffff:10.0.0.1") << QStringLiteral("10.0.0.1:53422");
}

void TstNdjson::remote()
{
    QFETCH(QString, address);
    QFETCH(QString, expected);
    CapturedRequest c = captured("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
    c.remoteAddress = QHostAddress(address);
    QCOMPARE(parseLine(Session::toNdjsonLine(c)).value(QStringLiteral("remote")).toString(), expected);
}

void TstNdjson::warnings()
{
    const QJsonObject missing = parseLine(Session::toNdjsonLine(captured("GET / HTTP/1.1\r\n\r\n")));
    QCOMPARE(missing.value(QStringLiteral("warnings")).toArray(), QJsonArray{QStringLiteral("missing-host")});

    const QJsonObject two = parseLine(
        Session::toNdjsonLine(captured("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\nUpgrade: websocket\r\n\r\n")));
    QCOMPARE(two.value(QStringLiteral("warnings")).toArray(),
             (QJsonArray{QStringLiteral("multiple-host"), QStringLiteral("upgrade-ignored")}));
}

void TstNdjson::noResponse()
{
    CapturedRequest c = captured("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
    c.responseStatus = 0;
    const QJsonObject o = parseLine(Session::toNdjsonLine(c));
    QVERIFY(o.contains(QStringLiteral("response_status")));
    QVERIFY(o.value(QStringLiteral("response_status")).isNull());
}

void TstNdjson::rejectedRequest()
{
    // A Content-Length over the limit: the head was read, the body never was.
    const QByteArray bytes = "POST /big HTTP/1.1\r\nHost: h\r\nContent-Length: 104857601\r\n\r\n\x01\x02\xff";
    Http::RequestReader reader;
    const Http::RequestReader::Step step = reader.feed(bytes);
    QCOMPARE(step.event, Http::RequestReader::Event::Failed);
    const Http::ReadError error = reader.error();
    CapturedRequest c;
    c.id = 7;
    c.remoteAddress = QHostAddress(QStringLiteral("::1"));
    c.remotePort = 1;
    c.request = reader.takePartial();
    c.responseStatus = error.status;
    c.rejected = true;
    c.errorStatus = error.status;
    c.errorReason = error.reason;
    c.errorOffset = error.offset;
    c.raw = c.request.wireBytes() + QByteArrayView(bytes).sliced(step.consumed).toByteArray();

    const QJsonObject o = parseLine(Session::toNdjsonLine(c));
    QVERIFY(!o.isEmpty());
    QCOMPARE(o.value(QStringLiteral("rejected")), QJsonValue(true));
    QCOMPARE(o.value(QStringLiteral("response_status")).toInteger(), 413);
    QCOMPARE(o.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(o.value(QStringLiteral("target")).toString(), QStringLiteral("/big"));
    QCOMPARE(o.value(QStringLiteral("headers")).toArray().size(), 2);
    const QJsonObject e = o.value(QStringLiteral("error")).toObject();
    QCOMPARE(e.value(QStringLiteral("status")).toInteger(), 413);
    QCOMPARE(e.value(QStringLiteral("reason")).toString(), error.reason);
    QCOMPARE(e.value(QStringLiteral("offset")).toInteger(), bytes.indexOf("104857601"));
    QCOMPARE(QByteArray::fromBase64(o.value(QStringLiteral("raw_base64")).toString().toLatin1()), bytes);
    QCOMPARE(o.value(QStringLiteral("body_size")).toInteger(), 0);
}

void TstNdjson::rejectedBeforeRequestLine()
{
    // Nothing parsed: method, target and version are null, not empty strings.
    // A TLS ClientHello sent to a plain listener, cut off by the client.
    const QByteArray bytes = "\x16\x03\x01\x02\xa5\x01";
    Http::RequestReader reader;
    QCOMPARE(reader.feed(bytes).event, Http::RequestReader::Event::NeedMore);
    CapturedRequest c;
    c.request = reader.takePartial();
    c.rejected = true;
    c.errorStatus = 400;
    c.errorReason = QStringLiteral("connection closed by the client before the request was complete");
    c.errorOffset = bytes.size();
    c.raw = c.request.wireBytes();
    QCOMPARE(c.raw, bytes);

    const QJsonObject o = parseLine(Session::toNdjsonLine(c));
    QVERIFY(!o.isEmpty());
    QVERIFY(o.value(QStringLiteral("method")).isNull());
    QVERIFY(o.value(QStringLiteral("target")).isNull());
    QVERIFY(o.value(QStringLiteral("http_version")).isNull());
    QCOMPARE(o.value(QStringLiteral("headers")).toArray(), QJsonArray());
    QVERIFY(o.value(QStringLiteral("response_status")).isNull());
    QCOMPARE(o.value(QStringLiteral("error")).toObject().value(QStringLiteral("offset")).toInteger(), bytes.size());
    QCOMPARE(QByteArray::fromBase64(o.value(QStringLiteral("raw_base64")).toString().toLatin1()), bytes);
}

void TstNdjson::tlsInfo()
{
    CapturedRequest c = captured("POST /hook HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
    c.tls = true;
    c.tlsInfo = {QStringLiteral("TLSv1.3"), QStringLiteral("TLS_AES_256_GCM_SHA384"), QStringLiteral("localhost"),
                 QStringLiteral("http/1.1")};
    const QByteArray line = Session::toNdjsonLine(c);
    const QJsonObject o = parseLine(line);
    QVERIFY(!o.isEmpty());
    QCOMPARE(o.value(QStringLiteral("tls_info")).toObject(),
             (QJsonObject{{QStringLiteral("version"), QStringLiteral("TLSv1.3")},
                          {QStringLiteral("cipher"), QStringLiteral("TLS_AES_256_GCM_SHA384")},
                          {QStringLiteral("sni"), QStringLiteral("localhost")},
                          {QStringLiteral("alpn"), QStringLiteral("http/1.1")}}));
    // Right after "tls", where a reader of the line looks for it.
    QVERIFY2(line.contains(R"("tls":true,"tls_info":{"version":"TLSv1.3",)"), line.constData());

    // No ALPN offered, no SNI sent: those members are null, the object stays.
    c.tlsInfo.alpn.clear();
    c.tlsInfo.serverName.clear();
    const QJsonObject bare = parseLine(Session::toNdjsonLine(c)).value(QStringLiteral("tls_info")).toObject();
    QCOMPARE(bare.value(QStringLiteral("version")).toString(), QStringLiteral("TLSv1.3"));
    QVERIFY(bare.value(QStringLiteral("sni")).isNull());
    QVERIFY(bare.value(QStringLiteral("alpn")).isNull());

    // Plain HTTP (or a request saved before Hookscope kept it): no tls_info member at all.
    c.tls = false;
    c.tlsInfo = {};
    QVERIFY(!parseLine(Session::toNdjsonLine(c)).contains(QStringLiteral("tls_info")));
}

void TstNdjson::tlsHandshakeFailure()
{
    // A client that gave up during the handshake: nothing HTTP arrived, the name it asked for did.
    CapturedRequest c;
    c.id = 9;
    c.tls = true;
    c.tlsInfo.serverName = QStringLiteral("hooks.example.test");
    c.rejected = true;
    c.errorStatus = 400;
    c.errorReason = QStringLiteral("TLS handshake failed: the client rejected the certificate");
    const QJsonObject o = parseLine(Session::toNdjsonLine(c));
    QVERIFY(!o.isEmpty());
    QCOMPARE(o.value(QStringLiteral("tls")), QJsonValue(true));
    const QJsonObject info = o.value(QStringLiteral("tls_info")).toObject();
    QCOMPARE(info.value(QStringLiteral("sni")).toString(), QStringLiteral("hooks.example.test"));
    QVERIFY(info.value(QStringLiteral("version")).isNull());
    QVERIFY(info.value(QStringLiteral("cipher")).isNull());
    QCOMPARE(o.value(QStringLiteral("error")).toObject().value(QStringLiteral("reason")).toString(), c.errorReason);
}

// `listen --json` prints a large body a few MB at a time, and the pieces make the same line.
void TstNdjson::largeBodyInPieces()
{
    QByteArray body(7 * 1024 * 1024 + 1, Qt::Uninitialized);
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = char(i * 131 % 251);
    const CapturedRequest c = captured(
        "POST /big HTTP/1.1\r\nHost: h\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QList<QByteArray> pieces;
    QVERIFY(Session::writeNdjsonLine(c, [&pieces](QByteArrayView piece) {
        pieces.append(piece.toByteArray());
        return true;
    }));
    QVERIFY2(pieces.size() >= 3, "the body's text was not handed over in pieces");
    qsizetype largest = 0;
    QByteArray joined;
    for (const QByteArray &piece : std::as_const(pieces)) {
        largest = qMax(largest, piece.size());
        joined += piece;
    }
    QVERIFY2(largest < 5 * 1024 * 1024, qPrintable(QString::number(largest)));
    QCOMPARE(joined, Session::toNdjsonLine(c));
    const QJsonObject o = parseLine(joined);
    QCOMPARE(QByteArray::fromBase64(o.value(QStringLiteral("body_base64")).toString().toLatin1()), body);
    // A sink that refuses (stdout closed) stops the line.
    int calls = 0;
    QVERIFY(!Session::writeNdjsonLine(c, [&calls](QByteArrayView) { return ++calls > 1 ? false : true; }));
    QCOMPARE(calls, 2);
}

QTEST_GUILESS_MAIN(TstNdjson)
#include "tst_ndjson.moc"
