#include "payload/contentsniffer.h"

#include <QtTest>

using namespace Payload;

Q_DECLARE_METATYPE(Payload::ContentKind)

class TstSniff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sniff_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<ContentKind>("kind");
        QTest::addColumn<QByteArray>("mime");
        QTest::addColumn<QByteArray>("charset");
        QTest::addColumn<QByteArray>("boundary");
        QTest::addColumn<bool>("fromBytes");
        const QByteArray png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
        const QByteArray jpeg("\xff\xd8\xff\xe0\0\x10JFIF", 10);
        const QByteArray webp("RIFF\x24\0\0\0WEBPVP8 ", 16);
        const QByteArray multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--\r\n";
        auto row = [](const char *name, const QByteArray &ct, const QByteArray &body, ContentKind kind,
                      const QByteArray &mime, const QByteArray &charset = {}, const QByteArray &boundary = {},
                      bool fromBytes = false) {
            QTest::newRow(name) << ct << body << kind << mime << charset << boundary << fromBytes;
        };
        // Declared types, any case, parameters ignored.
        row("json", "application/json", "{}", ContentKind::Json, "application/json");
        row("json upper case + charset", "Application/JSON; Charset=\"UTF-8\"", "{}", ContentKind::Json,
            "application/json", "utf-8");
        row("+json suffix", "application/vnd.api+json", "[]", ContentKind::Json, "application/vnd.api+json");
        row("problem+json", "application/problem+json;charset=utf-8", "{}", ContentKind::Json,
            "application/problem+json", "utf-8");
        row("json declared, not json bytes", "application/json", "oops", ContentKind::Json, "application/json");
        row("xml", "text/xml; charset=ISO-8859-1", "<a/>", ContentKind::Xml, "text/xml", "iso-8859-1");
        row("+xml suffix", "application/soap+xml", "<a/>", ContentKind::Xml, "application/soap+xml");
        row("svg declared", "image/svg+xml", "<svg/>", ContentKind::Xml, "image/svg+xml");
        row("form", "application/x-www-form-urlencoded", "a=1&b=2", ContentKind::Form,
            "application/x-www-form-urlencoded");
        row("multipart", "multipart/form-data; boundary=XyZ", multipart, ContentKind::Multipart, "multipart/form-data",
            {}, "XyZ");
        row("multipart quoted boundary", "multipart/mixed; boundary=\"a b:c\"", "--a b:c--", ContentKind::Multipart,
            "multipart/mixed", {}, "a b:c");
        row("multipart without boundary", "multipart/form-data", multipart, ContentKind::Multipart,
            "multipart/form-data", {}, "XyZ");
        row("text", "text/plain; charset=Shift_JIS", "\x93\xfa\x96\x7b", ContentKind::Text, "text/plain", "shift_jis",
            {}, true);
        row("csv", "text/csv", "a,b\n1,2\n", ContentKind::Text, "text/csv");
        row("yaml", "application/yaml", "a: 1\n", ContentKind::Text, "application/yaml");
        row("ndjson is text", "application/x-ndjson", "{}\n{}\n", ContentKind::Text, "application/x-ndjson");
        row("png declared", "image/png", png, ContentKind::Image, "image/png");
        row("other image declared", "image/bmp", "BM....", ContentKind::Image, "image/bmp");
        row("pdf", "application/pdf", "%PDF-1.7", ContentKind::Binary, "application/pdf");
        row("protobuf", "application/x-protobuf", "\x08\x96\x01", ContentKind::Binary, "application/x-protobuf");
        row("empty body", "application/json", "", ContentKind::Empty, "application/json");
        row("empty, no type", "", "", ContentKind::Empty, "");
        // From the bytes.
        row("no type, json object", "", " \r\n{\"a\":1}", ContentKind::Json, "application/json", {}, {}, true);
        row("no type, json array", "", "[1,2]", ContentKind::Json, "application/json", {}, {}, true);
        row("bom json", "", "\xef\xbb\xbf{}", ContentKind::Json, "application/json", {}, {}, true);
        row("octet-stream json", "application/octet-stream", "{\"a\":1}", ContentKind::Json, "application/json", {}, {},
            true);
        row("text/plain holding json", "text/plain; charset=utf-8", "{\"a\":1}", ContentKind::Json, "application/json",
            "utf-8", {}, true);
        row("unknown type holding json", "application/vnd.acme.event", "{\"a\":1}", ContentKind::Json,
            "application/json", {}, {}, true);
        row("unknown type holding text", "application/vnd.acme.event", "hello world", ContentKind::Text,
            "application/vnd.acme.event", {}, {}, true);
        row("scalar is not sniffed as json", "", "123", ContentKind::Text, "text/plain", {}, {}, true);
        row("brace text is not json", "", "{not json}", ContentKind::Text, "text/plain", {}, {}, true);
        row("xml declaration", "", "<?xml version=\"1.0\"?><a/>", ContentKind::Xml, "application/xml", {}, {}, true);
        row("xml element", "", "<note><to>x</to></note>", ContentKind::Xml, "application/xml", {}, {}, true);
        row("svg with declaration", "", "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            ContentKind::Xml, "image/svg+xml", {}, {}, true);
        row("svg", "", "<svg width=\"1\"/>", ContentKind::Xml, "image/svg+xml", {}, {}, true);
        row("html is text", "", "<!DOCTYPE html><html></html>", ContentKind::Text, "text/html", {}, {}, true);
        row("form bytes", "", "name=Ren%C3%A9e&tags=a+b&x=", ContentKind::Form, "application/x-www-form-urlencoded", {},
            {}, true);
        row("sentence with = is text", "", "a = b and c", ContentKind::Text, "text/plain", {}, {}, true);
        row("multipart bytes", "", multipart, ContentKind::Multipart, "multipart/form-data", {}, "XyZ", true);
        row("png bytes", "application/octet-stream", png, ContentKind::Image, "image/png", {}, {}, true);
        row("jpeg bytes", "", jpeg, ContentKind::Image, "image/jpeg", {}, {}, true);
        row("gif bytes", "", "GIF89a\x01\x00", ContentKind::Image, "image/gif", {}, {}, true);
        row("webp bytes", "", webp, ContentKind::Image, "image/webp", {}, {}, true);
        row("binary bytes", "", QByteArray("\x00\x01\x02\x03", 4), ContentKind::Binary, "application/octet-stream", {},
            {}, true);
        row("latin-1 text", "", "caf\xe9 cr\xe8me", ContentKind::Text, "text/plain", {}, {}, true);
        row("utf-8 text", "", "h\xc3\xa9llo\n", ContentKind::Text, "text/plain", {}, {}, true);
    }

    void sniff()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(ContentKind, kind);
        QFETCH(QByteArray, mime);
        QFETCH(QByteArray, charset);
        QFETCH(QByteArray, boundary);
        QFETCH(bool, fromBytes);
        const ContentInfo info = sniffContent(contentType, body);
        QCOMPARE(int(info.kind), int(kind));
        QCOMPARE(info.mime, mime);
        QCOMPARE(info.charset, charset);
        QCOMPARE(info.boundary, boundary);
        QCOMPARE(info.fromBytes, fromBytes);
    }

    void mediaType()
    {
        const MediaType mt = parseMediaType(" Multipart/Form-Data ; boundary=\"q\\\"x\" ;CHARSET=utf-8; bad name=1;x");
        QCOMPARE(mt.mime, QByteArray("multipart/form-data"));
        QCOMPARE(mt.parameter("boundary"), QByteArray("q\"x"));
        QCOMPARE(mt.parameter("Charset"), QByteArray("utf-8"));
        QCOMPARE(mt.parameter("x"), QByteArray());
        // A backslash escapes only '"' and '\', so a Windows path survives.
        const MediaType cd = parseMediaType("form-data; name=\"f\"; filename=\"C:\\dir\\a.txt\"");
        QCOMPARE(cd.value, QByteArray("form-data"));
        QVERIFY(cd.mime.isEmpty());
        QCOMPARE(cd.parameter("filename"), QByteArray("C:\\dir\\a.txt"));
    }
};

QTEST_GUILESS_MAIN(TstSniff)
#include "tst_sniff.moc"
