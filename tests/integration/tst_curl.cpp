// Copy as curl, proved on the wire: a request is captured through a real listener (sent byte for
// byte with RawClient), the command made from it runs in bash against the same listener, and the
// second capture must equal the first. Commands that need no bash quoting run under sh as well.

#include "rawclient.h"

#include "core/curltesting.h"

#include "capture/capturedcurl.h"
#include "capture/captureengine.h"
#include "delivery/curlimport.h"
#include "http/outgoingrequest.h"
#include "http/requestreader.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using CurlTesting::headerLines;
using CurlTesting::shown;
using Session::CapturedRequestPtr;

namespace {

/// The capture engine on its own thread, on a free port, with every record it produced.
class Engine
{
public:
    Engine()
    {
        QObject::connect(&engine, &Capture::CaptureEngine::captured, &engine,
                         [this](const Session::CapturedBatch &batch) { records += batch; });
        QSignalSpy started(&engine, &Capture::CaptureEngine::started);
        engine.start({});
        ok = started.wait(5000);
    }

    bool waitForRecords(qsizetype count)
    {
        return QTest::qWaitFor([&] { return records.size() >= count; }, 5000) && records.size() == count;
    }

    /// Sends `wire` on a connection of its own and returns what was captured.
    CapturedRequestPtr capture(const QByteArray &wire)
    {
        RawClient client;
        const qsizetype before = records.size();
        if (!client.connectTo(engine.address(), engine.port()) || !client.send(wire) || !waitForRecords(before + 1))
            return {};
        return records.last();
    }

