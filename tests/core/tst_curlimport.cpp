// Pasting a curl command into the sender: words split as a shell splits them, each option as curl
// reads it, and Hookscope's own Copy as curl read back to the same request.

#include "curltesting.h"

#include "capture/capturedcurl.h"
#include "delivery/curlimport.h"
#include "delivery/shellsplit.h"
#include "http/outgoingrequest.h"
#include "http/requestreader.h"
#include "session/capturedrequest.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using CurlTesting::headerLines;
using CurlTesting::shown;
using Delivery::CurlImport;
using Delivery::importCurl;
using Http::HeaderList;

namespace {

CurlImport imported(const char *command, const Delivery::CurlImportOptions &options = {})
{
    return importCurl(QString::fromUtf8(command), options);
}

/// What the sender would put on the wire for the message's first destination.
HeaderList wireHeaders(const Delivery::Message &m, int destination = 0)
{
    const qint64 size = m.bodyFile.isEmpty() ? m.body.size() : QFileInfo(m.bodyFile).size();
    return Http::OutgoingRequest::withDefaults(m.headers, m.destinations.value(destination), size, m.chunked, m.method);
}

QString joined(const QList<QByteArray> &words)
{
    QStringList out;
    for (const QByteArray &w : words)
        out += QLatin1Char('[') + shown(w) + QLatin1Char(']');
    return out.join(QLatin1Char(' '));
}

Session::CapturedRequest captured(const QByteArray &wire)
{
    Http::RequestReader reader;
    Session::CapturedRequest c;
    c.localPort = 8080;
    qsizetype pos = 0;
    while (pos < wire.size()) {
        const Http::RequestReader::Step step = reader.feed(QByteArrayView(wire).sliced(pos));
        pos += step.consumed;
        if (step.event == Http::RequestReader::Event::MessageComplete) {
            c.request = reader.takeRequest();
            return c;
        }
        if (step.event != Http::RequestReader::Event::HeadComplete)
            break;
    }
    qFatal("test request did not read as one message: %s", wire.toPercentEncoding().constData());
}

QByteArray withBody(const QByteArray &head, const QByteArray &body)
{
    return head + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray everyByteValue()
{
    QByteArray bytes;
    for (int b = 0; b < 256; ++b)
        bytes += char(b);
    return bytes + QByteArray(1, '\0');
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TstCurlImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rejectedRequestIsSaidToBePartial();
    void splitsLikeAShell_data();
    void splitsLikeAShell();
    void splitErrors_data();
    void splitErrors();
    void windowsContinuations();
    void printfFormats();
    void methodAndUrls();
    void headers();
    void curlAddedHeaders();
    void data();
    void dataUrlencode();
    void json();
    void form();
    void files();
    void largeFileStaysAFile();
    void getMovesDataIntoTheQuery();
    void connectionOptions();
    void optionSpellings();
    void ignoredAndUnknownOptions();
    void errors_data();
    void errors();
    void pipedBodies();
    void copyAsCurlReadsBack_data();
    void copyAsCurlReadsBack();
    void messageRoundTrip_data();
    void messageRoundTrip();
    void messageCommandShape();

private:
    QTemporaryDir m_dir;
    Delivery::CurlImportOptions m_inDir;
};

void TstCurlImport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_inDir.workingDirectory = m_dir.path();
    m_inDir.formBoundary = "------------------------0123456789abcdef";
}

void TstCurlImport::splitsLikeAShell_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QList<QByteArray>>("words");
    using W = QList<QByteArray>;
    QTest::newRow("blanks") << QByteArray(" a\tb  c ") << W{"a", "b", "c"};
    QTest::newRow("single quotes keep everything") << QByteArray(R"('a b' 'x\n$HOME"`')") << W{"a b", R"(x\n$HOME"`)"};
    QTest::newRow("adjacent quotes make one word") << QByteArray(R"(a'b'"c"d)") << W{"abcd"};
    QTest::newRow("empty quotes are a word") << QByteArray("'' \"\" x") << W{"", "", "x"};
    QTest::newRow("quote inside single quotes") << QByteArray(R"('it'\''s')") << W{"it's"};
    QTest::newRow("double-quote escapes") << QByteArray(R"("a\"b\\c\$d\`e\nf")") << W{R"(a"b\c$d`e\nf)"};
    QTest::newRow("backslash-newline in double quotes") << QByteArray("\"ab\\\ncd\"") << W{"abcd"};
    QTest::newRow("backslash outside quotes") << QByteArray(R"(a\ b \' \" \\ \x)") << W{"a b", "'", "\"", "\\", "x"};
    QTest::newRow("continuations") << QByteArray("curl \\\n  -v \\\r\n  url") << W{"curl", "-v", "url"};
    QTest::newRow("ANSI-C quoting") << QByteArray(R"($'a\nb\tc\rd\\e\'f\x41\101\0\e\u00e9\U0001F389\cA\q')")
                                    << W{QByteArray("a\nb\tc\rd\\e'fAA\0\x1b\xc3\xa9\xf0\x9f\x8e\x89\x01\\q", 24)};
    QTest::newRow("ANSI-C hex takes two digits at most") << QByteArray(R"($'\x414\xff\7')") << W{"A4\xff\x07"};
    QTest::newRow("$\"...\" is a double quote") << QByteArray(R"($"a b")") << W{"a b"};
    QTest::newRow("expansions stay as written")
        << QByteArray(R"($HOME "${X}/y" $(date) "`id`" $ a$)") << W{"$HOME", "${X}/y", "$(date)", "`id`", "$", "a$"};
    QTest::newRow("comment") << QByteArray("a # b c\nd") << W{"a", "d"};
    QTest::newRow("# inside a word") << QByteArray("a#b") << W{"a#b"};
    QTest::newRow("redirections dropped") << QByteArray("a > out.txt 2>&1 b <in c") << W{"a", "b", "c"};
    QTest::newRow("prompt") << QByteArray("$ curl x") << W{"curl", "x"};
    QTest::newRow("tilde") << QByteArray("~/a '~/b'") << W{QDir::homePath().toUtf8() + "/a", "~/b"};
}

