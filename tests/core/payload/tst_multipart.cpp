#include "payload/multipart.h"

#include <QtTest>

using namespace Payload;

namespace {

// Bytes a file part should survive: CR, LF, NUL, and lines that almost look like the delimiter.
QByteArray awkwardFile()
{
    QByteArray f("\x89PNG\r\n\x1a\n\0\0", 10);
    f += "\r\n--B0undary is not it\r\n--Boundar\r\n--Boundaryx\r\n\r\n";
    for (int i = 0; i < 256; ++i)
        f += char(i);
    f += "\r\n";
    return f;
}

} // namespace

class TstMultipart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formData()
    {
        const QByteArray file = awkwardFile();
        const QByteArray body = "preamble text\r\n"
                                "--Boundary\r\n"
                                "Content-Disposition: form-data; name=\"title\"\r\n"
                                "\r\n"
                                "Hello, Ren\xc3\xa9"
                                "e\r\n"
                                "--Boundary\r\n"
                                "content-disposition: form-data; name=\"upload\"; filename=\"C:\\tmp\\a b.png\"\r\n"
                                "Content-Type: image/png\r\n"
                                "\r\n" +
                                file +
                                "\r\n--Boundary--\r\n"
                                "epilogue";
        const MultipartResult r = parseMultipart(body, "Boundary");
        QVERIFY2(r.ok(), qPrintable(r.error.reason));
        QCOMPARE(r.preamble, QByteArray("preamble text"));
        QCOMPARE(r.epilogue, QByteArray("epilogue"));
        QCOMPARE(r.parts.size(), 2);

        const MultipartPart &title = r.parts[0];
        QCOMPARE(title.headers.size(), 1);
        QCOMPARE(title.headers[0].name, QByteArray("Content-Disposition"));
        QCOMPARE(title.disposition, QByteArray("form-data"));
        QCOMPARE(title.name, QStringLiteral("title"));
        QVERIFY(!title.hasFilename);
        QVERIFY(title.contentType.isEmpty());
        QCOMPARE(title.body, QByteArray("Hello, Ren\xc3\xa9"
                                        "e"));
        QCOMPARE(title.offset, body.indexOf("Content-Disposition"));
        QCOMPARE(body.mid(title.bodyOffset, title.body.size()), title.body);

        const MultipartPart &upload = r.parts[1];
        QCOMPARE(upload.name, QStringLiteral("upload"));
        QVERIFY(upload.hasFilename);
        QCOMPARE(upload.filename, QStringLiteral("C:\\tmp\\a b.png"));
        QCOMPARE(upload.contentType, QByteArray("image/png"));
        QCOMPARE(upload.header("CONTENT-TYPE"), QByteArray("image/png"));
        QCOMPARE(upload.body, file);
        QVERIFY(upload.complete);
    }

    void bareLineFeeds()
    {
        const QByteArray body = "--xx\n"
                                "Content-Disposition: form-data; name=a\n"
                                "\n"
                                "one\n"
                                "two\n"
                                "--xx  \t\n" // transport padding (RFC 2046 §5.1.1)
                                "Content-Disposition: form-data; name=b\r\n"
                                "\r\n"
                                "\r\n"
                                "--xx--";
        const MultipartResult r = parseMultipart(body, "xx");
        QVERIFY2(r.ok(), qPrintable(r.error.reason));
        QCOMPARE(r.parts.size(), 2);
        QCOMPARE(r.parts[0].name, QStringLiteral("a"));
        QCOMPARE(r.parts[0].body, QByteArray("one\ntwo"));
        QCOMPARE(r.parts[1].name, QStringLiteral("b"));
        QCOMPARE(r.parts[1].body, QByteArray());
        QVERIFY(r.preamble.isEmpty());
        QVERIFY(r.epilogue.isEmpty());
    }

    void emptyBodyWithoutLineBreak()
    {
        // Some senders put the delimiter right after the empty line.
        const MultipartResult r = parseMultipart("--b\r\nX-A: 1\r\n\r\n--b--", "b");
        QVERIFY(r.ok());
        QCOMPARE(r.parts.size(), 1);
        QVERIFY(r.parts[0].body.isEmpty());
        QCOMPARE(r.parts[0].header("x-a"), QByteArray("1"));
    }

    void headerDetails()
    {
        const QByteArray body = "--b\r\n"
                                "Content-Disposition: attachment;\r\n"
                                "  filename=\"fallback.txt\"; filename*=UTF-8''na%C3%AFve%20file.txt\r\n"
                                "Content-Type: text/plain; charset=utf-8\r\n"
                                "X-Empty:\r\n"
                                "\r\n"
                                "data\r\n"
                                "--b\r\n"
                                "\r\n"
                                "no headers\r\n"
                                "--b--\r\n";
        const MultipartResult r = parseMultipart(body, "b");
        QVERIFY2(r.ok(), qPrintable(r.error.reason));
        QCOMPARE(r.parts.size(), 2);
        const MultipartPart &p = r.parts[0];
        QCOMPARE(p.headers.size(), 3);
        // Folded lines are joined (RFC 5322 §3.2.2).
        QCOMPARE(p.headers[0].value,
                 QByteArray("attachment; filename=\"fallback.txt\"; filename*=UTF-8''na%C3%AFve%20file.txt"));
        QCOMPARE(p.disposition, QByteArray("attachment"));
        QCOMPARE(p.filename, QString::fromUtf16(u"naïve file.txt")); // RFC 6266 §4.3: filename* wins
        QCOMPARE(p.contentType, QByteArray("text/plain; charset=utf-8"));
        QVERIFY(!p.header("x-empty").isNull());
        QVERIFY(p.header("x-empty").isEmpty());
        QVERIFY(p.header("x-missing").isNull());
        QVERIFY(r.parts[1].headers.isEmpty());
        QCOMPARE(r.parts[1].body, QByteArray("no headers"));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("boundary");
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<int>("parts");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no boundary") << QByteArray("--b\r\n\r\nx\r\n--b--") << QByteArray() << qint64(0) << 0
                                     << QStringLiteral("no multipart boundary");
        QTest::newRow("boundary absent") << QByteArray("just text") << QByteArray("b") << qint64(0) << 0
                                         << QStringLiteral("does not occur");
        QTest::newRow("boundary only as a prefix")
            << QByteArray("--bb\r\n") << QByteArray("b") << qint64(0) << 0 << QStringLiteral("does not occur");
        const QByteArray unclosed = "--b\r\nA: 1\r\n\r\nfirst\r\n--b\r\nA: 2\r\n\r\nsecond, cut off";
        QTest::newRow("missing close delimiter") << unclosed << QByteArray("b") << qint64(unclosed.size()) << 2
                                                 << QStringLiteral("without the closing boundary '--b--'");
        const QByteArray inHeaders = "--b\r\nA: 1\r\n\r\nfirst\r\n--b\r\nA: 2";
        QTest::newRow("ends in headers") << inHeaders << QByteArray("b") << qint64(inHeaders.size()) << 2
                                         << QStringLiteral("ends inside the headers of part 2");
        QTest::newRow("no empty line") << QByteArray("--b\r\nA: 1\r\n--b--") << QByteArray("b") << qint64(11) << 0
                                       << QStringLiteral("no empty line after its headers");
        QTest::newRow("header without colon") << QByteArray("--b\r\nbogus\r\n\r\nx\r\n--b--") << QByteArray("b")
                                              << qint64(5) << 0 << QStringLiteral("no name and ':'");
    }

    void errors()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, boundary);
        QFETCH(qint64, offset);
        QFETCH(int, parts);
        QFETCH(QString, reason);
        const MultipartResult r = parseMultipart(body, boundary);
        QVERIFY(!r.ok());
        QCOMPARE(r.error.offset, offset);
        QVERIFY2(r.error.reason.contains(reason), qPrintable(r.error.reason));
        QCOMPARE(r.parts.size(), parts);
    }

    void partsBeforeAnErrorAreKept()
    {
        const MultipartResult r = parseMultipart("--b\r\nA: 1\r\n\r\nfirst\r\n--b\r\nA: 2\r\n\r\nsecond, cut off", "b");
        QCOMPARE(r.parts.size(), 2);
        QCOMPARE(r.parts[0].body, QByteArray("first"));
        QVERIFY(r.parts[0].complete);
        QCOMPARE(r.parts[1].body, QByteArray("second, cut off"));
        QVERIFY(!r.parts[1].complete);
    }

    void nested()
    {
        const QByteArray inner = "--in\r\nContent-Type: text/plain\r\n\r\nleaf\r\n--in--";
        const QByteArray outer = "--out\r\nContent-Type: multipart/mixed; boundary=in\r\n\r\n" + inner + "\r\n--out--";
        const MultipartResult r = parseMultipart(outer, "out");
        QVERIFY(r.ok());
        QCOMPARE(r.parts.size(), 1);
        QCOMPARE(r.parts[0].body, inner);
        const MultipartResult leaf = parseMultipart(r.parts[0].body, "in");
        QVERIFY(leaf.ok());
        QCOMPARE(leaf.parts[0].body, QByteArray("leaf"));
    }
};

QTEST_GUILESS_MAIN(TstMultipart)
#include "tst_multipart.moc"
