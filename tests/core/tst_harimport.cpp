// HAR files from other tools: what an import rebuilds, keeps and says (issue 12, section 4), and
// which entries it leaves out because the session holds them already (section 3).

#include "hartesting.h"

#include "session/importduplicates.h"
#include "session/sessionreader.h"
#include "session/sessionwriter.h"

#include <QElapsedTimer>
#include <QTemporaryDir>

using namespace HarTesting;

namespace {

// The one request a HAR document of one entry imports as (a warning names what refused it).
CapturedRequest importOne(const QJsonObject &entry, Session::HarReadSummary *summary = nullptr)
{
    QList<CapturedRequest> list;
    QString error;
    if (!importHar(document({entry}), &list, &error, summary))
        qWarning("%s", qPrintable(error));
    return list.value(0);
}

QJsonObject withRequestHeaders(QJsonObject e, const QJsonArray &headers)
{
    QJsonObject request = obj(e, "request");
    request[QStringLiteral("headers")] = headers;
    e[QStringLiteral("request")] = request;
    return e;
}

// Writes records into a new session file, as the window's import does, and waits for the commit.
void writeSession(const QString &path, const QList<CapturedRequest> &records)
{
    Session::SessionWriter writer;
    QCOMPARE(writer.open(path).problem, Session::FileProblem::None);
    writer.start();
    qint64 id = writer.nextId();
    for (CapturedRequest r : records) {
        r.id = id++;
        writer.submit(std::make_shared<CapturedRequest>(std::move(r)));
    }
    writer.stop();
}

} // namespace

class TstHarImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chromeSample();
    void firefoxSample();
    void fiddlerSample();
    void charlesSample();
    void httpToolkitSample();
    void foreignFraming();
    void multiLineValuesAreSplit();
    void multiLineRequestValue();
    void urlIsTheTruth();
    void versionKeptAndHostMarked();
    void bodyNotInHar();
    void notesSurviveTheSessionAndExport();
    void duplicatesFound();
    void benchmarkDuplicates();
};