void TstCurlImport::splitsLikeAShell()
{
    QFETCH(QByteArray, text);
    QFETCH(QList<QByteArray>, words);
    const Delivery::Shell::SplitResult r = Delivery::Shell::split(text);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QList<QByteArray> all;
    for (const auto &c : r.commands)
        all += c.words;
    QCOMPARE(joined(all), joined(words));
}

void TstCurlImport::splitErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("single") << QByteArray("curl -d 'abc") << QStringLiteral("single quote");
    QTest::newRow("double") << QByteArray("curl -d \"abc\\\"") << QStringLiteral("double quote");
    QTest::newRow("ANSI-C") << QByteArray("curl -d $'abc\\'") << QStringLiteral("$'...'");
    QTest::newRow("backtick") << QByteArray("curl -d `abc x") << QStringLiteral("backtick");
}

void TstCurlImport::splitErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    const CurlImport r = importCurl(QString::fromUtf8(text));
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(error), qPrintable(r.error));
}

void TstCurlImport::windowsContinuations()
{
    // cmd.exe: the lines after ^ are commands of their own in a POSIX shell.
    CurlImport r = imported("curl -X PUT ^\n  -H \"X-A: 1\" ^\n  https://example.com/");
    QVERIFY(!r.ok()); // the first line has no URL
    r = imported("curl https://example.com/ ^\n  -H \"X-A: 1\"");
    QVERIFY(r.ok());
    QCOMPARE(r.message.destinations.size(), 1);
    QVERIFY(!headerLines(r.message.headers).contains(QLatin1String("X-A")));
    QVERIFY2(r.warnings.join(QLatin1Char('\n')).contains(QLatin1String("Windows cmd")),
             qPrintable(r.warnings.join(QLatin1Char('\n'))));
    // PowerShell: a backtick at the end of a line.
    r = imported("curl https://example.com/ `\n  -H 'X-A: 1'");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(!headerLines(r.message.headers).contains(QLatin1String("X-A")));
    QVERIFY(r.warnings.join(QLatin1Char('\n')).contains(QLatin1String("PowerShell")));
}

void TstCurlImport::printfFormats()
{
    QByteArray out;
    QVERIFY(Delivery::Shell::printfOutput(R"(a\000\047%%\\\n\t\r\101\7x\18)", &out));
    QCOMPARE(out, QByteArray("a\0'%\\\n\t\rA\ax\x01"
                             "8",
                             13));
    QVERIFY(!Delivery::Shell::printfOutput("%s", &out));
}

void TstCurlImport::methodAndUrls()
{
    CurlImport r = imported("curl example.com/hook");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.message.method, "GET");
    QCOMPARE(r.message.destinations, QList<QUrl>{QUrl(QStringLiteral("http://example.com/hook"))});
    QVERIFY(r.warnings.isEmpty());

    r = imported("curl -d x https://a.example/1 --url https://b.example/2 http://c.example:8080");
    QCOMPARE(r.message.method, "POST");
    QCOMPARE(r.message.destinations,
             (QList<QUrl>{QUrl(QStringLiteral("https://a.example/1")), QUrl(QStringLiteral("https://b.example/2")),
                          QUrl(QStringLiteral("http://c.example:8080"))}));
    QCOMPARE(imported("curl -I http://h/").message.method, "HEAD");
    QCOMPARE(imported("curl --head http://h/").message.method, "HEAD");
    QCOMPARE(imported("curl -XDELETE http://h/").message.method, "DELETE");
    QCOMPARE(imported("curl -X PATCH -d x http://h/").message.method, "PATCH");
    QCOMPARE(imported("curl --request=PUT http://h/").message.method, "PUT");
    QCOMPARE(imported("curl -X GET -d x http://h/").message.body, "x");
    QCOMPARE(imported("/usr/bin/curl http://h/").message.destinations.size(), 1);
    QCOMPARE(imported("FOO=1 curl http://h/").message.destinations.size(), 1);
    // After "--" every word is a URL.
    QVERIFY(imported("curl http://h/ -- -H").error.contains(QLatin1String("Not a URL: http://-H")));
}

