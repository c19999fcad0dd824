// `hookscope` as a user runs it: the real binary in a QProcess, real requests over loopback.

#include "hookscopeprocess.h"

#include "session/sessionwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <unistd.h>

namespace {

QByteArray rawExchange(quint16 port, const QByteArray &bytes)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(3000))
        return {};
    socket.write(bytes);
    socket.waitForBytesWritten(3000);
    QByteArray answer;
    while (socket.waitForReadyRead(3000))
        answer += socket.readAll();
    return answer;
}

QByteArray post(const QUrl &url, const QByteArray &body, const QByteArray &type)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QString::fromLatin1(type));
    QNetworkReply *reply = nam.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(5000);
    const QByteArray answer =
        QByteArray::number(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()) + ' ' + reply->readAll();
    reply->deleteLater();
    return answer;
}

} // namespace

class TstCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void version();
    void help();
    void badOptions_data();
    void badOptions();
    void jsonOutput();
    void humanOutputAndSigint();
    void answerOptions();
    void shapedAnswerHasOnlyWhatWasGiven_data();
    void shapedAnswerHasOnlyWhatWasGiven();
    void portInUse();
    void listenIntoSession();
    void badSessionRefused_data();
    void badSessionRefused();
    void readOnlySessionRefused();
    void lockedSessionRefused();
    void exportAndImportRoundTrip();
    void exportIncludesSentAttempts();
    void importForeignHar_data();
    void importForeignHar();
    void brokenHarNamesTheField();
    void importTwiceAddsOnce();
    void signedWebhookIsVerified_data();
    void signedWebhookIsVerified();
};

void TstCli::version()
{
    const Result r = runHookscope({QStringLiteral("--version")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(QRegularExpression(QStringLiteral("^hookscope \\d+\\.\\d+\\.\\d+\n$"))
                 .match(QString::fromUtf8(r.out))
                 .hasMatch(),
             r.out.constData());
}

void TstCli::help()
{
    const Result r = runHookscope({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("listen"));
    const Result listenHelp = runHookscope({QStringLiteral("listen"), QStringLiteral("--help")});
    QCOMPARE(listenHelp.exitCode, 0);
    for (const char *option :
         {"--port", "--bind", "--json", "--status", "--header", "--body", "--delay", "--max-body", "--max-head"})
        QVERIFY2(listenHelp.out.contains(option), option);
}

void TstCli::badOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("mentions");
    const auto l = [](std::initializer_list<const char *> items) {
        QStringList out;
        for (const char *i : items)
            out << QString::fromUtf8(i);
        return out;
    };
    QTest::newRow("unknown option") << l({"listen", "--bogus"}) << QByteArray("bogus");
    QTest::newRow("port out of range") << l({"listen", "--port", "70000"}) << QByteArray("--port");
    QTest::newRow("port not a number") << l({"listen", "--port", "eighty"}) << QByteArray("--port");
    QTest::newRow("status too low") << l({"listen", "--status", "99"}) << QByteArray("--status");
    QTest::newRow("bad header") << l({"listen", "--header", "Bad Name: x"}) << QByteArray("header");
    QTest::newRow("header without colon") << l({"listen", "--header", "nocolon"}) << QByteArray("header");
    QTest::newRow("missing body file") << l({"listen", "--body", "@/nonexistent/file"}) << QByteArray("--body");
    QTest::newRow("bad bind") << l({"listen", "--bind", "not-an-address"}) << QByteArray("--bind");
    QTest::newRow("bad delay") << l({"listen", "--delay", "-5"}) << QByteArray("--delay");
    QTest::newRow("bad max-body") << l({"listen", "--max-body", "lots"}) << QByteArray("--max-body");
    QTest::newRow("bad max-head") << l({"listen", "--max-head", "0"}) << QByteArray("--max-head");
    QTest::newRow("missing value") << l({"listen", "--port"}) << QByteArray("port");
    QTest::newRow("unknown command") << l({"frobnicate"}) << QByteArray("frobnicate");
    QTest::newRow("secret of no scheme") << l({"listen", "--secret", "githup=s3cret"}) << QByteArray("githup");
    QTest::newRow("secret without scheme") << l({"listen", "--secret", "s3cret"}) << QByteArray("SCHEME=SECRET");
    QTest::newRow("empty secret") << l({"listen", "--secret", "github="}) << QByteArray("empty");
    QTest::newRow("missing secret file") << l({"listen", "--secret-file", "/nonexistent/secrets"})
                                         << QByteArray("--secret-file");
    QTest::newRow("public url not http") << l({"listen", "--public-url", "ftp://example.com"})
                                         << QByteArray("--public-url");
    QTest::newRow("tolerance of a scheme without timestamps")
        << l({"listen", "--tolerance", "github=60"}) << QByteArray("no timestamp");
    QTest::newRow("tolerance not a number") << l({"listen", "--tolerance", "stripe=soon"}) << QByteArray("--tolerance");
    QTest::newRow("bad invalid-signature status")
        << l({"listen", "--on-invalid-signature", "99"}) << QByteArray("--on-invalid-signature");
}

void TstCli::badOptions()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, mentions);
    const Result r = runHookscope(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count('\n'), 1); // one line
    QVERIFY2(r.err.contains(mentions), r.err.constData());
    QVERIFY2(!r.err.contains("s3cret"), "a secret was echoed");
}