void TstHarImport::chromeSample()
{
    const QList<CapturedRequest> list = importSample("chrome.har");
    QCOMPARE(list.size(), 3);

    // HTTP/2: pseudo-headers go, :authority becomes Host where it stood.
    const CapturedRequest &a = list.at(0);
    QCOMPARE(a.id, 0);
    QCOMPARE(a.receivedAtMs, utcMs(2024, 3, 5, 10, 15, 30, 123));
    QVERIFY(a.tls);
    QCOMPARE(a.request.method().toByteArray(), QByteArray("POST"));
    QCOMPARE(a.request.target().toByteArray(), QByteArray("/v1/events?source=web&tag=a%20b"));
    QCOMPARE(a.request.httpVersion().toByteArray(), QByteArray("HTTP/1.1")); // the head, rebuilt
    QCOMPARE(a.recordedVersion, QByteArray("http/2.0"));                     // what Chrome wrote
    QCOMPARE(a.httpVersion().toByteArray(), QByteArray("http/2.0"));
    QVERIFY2(a.note.contains(QLatin1String("Host: api.example.com added by Hookscope")), qPrintable(a.note));
    QCOMPARE(headersOf(a.request),
             (Fields{{"Host", "api.example.com"},
                     {"accept", "*/*"},
                     {"content-length", "30"},
                     {"content-type", "application/json"},
                     {"cookie", "sid=abc123; theme=dark"},
                     {"origin", "https://shop.example.com"},
                     {"user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                                    "Chrome/122.0.0.0 Safari/537.36"}}));
    QCOMPARE(a.request.body(), QByteArray("{\"event\":\"click\",\"n\":1,\"\xc3\xbc\":2}"));
    QCOMPARE(a.responseStatus, 202);
    QCOMPARE(a.responseHeaders, (Fields{{"content-type", "application/json; charset=utf-8"},
                                        {"date", "Tue, 05 Mar 2024 10:15:30 GMT"},
                                        {"set-cookie", "sid=abc123; Path=/; Secure"},
                                        {"set-cookie", "seen=1; Path=/"}}));
    QCOMPARE(a.responseBody, QByteArray("{\"ok\":true}"));
    // Exported again, the URL is the one Chrome wrote.
    QCOMPARE(str(obj(entryOf(exportHar({a})), "request"), "url"),
             QStringLiteral("https://api.example.com/v1/events?source=web&tag=a%20b"));

    // "h2", a form with params and text: the text wins; the wrong Content-Length is corrected.
    const CapturedRequest &b = list.at(1);
    QCOMPARE(b.request.target().toByteArray(), QByteArray("/checkout"));
    QCOMPARE(headersOf(b.request), (Fields{{"Host", "shop.example.com"},
                                           {"content-type", "application/x-www-form-urlencoded"},
                                           {"content-length", "22"}}));
    QCOMPARE(b.request.body(), QByteArray("item=42&qty=2&note=a+b"));
    QVERIFY2(b.note.contains(QLatin1String("Content-Length: 999 in the file, set to the 22 bytes")),
             qPrintable(b.note));
    QCOMPARE(b.responseStatus, 303);
    QCOMPARE(b.responseBody, QByteArray());

    // HTTP/1.1 with its own Host; the fragment is not part of the target.
    const CapturedRequest &c = list.at(2);
    QVERIFY(!c.tls);
    QCOMPARE(c.request.method().toByteArray(), QByteArray("GET"));
    QCOMPARE(c.request.target().toByteArray(), QByteArray("/img/logo.png"));
    QCOMPARE(headersOf(c.request), (Fields{{"Accept", "image/avif,image/webp,*/*"},
                                           {"Connection", "keep-alive"},
                                           {"Host", "localhost:8080"},
                                           {"Referer", "http://localhost:8080/"}}));
    QCOMPARE(c.request.body(), QByteArray());
    QCOMPARE(c.note, QString()); // nothing was added or changed
    QCOMPARE(c.recordedVersion, QByteArray());
    QCOMPARE(c.responseBody, QByteArray::fromHex("89504e470d0a1a0a"));
}

void TstHarImport::firefoxSample()
{
    const QList<CapturedRequest> list = importSample("firefox.har");
    QCOMPARE(list.size(), 2);
    const CapturedRequest &a = list.at(0);
    QCOMPARE(a.receivedAtMs, utcMs(2024, 3, 5, 10, 20, 0, 456)); // +01:00
    QVERIFY(a.tls);
    QCOMPARE(a.request.method().toByteArray(), QByteArray("PUT"));
    QCOMPARE(a.request.target().toByteArray(), QByteArray("/api/items/7"));
    QCOMPARE(headersOf(a.request),
             (Fields{{"Host", "example.org"},
                     {"User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0"},
                     {"Accept", "*/*"},
                     {"Content-Type", "text/plain;charset=UTF-8"},
                     {"Content-Length", "13"},
                     {"X-Trace", "1"},
                     {"X-Trace", "2"},
                     {"TE", "trailers"}}));
    QCOMPARE(a.request.body(), QByteArray("h\xc3\xa9llo w\xc3\xb6rld"));
    QCOMPARE(a.responseStatus, 204);
    QCOMPARE(a.responseHeaders.size(), 2);

    const CapturedRequest &b = list.at(1);
    QCOMPARE(b.request.target().toByteArray(), QByteArray("/download?name=r%C3%A9sum%C3%A9.bin&v=2"));
    QCOMPARE(headersOf(b.request), (Fields{{"Host", "example.org"}, {"Accept", "application/octet-stream"}}));
    QCOMPARE(b.responseBody, QByteArray::fromHex("00ff807f0102"));
}

void TstHarImport::fiddlerSample()
{
    const QList<CapturedRequest> list = importSample("fiddler.har");
    QCOMPARE(list.size(), 2);
    // The body was de-chunked by Fiddler: Transfer-Encoding goes, Content-Length is added.
    const CapturedRequest &a = list.at(0);
    QCOMPARE(a.receivedAtMs, utcMs(2024, 3, 5, 10, 30, 5, 123)); // seven fraction digits
    QVERIFY(!a.tls);
    QCOMPARE(a.request.method().toByteArray(), QByteArray("POST"));
    QCOMPARE(a.request.target().toByteArray(), QByteArray("/webhook/github"));
    QCOMPARE(headersOf(a.request), (Fields{{"Host", "localhost:5000"},
                                           {"User-Agent", "GitHub-Hookshot/abc1234"},
                                           {"Content-Type", "application/xml"},
                                           {"X-Dup", "1"},
                                           {"X-Dup", "2"},
                                           {"Content-Length", "31"}}));
    QVERIFY(!a.request.isChunked());
    QCOMPARE(a.request.body(), QByteArray("<push><ref>main</ref></push>\r\n\t"));
    QCOMPARE(a.responseStatus, 200);
    QCOMPARE(a.responseBody, QByteArray("ok"));

    const CapturedRequest &b = list.at(1);
    QCOMPARE(b.receivedAtMs, utcMs(2024, 3, 5, 10, 30, 6, 999));
    QCOMPARE(b.request.httpVersion().toByteArray(), QByteArray("HTTP/1.0"));
    QCOMPARE(b.request.target().toByteArray(), QByteArray("/status.cgi?x=1"));
    QCOMPARE(b.responseStatus, 502);
    QCOMPARE(b.responseHeaders, Fields());
}

void TstHarImport::charlesSample()
{
    const QList<CapturedRequest> list = importSample("charles.har");
    QCOMPARE(list.size(), 2);
    const CapturedRequest &a = list.at(0);
    QCOMPARE(a.receivedAtMs, utcMs(2024, 3, 5, 17, 0, 0, 789)); // -05:00
    QVERIFY(a.tls);
    QCOMPARE(a.request.method().toByteArray(), QByteArray("POST"));
    QCOMPARE(a.request.target().toByteArray(), QByteArray("/upload?id=9"));
    QCOMPARE(headersOf(a.request), (Fields{{"Host", "hooks.example.net"},
                                           {"content-type", "application/octet-stream"},
                                           {"x-signature", "sha256=00ff"},
                                           {"Content-Length", "8"}}));
    QCOMPARE(a.request.body(), QByteArray::fromHex("000102fdfeff8081"));         // base64 postData
    QCOMPARE(a.responseHeaders, (Fields{{"content-type", "application/json"}})); // ":status" dropped
    QCOMPARE(a.responseBody, QByteArray("{\"stored\":true}"));

    const CapturedRequest &b = list.at(1);
    QCOMPARE(b.request.method().toByteArray(), QByteArray("DELETE"));
    QCOMPARE(b.request.target().toByteArray(), QByteArray("/items/3"));
    QCOMPARE(headersOf(b.request),
             (Fields{{"Host", "api.example.net:8081"}, {"Authorization", "Bearer t0ken"}, {"Content-Length", "0"}}));
    QCOMPARE(b.responseStatus, 404);
    QCOMPARE(b.responseBody, QByteArray("not found"));
}

void TstHarImport::httpToolkitSample()
{
    const QList<CapturedRequest> list = importSample("httptoolkit.har");
    QCOMPARE(list.size(), 3);
    const CapturedRequest &a = list.at(0);
    QCOMPARE(a.receivedAtMs, utcMs(2024, 3, 5, 12, 30, 0, 50));
    QCOMPARE(a.request.target().toByteArray(), QByteArray("/hooks/stripe"));
    QCOMPARE(headersOf(a.request), (Fields{{"host", "localhost:3000"},
                                           {"content-type", "application/x-www-form-urlencoded"},
                                           {"content-length", "26"},
                                           {"stripe-signature", "t=1709641800,v1=5257a869"}}));
    QCOMPARE(a.request.body(), QByteArray("type=charge.succeeded&id=1"));
    QCOMPARE(a.responseBody, QByteArray("received"));

    // A body that is not UTF-8 sits in `_content`, not postData.
    const CapturedRequest &b = list.at(1);
    QVERIFY(b.tls);
    QCOMPARE(b.request.method().toByteArray(), QByteArray("PATCH"));
    QCOMPARE(
        headersOf(b.request),
        (Fields{{"Host", "files.example.com"}, {"content-type", "application/octet-stream"}, {"Content-Length", "4"}}));
    QCOMPARE(b.request.body(), QByteArray::fromHex("fffe0001"));
    QCOMPARE(b.responseHeaders, (Fields{{"content-type", "application/octet-stream"}}));
    QCOMPARE(b.responseBody, QByteArray::fromHex("808182"));

    // A body HTTP Toolkit discarded: the request keeps its headers as recorded, and says the
    // body is not in the file (issue 12: it was silently framed for no body); no answer.
    const CapturedRequest &c = list.at(2);
    QCOMPARE(headersOf(c.request),
             (Fields{{"host", "localhost:3000"}, {"content-type", "application/zip"}, {"content-length", "600000"}}));
    QCOMPARE(c.request.body(), QByteArray());
    QCOMPARE(c.missingBodyBytes(), 600000);
    QVERIFY2(c.note.contains(QLatin1String("Body not in HAR")), qPrintable(c.note));
    QCOMPARE(c.responseStatus, 0);
}

void TstHarImport::foreignFraming()
{
    const auto import = [](const QJsonObject &entry) {
        QList<CapturedRequest> list;
        QString error;
        if (!importHar(document({entry}), &list, &error))
            qWarning("%s", qPrintable(error));
        return list.value(0);
    };
    QJsonObject e = goodEntry();
    QJsonObject request = obj(e, "request");

    // No Host and no :authority: Host from the URL (without userinfo), first.
    request[QStringLiteral("url")] = QStringLiteral("https://user:pw@h.test:8443?x=1#frag");
    request[QStringLiteral("headers")] = nameValues({{QStringLiteral("Transfer-Encoding"), QStringLiteral("chunked")},
                                                     {QStringLiteral("Content-Length"), QStringLiteral("1")},
                                                     {QStringLiteral("content-length"), QStringLiteral("2")}});
    e[QStringLiteral("request")] = request;
    CapturedRequest c = import(e);
    QCOMPARE(c.request.target().toByteArray(), QByteArray("/?x=1"));
    QCOMPARE(headersOf(c.request),
             (Fields{{"Host", "h.test:8443"}, {"Content-Length", "5"}, {"Content-Type", "text/plain"}}));
    QCOMPARE(c.request.body(), QByteArray("hello"));
    QVERIFY(c.tls);

    // A form given only as params; a path-only URL; HTTP/1.0 kept; the mimeType becomes Content-Type.
    request[QStringLiteral("url")] = QStringLiteral("/form");
    request[QStringLiteral("httpVersion")] = QStringLiteral("http/1.0");
    request[QStringLiteral("headers")] = QJsonArray();
    request[QStringLiteral("postData")] = QJsonObject{
        {QStringLiteral("mimeType"), QStringLiteral("application/x-www-form-urlencoded")},
        {QStringLiteral("params"),
         nameValues({{QStringLiteral("a"), QStringLiteral("1")}, {QStringLiteral("b"), QStringLiteral("x%20y")}})}};
    e[QStringLiteral("request")] = request;
    c = import(e);
    QCOMPARE(c.request.httpVersion().toByteArray(), QByteArray("HTTP/1.0"));
    QCOMPARE(c.request.target().toByteArray(), QByteArray("/form"));
    QCOMPARE(headersOf(c.request),
             (Fields{{"Content-Type", "application/x-www-form-urlencoded"}, {"Content-Length", "11"}}));
    QCOMPARE(c.request.body(), QByteArray("a=1&b=x%20y"));

    // A CONNECT entry: the target is the authority.
    request[QStringLiteral("method")] = QStringLiteral("CONNECT");
    request[QStringLiteral("url")] = QStringLiteral("https://tunnel.test:443");
    request.remove(QStringLiteral("postData"));
    e[QStringLiteral("request")] = request;
    c = import(e);
    QCOMPARE(c.request.target().toByteArray(), QByteArray("tunnel.test:443"));
    QCOMPARE(headersOf(c.request), (Fields{{"Host", "tunnel.test:443"}}));
}

void TstHarImport::multiLineValuesAreSplit()
{
    // Firebug joined the Set-Cookie lines of one response: the file used to be refused whole.
    QList<CapturedRequest> list;
    QString error;
    Session::HarReadSummary summary;
    QFile file(QStringLiteral(HOOKSCOPE_TEST_DATA "/har/firebug-multiline.har"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY2(importHar(file.readAll(), &list, &error, &summary), qPrintable(error));
    QCOMPARE(list.size(), 2);
    const CapturedRequest &a = list.at(0);
    QCOMPARE(a.responseHeaders, (Fields{{"Date", "Mon, 14 Mar 2011 08:12:01 GMT"},
                                        {"Set-Cookie", "sid=9f2; path=/"},
                                        {"Set-Cookie", "cart=1; path=/cart"},
                                        {"Set-Cookie", "seen=yes; expires=Tue, 15-Mar-2011 08:12:01 GMT"},
                                        {"Content-Type", "text/html; charset=utf-8"}}));
    // A request header joined the same way was two field lines on the wire, and is again.
    QCOMPARE(headersOf(a.request).mid(5, 2),
             (Fields{{"X-Forwarded-For", "10.0.0.1"}, {"X-Forwarded-For", "10.0.0.2"}}));
    QVERIFY2(
        a.note.contains(QLatin1String("Set-Cookie: a value of several lines in the file, split into 3 header lines")),
        qPrintable(a.note));
    QVERIFY2(a.note.contains(QLatin1String("X-Forwarded-For: a value of several lines")), qPrintable(a.note));
    QCOMPARE(list.at(1).note, QString()); // the other entry needed nothing
    QCOMPARE(summary.splitValues, 1);     // entries, for the window's message
    QCOMPARE(summary.withNotes, 1);
}

void TstHarImport::multiLineRequestValue()
{
    // CRLF, LF, blank lines and spaces around: each line that says something is a field line.
    QJsonObject e =
        withRequestHeaders(goodEntry(), nameValues({{QStringLiteral("Host"), QStringLiteral("h")},
                                                    {QStringLiteral("X-A"), QStringLiteral("a\r\n\n b \nc")}}));
    CapturedRequest c = importOne(e);
    QCOMPARE(headersOf(c.request), (Fields{{"Host", "h"},
                                           {"X-A", "a"},
                                           {"X-A", "b"},
                                           {"X-A", "c"},
                                           {"Content-Type", "text/plain"},
                                           {"Content-Length", "5"}}));
    // A line break cannot smuggle a header of another name in: it stays a value of X-A.
    e = withRequestHeaders(goodEntry(), nameValues({{QStringLiteral("Host"), QStringLiteral("h")},
                                                    {QStringLiteral("X-A"), QStringLiteral("1\nX-Injected: 1")}}));
    c = importOne(e);
    QCOMPARE(c.request.headerValue("X-Injected").toByteArray(), QByteArray());
    QCOMPARE(headersOf(c.request).mid(1, 2), (Fields{{"X-A", "1"}, {"X-A", "X-Injected: 1"}}));
}

void TstHarImport::urlIsTheTruth()
{
    const QList<CapturedRequest> list = importSample("firebug-host.har");
    QCOMPARE(list.size(), 2);
    // The Host header named where a proxy sent it; the URL names the host the request was for.
    const CapturedRequest &a = list.at(0);
    QVERIFY(a.tls);
    QCOMPARE(a.request.target().toByteArray(), QByteArray("/github?delivery=42"));
    QCOMPARE(a.request.headerValue("Host").toByteArray(), QByteArray("hooks.example.org"));
    QCOMPARE(headersOf(a.request).at(0).first, QByteArray("Host")); // where the file had it
    QCOMPARE(str(obj(entryOf(exportHar({a})), "request"), "url"),
             QStringLiteral("https://hooks.example.org/github?delivery=42"));
    QVERIFY2(a.note.contains(QLatin1String("Host: localhost:8080 in the file, but the URL names hooks.example.org")),
             qPrintable(a.note));
    // The same host in other words (case, the default port) is no difference: kept as written.
    const CapturedRequest &b = list.at(1);
    QCOMPARE(b.request.headerValue("Host").toByteArray(), QByteArray("HOOKS.example.org"));
    QCOMPARE(b.note, QString());
}

void TstHarImport::versionKeptAndHostMarked()
{
    const QList<CapturedRequest> list = importSample("http2-synthesised.har");
    QCOMPARE(list.size(), 2);
    const CapturedRequest &a = list.at(0);
    QCOMPARE(a.recordedVersion, QByteArray("HTTP/2"));
    QCOMPARE(a.request.httpVersion().toByteArray(), QByteArray("HTTP/1.1"));
    QCOMPARE(headersOf(a.request), (Fields{{"Host", "api.example.com"},
                                           {"content-type", "application/json"},
                                           {"x-request-id", "r-1"},
                                           {"Content-Length", "8"}}));
    const QStringList notes = a.note.split(QLatin1Char('\n'));
    QVERIFY2(notes.contains(QLatin1String("Host: api.example.com added by Hookscope (HTTP/2 and HTTP/3 carry it as "
                                          ":authority)")),
             qPrintable(a.note));
    QVERIFY2(notes.contains(QLatin1String("Content-Length: 8 added by Hookscope (not in the file)")),
             qPrintable(a.note));
    QVERIFY2(notes.contains(QLatin1String("Recorded as HTTP/2; the head is shown rebuilt as HTTP/1.1")),
             qPrintable(a.note));
    // Exported again, the version is the one recorded.
    QCOMPARE(str(obj(entryOf(exportHar({a})), "request"), "httpVersion"), QStringLiteral("HTTP/2"));

    // No Host and no :authority: Host comes from the URL, and the note says it was not in the file.
    const CapturedRequest &b = list.at(1);
    QCOMPARE(b.recordedVersion, QByteArray("h3"));
    QCOMPARE(headersOf(b.request), (Fields{{"Host", "cdn.example.com"}, {"accept", "*/*"}}));
    QVERIFY2(b.note.contains(QLatin1String("Host: cdn.example.com added by Hookscope from the URL (not in the file)")),
             qPrintable(b.note));
}

void TstHarImport::bodyNotInHar()
{
    Session::HarReadSummary summary;
    QList<CapturedRequest> list;
    QString error;
    QFile file(QStringLiteral(HOOKSCOPE_TEST_DATA "/har/body-not-in-har.har"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY2(importHar(file.readAll(), &list, &error, &summary), qPrintable(error));
    QCOMPARE(list.size(), 1);
    const CapturedRequest &a = list.at(0);
    QCOMPARE(a.request.headerValue("Content-Length").toByteArray(), QByteArray("966")); // as recorded, not 0
    QCOMPARE(a.request.body(), QByteArray());
    QCOMPARE(a.missingBodyBytes(), 966);
    QCOMPARE(a.note, QStringLiteral("Body not in HAR: Content-Length: 966 as recorded, but the file holds no body"));
    QCOMPARE(summary.bodiesNotInHar, 1);
    // A Content-Length of 0, or a body that is there, is no missing body.
    QCOMPARE(importSample("charles.har").at(1).missingBodyBytes(), 0);
    QCOMPARE(importSample("firefox.har").at(0).missingBodyBytes(), 0);
}

void TstHarImport::notesSurviveTheSessionAndExport()
{
    // Imported, saved, read back, exported and imported again: the version, the note and the
    // missing body stay what the first import said.
    QList<CapturedRequest> imported = importSample("http2-synthesised.har");
    imported += importSample("body-not-in-har.har");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.hookscope"));
    writeSession(path, imported);
    Session::SessionReader reader;
    QCOMPARE(reader.open(path).problem, Session::FileProblem::None);
    QList<CapturedRequest> stored;
    QVERIFY(reader.forEach([&](Session::CapturedRequestPtr r) {
        stored.append(*r);
        return true;
    }));
    const auto sameAsImported = [&imported](const QList<CapturedRequest> &list) {
        QCOMPARE(list.size(), 3);
        for (qsizetype i = 0; i < 3; ++i) {
            QCOMPARE(list.at(i).recordedVersion, imported.at(i).recordedVersion);
            QCOMPARE(list.at(i).note, imported.at(i).note);
            QCOMPARE(list.at(i).request.rawHead(), imported.at(i).request.rawHead());
        }
        QCOMPARE(list.at(2).missingBodyBytes(), 966);
    };
    sameAsImported(stored);
    if (QTest::currentTestFailed())
        return;
    QList<CapturedRequest> again;
    QString error;
    QVERIFY2(importHar(exportHar(stored), &again, &error), qPrintable(error));
    sameAsImported(again);
}

void TstHarImport::duplicatesFound()
{
    QList<CapturedRequest> first = importSample("chrome.har");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.hookscope"));
    writeSession(path, first);
    Session::SessionReader reader;
    QCOMPARE(reader.open(path).problem, Session::FileProblem::None);

    // The same file again: every entry is there already.
    QList<bool> present;
    QString error;
    QVERIFY2(Session::ImportDuplicates::findPresent(reader, importSample("chrome.har"), &present, &error),
             qPrintable(error));
    QCOMPARE(present, (QList<bool>{true, true, true}));

    // One field different is another delivery: the time, the method, the URL, the body.
    QList<CapturedRequest> changed = importSample("chrome.har");
    changed[0].receivedAtMs += 1;
    changed[1].request = readRequest("PUT /checkout HTTP/1.1\r\nHost: shop.example.com\r\ncontent-type: "
                                     "application/x-www-form-urlencoded\r\ncontent-length: 22\r\n\r\n"
                                     "item=42&qty=2&note=a+b");
    changed[2].request = readRequest("GET /img/logo.png HTTP/1.1\r\nAccept: image/avif,image/webp,*/*\r\n"
                                     "Connection: keep-alive\r\nHost: localhost:8081\r\n"
                                     "Referer: http://localhost:8080/\r\n\r\n");
    QVERIFY(Session::ImportDuplicates::findPresent(reader, changed, &present, &error));
    QCOMPARE(present, (QList<bool>{false, false, false}));
    QList<CapturedRequest> otherBody = importSample("chrome.har");
    otherBody[0].request = readRequest("POST /v1/events?source=web&tag=a%20b HTTP/1.1\r\nHost: api.example.com\r\n"
                                       "content-length: 2\r\n\r\n{}");
    QVERIFY(Session::ImportDuplicates::findPresent(reader, otherBody, &present, &error));
    QCOMPARE(present, (QList<bool>{false, true, true}));

    // A file that holds a delivery twice, over a session that holds it once: one is new.
    QList<CapturedRequest> twice = importSample("chrome.har").mid(2, 1);
    twice += twice;
    QVERIFY(Session::ImportDuplicates::findPresent(reader, twice, &present, &error));
    QCOMPARE(present, (QList<bool>{true, false}));
}

void TstHarImport::benchmarkDuplicates()
{
    if (!qEnvironmentVariableIsSet("HOOKSCOPE_BENCHMARKS"))
        QSKIP("a benchmark: run with HOOKSCOPE_BENCHMARKS=1 to print how long the duplicate check takes");
    // A session of 200,000 webhooks with 1 KB bodies, and a HAR of 1,000 of them imported again.
    constexpr int kSession = 200000, kImport = 1000;
    QByteArray body = "{\"event\":\"payment.succeeded\",\"pad\":\"";
    body += QByteArray(1000 - body.size() - 2, 'x') + "\"}";
    const CapturedRequest one = captured("POST /hooks/pay HTTP/1.1\r\nHost: localhost:8080\r\nContent-Type: "
                                         "application/json\r\nContent-Length: " +
                                         QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QList<CapturedRequest> records;
    for (int i = 0; i < kSession; ++i) {
        records.append(one);
        records.last().receivedAtMs += i * 7;
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.hookscope"));
    writeSession(path, records);
    QList<CapturedRequest> again;
    for (int i = 0; i < kImport; ++i)
        again.append(records.at(kSession / 2 + i));
    records.clear();

    Session::SessionReader reader;
    QCOMPARE(reader.open(path).problem, Session::FileProblem::None);
    QElapsedTimer timer;
    timer.start();
    QList<bool> present;
    QString error;
    QVERIFY(Session::ImportDuplicates::findPresent(reader, again, &present, &error));
    const qint64 checkMs = timer.elapsed();
    QCOMPARE(present.count(true), kImport);
    // What reading every request in full would cost instead (the naive check).
    timer.restart();
    qint64 all = 0;
    QVERIFY(reader.forEach([&all](Session::CapturedRequestPtr) { return ++all > 0; }));
    qInfo("duplicate check of %d entries against %d requests: %lld ms (reading every request: %lld ms)", kImport,
          kSession, checkMs, timer.elapsed());
}

QTEST_GUILESS_MAIN(TstHarImport)
#include "tst_harimport.moc"