void TstCurlImport::headers()
{
    const CurlImport r = imported("curl -H 'X-Lower: a' -H 'x-lower: b' -H 'X-Lower: a' -H 'X-Space:   v  ' "
                                  "-H 'X-Empty;' -H 'X-Removed-Nothing:' -H 'Content-Type: text/plain' "
                                  "-H 'User-Agent:' -H 'Not a header' -d x http://h/");
    QVERIFY2(r.ok(), qPrintable(r.error));
    // Order, case, duplicates as given; curl's Accept first; "Name:" for a Hookscope default
    // becomes the emptied row that leaves it out; "Name;" an empty value.
    QCOMPARE(headerLines(r.message.headers),
             QStringLiteral("Accept: */*\nX-Lower: a\nx-lower: b\nX-Lower: a\nX-Space: v  \n"
                            "X-Empty: \nContent-Type: text/plain\nUser-Agent: "));
    QCOMPARE(headerLines(wireHeaders(r.message)),
             QStringLiteral("Host: h\nContent-Length: 1\nAccept: */*\nX-Lower: a\nx-lower: b\nX-Lower: a\n"
                            "X-Space: v  \nX-Empty: \nContent-Type: text/plain"));
    QVERIFY(r.warnings.join(QLatin1Char('\n')).contains(QLatin1String("Not a header")));

    // A -H that gives what the default gives anyway is left to the default.
    const CurlImport same = imported("curl -H 'Host: h' -H 'X: 1' http://h/");
    QCOMPARE(headerLines(same.message.headers), QStringLiteral("Accept: */*\nX: 1"));
    // Without a body curl sends no Content-Length, and neither does Hookscope for a GET.
    QCOMPARE(headerLines(wireHeaders(same.message)),
             QStringLiteral("Host: h\nUser-Agent: Hookscope/" HOOKSCOPE_VERSION "\nAccept: */*\nX: 1"));
    // A POST without data: curl sends no Content-Length, so the import leaves Hookscope's 0 out.
    const CurlImport post = imported("curl -X POST http://h/");
    QCOMPARE(headerLines(post.message.headers), QStringLiteral("Accept: */*\nContent-Length: "));
    QCOMPARE(headerLines(wireHeaders(post.message)),
             QStringLiteral("Host: h\nUser-Agent: Hookscope/" HOOKSCOPE_VERSION "\nAccept: */*"));
    // Another Host is kept, and emptying it removes the marker for it when a value follows.
    const CurlImport other = imported("curl -H 'Host:' -H 'X: 1' -H 'host: other' http://h/");
    QCOMPARE(headerLines(other.message.headers), QStringLiteral("Accept: */*\nX: 1\nhost: other"));
    QCOMPARE(headerLines(wireHeaders(other.message)),
             QStringLiteral("User-Agent: Hookscope/" HOOKSCOPE_VERSION "\nAccept: */*\nX: 1\nhost: other"));
}

void TstCurlImport::curlAddedHeaders()
{
    CurlImport r = imported("curl -u 'ann:s3cr:t' -A 'my-agent/1' -e https://ref.example/ -b 'a=1; b=2' -b c=3 "
                            "--compressed -H 'X: 1' http://h/");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(headerLines(r.message.headers),
             QStringLiteral("Authorization: Basic YW5uOnMzY3I6dA==\nUser-Agent: my-agent/1\nAccept: */*\n"
                            "Accept-Encoding: deflate, gzip, br\nReferer: https://ref.example/\n"
                            "Cookie: a=1; b=2; c=3\nX: 1"));
    // -H wins over the option that would add the same header; -H 'Accept:' leaves curl's out.
    r = imported("curl -u a:b -A ua -H 'authorization: Bearer t' -H 'user-agent: mine' -H 'Accept:' http://h/");
    QCOMPARE(headerLines(r.message.headers), QStringLiteral("authorization: Bearer t\nuser-agent: mine"));
    // -A '' leaves the User-Agent out, as curl does.
    r = imported("curl -A '' http://h/");
    QCOMPARE(headerLines(wireHeaders(r.message)), QStringLiteral("Host: h\nAccept: */*"));
    // Spaces around a value are not part of it: -A of spaces is no User-Agent, -e of spaces none.
    r = imported("curl -A '  ' -e $'\\t' -b ' k=v ' http://h/");
    QCOMPARE(headerLines(wireHeaders(r.message)), QStringLiteral("Host: h\nAccept: */*\nCookie: k=v"));
    r = imported("curl -u ann http://h/");
    QCOMPARE(r.message.headers.value(0).second, "Basic " + QByteArray("ann:").toBase64());
    QVERIFY(r.warnings.join(QLatin1Char('\n')).contains(QLatin1String("password")));
    r = imported("curl --oauth2-bearer tok http://h/");
    QCOMPARE(r.message.headers.value(0), (QPair<QByteArray, QByteArray>("Authorization", "Bearer tok")));
    r = imported("curl -b cookies.txt http://h/");
    QVERIFY(!headerLines(r.message.headers).contains(QLatin1String("Cookie")));
    QVERIFY(r.warnings.join(QLatin1Char('\n')).contains(QLatin1String("cookie file")));
}

void TstCurlImport::data()
{
    CurlImport r = imported("curl -d a=1 --data b=2 --data-ascii c=3 --data-raw @d --data-binary e=5 http://h/");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.message.method, "POST");
    QCOMPARE(r.message.body, "a=1&b=2&c=3&@d&e=5");
    QCOMPARE(headerLines(r.message.headers),
             QStringLiteral("Accept: */*\nContent-Type: application/x-www-form-urlencoded"));
    r = imported("curl -dx=1 -H 'Content-Type: application/json' http://h/");
    QCOMPARE(r.message.body, "x=1");
    QCOMPARE(headerLines(r.message.headers), QStringLiteral("Accept: */*\nContent-Type: application/json"));
    r = imported("curl -d '' http://h/");
    QCOMPARE(r.message.method, "POST");
    QCOMPARE(headerLines(wireHeaders(r.message)),
             QStringLiteral("Host: h\nContent-Length: 0\nUser-Agent: Hookscope/" HOOKSCOPE_VERSION
                            "\nAccept: */*\nContent-Type: application/x-www-form-urlencoded"));
    r = imported("curl -H 'Content-Type:' -d x http://h/");
    QCOMPARE(headerLines(r.message.headers), QStringLiteral("Accept: */*"));
    r = imported("curl -H 'Transfer-Encoding: chunked' -d abc http://h/");
    QVERIFY(r.message.chunked);
}