void TstCli::jsonOutput()
{
    Listen listen({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--json")});
    QVERIFY(listen.waitListening());
    QCOMPARE(listen.url.host(), QStringLiteral("127.0.0.1"));

    const QByteArray json = R"({"event":"push","id":12345678901234567890})";
    QCOMPARE(post(listen.url.resolved(QUrl(QStringLiteral("/github?x=1"))), json, "application/json"),
             QByteArray(R"(200 {"ok":true})"));
    const QByteArray binary("\x00\x01\xff\xfe binary", 11);
    QVERIFY(rawExchange(listen.port, "PUT /bin HTTP/1.1\r\nHost: h\r\nX-Dup: 1\r\nx-dup: 2\r\nContent-Length: 11\r\n"
                                     "Connection: close\r\n\r\n" +
                                         binary)
                .startsWith("HTTP/1.1 200 OK"));
    const QByteArray bad = "GET / HTTP/1.1\r\nHost: h\r\nBad Header: x\r\n\r\n";
    QVERIFY(rawExchange(listen.port, bad).startsWith("HTTP/1.1 400 Bad Request"));

    const QList<QByteArray> lines = listen.waitLines(3);
    QCOMPARE(lines.size(), 3);
    QList<QJsonObject> objects;
    for (const QByteArray &line : lines) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
        objects.append(doc.object());
    }

    const QJsonObject &first = objects.at(0);
    QCOMPARE(first.value(u"method").toString(), QStringLiteral("POST"));
    QCOMPARE(first.value(u"target").toString(), QStringLiteral("/github?x=1"));
    QCOMPARE(first.value(u"http_version").toString(), QStringLiteral("HTTP/1.1"));
    QCOMPARE(QByteArray::fromBase64(first.value(u"body_base64").toString().toLatin1()), json);
    QCOMPARE(first.value(u"body_size").toInt(), json.size());
    QCOMPARE(first.value(u"tls").toBool(), false);
    QCOMPARE(first.value(u"rejected").toBool(), false);
    QCOMPARE(first.value(u"response_status").toInt(), 200);
    QVERIFY(first.value(u"remote").toString().startsWith(QStringLiteral("127.0.0.1:")));
    QVERIFY(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"))
                .match(first.value(u"received_at").toString())
                .hasMatch());
    QVERIFY(first.value(u"warnings").toArray().isEmpty());
    QVERIFY(first.value(u"id").toInteger() > 0);

    const QJsonObject &second = objects.at(1);
    QCOMPARE(QByteArray::fromBase64(second.value(u"body_base64").toString().toLatin1()), binary);
    const QJsonArray headers = second.value(u"headers").toArray();
    QCOMPARE(headers.size(), 5);
    QCOMPARE(headers.at(1).toArray().at(0).toString(), QStringLiteral("X-Dup"));
    QCOMPARE(headers.at(2).toArray().at(0).toString(), QStringLiteral("x-dup"));
    QCOMPARE(headers.at(2).toArray().at(1).toString(), QStringLiteral("2"));
    QVERIFY(second.value(u"id").toInteger() > first.value(u"id").toInteger());

    const QJsonObject &third = objects.at(2);
    QCOMPARE(third.value(u"rejected").toBool(), true);
    QCOMPARE(third.value(u"response_status").toInt(), 400);
    const QJsonObject error = third.value(u"error").toObject();
    QCOMPARE(error.value(u"offset").toInt(), int(bad.indexOf("Bad Header") + 3));
    QVERIFY(!error.value(u"reason").toString().isEmpty());
    QCOMPARE(QByteArray::fromBase64(third.value(u"raw_base64").toString().toLatin1()), bad);

    QCOMPARE(listen.stop(SIGTERM), 0);
    QCOMPARE(listen.out.count('\n'), 3); // stdout carries the records and nothing else
}

void TstCli::humanOutputAndSigint()
{
    Listen listen({QStringLiteral("--port"), QStringLiteral("0")});
    QVERIFY(listen.waitListening());
    QCOMPARE(
        post(listen.url.resolved(QUrl(QStringLiteral("/hooks/shop"))), "a=1&b=2", "application/x-www-form-urlencoded"),
        QByteArray(R"(200 {"ok":true})"));
    const QList<QByteArray> lines = listen.waitLines(1);
    QCOMPARE(lines.size(), 1);
    const QByteArray &line = lines.first();
    for (const char *part : {"POST /hooks/shop", "200", "7 B", "application/x-www-form-urlencoded", "127.0.0.1:"})
        QVERIFY2(line.contains(part), line.constData());
    QVERIFY(QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} "))
                .match(QString::fromUtf8(line))
                .hasMatch());
    QCOMPARE(listen.stop(SIGINT), 0);
}

