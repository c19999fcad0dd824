#include "payload/contentdecoder.h"

#include <QtTest>

#include <brotli/encode.h>
#include <zlib.h>

using namespace Payload;

namespace {

// windowBits: 16 + 15 gzip, 15 zlib, -15 raw deflate.
QByteArray deflateWith(const QByteArray &data, int windowBits)
{
    z_stream zs{};
    if (deflateInit2(&zs, 6, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        qFatal("deflateInit2 failed");
    QByteArray out(qsizetype(deflateBound(&zs, uLong(data.size()))) + 64, Qt::Uninitialized);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
        qFatal("deflate did not finish");
    out.resize(qsizetype(zs.total_out));
    deflateEnd(&zs);
    return out;
}

QByteArray gzip(const QByteArray &data)
{
    return deflateWith(data, 16 + 15);
}

QByteArray brotli(const QByteArray &data)
{
    size_t size = BrotliEncoderMaxCompressedSize(size_t(data.size()));
    QByteArray out(qsizetype(size), Qt::Uninitialized);
    if (!BrotliEncoderCompress(5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, size_t(data.size()),
                               reinterpret_cast<const uint8_t *>(data.constData()), &size,
                               reinterpret_cast<uint8_t *>(out.data())))
        qFatal("BrotliEncoderCompress failed");
    out.resize(qsizetype(size));
    return out;
}

// A gzip stream of `bytes` zeros, made in pieces: a decompression bomb without holding it.
QByteArray gzipZeros(qint64 bytes)
{
    z_stream zs{};
    deflateInit2(&zs, 9, Z_DEFLATED, 16 + 15, 9, Z_RLE);
    const QByteArray zeros(1 << 20, '\0');
    QByteArray out;
    QByteArray chunk(1 << 16, Qt::Uninitialized);
    for (qint64 left = bytes; left > 0 || zs.avail_in > 0;) {
        if (zs.avail_in == 0) {
            const qint64 n = qMin<qint64>(left, zeros.size());
            zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(zeros.constData()));
            zs.avail_in = uInt(n);
            left -= n;
        }
        zs.next_out = reinterpret_cast<Bytef *>(chunk.data());
        zs.avail_out = uInt(chunk.size());
        deflate(&zs, Z_NO_FLUSH);
        out.append(chunk.constData(), chunk.size() - qsizetype(zs.avail_out));
    }
    int rc;
    do {
        zs.next_out = reinterpret_cast<Bytef *>(chunk.data());
        zs.avail_out = uInt(chunk.size());
        rc = deflate(&zs, Z_FINISH);
        out.append(chunk.constData(), chunk.size() - qsizetype(zs.avail_out));
    } while (rc != Z_STREAM_END);
    deflateEnd(&zs);
    return out;
}

QByteArray sampleText()
{
    QByteArray s;
    for (int i = 0; i < 2000; ++i)
        s += "{\"event\":\"ping\",\"n\":" + QByteArray::number(i) + ",\"note\":\"caf\xc3\xa9\"}\n";
    return s;
}

QByteArray binarySample()
{
    QByteArray b;
    for (int i = 0; i < 70000; ++i)
        b += char((i * 7919) >> 3);
    return b;
}

} // namespace

class TstContentDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void single_data()
    {
        QTest::addColumn<QByteArray>("coding");
        QTest::addColumn<QByteArray>("encoded");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray text = sampleText();
        const QByteArray bin = binarySample();
        QTest::newRow("gzip") << QByteArray("gzip") << gzip(text) << text;
        QTest::newRow("gzip binary") << QByteArray("gzip") << gzip(bin) << bin;
        QTest::newRow("x-gzip") << QByteArray("x-gzip") << gzip(text) << text;
        QTest::newRow("GZIP upper case, padded") << QByteArray("  GZIP ") << gzip(text) << text;
        QTest::newRow("deflate zlib") << QByteArray("deflate") << deflateWith(text, 15) << text;
        QTest::newRow("deflate raw") << QByteArray("deflate") << deflateWith(text, -15) << text;
        QTest::newRow("deflate raw binary") << QByteArray("deflate") << deflateWith(bin, -15) << bin;
        QTest::newRow("br") << QByteArray("br") << brotli(text) << text;
        QTest::newRow("br binary") << QByteArray("br") << brotli(bin) << bin;
        QTest::newRow("identity") << QByteArray("identity") << text << text;
        QTest::newRow("none") << QByteArray() << text << text;
        QTest::newRow("gzip members") << QByteArray("gzip") << gzip("first ") + gzip("second")
                                      << QByteArray("first second");
        QTest::newRow("empty body") << QByteArray("gzip") << QByteArray() << QByteArray();
    }