void TstCurlImport::dataUrlencode()
{
    QVERIFY(writeFile(m_dir.filePath(QStringLiteral("enc.txt")), "a b&c\n"));
    const CurlImport r = importCurl(
        QStringLiteral("curl --data-urlencode 'a b' --data-urlencode '=c&d' --data-urlencode 'name=x y/é' "
                       "--data-urlencode @enc.txt --data-urlencode 'f@enc.txt' --data-urlencode 'n=a@b' http://h/"),
        m_inDir);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.message.body, "a+b&c%26d&name=x+y%2F%C3%A9&a+b%26c%0A&f=a+b%26c%0A&n=a%40b");
}

void TstCurlImport::json()
{
    // --json pieces are joined without a separator; a -d piece after one gets its '&'.
    QCOMPARE(imported("curl -d a --json b -d c http://h/").message.body, "ab&c");
    CurlImport r = imported(R"(curl --json '{"a":' --json '1}' http://h/)");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.message.method, "POST");
    QCOMPARE(r.message.body, R"({"a":1})");
    QCOMPARE(headerLines(r.message.headers),
             QStringLiteral("Content-Type: application/json\nAccept: application/json"));
    r = imported(R"(curl --json '{}' -H 'Accept: text/plain' http://h/)");
    QCOMPARE(headerLines(r.message.headers), QStringLiteral("Accept: text/plain\nContent-Type: application/json"));
}

void TstCurlImport::form()
{
    QVERIFY(writeFile(m_dir.filePath(QStringLiteral("photo.png")), QByteArray("\x89PNG\0", 5)));
    QVERIFY(writeFile(m_dir.filePath(QStringLiteral("note.txt")), "from a file"));
    const CurlImport r = importCurl(
        QStringLiteral("curl -F name=ann -F 'photo=@photo.png' -F 'doc=@note.txt;type=text/x-note;filename=n.txt' "
                       "-F 'text=<note.txt' -F 'typed=v;type=text/csv' -F 'quoted=\"a;b\"' "
                       "--form-string 'raw=@not-a-file;type=x' http://h/upload"),
        m_inDir);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.message.method, "POST");
    const QByteArray b = m_inDir.formBoundary;
    QCOMPARE(headerLines(r.message.headers),
             QStringLiteral("Accept: */*\nContent-Type: multipart/form-data; boundary=") + QString::fromLatin1(b));
    const QByteArray d = "--" + b + "\r\nContent-Disposition: form-data; name=";
    QCOMPARE(shown(r.message.body),
             shown(QByteArray(
                 d + "\"name\"\r\n\r\nann\r\n" + d +
                 "\"photo\"; filename=\"photo.png\"\r\nContent-Type: image/png\r\n\r\n" + QByteArray("\x89PNG\0", 5) +
                 "\r\n" + d + "\"doc\"; filename=\"n.txt\"\r\nContent-Type: text/x-note\r\n\r\nfrom a file\r\n" + d +
                 "\"text\"\r\n\r\nfrom a file\r\n" + d + "\"typed\"\r\nContent-Type: text/csv\r\n\r\nv\r\n" + d +
                 "\"quoted\"\r\n\r\na;b\r\n" + d + "\"raw\"\r\n\r\n@not-a-file;type=x\r\n" + "--" + b + "--\r\n")));
    // Without a fixed boundary, one is made in curl's style.
    const CurlImport random = imported("curl -F a=1 http://h/");
    QVERIFY(random.message.headers.last().second.startsWith("multipart/form-data; boundary=------------------------"));
    QCOMPARE(random.message.headers.last().second.size(),
             qsizetype(QByteArray("multipart/form-data; boundary=").size() + 40));
}

void TstCurlImport::files()
{
    QVERIFY(writeFile(m_dir.filePath(QStringLiteral("lines.txt")), "a=1\r\n&b=2\n"));
    QVERIFY(writeFile(m_dir.filePath(QStringLiteral("bin.dat")), everyByteValue()));
    QVERIFY(writeFile(m_dir.filePath(QStringLiteral("headers.txt")), "X-One: 1\r\nX-Two: 2\n\n"));
    // -d @file takes out CR and LF; --data-binary keeps every byte; -H @file reads header lines.
    CurlImport r = importCurl(QStringLiteral("curl -d @lines.txt -H @headers.txt http://h/"), m_inDir);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.message.body, "a=1&b=2");
    QCOMPARE(headerLines(r.message.headers),
             QStringLiteral("Accept: */*\nX-One: 1\nX-Two: 2\nContent-Type: application/x-www-form-urlencoded"));
    r = importCurl(QStringLiteral("curl --data-binary @bin.dat http://h/"), m_inDir);
    QCOMPARE(r.message.body, everyByteValue());
    QVERIFY(r.message.bodyFile.isEmpty());
    r = importCurl(QStringLiteral("curl --data-binary @") + m_dir.filePath(QStringLiteral("lines.txt")) +
                   QStringLiteral(" http://h/"));
    QCOMPARE(r.message.body, "a=1\r\n&b=2\n");
    // -T: PUT with the file, its name appended to a URL that ends in '/'.
    r = importCurl(QStringLiteral("curl -T bin.dat http://h/dir/"), m_inDir);
    QCOMPARE(r.message.method, "PUT");
    QCOMPARE(r.message.body, everyByteValue());
    QCOMPARE(r.message.destinations.value(0).path(), QStringLiteral("/dir/bin.dat"));
    r = importCurl(QStringLiteral("curl -T bin.dat http://h"), m_inDir);
    QCOMPARE(r.message.destinations.value(0).path(), QStringLiteral("/bin.dat"));
    r = importCurl(QStringLiteral("curl -T bin.dat http://h/put/here"), m_inDir);
    QCOMPARE(r.message.destinations.value(0).path(), QStringLiteral("/put/here"));
    r = imported("curl -d @/dev/zero http://h/"); // would never end
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(QLatin1String("not a regular file")), qPrintable(r.error));
    r = importCurl(QStringLiteral("curl -d @missing.txt http://h/"), m_inDir);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(QLatin1String("missing.txt")), qPrintable(r.error));
}