    Capture::CaptureEngine engine;
    QList<CapturedRequestPtr> records;
    bool ok = false;
};

/// What differs between two requests as a server sees them, or an empty string.
QString firstDifference(const Http::Request &a, const Http::Request &b)
{
    const auto differ = [](const char *what, QByteArrayView x, QByteArrayView y) {
        return QStringLiteral("%1: '%2' became '%3'").arg(QLatin1String(what), shown(x), shown(y));
    };
    if (a.method() != b.method())
        return differ("method", a.method(), b.method());
    if (a.target() != b.target())
        return differ("target", a.target(), b.target());
    if (a.httpVersion() != b.httpVersion())
        return differ("version", a.httpVersion(), b.httpVersion());
    for (qsizetype i = 0; i < qMax(a.headerCount(), b.headerCount()); ++i) {
        const auto line = [](const Http::Request &r, qsizetype i) {
            return i < r.headerCount() ? QLatin1Char('\'') + shown(r.header(i).name) + QLatin1String(": ") +
                                             shown(r.header(i).value) + QLatin1Char('\'')
                                       : QStringLiteral("nothing");
        };
        if (line(a, i) != line(b, i))
            return QStringLiteral("header %1: %2 became %3").arg(i).arg(line(a, i), line(b, i));
    }
    if (a.body() != b.body())
        return differ("body", a.body(), b.body());
    return {};
}

/// Where the shells run: no proxy (it would put the request in absolute form and add headers of
/// its own), and a home whose .curlrc adds a header and a User-Agent, which `curl -q` must ignore.
QProcessEnvironment replayEnvironment(const QString &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
        env.remove(QLatin1String(name));
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("CURL_HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home);
    return env;
}

/// Runs `program arguments` (a shell running the command) and returns the request it made, or
/// null with `error` saying why.
CapturedRequestPtr replay(Engine &e, const QProcessEnvironment &env, const QString &program,
                          const QStringList &arguments, QString *error)
{
    const qsizetype before = e.records.size();
    QProcess process;
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    // A wrong Content-Length leaves curl waiting for an answer; the normal run takes milliseconds.
    if (!process.waitForFinished(10000)) {
        *error = QStringLiteral("%1 did not finish: %2").arg(program, process.errorString());
        process.kill();
        process.waitForFinished();
        return {};
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = QStringLiteral("%1 exited with %2: %3")
                     .arg(program)
                     .arg(process.exitCode())
                     .arg(QString::fromLocal8Bit(process.readAll()));
        return {};
    }
    if (!e.waitForRecords(before + 1)) {
        *error = QStringLiteral("expected one request, the listener has %1").arg(e.records.size() - before);
        return {};
    }
    return e.records.last();
}

Delivery::CurlOptions multilineOptions(bool multiline)
{
    Delivery::CurlOptions options;
    options.multiline = multiline;
    return options;
}

QByteArray everyByteValue()
{
    QByteArray bytes;
    for (int b = 0; b < 256; ++b)
        bytes += char(b);
    for (int b = 255; b >= 0; --b) // ends with NUL
        bytes += char(b);
    return bytes;
}

/// `head` (request line and headers, each ending in CRLF) with Content-Length and the body.
QByteArray withBody(const QByteArray &head, const QByteArray &body)
{
    return head + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

Session::CapturedRequest parsed(const QByteArray &wire, quint16 localPort = 8080)
{
    Http::RequestReader reader;
    Session::CapturedRequest r;
    r.localPort = localPort;
    if (reader.feed(wire).event == Http::RequestReader::Event::MessageComplete)
        r.request = reader.takeRequest();
    return r;
}

} // namespace

class TstCurl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void replaysExactly_data();
    void replaysExactly();
    void chunkedWithTrailers();
    void largeBodyGetsNoExpect();
    void curlDefaultsWhenAsked();
    void commandShape();
    void baseUrl();
    void messageCommandSendsWhatHookscopeSends_data();
    void messageCommandSendsWhatHookscopeSends();
    void importReadsWhatCurlSends_data();
    void importReadsWhatCurlSends();

private:
    QString m_bash;
    QString m_sh;
    QTemporaryDir m_home;
    QProcessEnvironment m_env;
};

void TstCurl::initTestCase()
{
    m_bash = QStandardPaths::findExecutable(QStringLiteral("bash"));
    if (m_bash.isEmpty())
        QSKIP("bash is not installed: the copy-as-curl commands cannot be run");
    if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
        QSKIP("curl is not installed (packaging/install-deps.sh installs it): the copy-as-curl commands cannot be run");
    m_sh = QStandardPaths::findExecutable(QStringLiteral("sh"));
    QVERIFY(m_home.isValid());
    QFile curlrc(m_home.filePath(QStringLiteral(".curlrc")));
    QVERIFY(curlrc.open(QIODevice::WriteOnly));
    curlrc.write("header = \"X-From-Curlrc: yes\"\nuser-agent = \"from-curlrc\"\n");
    curlrc.close();
    m_env = replayEnvironment(m_home.path());
}

void TstCurl::replaysExactly_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<bool>("posix"); // the command needs no $'...'
    QTest::addColumn<bool>("exact"); // curlDifferences() is empty and the replay's bytes are the same