    void single()
    {
        QFETCH(QByteArray, coding);
        QFETCH(QByteArray, encoded);
        QFETCH(QByteArray, expected);
        const DecodeResult r = decodeContent(encoded, coding);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.warning.isEmpty());
        QCOMPARE(r.bytes, expected);
    }

    void stacked()
    {
        const QByteArray text = sampleText();
        // "gzip, br": gzip was applied first, so br is undone first.
        DecodeResult r = decodeContent(brotli(gzip(text)), "gzip, br");
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.bytes, text);
        QCOMPARE(r.undone, (QList<QByteArray>{"br", "gzip"}));

        r = decodeContent(gzip(deflateWith(text, 15)), "deflate,identity , gzip");
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.bytes, text);
        QCOMPARE(r.undone, (QList<QByteArray>{"gzip", "deflate"}));

        // The wrong order fails and leaves the bytes alone.
        const QByteArray wrong = brotli(gzip(text));
        r = decodeContent(wrong, "br, gzip");
        QVERIFY(!r.ok());
        QCOMPARE(r.bytes, wrong);
        QVERIFY(r.undone.isEmpty());
        QVERIFY2(r.error.contains(QLatin1StringView("gzip")), qPrintable(r.error));
    }

    void parseCodings()
    {
        QCOMPARE(parseContentCodings(" gzip ,, BR,identity "), (QList<QByteArray>{"gzip", "br", "identity"}));
        QVERIFY(parseContentCodings("").isEmpty());
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("coding");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        const QByteArray text = sampleText();
        const QByteArray gz = gzip(text);
        QByteArray corrupt = gz;
        corrupt[gz.size() / 2] = char(corrupt[gz.size() / 2] ^ 0x55);
        corrupt[gz.size() / 2 + 1] = char(corrupt[gz.size() / 2 + 1] ^ 0x55);
        QTest::newRow("unknown") << QByteArray("foo") << text << QStringLiteral("unknown content coding 'foo'");
        QTest::newRow("unsupported") << QByteArray("compress") << text << QStringLiteral("not supported");
        QTest::newRow("unknown in a list") << QByteArray("gzip, foo") << gz << QStringLiteral("'foo'");
        QTest::newRow("not gzip") << QByteArray("gzip") << text << QStringLiteral("gzip data is corrupt");
        QTest::newRow("truncated gzip") << QByteArray("gzip") << gz.first(gz.size() / 2) << QStringLiteral("truncated");
        QTest::newRow("corrupt gzip") << QByteArray("gzip") << corrupt << QStringLiteral("corrupt");
        QTest::newRow("truncated br") << QByteArray("br") << brotli(text).chopped(5) << QStringLiteral("truncated");
        QTest::newRow("not br") << QByteArray("br") << QByteArray("\xff\xff\xff plain")
                                << QStringLiteral("br data is corrupt");
        QTest::newRow("truncated deflate")
            << QByteArray("deflate") << deflateWith(text, 15).first(100) << QStringLiteral("truncated");
    }

    void errors()
    {
        QFETCH(QByteArray, coding);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        const DecodeResult r = decodeContent(bytes, coding);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(reason), qPrintable(r.error));
        QCOMPARE(r.bytes, bytes);
        QVERIFY(!r.limitExceeded);
    }

    void trailingBytes()
    {
        const DecodeResult r = decodeContent(gzip("hello") + "\n\n", "gzip");
        QVERIFY(r.ok());
        QCOMPARE(r.bytes, QByteArray("hello"));
        QVERIFY2(r.warning.contains(QLatin1StringView("2 byte(s)")), qPrintable(r.warning));
    }

    void bombCap_data()
    {
        QTest::addColumn<QByteArray>("coding");
        QTest::addColumn<QByteArray>("encoded");
        const QByteArray zeros(8 << 20, '\0');
        QTest::newRow("gzip") << QByteArray("gzip") << gzip(zeros);
        QTest::newRow("deflate") << QByteArray("deflate") << deflateWith(zeros, 15);
        QTest::newRow("raw deflate") << QByteArray("deflate") << deflateWith(zeros, -15);
        QTest::newRow("br") << QByteArray("br") << brotli(zeros);
        QTest::newRow("stacked") << QByteArray("br, gzip") << gzip(brotli(zeros));
    }

    void bombCap()
    {
        QFETCH(QByteArray, coding);
        QFETCH(QByteArray, encoded);
        QVERIFY(encoded.size() < 64 * 1024);
        const qint64 limit = 1 << 20;
        const DecodeResult r = decodeContent(encoded, coding, limit);
        QVERIFY(!r.ok());
        QVERIFY(r.limitExceeded);
        QVERIFY2(r.error.contains(QLatin1StringView("1 MiB limit")), qPrintable(r.error));
        QCOMPARE(r.bytes, encoded);
        // Exactly at the limit is fine.
        QVERIFY(decodeContent(encoded, coding, 8 << 20).ok());
    }

    // The default limit stops a real bomb: 300 MiB of zeros in about 300 KB.
    void defaultCapStopsABomb()
    {
        const QByteArray bomb = gzipZeros(qint64(300) << 20);
        QVERIFY(bomb.size() < 1 << 20);
        const DecodeResult r = decodeContent(bomb, "gzip");
        QVERIFY(r.limitExceeded);
        QVERIFY2(r.error.contains(QLatin1StringView("256 MiB")), qPrintable(r.error));
        QCOMPARE(r.bytes.size(), bomb.size());
    }
};

QTEST_GUILESS_MAIN(TstContentDecoder)
#include "tst_contentdecoder.moc"