void TstCurlImport::largeFileStaysAFile()
{
    const QString big = m_dir.filePath(QStringLiteral("big.bin"));
    QVERIFY(writeFile(big, QByteArray(1024 * 1024 + 1, 'x')));
    CurlImport r = importCurl(QStringLiteral("curl --data-binary @big.bin http://h/"), m_inDir);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.message.bodyFile, big);
    QVERIFY(r.message.body.isEmpty());
    QCOMPARE(headerLines(wireHeaders(r.message)).section(QLatin1Char('\n'), 1, 1),
             QStringLiteral("Content-Length: 1048577"));
    r = importCurl(QStringLiteral("curl -T big.bin http://h/"), m_inDir);
    QCOMPARE(r.message.bodyFile, big);
    QCOMPARE(r.message.method, "PUT");
    // Exactly at the limit it is read.
    Delivery::CurlImportOptions options = m_inDir;
    options.maxInlineFileBytes = 1024 * 1024 + 1;
    r = importCurl(QStringLiteral("curl --data-binary @big.bin http://h/"), options);
    QVERIFY(r.message.bodyFile.isEmpty());
    QCOMPARE(r.message.body.size(), 1024 * 1024 + 1);
    // Joined with other pieces, it has to be read.
    r = importCurl(QStringLiteral("curl --data-binary @big.bin -d y http://h/"), m_inDir);
    QVERIFY(r.message.bodyFile.isEmpty());
    QCOMPARE(r.message.body.size(), 1024 * 1024 + 3);
}

void TstCurlImport::getMovesDataIntoTheQuery()
{
    CurlImport r = imported("curl -G -d a=1 --data-urlencode 'q=x y' http://h/s http://h/t?z=0");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.message.method, "GET");
    QVERIFY(r.message.body.isEmpty());
    QCOMPARE(r.message.destinations.value(0).toEncoded(), "http://h/s?a=1&q=x+y");
    QCOMPARE(r.message.destinations.value(1).toEncoded(), "http://h/t?z=0&a=1&q=x+y");
    QCOMPARE(headerLines(r.message.headers), QStringLiteral("Accept: */*"));
    QCOMPARE(imported("curl -G -I -d a=1 http://h/").message.method, "HEAD");
}

void TstCurlImport::connectionOptions()
{
    CurlImport r = imported("curl -k --max-time 2.5 --connect-timeout 3 --retry 4 --noproxy '*' https://h/");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.message.client.tls.insecure);
    QCOMPARE(r.message.client.totalTimeoutMs, 2500);
    QCOMPARE(r.message.client.connectTimeoutMs, 3000);
    QCOMPARE(r.message.retry.maxAttempts, 5);
    QVERIFY(!r.message.client.useEnvironmentProxy);
    QVERIFY(r.warnings.isEmpty());

    r = imported("curl -m 7 -x http://proxy:3128 --noproxy example.com http://h/");
    QCOMPARE(r.message.client.totalTimeoutMs, 7000);
    QVERIFY(r.message.client.useEnvironmentProxy);
    const QString warnings = r.warnings.join(QLatin1Char('\n'));
    QVERIFY2(warnings.contains(QLatin1String("--proxy http://proxy:3128")), qPrintable(warnings));
    QVERIFY2(warnings.contains(QLatin1String("--noproxy example.com")), qPrintable(warnings));
    const Delivery::Message defaults;
    r = imported("curl http://h/");
    QCOMPARE(r.message.client.totalTimeoutMs, defaults.client.totalTimeoutMs);
    QCOMPARE(r.message.retry.maxAttempts, 1);
    QVERIFY(!r.message.client.tls.insecure);
}

void TstCurlImport::optionSpellings()
{
    // Combined short flags, a value attached to the last one, --opt=value, --no-... negations.
    const CurlImport r = imported("curl -sSkL -XPUT -HX-A:1 -dv --max-time=9 --no-progress-meter --no-insecure "
                                  "-iv -o /dev/null http://h/");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.message.method, "PUT");
    QVERIFY(r.message.client.tls.insecure); // --no-insecure is curl's default, not a reset here
    QCOMPARE(r.message.client.totalTimeoutMs, 9000);
    QCOMPARE(r.message.body, "v");
    QCOMPARE(headerLines(r.message.headers),
             QStringLiteral("Accept: */*\nX-A: 1\nContent-Type: application/x-www-form-urlencoded"));
    // Only -L earns a warning: -s, -S, -i, -v and -o change what curl prints.
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY2(r.warnings.first().contains(QLatin1String("-L")), qPrintable(r.warnings.first()));
}