void TstCli::answerOptions()
{
    QTemporaryDir dir;
    const QString bodyFile = dir.filePath(QStringLiteral("answer.xml"));
    QFile f(bodyFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("<ok/>");
    f.close();
    Listen listen({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--status"), QStringLiteral("302"),
                   QStringLiteral("--header"), QStringLiteral("Location: https://example.com/next"),
                   QStringLiteral("--header"), QStringLiteral("Content-Type: application/xml"),
                   QStringLiteral("--body"), QLatin1Char('@') + bodyFile, QStringLiteral("--delay"),
                   QStringLiteral("200"), QStringLiteral("--max-body"), QStringLiteral("16")});
    QVERIFY(listen.waitListening());
    QElapsedTimer t;
    t.start();
    const QByteArray answer = rawExchange(listen.port, "GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
    QVERIFY(t.elapsed() >= 190);
    QVERIFY2(answer.startsWith("HTTP/1.1 302 Found\r\n"), answer.constData());
    QVERIFY(answer.contains("\r\nLocation: https://example.com/next\r\n"));
    QVERIFY(answer.contains("\r\nContent-Type: application/xml\r\n"));
    QVERIFY(answer.endsWith("\r\n\r\n<ok/>"));
    const QByteArray tooBig = rawExchange(listen.port, "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 17\r\n\r\n");
    QVERIFY2(tooBig.startsWith("HTTP/1.1 413 "), tooBig.constData());
    QCOMPARE(listen.stop(SIGTERM), 0);
}

void TstCli::shapedAnswerHasOnlyWhatWasGiven_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QByteArray>("statusLine");
    QTest::addColumn<QByteArray>("header");      // one header the answer must carry, or empty
    QTest::addColumn<QByteArray>("contentType"); // empty: no Content-Type at all
    QTest::addColumn<QByteArray>("body");
    const QByteArray ok = R"({"ok":true})";
    QTest::newRow("nothing given") << QStringList() << QByteArray("HTTP/1.1 200 OK") << QByteArray()
                                   << QByteArray("application/json") << ok;
    QTest::newRow("only a delay") << QStringList{QStringLiteral("--delay"), QStringLiteral("1")}
                                  << QByteArray("HTTP/1.1 200 OK") << QByteArray() << QByteArray("application/json")
                                  << ok;
    // The default {"ok":true} belongs with its Content-Type: a redirect carries neither.
    QTest::newRow("redirect") << QStringList{QStringLiteral("--status"), QStringLiteral("302"),
                                             QStringLiteral("--header"),
                                             QStringLiteral("Location: https://example.com/next")}
                              << QByteArray("HTTP/1.1 302 Found") << QByteArray("Location: https://example.com/next")
                              << QByteArray() << QByteArray();
    QTest::newRow("status alone") << QStringList{QStringLiteral("--status"), QStringLiteral("503")}
                                  << QByteArray("HTTP/1.1 503 Service Unavailable") << QByteArray() << QByteArray()
                                  << QByteArray();
    QTest::newRow("header alone") << QStringList{QStringLiteral("--header"), QStringLiteral("X-Hook: seen")}
                                  << QByteArray("HTTP/1.1 200 OK") << QByteArray("X-Hook: seen") << QByteArray()
                                  << QByteArray();
    QTest::newRow("body alone") << QStringList{QStringLiteral("--body"), QStringLiteral("<done/>")}
                                << QByteArray("HTTP/1.1 200 OK") << QByteArray() << QByteArray()
                                << QByteArray("<done/>");
    QTest::newRow("status and body") << QStringList{QStringLiteral("--status"), QStringLiteral("201"),
                                                    QStringLiteral("--body"), QStringLiteral("made")}
                                     << QByteArray("HTTP/1.1 201 Created") << QByteArray() << QByteArray()
                                     << QByteArray("made");
}

void TstCli::shapedAnswerHasOnlyWhatWasGiven()
{
    QFETCH(QStringList, options);
    QFETCH(QByteArray, statusLine);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    Listen listen(QStringList{QStringLiteral("--port"), QStringLiteral("0")} + options);
    QVERIFY(listen.waitListening());
    const QByteArray answer = rawExchange(listen.port, "GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
    const qsizetype end = answer.indexOf("\r\n\r\n");
    QVERIFY2(end > 0, answer.constData());
    const QList<QByteArray> lines = answer.left(end).split('\n');
    QCOMPARE(lines.first().trimmed(), statusLine);
    QByteArray sentType;
    QByteArray sentLength;
    bool hasHeader = header.isEmpty();
    for (const QByteArray &line : lines.mid(1)) {
        const QByteArray field = line.trimmed();
        const qsizetype colon = field.indexOf(':');
        const QByteArray name = field.left(colon).toLower();
        if (name == "content-type")
            sentType = field.mid(colon + 1).trimmed();
        else if (name == "content-length")
            sentLength = field.mid(colon + 1).trimmed();
        hasHeader = hasHeader || field == header;
    }
    QVERIFY2(hasHeader, answer.constData());
    QCOMPARE(sentType, contentType);
    QCOMPARE(answer.mid(end + 4), body);
    QCOMPARE(sentLength, QByteArray::number(body.size())); // an empty body is said, not left open
    QCOMPARE(listen.stop(SIGTERM), 0);
}

void TstCli::portInUse()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    const Result r =
        runHookscope({QStringLiteral("listen"), QStringLiteral("--port"), QString::number(taken.serverPort())});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("cannot listen"), r.err.constData());
}