    QTest::newRow("json post") << withBody("POST /github?delivery=42 HTTP/1.1\r\nHost: hooks.example\r\n"
                                           "User-Agent: GitHub-Hookshot/4f2a\r\nAccept: */*\r\n"
                                           "X-GitHub-Event: push\r\nContent-Type: application/json\r\n",
                                           R"({"ref":"refs/heads/main","msg":"it's 100% done \\o/ $HOME `id` !!"})")
                               << true << true;
    QTest::newRow("binary body, every byte value")
        << withBody("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Type: application/octet-stream\r\n", everyByteValue())
        << true << true;
    QTest::newRow("text body with tabs, CRLF and a final newline")
        << withBody("POST /pretty HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n",
                    "{\n\t\"a\": 1,\r\n  \"b\": [\"x\\ny\", \"%d %s\"]\n}\n")
        << true << true;
    QTest::newRow("multi-line body, the shape Stripe sends")
        << withBody("POST /stripe HTTP/1.1\r\nHost: h\r\nContent-Type: application/json; charset=utf-8\r\n",
                    "{\n  \"id\": \"evt_1\",\n  \"object\": \"event\",\n  \"note\": \"caf\xc3\xa9 \xe2\x82\xac\"\n}")
        << true << true;
    QTest::newRow("body that starts with dashes")
        << withBody("POST /form HTTP/1.1\r\nHost: h\r\nContent-Type: multipart/form-data; boundary=xyz\r\n",
                    "--xyz\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n--xyz--\r\n")
        << true << true;
    QTest::newRow("body that starts with @")
        << withBody("POST /at HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\n", "@/etc/hostname") << true << true;
    QTest::newRow("shell metacharacters in headers") << withBody("POST /meta HTTP/1.1\r\nHost: h\r\n"
                                                                 "X-Quote: it's \"quoted\" ''\r\n"
                                                                 "X-Backslash: C:\\dir\\n\\x41\\\r\n"
                                                                 "X-Dollar: $HOME ${PATH} $(id) $'x'\r\n"
                                                                 "X-Backtick: `uname -a`\r\n"
                                                                 "X-Bang: hi! !! !$ !-1\r\n"
                                                                 "X-Percent: %s %n %%\r\n"
                                                                 "X-Glob: *?[a]{b,c}~ ~root\r\n"
                                                                 "X-Ops: a; b & c | d > e < f && g || h #\r\n"
                                                                 "X-Odd!#$%&'*+.^_`|~: v\r\n",
                                                                 "ok")
                                                     << true << true;
    QTest::newRow("no User-Agent or Accept") << QByteArray("GET /bare HTTP/1.1\r\nHost: h\r\n\r\n") << true << true;
    QTest::newRow("no Host") << QByteArray("GET /nohost HTTP/1.1\r\nX-Only: 1\r\n\r\n") << true << true;
    QTest::newRow("Host not first, in other cases, twice")
        << QByteArray("GET /hosts HTTP/1.1\r\nX-Before: 1\r\nhost: first.example\r\nX-Mid: 2\r\n"
                      "HOST: second.example\r\n\r\n")
        << true << true;
    QTest::newRow("duplicate headers")
        << QByteArray("POST /dup HTTP/1.1\r\nHost: h\r\nX-Dup: one\r\nx-dup: two\r\nX-Dup: one\r\nAccept: a/b\r\n"
                      "Accept: c/d\r\nUser-Agent: ua1\r\nUser-Agent: ua2\r\nCookie: x=1\r\nCookie: y=2\r\n"
                      "Content-Length: 0\r\n\r\n")
        << true << true;
    QTest::newRow("empty header values")
        << QByteArray("POST /empty HTTP/1.1\r\nHost:\r\nX-Empty:\r\nAccept:\r\nUser-Agent:\r\nContent-Type:\r\n"
                      "Expect:\r\nContent-Length: 3\r\n\r\nabc")
        << true << true;
    QTest::newRow("query with [], %2F and dot segments")
        << QByteArray("GET /a/../b/./c//d/%2e%2e/..?x[]=1&y[0][k]={v}&p=%2Fetc%2fpasswd&q=a+b%20c&e=&&f?g "
                      "HTTP/1.1\r\nHost: h\r\n\r\n")
        << true << true;
    QTest::newRow("empty query") << QByteArray("GET /? HTTP/1.1\r\nHost: h\r\n\r\n") << true << true;
    QTest::newRow("# in the target") << QByteArray("GET /page#section?x=1 HTTP/1.1\r\nHost: h\r\n\r\n") << true << true;
    QTest::newRow("UTF-8 and # in the target")
        << QByteArray("GET /caf\xc3\xa9/x?q=\xe2\x82\xac#frag HTTP/1.1\r\nHost: h\r\n\r\n") << true << true;
    QTest::newRow("non-UTF-8 bytes in the target")
        << QByteArray("GET /\xff/caf\xe9?q=%zz\x80 HTTP/1.1\r\nHost: h\r\n\r\n") << false << true;
    QTest::newRow("asterisk form") << QByteArray("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n") << true << true;
    QTest::newRow("absolute form")
        << QByteArray("GET http://example.com:8080/x?y=1 HTTP/1.1\r\nHost: example.com:8080\r\n\r\n") << true << true;
    QTest::newRow("PUT, empty body, Content-Length 0")
        << QByteArray("PUT /empty HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n") << true << true;
    QTest::newRow("POST without body or length")
        << QByteArray("POST /nolength HTTP/1.1\r\nHost: h\r\n\r\n") << true << true;
    QTest::newRow("GET without a body")
        << QByteArray("GET /status?x=1 HTTP/1.1\r\nHost: h\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\n"
                      "Accept: text/html,*/*;q=0.8\r\nAccept-Encoding: gzip, br\r\nConnection: keep-alive\r\n\r\n")
        << true << true;
    QTest::newRow("GET with a body") << withBody(
                                            "GET /search HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n",
                                            R"({"q":"hello"})")
                                     << true << true;
    QTest::newRow("HEAD") << QByteArray("HEAD /h HTTP/1.1\r\nHost: h\r\n\r\n") << true << true;
    QTest::newRow("PATCH with a body")
        << withBody("PATCH /items/7 HTTP/1.1\r\nHost: h\r\nContent-Type: application/merge-patch+json\r\n",
                    R"({"name":null})")
        << true << true;
    QTest::newRow("method with a quote in it")
        << QByteArray("IT'S-A-METHOD /x HTTP/1.1\r\nHost: h\r\n\r\n") << true << true;
    QTest::newRow("non-UTF-8 and invisible characters in header values")
        << QByteArray("POST /latin HTTP/1.1\r\nHost: h\r\n"
                      "X-Latin1: caf\xe9 cr\xe8me\r\n"
                      "X-Bytes: \x80\x81\xfe\xff\r\n"
                      "X-Tab: a\tb\r\n"
                      "X-Bidi: \xe2\x80\xae txt\r\n"
                      "X-Nbsp: a\xc2\xa0"
                      "b\r\n"
                      "X-C1: \xc2\x9b[31m\r\n"
                      "X-Utf8: Gr\xc3\xbc\xc3\x9f\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x8e\x89\r\n"
                      "X-Broken: ok\xc3(\r\n"
                      "X-Quote: it's \xff\\\r\n"
                      "Content-Length: 0\r\n\r\n")
        << false << true;
    QTest::newRow("Expect: 100-continue")
        << withBody("POST /expect HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n", "hello") << true << true;
    QTest::newRow("HTTP/1.0") << withBody("POST /old HTTP/1.0\r\nContent-Type: text/plain\r\n", "abc") << true << true;
    // Chunked: the same headers and body bytes; curl picks its own chunk sizes.
    QTest::newRow("chunked")
        << "POST /chunked HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
           "3\r\nabc\r\n4\r\n" +
               QByteArray("\0\xff\n'", 4) + "\r\n0\r\n\r\n"
        << true << false;
    QTest::newRow("chunked, empty body")
        << QByteArray("POST /chunked0 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << true
        << false;
    // Spacing around values is not part of them (RFC 9110 §5.5): the values are the same.
    QTest::newRow("spacing around values")
        << QByteArray("GET /spacing HTTP/1.1\r\nHost:h\r\nX-Pad:   padded \t\r\nX-Empty: \r\n\r\n") << true << false;
}

void TstCurl::replaysExactly()
{
    QFETCH(QByteArray, wire);
    QFETCH(bool, posix);
    QFETCH(bool, exact);

    Engine e;
    QVERIFY(e.ok);
    const CapturedRequestPtr original = e.capture(wire);
    QVERIFY(original);
    QVERIFY2(!original->rejected, qPrintable(original->errorReason));
    QCOMPARE(original->request.wireBytes(), wire);
    const QStringList differences = Delivery::curlDifferences(Capture::curlSource(*original));
    QVERIFY2(differences.isEmpty() == exact, qPrintable(differences.join(QLatin1Char('\n'))));

    for (bool multiline : {false, true}) {
        const QString command =
            Delivery::curlCommand(Capture::curlSource(*original), e.engine.url(), multilineOptions(multiline));
        static const QRegularExpression bashWord(QStringLiteral("(-H|-X|--request-target) \\$'"));
        QVERIFY2(!command.contains(bashWord) == posix, qPrintable(command));
        QCOMPARE(command.contains(QLatin1Char('\n')), multiline);
        QStringList shells{m_bash};
        if (posix && !m_sh.isEmpty())
            shells += m_sh;
        for (const QString &shell : shells) {
            QString error;
            const CapturedRequestPtr again = replay(e, m_env, shell, {QStringLiteral("-c"), command}, &error);
            QVERIFY2(again, qPrintable(error + QLatin1Char('\n') + command));
            const QString difference = firstDifference(original->request, again->request);
            QVERIFY2(difference.isEmpty(),
                     qPrintable(shell + QLatin1String(": ") + difference + QLatin1Char('\n') + command));
            QCOMPARE(again->request.isChunked(), original->request.isChunked());
            if (exact)
                QCOMPARE(again->request.wireBytes(), original->request.wireBytes());
        }
    }
}

void TstCurl::chunkedWithTrailers()
{
    Engine e;
    QVERIFY(e.ok);
    const QByteArray gzipStart("\x1f\x8b\0\0\xff", 5);
    const QByteArray wire = "POST /signed HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
                            "Trailer: X-Checksum, X-Count\r\n\r\n"
                            "5;name=\"first\"\r\n" +
                            gzipStart +
                            "\r\n3\r\nabc\r\n0\r\n"
                            "X-Checksum: sha256=00ff\r\nX-Count: 2\r\n\r\n";
    const CapturedRequestPtr original = e.capture(wire);
    QVERIFY(original);
    QCOMPARE(original->request.wireBytes(), wire);
    QCOMPARE(original->request.trailerCount(), 2);

    // What is reproduced: method, target, the headers (Transfer-Encoding and Trailer among them)
    // and the de-chunked body bytes. What is not: the chunk sizes, the extension, the trailers.
    const QStringList differences = Delivery::curlDifferences(Capture::curlSource(*original));
    QCOMPARE(differences.size(), 2);
    QVERIFY2(differences.at(0).contains(QLatin1String("chunk")), qPrintable(differences.at(0)));
    QVERIFY2(differences.at(1).contains(QLatin1String("X-Checksum, X-Count")), qPrintable(differences.at(1)));

    const QString command = Delivery::curlCommand(Capture::curlSource(*original), e.engine.url());
    QString error;
    const CapturedRequestPtr again = replay(e, m_env, m_bash, {QStringLiteral("-c"), command}, &error);
    QVERIFY2(again, qPrintable(error + QLatin1Char('\n') + command));
    const QString difference = firstDifference(original->request, again->request);
    QVERIFY2(difference.isEmpty(), qPrintable(difference + QLatin1Char('\n') + command));
    QVERIFY(again->request.isChunked());
    QCOMPARE(again->request.body(), gzipStart + "abc");
    QCOMPARE(again->request.trailerCount(), 0);
}

void TstCurl::largeBodyGetsNoExpect()
{
    // Above 1 MiB curl 7.88 adds "Expect: 100-continue" unless told not to; the command is too
    // long for `bash -c` (one argument is limited to 128 KiB), so it runs from a file.
    Engine e;
    QVERIFY(e.ok);
    QByteArray body;
    for (int i = 0; body.size() < 1536 * 1024; ++i)
        body += "line " + QByteArray::number(i) + " of a large text body with \"quotes\" and 100% \\ slashes\n";
    const CapturedRequestPtr original =
        e.capture(withBody("POST /large HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\n", body));
    QVERIFY(original);
    QCOMPARE(original->request.body(), body);

    const QString command =
        Delivery::curlCommand(Capture::curlSource(*original), e.engine.url(), multilineOptions(true));
    QVERIFY(command.startsWith(QLatin1String("printf '")));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile script(dir.filePath(QStringLiteral("replay.sh")));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write(command.toUtf8());
    script.close();
    QString error;
    const CapturedRequestPtr again = replay(e, m_env, m_bash, {script.fileName()}, &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(again->request.headerValue("Expect").isNull());
    QCOMPARE(again->request.wireBytes(), original->request.wireBytes());
}

void TstCurl::curlDefaultsWhenAsked()
{
    Engine e;
    QVERIFY(e.ok);
    Delivery::CurlOptions options;
    options.includeCurlDefaults = true;

    const CapturedRequestPtr bare = e.capture("GET /bare HTTP/1.1\r\nHost: h\r\n\r\n");
    QVERIFY(bare);
    QCOMPARE(Delivery::curlDifferences(Capture::curlSource(*bare), options),
             QStringList{QStringLiteral("curl adds headers of its own: User-Agent, Accept.")});
    QString error;
    CapturedRequestPtr again = replay(
        e, m_env, m_bash,
        {QStringLiteral("-c"), Delivery::curlCommand(Capture::curlSource(*bare), e.engine.url(), options)}, &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->request.headerCount(), 3);
    QCOMPARE(again->request.header(0).name, "Host");
    QCOMPARE(again->request.header(0).value, "h");
    QCOMPARE(again->request.header(1).name, "User-Agent");
    QVERIFY(again->request.header(1).value.startsWith("curl/"));
    QCOMPARE(again->request.header(2).name, "Accept");
    QCOMPARE(again->request.header(2).value, "*/*");

    // Without a Host of its own the request gets curl's, naming where it was sent.
    const CapturedRequestPtr form = e.capture(withBody("POST /form HTTP/1.1\r\n", "a=1"));
    QVERIFY(form);
    again = replay(e, m_env, m_bash,
                   {QStringLiteral("-c"), Delivery::curlCommand(Capture::curlSource(*form), e.engine.url(), options)},
                   &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->request.headerValue("Host"), e.engine.url().authority().toUtf8());
    QCOMPARE(again->request.headerValue("Content-Type"), "application/x-www-form-urlencoded");
    QCOMPARE(again->request.body(), "a=1");
}

void TstCurl::commandShape()
{
    const Session::CapturedRequest get = parsed("GET /status?x=1&y=2 HTTP/1.1\r\nHost: h\r\n\r\n");
    const QUrl base(QStringLiteral("http://127.0.0.1:8080"));
    QCOMPARE(Delivery::curlCommand(Capture::curlSource(get), base),
             QStringLiteral("curl -q --http1.1 --path-as-is --globoff 'http://127.0.0.1:8080/status?x=1&y=2' "
                            "-H 'Host: h' -H 'User-Agent:' -H 'Accept:'"));

    const Session::CapturedRequest put =
        parsed(withBody("PUT /bin HTTP/1.1\r\nHost: h\r\nX-Name: caf\xe9\r\n", QByteArray("a\0'%\\\n-", 7)));
    QCOMPARE(Delivery::curlCommand(Capture::curlSource(put), base, multilineOptions(true)),
             QStringLiteral("printf 'a\\000\\047%%\\\\\\n-' | \\\n"
                            "  curl -q --http1.1 --path-as-is --globoff -X PUT 'http://127.0.0.1:8080/bin' \\\n"
                            "  -H 'Host: h' \\\n"
                            "  -H $'X-Name: caf\\xe9' \\\n"
                            "  -H 'Content-Length: 7' \\\n"
                            "  -H 'User-Agent:' \\\n"
                            "  -H 'Accept:' \\\n"
                            "  -H 'Content-Type:' \\\n"
                            "  -H 'Expect:' \\\n"
                            "  --data-binary @-"));

    // A leading '-' in the printf format would be an option.
    const Session::CapturedRequest dashes =
        parsed(withBody("POST /f HTTP/1.1\r\nHost: h\r\nContent-Type: x\r\n", "--b\r\n"));
    QVERIFY(Delivery::curlCommand(Capture::curlSource(dashes), base)
                .startsWith(QLatin1String("printf '\\055-b\\r\\n' | curl ")));

    QVERIFY(Delivery::curlCommand(Capture::curlSource(Session::CapturedRequest{}), base).isEmpty());
}

void TstCurl::baseUrl()
{
    const Session::CapturedRequest r = parsed("GET /hooks/1?a=b HTTP/1.1\r\nHost: h\r\n\r\n", 9090);
    // Only scheme, host and port are taken, and a path goes in front; user info would add an
    // Authorization header.
    QVERIFY(Delivery::curlCommand(Capture::curlSource(r), QUrl(QStringLiteral("https://user:pw@example.com/api/?q#f")))
                .contains(QLatin1String(" 'https://example.com/api/hooks/1?a=b' ")));
    QVERIFY(Delivery::curlCommand(Capture::curlSource(r), QUrl(QStringLiteral("http://[::1]:8080")))
                .contains(QLatin1String(" 'http://[::1]:8080/hooks/1?a=b' ")));
    // No base: back to the port the request came in on.
    QVERIFY(Delivery::curlCommand(Capture::curlSource(r), QUrl())
                .contains(QLatin1String(" 'http://localhost:9090/hooks/1?a=b' ")));
}

// Copy as curl from the sender panel: curl puts on the wire what the sender would.
void TstCurl::messageCommandSendsWhatHookscopeSends_data()
{
    QTest::addColumn<Delivery::Message>("message");
    Delivery::Message m;
    m.headers = {{"Content-Type", "application/json"}, {"X-Dup", "1"}, {"x-dup", "2"}, {"X-Empty", ""}};
    m.body = R"({"id":"evt_1","s":"it's $HOME"})";
    QTest::newRow("JSON, duplicates, empty value") << m;
    m = {};
    m.method = "GET";
    m.headers = {{"User-Agent", ""}, {"Content-Length", ""}, {"Host", ""}, {"X-Only", "1"}};
    QTest::newRow("defaults left out") << m;
    m = {};
    m.method = "PATCH";
    m.headers = {{"X-A", "1"}, {"host", "virtual.example"}, {"User-Agent", "Stripe/1.0"}, {"Accept", "*/*"}};
    m.body = everyByteValue();
    QTest::newRow("binary body, own Host after another header") << m;
    m = {};
    m.method = "PUT";
    m.headers = {{"Content-Type", "text/plain"}};
    m.body = "line one\nline two\n";
    m.chunked = true;
    QTest::newRow("chunked") << m;
}

void TstCurl::messageCommandSendsWhatHookscopeSends()
{
    QFETCH(Delivery::Message, message);
    Engine e;
    QVERIFY(e.ok);
    message.destinations = {e.engine.url().resolved(QUrl(QStringLiteral("/send?x=1")))};
    const QString command = Delivery::curlCommand(message);
    QString error;
    const CapturedRequestPtr got = replay(e, m_env, m_bash, {QStringLiteral("-c"), command}, &error);
    QVERIFY2(got, qPrintable(error + QLatin1Char('\n') + command));
    const QUrl &url = message.destinations.first();
    QCOMPARE(got->request.method(), message.method);
    QCOMPARE(got->request.target(), Http::OutgoingRequest::to(url).target);
    QCOMPARE(headerLines(got->request),
             headerLines(Http::OutgoingRequest::withDefaults(message.headers, url, message.body.size(), message.chunked,
                                                             message.method)));
    QCOMPARE(got->request.body(), message.body);
    QCOMPARE(got->request.isChunked(), message.chunked);
}

// A pasted command and what curl sends for it: the imported message goes on the wire the same,
// but for the User-Agent (Hookscope's own stands in for curl's; the commands set one).
void TstCurl::importReadsWhatCurlSends_data()
{
    QTest::addColumn<QString>("command"); // %1: the listener's URL, %2: a directory with files
    const auto row = [](const char *name, const char *command) { QTest::newRow(name) << QString::fromUtf8(command); };
    row("plain GET", "curl -q -s -A ua '%1/get?x=1'");
    row("no User-Agent", "curl -q -s -A '' %1/");
    row("-d joined", "curl -q -s -A ua %1/form -d a=1 -d 'b=2 3' --data-urlencode 'q=a b&c' -d @%2/lines.txt");
    row("--json", "curl -q -s -A ua -H 'X-A: 1' -H 'x-a: 2' --json '{\"a\":' --json '1}' %1/json");
    row("-u -e -b", "curl -q -s -A ua -u ann:pw -e http://ref.example/ -b 'k=v; l=w' %1/auth");
    row("-G", "curl -q -s -A ua -G --data-urlencode 'q=a b' -d n=1 '%1/search?z=0'");
    row("own Host and no Content-Type", "curl -q -s -A ua -X PUT -H 'Host: other.example' -H 'Content-Type:' "
                                        "--data-binary @%2/bin.dat %1/put");
    row("removed and empty headers", "curl -q -s -A ua -H 'Host:' -H 'X-Empty;' -H 'Accept:' %1/empty");
    row("printf pipe", "printf 'a\\000b\\047c\\n' | curl -q -s -A ua --data-binary @- %1/pipe");
    row("-T", "curl -q -s -A ua -T %2/bin.dat %1/dir/");
    row("HEAD", "curl -q -s -A ua -I %1/head");
    row("-F", "curl -q -s -A ua -F name=ann -F 'photo=@%2/bin.dat;type=image/png' -F 'text=<%2/lines.txt' %1/upload");
    row("chunked", "curl -q -s -A ua -H 'Transfer-Encoding: chunked' -d hello %1/chunked");
}

void TstCurl::importReadsWhatCurlSends()
{
    QFETCH(QString, command);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const auto &[name, bytes] :
         {std::pair<const char *, QByteArray>{"lines.txt", "a=1\r\n&b=2\n"}, {"bin.dat", everyByteValue()}}) {
        QFile f(dir.filePath(QLatin1String(name)));
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size());
    }
    Engine e;
    QVERIFY(e.ok);
    QString url = e.engine.url().toString();
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    command.replace(QLatin1String("%1"), url).replace(QLatin1String("%2"), dir.path());
    QString error;
    const CapturedRequestPtr sent = replay(e, m_env, m_bash, {QStringLiteral("-c"), command}, &error);
    QVERIFY2(sent, qPrintable(error + QLatin1Char('\n') + command));

    const Delivery::CurlImport imported = Delivery::importCurl(command);
    QVERIFY2(imported.ok(), qPrintable(imported.error));
    QVERIFY2(imported.warnings.isEmpty(), qPrintable(imported.warnings.join(QLatin1Char('\n'))));
    const Delivery::Message &m = imported.message;
    QCOMPARE(m.destinations.size(), 1);
    const QUrl &to = m.destinations.first();
    Http::HeaderList headers = Http::OutgoingRequest::withDefaults(m.headers, to, m.body.size(), m.chunked, m.method);
    QByteArray body = m.body;
    // curl's multipart boundary is random: take it over before comparing.
    const auto boundaryOf = [](const QByteArray &type) {
        const qsizetype at = type.indexOf("boundary=");
        return at < 0 ? QByteArray() : type.sliced(at + 9);
    };
    const QByteArray boundary = boundaryOf(sent->request.headerValue("Content-Type").toByteArray());
    for (auto &h : headers) {
        if (!boundary.isEmpty() && h.first == "Content-Type" && h.second.contains("boundary=")) {
            const QByteArray mine = boundaryOf(h.second);
            h.second.replace(mine, boundary);
            body.replace(mine, boundary);
        }
    }
    QCOMPARE(m.method, sent->request.method().toByteArray());
    QCOMPARE(Http::OutgoingRequest::to(to).target, sent->request.target().toByteArray());
    // By design: Content-Length is the sender's default, which goes after Host where curl puts it
    // after the -H headers; the sender does not send curl's Expect: 100-continue (for -T).
    Http::HeaderList curlSent;
    for (qsizetype i = 0; i < sent->request.headerCount(); ++i) {
        if (sent->request.header(i).name != "Expect")
            curlSent.append({sent->request.header(i).name.toByteArray(), sent->request.header(i).value.toByteArray()});
    }
    const auto lengthLast = [](Http::HeaderList list) {
        std::stable_partition(list.begin(), list.end(), [](const auto &h) { return h.first != "Content-Length"; });
        return list;
    };
    QCOMPARE(headerLines(lengthLast(headers)), headerLines(lengthLast(curlSent)));
    QCOMPARE(shown(body), shown(sent->request.body()));
}

QTEST_GUILESS_MAIN(TstCurl)
#include "tst_curl.moc"