void TstCurlImport::ignoredAndUnknownOptions()
{
    const CurlImport r = imported("curl --cacert ca.pem --frobnicate -Z --http2 -0 --request-target '*' "
                                  "-K my.conf http://h/");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.message.destinations.size(), 1); // ca.pem was taken as --cacert's value, not a URL
    const QString warnings = r.warnings.join(QLatin1Char('\n'));
    for (const char *expected :
         {"--cacert", "--frobnicate", "-Z", "--http2", "HTTP/1.0", "--request-target", "my.conf"})
        QVERIFY2(warnings.contains(QLatin1String(expected)), qPrintable(QLatin1String(expected) + warnings));
    // Separate commands are left out, with a warning.
    const CurlImport two = imported("export T=1; curl http://h/ && echo done");
    QVERIFY2(two.ok(), qPrintable(two.error));
    QVERIFY(two.warnings.join(QLatin1Char('\n')).contains(QLatin1String("Only the curl command")));
    // $VARIABLES are left as written and named.
    const CurlImport vars = imported("curl -H \"Authorization: Bearer $TOKEN\" http://h/");
    QCOMPARE(vars.message.headers.value(1).second, "Bearer $TOKEN");
    QVERIFY(vars.warnings.join(QLatin1Char('\n')).contains(QLatin1String("$TOKEN")));
}

void TstCurlImport::errors_data()
{
    QTest::addColumn<QByteArray>("command");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << QByteArray("") << QStringLiteral("not a curl command");
    QTest::newRow("wget") << QByteArray("wget http://h/") << QStringLiteral("not a curl command");
    QTest::newRow("no URL") << QByteArray("curl -v") << QStringLiteral("no URL");
    QTest::newRow("value missing") << QByteArray("curl http://h/ -H") << QStringLiteral("-H needs a value");
    QTest::newRow("long value missing") << QByteArray("curl http://h/ --data") << QStringLiteral("--data needs");
    QTest::newRow("form and data") << QByteArray("curl -F a=1 -d b http://h/") << QStringLiteral("-F cannot");
    QTest::newRow("form without =") << QByteArray("curl -F a http://h/") << QStringLiteral("name=value");
    QTest::newRow("bad number") << QByteArray("curl -m soon http://h/") << QStringLiteral("needs a number");
    QTest::newRow("ftp") << QByteArray("curl ftp://h/f") << QStringLiteral("http and https");
}

void TstCurlImport::errors()
{
    QFETCH(QByteArray, command);
    QFETCH(QString, error);
    const CurlImport r = importCurl(QString::fromUtf8(command));
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(error, Qt::CaseInsensitive), qPrintable(r.error));
}

void TstCurlImport::pipedBodies()
{
    CurlImport r = imported(R"(printf 'a\000b\047\\%%\n' | curl --data-binary @- http://h/)");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.message.body, QByteArray("a\0b'\\%\n", 7));
    QVERIFY(r.warnings.isEmpty());
    r = imported("echo '{\"a\":1}' | curl --json @- http://h/");
    QCOMPARE(r.message.body, "{\"a\":1}\n");
    r = imported("echo -n 'x\ny' | curl -d @- http://h/");
    QCOMPARE(r.message.body, "xy");
    r = imported("jq -c . event.json | curl --data-binary @- http://h/");
    QVERIFY(r.ok());
    QVERIFY(r.message.body.isEmpty());
    QVERIFY(r.warnings.join(QLatin1Char('\n')).contains(QLatin1String("jq -c")));
    r = imported("curl --data-binary @- http://h/");
    QVERIFY(r.warnings.join(QLatin1Char('\n')).contains(QLatin1String("standard input")));
}