namespace {

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList strings(std::initializer_list<QString> items)
{
    return QStringList(items);
}

/// Captures a few requests into a new session through `listen --session`.
bool captureInto(const QString &session)
{
    Listen listen({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--session"), session});
    if (!listen.waitListening())
        return false;
    post(listen.url.resolved(QUrl(QStringLiteral("/github"))), R"({"ref":"main"})", "application/json");
    rawExchange(listen.port,
                QByteArray("PUT /bin HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nConnection: close\r\n\r\n") +
                    QByteArray("\x00\xff\x01\x02", 4));
    rawExchange(listen.port, "GET / HTTP/1.1\r\nHost: h\r\nBad Header: x\r\n\r\n");
    listen.waitLines(3);
    return listen.stop(SIGTERM) == 0;
}

} // namespace

void TstCli::listenIntoSession()
{
    QTemporaryDir dir;
    const QString session = dir.filePath(QStringLiteral("cli.hookscope"));
    QVERIFY(captureInto(session));
    // Appends on the next run, numbering on from the last request.
    QVERIFY(captureInto(session));
    const Result r = runHookscope({QStringLiteral("export"), session, QStringLiteral("--ndjson"), QStringLiteral("-")});
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 6);
    for (int i = 0; i < 6; ++i)
        QCOMPARE(QJsonDocument::fromJson(lines.at(i)).object().value(u"id").toInt(), i + 1);
    const QJsonObject rejected = QJsonDocument::fromJson(lines.at(2)).object();
    QCOMPARE(rejected.value(u"rejected").toBool(), true);
    QCOMPARE(QByteArray::fromBase64(
                 QJsonDocument::fromJson(lines.at(1)).object().value(u"body_base64").toString().toLatin1()),
             QByteArray("\x00\xff\x01\x02", 4));
}

void TstCli::badSessionRefused_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("mentions");
    QTest::newRow("text") << QByteArray("not a database\n") << QByteArray("not an SQLite database");
    QTest::newRow("empty") << QByteArray() << QByteArray("empty");
    QTest::newRow("sqlite garbage") << QByteArray(QByteArray("SQLite format 3\0", 16) + QByteArray(84, '\x7f') +
                                                  QByteArray(4000, 'z'))
                                    << QByteArray("");
}

void TstCli::badSessionRefused()
{
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, mentions);
    QTemporaryDir dir;
    const QString session = dir.filePath(QStringLiteral("bad.hookscope"));
    QFile f(session);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    for (const QStringList &args : {strings({QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("0"),
                                             QStringLiteral("--session"), session}),
                                    strings({QStringLiteral("export"), session, QStringLiteral("--har"),
                                             dir.filePath(QStringLiteral("o.har"))})}) {
        const Result r = runHookscope(args);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.contains(mentions), r.err.constData());
        QVERIFY(r.err.contains(session.toUtf8()));
    }
    QCOMPARE(fileBytes(session), content); // untouched
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("o.har"))));
    QVERIFY(!QFileInfo::exists(session + QStringLiteral("-wal")));
}

void TstCli::readOnlySessionRefused()
{
    // Root ignores file permissions, so run hookscope as an unprivileged user when we are root.
    QStringList prefix;
    if (::geteuid() == 0) {
        if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
            QSKIP("running as root without setpriv: cannot drop privileges to test permissions");
        prefix = {QStringLiteral("setpriv"), QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                  QStringLiteral("--clear-groups"), QStringLiteral(HOOKSCOPE_BINARY)};
    }
    QTemporaryDir dir;
    QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther |
                                          QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup);
    const QString session = dir.filePath(QStringLiteral("ro.hookscope"));
    QVERIFY(captureInto(session));
    QFile::setPermissions(session, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
    const QByteArray before = fileBytes(session);
    const auto run = [&prefix](QStringList args) {
        if (prefix.isEmpty())
            return runHookscope(args);
        QProcess p;
        p.start(prefix.first(), prefix.mid(1) + args);
        p.waitForFinished(10000);
        return Result{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    };
    const Result file = run({QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("0"),
                             QStringLiteral("--session"), session});
    QCOMPARE(file.exitCode, 2);
    QVERIFY2(file.err.contains("read-only"), file.err.constData());
    QCOMPARE(fileBytes(session), before);
    // Reading is fine: a read-only session still exports.
    const Result exported = run({QStringLiteral("export"), session, QStringLiteral("--ndjson"), QStringLiteral("-")});
    QCOMPARE(exported.exitCode, 0);
    QCOMPARE(exported.out.count('\n'), 3);

    QTemporaryDir roDir;
    QFile::setPermissions(roDir.path(), QFile::ReadOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther);
    const Result folder = run({QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("0"),
                               QStringLiteral("--session"), roDir.filePath(QStringLiteral("new.hookscope"))});
    QCOMPARE(folder.exitCode, 2);
    QVERIFY2(folder.err.contains("read-only"), folder.err.constData());
    QFile::setPermissions(roDir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

// A second listener on a session another one captures into, by any name for the file, is refused
// like any unusable file (exit 2) before it listens: two writers lost half the requests.
void TstCli::lockedSessionRefused()
{
    QTemporaryDir dir;
    const QString session = dir.filePath(QStringLiteral("live.hookscope"));
    const QString symlink = dir.filePath(QStringLiteral("symlink.hookscope"));
    const QString hardLink = dir.filePath(QStringLiteral("hardlink.hookscope"));
    Listen first({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--session"), session});
    QVERIFY(first.waitListening());
    QVERIFY(QFile::link(session, symlink));
    QCOMPARE(::link(QFile::encodeName(session).constData(), QFile::encodeName(hardLink).constData()), 0);
    for (const QString &name : {session, symlink, hardLink}) {
        const Result r = runHookscope({QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("0"),
                                       QStringLiteral("--session"), name});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.contains("being captured into by another Hookscope"), r.err.constData());
        QVERIFY2(r.err.contains(name.toUtf8()), r.err.constData());
    }
    QVERIFY(post(first.url.resolved(QUrl(QStringLiteral("/still"))), "{}", "application/json").startsWith("200"));
    QCOMPARE(first.stop(SIGTERM), 0);
    // Free again: the same names work once the first listener is gone.
    Listen again({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--session"), symlink});
    QVERIFY(again.waitListening());
}

void TstCli::exportAndImportRoundTrip()
{
    QTemporaryDir dir;
    const QString session = dir.filePath(QStringLiteral("a.hookscope"));
    QVERIFY(captureInto(session));
    const QString har1 = dir.filePath(QStringLiteral("one.har"));
    const QString har2 = dir.filePath(QStringLiteral("two.har"));
    const QString copy = dir.filePath(QStringLiteral("b.hookscope"));
    QCOMPARE(runHookscope({QStringLiteral("export"), session, QStringLiteral("--har"), har1}).exitCode, 0);
    const Result imported = runHookscope({QStringLiteral("import"), har1, QStringLiteral("--session"), copy});
    QCOMPARE(imported.exitCode, 0);
    QVERIFY(imported.err.contains("imported 3 requests"));
    QCOMPARE(runHookscope({QStringLiteral("export"), copy, QStringLiteral("--har"), har2}).exitCode, 0);
    const QByteArray first = fileBytes(har1);
    QVERIFY(first.size() > 500);
    QCOMPARE(fileBytes(har2), first); // export → import → export: the same, byte for byte
    const QJsonObject log = QJsonDocument::fromJson(first).object().value(u"log").toObject();
    QCOMPARE(log.value(u"version").toString(), QStringLiteral("1.2"));
    QCOMPARE(log.value(u"entries").toArray().size(), 3);
}

// What the sender stored follows the captured requests, an entry (line) per attempt; importing
// that HAR takes back the captured requests only and says what it skipped.
void TstCli::exportIncludesSentAttempts()
{
    QTemporaryDir dir;
    const QString session = dir.filePath(QStringLiteral("sent.hookscope"));
    QVERIFY(captureInto(session));
    {
        Session::SessionWriter writer;
        QCOMPARE(writer.open(session).problem, Session::FileProblem::None);
        writer.start();
        auto message = std::make_shared<Session::OutboundMessage>();
        message->uid = "cli-sent";
        message->method = "POST";
        message->destinations = {QStringLiteral("http://127.0.0.1:9/a"), QStringLiteral("http://127.0.0.1:9/b")};
        writer.submit(Session::OutboundMessagePtr(message));
        Session::OutboundAttempts attempts;
        for (int destination = 0; destination < 2; ++destination) {
            Session::OutboundAttempt a;
            a.messageUid = message->uid;
            a.destination = destination;
            a.url = message->destinations.at(destination);
            a.requestHead = "POST /x HTTP/1.1\r\nHost: 127.0.0.1:9\r\nContent-Length: 2\r\n\r\n";
            a.requestBody = "{}";
            a.status = 202;
            a.outcome = QStringLiteral("response");
            a.responseHead = "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n";
            attempts.append(a);
        }
        writer.submit(attempts);
        writer.stop();
    }
    const Result ndjson =
        runHookscope({QStringLiteral("export"), session, QStringLiteral("--ndjson"), QStringLiteral("-")});
    QCOMPARE(ndjson.exitCode, 0);
    const QList<QByteArray> lines = ndjson.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 5);
    for (int i = 0; i < 5; ++i) {
        const QJsonObject o = QJsonDocument::fromJson(lines.at(i)).object();
        QCOMPARE(o.value(u"direction").toString(), i < 3 ? QString() : QStringLiteral("outbound"));
    }
    QCOMPARE(QJsonDocument::fromJson(lines.at(4)).object().value(u"destination").toInt(), 1);

    const QString har = dir.filePath(QStringLiteral("sent.har"));
    const Result exported = runHookscope({QStringLiteral("export"), session, QStringLiteral("--har"), har});
    QCOMPARE(exported.exitCode, 0);
    QVERIFY2(exported.err.contains("exported 3 requests and 2 sent attempts"), exported.err.constData());
    const QJsonArray entries =
        QJsonDocument::fromJson(fileBytes(har)).object().value(u"log").toObject().value(u"entries").toArray();
    QCOMPARE(entries.size(), 5);
    QCOMPARE(entries.at(3).toObject().value(u"_outbound").toObject().value(u"message_uid").toString(),
             QStringLiteral("cli-sent"));
    const Result imported = runHookscope(
        {QStringLiteral("import"), har, QStringLiteral("--session"), dir.filePath(QStringLiteral("b.hookscope"))});
    QCOMPARE(imported.exitCode, 0);
    QVERIFY2(imported.err.contains("imported 3 requests"), imported.err.constData());
    QVERIFY2(imported.err.contains("skipped 2 attempts"), imported.err.constData());
}

void TstCli::importForeignHar_data()
{
    QTest::addColumn<QString>("file");
    for (const char *name : {"chrome", "firefox", "fiddler", "charles", "httptoolkit"})
        QTest::newRow(name) << QStringLiteral(HOOKSCOPE_TEST_DATA "/har/%1.har").arg(QLatin1String(name));
}

void TstCli::importForeignHar()
{
    QFETCH(QString, file);
    QTemporaryDir dir;
    const QString session = dir.filePath(QStringLiteral("imported.hookscope"));
    const Result r = runHookscope({QStringLiteral("import"), file, QStringLiteral("--session"), session});
    QCOMPARE(r.exitCode, 0);
    const Result exported =
        runHookscope({QStringLiteral("export"), session, QStringLiteral("--ndjson"), QStringLiteral("-")});
    QCOMPARE(exported.exitCode, 0);
    QVERIFY(exported.out.count('\n') >= 1);
    for (const QByteArray &line : exported.out.trimmed().split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        QVERIFY(!o.value(u"method").toString().isEmpty());
        QVERIFY(o.value(u"target").toString().startsWith(QLatin1Char('/')) ||
                o.value(u"method").toString() == QLatin1String("CONNECT"));
    }
}

void TstCli::brokenHarNamesTheField()
{
    QTemporaryDir dir;
    const QString har = dir.filePath(QStringLiteral("broken.har"));
    QFile f(har);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(
        R"({"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[)"
        R"({"startedDateTime":"2026-01-01T00:00:00.000Z","time":0,"request":{"url":"http://h/","httpVersion":"HTTP/1.1",)"
        R"("headers":[],"queryString":[],"cookies":[],"headersSize":-1,"bodySize":0},"response":{},"cache":{},"timings":{}}]}})");
    f.close();
    const QString session = dir.filePath(QStringLiteral("s.hookscope"));
    const Result r = runHookscope({QStringLiteral("import"), har, QStringLiteral("--session"), session});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("log.entries[0].request.method"), r.err.constData());
    QVERIFY(!QFileInfo::exists(session)); // nothing was created
}

void TstCli::importTwiceAddsOnce()
{
    // Issue 12: the same HAR imported twice used to append every entry again, silently.
    QTemporaryDir dir;
    const QString har = QStringLiteral(HOOKSCOPE_TEST_DATA "/har/firebug-multiline.har");
    const QString session = dir.filePath(QStringLiteral("s.hookscope"));
    const Result first = runHookscope({QStringLiteral("import"), har, QStringLiteral("--session"), session});
    QCOMPARE(first.exitCode, 0);
    QVERIFY2(first.err.contains("imported 2 requests"), first.err.constData());
    QVERIFY2(first.err.contains("had header values of several lines, split into header lines"), first.err.constData());
    const Result second = runHookscope({QStringLiteral("import"), har, QStringLiteral("--session"), session});
    QCOMPARE(second.exitCode, 0);
    QVERIFY2(second.err.contains("imported 0 requests"), second.err.constData());
    QVERIFY2(second.err.contains("skipped 2 requests already in the session"), second.err.constData());
    const Result exported =
        runHookscope({QStringLiteral("export"), session, QStringLiteral("--ndjson"), QStringLiteral("-")});
    QCOMPARE(exported.exitCode, 0);
    QCOMPARE(exported.out.trimmed().split('\n').size(), 2);
}

void TstCli::signedWebhookIsVerified_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QByteArray>("secret");
    QTest::newRow("github") << QStringLiteral("github") << QByteArray("It's a Secret to Everybody");
    QTest::newRow("stripe") << QStringLiteral("stripe") << QByteArray("whsec_test_secret");
    QTest::newRow("standard-webhooks") << QStringLiteral("standard-webhooks")
                                       << QByteArray("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
}

void TstCli::signedWebhookIsVerified()
{
    // What a user scripts: sign a body with the command line, send it with the printed headers
    // to `listen --secret`, and read the verdict from its JSON.
    QFETCH(QString, scheme);
    QFETCH(QByteArray, secret);
    const QByteArray body = R"({"id":"evt_1","type":"invoice.paid","data":{"amount":4200}})";
    QProcess sign;
    sign.start(QStringLiteral(HOOKSCOPE_BINARY),
               {QStringLiteral("sign"), scheme, QStringLiteral("--secret"), QString::fromUtf8(secret)});
    sign.write(body);
    sign.closeWriteChannel();
    QVERIFY(sign.waitForFinished(10000));
    QCOMPARE(sign.exitCode(), 0);
    const QByteArray headers = sign.readAllStandardOutput();
    QVERIFY2(!headers.isEmpty() && headers.endsWith('\n'), headers.constData());
    QVERIFY(!sign.readAllStandardError().contains(secret)); // never echoed

    Listen listen({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--json"), QStringLiteral("--secret"),
                   scheme + QLatin1Char('=') + QString::fromUtf8(secret), QStringLiteral("--on-invalid-signature"),
                   QStringLiteral("401")});
    QVERIFY(listen.waitListening());
    const auto request = [&headers](const QByteArray &sent) -> QByteArray {
        QByteArray head = "POST /hooks HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n";
        for (const QByteArray &line : headers.split('\n')) {
            if (!line.isEmpty())
                head += line + "\r\n";
        }
        return head + "Content-Length: " + QByteArray::number(sent.size()) + "\r\nConnection: close\r\n\r\n" + sent;
    };
    QVERIFY(rawExchange(listen.port, request(body)).startsWith("HTTP/1.1 200"));
    QByteArray tampered = body;
    tampered[tampered.indexOf("4200")] = '5';                                        // one byte
    QVERIFY(rawExchange(listen.port, request(tampered)).startsWith("HTTP/1.1 401")); // the sender hears of it
    const QList<QByteArray> lines = listen.waitLines(2);
    QCOMPARE(lines.size(), 2);
    const QJsonObject valid =
        QJsonDocument::fromJson(lines.at(0)).object().value(QLatin1String("signature")).toObject();
    QCOMPARE(valid.value(QLatin1String("scheme")).toString(), scheme);
    QCOMPARE(valid.value(QLatin1String("status")).toString(), QStringLiteral("valid"));
    QVERIFY(valid.value(QLatin1String("reason")).isNull());
    const QJsonObject invalid =
        QJsonDocument::fromJson(lines.at(1)).object().value(QLatin1String("signature")).toObject();
    QCOMPARE(invalid.value(QLatin1String("status")).toString(), QStringLiteral("invalid"));
    QCOMPARE(invalid.value(QLatin1String("reason")).toString(), QStringLiteral("mismatch"));
    QCOMPARE(listen.stop(SIGTERM), 0);
    QVERIFY2(!listen.out.contains(secret) && !listen.err.contains(secret), "the secret was printed");
}

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