// Copy as curl of a captured request, pasted back: the same method, target, header lines (order,
// case, duplicates) and body bytes as the sender would put them on the wire.
void TstCurlImport::copyAsCurlReadsBack_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::newRow("json post") << withBody("POST /github?delivery=42 HTTP/1.1\r\nHost: hooks.example\r\n"
                                           "User-Agent: GitHub-Hookshot/4f2a\r\nAccept: */*\r\n"
                                           "X-GitHub-Event: push\r\nContent-Type: application/json\r\n",
                                           R"({"ref":"refs/heads/main","msg":"it's 100% done \\o/ $HOME `id` !!"})");
    QTest::newRow("every byte value") << withBody(
        "POST /upload HTTP/1.1\r\nHost: h\r\nContent-Type: application/octet-stream\r\n", everyByteValue());
    QTest::newRow("tabs, CRLF, final newline")
        << withBody("POST /p HTTP/1.1\r\nHost: h\r\n", "{\n\t\"a\": 1,\r\n  \"b\": [\"x\\ny\", \"%d %s\"]\n}\n");
    QTest::newRow("UTF-8 body") << withBody("POST /s HTTP/1.1\r\nHost: h\r\n",
                                            "{\"note\": \"caf\xc3\xa9 \xe2\x82\xac\"}");
    QTest::newRow("body starting with dashes")
        << withBody("POST /f HTTP/1.1\r\nHost: h\r\n", "--xyz\r\nv\r\n--xyz--\r\n");
    QTest::newRow("body starting with @") << withBody("POST /at HTTP/1.1\r\nHost: h\r\n", "@/etc/hostname");
    QTest::newRow("shell metacharacters in headers") << withBody(
        "POST /meta HTTP/1.1\r\nHost: h\r\nX-Quote: it's \"quoted\" ''\r\nX-Backslash: C:\\dir\\n\\x41\\\r\n"
        "X-Dollar: $HOME ${PATH} $(id) $'x'\r\nX-Backtick: `uname -a`\r\nX-Bang: hi! !! !$\r\n"
        "X-Glob: *?[a]{b,c}~ ~root\r\nX-Ops: a; b & c | d > e < f && g || h #\r\n"
        "X-Odd!#$%&'*+.^_`|~: v\r\n",
        "ok");
    QTest::newRow("no User-Agent or Accept") << QByteArray("GET /bare HTTP/1.1\r\nHost: h\r\n\r\n");
    QTest::newRow("no Host") << QByteArray("GET /nohost HTTP/1.1\r\nX-Only: 1\r\n\r\n");
    QTest::newRow("Host not first, twice") << QByteArray("GET /hosts HTTP/1.1\r\nX-Before: 1\r\nhost: first.example\r\n"
                                                         "X-Mid: 2\r\nHOST: second.example\r\n\r\n");
    QTest::newRow("duplicates") << QByteArray(
        "POST /dup HTTP/1.1\r\nHost: h\r\nX-Dup: one\r\nx-dup: two\r\nX-Dup: one\r\n"
        "Accept: a/b\r\nAccept: c/d\r\nUser-Agent: ua1\r\nUser-Agent: ua2\r\n"
        "Cookie: x=1\r\nCookie: y=2\r\nContent-Length: 0\r\n\r\n");
    QTest::newRow("empty values, not of defaults")
        << QByteArray("POST /empty HTTP/1.1\r\nHost: h\r\nX-Empty:\r\nAccept:\r\nContent-Type:\r\nExpect:\r\n"
                      "Content-Length: 3\r\n\r\nabc");
    QTest::newRow("query") << QByteArray(
        "GET /a/b?x=1&p=%2Fetc%2Fpasswd&q=a+b%20c&e=&&f?g HTTP/1.1\r\nHost: h\r\n\r\n");
    QTest::newRow("PUT, Content-Length 0") << QByteArray("PUT /e HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
    QTest::newRow("POST without body or length") << QByteArray("POST /n HTTP/1.1\r\nHost: h\r\n\r\n");
    QTest::newRow("browser GET") << QByteArray("GET /s?x=1 HTTP/1.1\r\nHost: h\r\nUser-Agent: Mozilla/5.0 (X11)\r\n"
                                               "Accept: text/html,*/*;q=0.8\r\nAccept-Encoding: gzip, br\r\n"
                                               "Connection: keep-alive\r\n\r\n");
    QTest::newRow("GET with a body") << withBody("GET /search HTTP/1.1\r\nHost: h\r\n", R"({"q":"hello"})");
    QTest::newRow("HEAD") << QByteArray("HEAD /h HTTP/1.1\r\nHost: h\r\n\r\n");
    QTest::newRow("PATCH") << withBody("PATCH /i/7 HTTP/1.1\r\nHost: h\r\n", R"({"name":null})");
    QTest::newRow("method with a quote") << QByteArray("IT'S-A-METHOD /x HTTP/1.1\r\nHost: h\r\n\r\n");
    QTest::newRow("non-UTF-8 and invisible characters in values")
        << QByteArray("POST /latin HTTP/1.1\r\nHost: h\r\nX-Latin1: caf\xe9\r\nX-Bytes: \x80\x81\xfe\xff\r\n"
                      "X-Tab: a\tb\r\nX-Bidi: \xe2\x80\xae txt\r\nX-Nbsp: a\xc2\xa0"
                      "b\r\nX-C1: \xc2\x9b[31m\r\nX-Quote: it's \xff\\\r\nContent-Length: 0\r\n\r\n");
    QTest::newRow("Expect") << withBody("POST /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n", "hello");
    QTest::newRow("chunked") << "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\n" +
                                    QByteArray("\0\xff", 2) + "\r\n0\r\n\r\n";
    QTest::newRow("large text body") << withBody("POST /big HTTP/1.1\r\nHost: h\r\n",
                                                 QByteArray(100 * 1024, 'a') + "\n'quoted' 100%\n");
}

void TstCurlImport::copyAsCurlReadsBack()
{
    QFETCH(QByteArray, wire);
    const Session::CapturedRequest c = captured(wire);
    const Http::Request &r = c.request;
    const QUrl base(QStringLiteral("http://127.0.0.1:8080"));
    for (const bool multiline : {false, true}) {
        Delivery::CurlOptions options;
        options.multiline = multiline;
        const QString command = Delivery::curlCommand(Capture::curlSource(c), base, options);
        const CurlImport back = importCurl(command);
        QVERIFY2(back.ok(), qPrintable(back.error + QLatin1Char('\n') + command));
        QVERIFY2(back.warnings.isEmpty(),
                 qPrintable(back.warnings.join(QLatin1Char('\n')) + QLatin1Char('\n') + command));
        const Delivery::Message &m = back.message;
        QCOMPARE(m.method, r.method().toByteArray());
        QCOMPARE(m.destinations.size(), 1);
        QCOMPARE(Http::OutgoingRequest::to(m.destinations.first()).target, r.target().toByteArray());
        QCOMPARE(Http::OutgoingRequest::hostOf(m.destinations.first()), "127.0.0.1:8080");
        QCOMPARE(headerLines(wireHeaders(m)), headerLines(r));
        QCOMPARE(m.chunked, r.isChunked());
        QCOMPARE(shown(m.body), shown(r.body()));
    }
}

void TstCurlImport::messageRoundTrip_data()
{
    QTest::addColumn<Delivery::Message>("message");
    Delivery::Message m;
    m.method = "POST";
    m.destinations = {QUrl(QStringLiteral("https://a.example/hooks?x=1")), QUrl(QStringLiteral("http://[::1]:9000/h"))};
    m.headers = {{"Content-Type", "application/json"}, {"X-Dup", "1"}, {"x-dup", "2"}, {"X-Empty", ""}};
    m.body = R"({"id":"{{uuid}}","s":"it's"})";
    QTest::newRow("fan-out with JSON") << m;

    m = {};
    m.method = "GET";
    m.destinations = {QUrl(QStringLiteral("http://h:8080/status"))};
    QTest::newRow("bare GET") << m;

    m.method = "DELETE";
    m.headers = {{"User-Agent", ""}, {"Accept", "*/*"}, {"Content-Length", ""}, {"Host", ""}};
    QTest::newRow("defaults left out") << m;

    m = {};
    m.destinations = {QUrl(QStringLiteral("http://h/"))};
    m.headers = {{"X-A", "1"}, {"Host", "virtual.example"}, {"User-Agent", "Stripe/1.0"}, {"Content-Length", "99"}};
    m.body = everyByteValue();
    m.client.tls.insecure = true;
    m.client.totalTimeoutMs = 2500;
    m.client.connectTimeoutMs = 1000;
    m.client.useEnvironmentProxy = false;
    m.retry.maxAttempts = 4;
    QTest::newRow("binary, own Host, options") << m;

    m = {};
    m.method = "PUT";
    m.destinations = {QUrl(QStringLiteral("http://h/chunks"))};
    m.headers = {{"Content-Type", "text/plain"}};
    m.body = "line one\nline two\n";
    m.chunked = true;
    QTest::newRow("chunked") << m;

    m.chunked = false;
    m.method = "HEAD";
    m.body.clear();
    QTest::newRow("HEAD") << m;

    m = {};
    m.destinations = {QUrl(QStringLiteral("http://h/empty"))};
    QTest::newRow("POST, empty body") << m;
}

void TstCurlImport::messageRoundTrip()
{
    QFETCH(Delivery::Message, message);
    for (const bool multiline : {false, true}) {
        Delivery::CurlOptions options;
        options.multiline = multiline;
        const QString command = Delivery::curlCommand(message, options);
        const CurlImport back = importCurl(command);
        QVERIFY2(back.ok(), qPrintable(back.error + QLatin1Char('\n') + command));
        QVERIFY2(back.warnings.isEmpty(),
                 qPrintable(back.warnings.join(QLatin1Char('\n')) + QLatin1Char('\n') + command));
        const Delivery::Message &m = back.message;
        QCOMPARE(m.method, message.method);
        QCOMPARE(m.destinations, message.destinations);
        QVERIFY2(headerLines(m.headers) == headerLines(message.headers),
                 qPrintable(headerLines(m.headers) + QLatin1String("\n---\n") + headerLines(message.headers) +
                            QLatin1Char('\n') + command));
        QCOMPARE(shown(m.body), shown(message.body));
        QCOMPARE(m.chunked, message.chunked);
        QCOMPARE(m.client.tls.insecure, message.client.tls.insecure);
        QCOMPARE(m.client.totalTimeoutMs, message.client.totalTimeoutMs);
        QCOMPARE(m.client.connectTimeoutMs, message.client.connectTimeoutMs);
        QCOMPARE(m.client.useEnvironmentProxy, message.client.useEnvironmentProxy);
        QCOMPARE(m.retry.maxAttempts, message.retry.maxAttempts);
        for (int d = 0; d < m.destinations.size(); ++d)
            QCOMPARE(headerLines(wireHeaders(m, d)), headerLines(wireHeaders(message, d)));
    }
}

void TstCurlImport::messageCommandShape()
{
    Delivery::Message m;
    m.destinations = {QUrl(QStringLiteral("http://127.0.0.1:8080/hook"))};
    m.headers = {{"Content-Type", "application/json"}, {"User-Agent", ""}};
    m.body = "{}";
    QCOMPARE(Delivery::curlCommand(m),
             QStringLiteral("curl -q --http1.1 --path-as-is --globoff 'http://127.0.0.1:8080/hook' "
                            "-H 'Content-Length: 2' -H 'Content-Type: application/json' -H 'User-Agent:' "
                            "-H 'Accept:' -H 'Expect:' --data-raw '{}'"));
    // A file body is sent from the file; it reads back as the same file when large.
    const QString file = m_dir.filePath(QStringLiteral("body file.bin"));
    QVERIFY(writeFile(file, QByteArray(2048, 'z')));
    m.body.clear();
    m.bodyFile = file;
    const QString command = Delivery::curlCommand(m);
    QVERIFY2(command.endsWith(QLatin1String(" --data-binary '@") + file + QLatin1Char('\'')), qPrintable(command));
    Delivery::CurlImportOptions options;
    options.maxInlineFileBytes = 1024;
    const CurlImport back = importCurl(command, options);
    QVERIFY2(back.ok(), qPrintable(back.error));
    QCOMPARE(back.message.bodyFile, file);
    QCOMPARE(headerLines(back.message.headers), headerLines(m.headers));
    m.signScheme = QStringLiteral("github");
    QCOMPARE(Delivery::curlDifferences(m).size(), 1);
    QVERIFY(Delivery::curlCommand(Delivery::Message{}).isEmpty());
}

void TstCurlImport::rejectedRequestIsSaidToBePartial()
{
    Session::CapturedRequest c = captured("POST /h HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nx");
    QVERIFY(Delivery::curlDifferences(Capture::curlSource(c)).isEmpty());
    c.rejected = true;
    c.errorReason = QStringLiteral("header section too large");
    const QStringList differences = Delivery::curlDifferences(Capture::curlSource(c));
    QCOMPARE(differences.size(), 1);
    QVERIFY2(differences.first().contains(QLatin1String("rejected this request (header section too large)")),
             qPrintable(differences.first()));
    c.errorReason.clear(); // an old record without a reason still says it
    QVERIFY(Delivery::curlDifferences(Capture::curlSource(c)).value(0).contains(QLatin1String("could not be read")));
    // The command's default base is the port and scheme it came in on.
    c.tls = true;
    QVERIFY(Delivery::curlCommand(Capture::curlSource(c), {}).contains(QLatin1String("'https://localhost:8080/h'")));
}

QTEST_GUILESS_MAIN(TstCurlImport)
#include "tst_curlimport.moc"
