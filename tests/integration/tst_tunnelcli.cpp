// `hookscope listen --tunnel ...` as a user runs it: the real binary, a stand-in tunnel tool on
// PATH (faketunnels.h), real requests over loopback, real signals.

#include "faketunnels.h"
#include "hookscopeprocess.h"

#include "signing/signing.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QByteArray Run1 = "run1-quiet-lake-tunnel.trycloudflare.com";

QByteArray exchange(quint16 port, const QByteArray &bytes)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(3000))
        return {};
    socket.write(bytes);
    QByteArray answer;
    while (socket.waitForReadyRead(3000))
        answer += socket.readAll();
    return answer;
}

/// A request as cloudflared hands it to the listener: the public Host, the client's address.
QByteArray throughTunnel(const QByteArray &target, const QByteArray &extraHeaders, const QByteArray &body)
{
    return "POST " + target + " HTTP/1.1\r\nHost: " + Run1 + "\r\nCf-Connecting-Ip: 203.0.113.7\r\n" +
           "X-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Proto: https\r\n" + extraHeaders +
           "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

bool waitFor(Listen &listen, const QByteArray &text, int ms = 8000)
{
    QElapsedTimer t;
    t.start();
    while (!listen.err.contains(text) && t.elapsed() < ms) {
        listen.process.waitForReadyRead(100);
        listen.err += listen.process.readAllStandardError();
    }
    return listen.err.contains(text);
}

} // namespace

class TstTunnelCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void publicUrlAfterListening();
    void jsonStdoutUnchanged();
    void humanLineNamesTheClient();
    void twilioSignatureUsesTheTunnelUrl();
    void noToolSurvivesSigkill();
    void sigtermEndsTheTool();
    void crashIsReportedAndRestarted();
    void missingToolIsClear();
    void programSetInTheWindowIsUsed();
    void windowEndsTheToolOnSigterm();
    void noToolSurvivesSigkillOfTheWindow();
    void badOptions_data();
    void badOptions();

private:
    qint64 startWindow(QProcess *window);

    QTemporaryDir m_config; // settings of this test's own, never the user's
    QTemporaryDir m_tools;
    QByteArray m_path;
};

void TstTunnelCli::initTestCase()
{
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_config.path()));
    m_path = qgetenv("PATH");
}

void TstTunnelCli::init()
{
    QDir(m_tools.path()).removeRecursively();
    QDir().mkpath(m_tools.path());
    FakeTunnels::write(m_tools.path(), QStringLiteral("cloudflared"), FakeTunnels::cloudflared());
    qputenv("PATH", QFile::encodeName(m_tools.path()) + ':' + m_path);
}

void TstTunnelCli::publicUrlAfterListening()
{
    Listen listen(
        {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tunnel"), QStringLiteral("cloudflared")});
    QVERIFY(listen.waitListening());
    QVERIFY2(waitFor(listen, "public url https://" + Run1 + '\n'), listen.err.constData());
    QVERIFY(listen.err.indexOf("listening on") < listen.err.indexOf("public url"));
    QCOMPARE(FakeTunnels::args(m_tools.path()),
             "tunnel --url http://127.0.0.1:" + QByteArray::number(listen.port) + " --no-autoupdate");
    QCOMPARE(listen.stop(SIGINT), 0);
}

void TstTunnelCli::jsonStdoutUnchanged()
{
    Listen listen({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--json"), QStringLiteral("--tunnel"),
                   QStringLiteral("cloudflared")});
    QVERIFY(listen.waitListening());
    QVERIFY(waitFor(listen, "public url"));
    QVERIFY(exchange(listen.port, throughTunnel("/hook", {}, "{}")).startsWith("HTTP/1.1 200"));
    const QList<QByteArray> lines = listen.waitLines(1);
    QCOMPARE(lines.size(), 1);
    const QJsonObject o = QJsonDocument::fromJson(lines.constFirst()).object();
    // The record as always: remote is the tunnel's local connection; the headers say who sent it.
    QVERIFY(o.value(u"remote").toString().startsWith(QStringLiteral("127.0.0.1:")));
    QCOMPARE(o.value(u"target").toString(), QStringLiteral("/hook"));
    QCOMPARE(listen.stop(SIGTERM), 0);
    QCOMPARE(listen.out.count('\n'), 1); // nothing else on stdout
}

void TstTunnelCli::humanLineNamesTheClient()
{
    Listen listen(
        {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tunnel"), QStringLiteral("cloudflared")});
    QVERIFY(listen.waitListening());
    QVERIFY(waitFor(listen, "public url"));
    QVERIFY(exchange(listen.port, throughTunnel("/hook", {}, "{}")).startsWith("HTTP/1.1 200"));
    const QList<QByteArray> lines = listen.waitLines(1);
    QCOMPARE(lines.size(), 1);
    QVERIFY2(QRegularExpression(QStringLiteral("127\\.0\\.0\\.1:\\d+ \\(for 203\\.0\\.113\\.7\\)"))
                 .match(QString::fromUtf8(lines.constFirst()))
                 .hasMatch(),
             lines.constFirst().constData());
}

void TstTunnelCli::twilioSignatureUsesTheTunnelUrl()
{
    Listen listen({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--json"), QStringLiteral("--secret"),
                   QStringLiteral("twilio=12345678901234567890123456789012"), QStringLiteral("--tunnel"),
                   QStringLiteral("cloudflared")});
    QVERIFY(listen.waitListening());
    QVERIFY(waitFor(listen, "public url"));
    // Twilio signs the URL it calls: the tunnel's public one, which the listener never sees whole.
    const QByteArray body = "AccountSid=AC123&Body=hello&From=%2B15550001111";
    Signing::SignOptions options;
    options.contentType = "application/x-www-form-urlencoded";
    const Signing::Signed s =
        Signing::sign(u"twilio", "12345678901234567890123456789012", body,
                      QStringLiteral("https://") + QString::fromLatin1(Run1) + QStringLiteral("/sms?x=1"), options);
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
    QByteArray headers = "Content-Type: application/x-www-form-urlencoded\r\n";
    for (const auto &[name, value] : s.headers)
        headers += name + ": " + value + "\r\n";
    QVERIFY(exchange(listen.port, throughTunnel("/sms?x=1", headers, body)).startsWith("HTTP/1.1 200"));
    const QList<QByteArray> lines = listen.waitLines(1);
    QCOMPARE(lines.size(), 1);
    const QJsonObject signature = QJsonDocument::fromJson(lines.constFirst()).object().value(u"signature").toObject();
    QCOMPARE(signature.value(u"scheme").toString(), QStringLiteral("twilio"));
    QCOMPARE(signature.value(u"status").toString(), QStringLiteral("valid"));
}

void TstTunnelCli::noToolSurvivesSigkill()
{
    Listen listen(
        {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tunnel"), QStringLiteral("cloudflared")});
    QVERIFY(listen.waitListening());
    QVERIFY(waitFor(listen, "public url"));
    const qint64 tool = FakeTunnels::readPid(m_tools.path());
    QVERIFY(FakeTunnels::alive(tool));
    ::kill(pid_t(listen.process.processId()), SIGKILL); // no chance to clean up
    QVERIFY(listen.process.waitForFinished(3000));
    QVERIFY2(FakeTunnels::waitGone(tool, 3000), "the tunnel tool outlived a killed Hookscope");
}

void TstTunnelCli::sigtermEndsTheTool()
{
    Listen listen(
        {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tunnel"), QStringLiteral("cloudflared")});
    QVERIFY(listen.waitListening());
    QVERIFY(waitFor(listen, "public url"));
    const qint64 tool = FakeTunnels::readPid(m_tools.path());
    QCOMPARE(listen.stop(SIGTERM), 0);
    QVERIFY(!FakeTunnels::alive(tool)); // ended before Hookscope exited
}

void TstTunnelCli::crashIsReportedAndRestarted()
{
    // Crashes once, right after printing its notice; the second run comes up.
    FakeTunnels::write(m_tools.path(), QStringLiteral("cloudflared"),
                       "if [ $n = 1 ]; then echo '2026-12-05T10:00:00Z ERR failed to request quick Tunnel: 429 Too "
                       "Many Requests' >&2; kill -SEGV $$; fi\n" +
                           FakeTunnels::cloudflared());
    Listen listen(
        {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tunnel"), QStringLiteral("cloudflared")});
    QVERIFY(listen.waitListening());
    QVERIFY2(waitFor(listen, "public url https://run2-", 10000), listen.err.constData());
    const QByteArray err = listen.err;
    QVERIFY2(err.contains("tunnel: cloudflared stopped unexpectedly (killed or crashed)\n"
                          "  its last output:\n"
                          "    2026-12-05T10:00:00Z ERR failed to request quick Tunnel: 429 Too Many Requests\n"
                          "  starting it again in 1 s\n"),
             err.constData());
    QCOMPARE(listen.stop(SIGINT), 0);
}

void TstTunnelCli::missingToolIsClear()
{
    qputenv("PATH", "/usr/bin:/bin");
    const Result r = runHookscope({QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("0"),
                                   QStringLiteral("--tunnel"), QStringLiteral("ngrok")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("ngrok is not installed (not found on PATH). Install it from https://ngrok.com/download"),
             r.err.constData());
    QVERIFY(!r.err.contains("listening on")); // said before anything listens
}

void TstTunnelCli::programSetInTheWindowIsUsed()
{
    // Not on PATH, but where the window's Tunnel Settings say it is.
    QTemporaryDir elsewhere;
    const QString tool =
        FakeTunnels::write(elsewhere.path(), QStringLiteral("my-cloudflared"), FakeTunnels::cloudflared());
    {
        QSettings window(QDir(m_config.path()).filePath(QStringLiteral("Hookscope/Hookscope.conf")),
                         QSettings::IniFormat);
        window.setValue(QStringLiteral("tunnel/cloudflaredProgram"), tool);
    }
    qputenv("PATH", "/usr/bin:/bin");
    Listen listen(
        {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tunnel"), QStringLiteral("cloudflared")});
    QVERIFY2(listen.waitListening(), listen.err.constData());
    QVERIFY2(waitFor(listen, "public url https://" + Run1), listen.err.constData());
    QCOMPARE(FakeTunnels::runs(elsewhere.path()), 1);
    QCOMPARE(listen.stop(SIGTERM), 0);
    QFile::remove(QDir(m_config.path()).filePath(QStringLiteral("Hookscope/Hookscope.conf")));
}

/// The window (the real binary, offscreen) with the public URL switched on in its settings, as a
/// user who switched it on yesterday starts it today; the tool's pid once it runs.
qint64 TstTunnelCli::startWindow(QProcess *window)
{
    QSettings settings(QDir(m_config.path()).filePath(QStringLiteral("Hookscope/Hookscope.conf")),
                       QSettings::IniFormat);
    settings.setValue(QStringLiteral("capture/port"), 0);
    settings.setValue(QStringLiteral("tunnel/enabled"), true);
    settings.setValue(QStringLiteral("tunnel/privacyAccepted"), true);
    settings.sync();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_config.filePath(QStringLiteral("data")));
    window->setProcessEnvironment(env);
    window->start(QStringLiteral(HOOKSCOPE_BINARY), {});
    QElapsedTimer t;
    t.start();
    while (!FakeTunnels::alive(FakeTunnels::readPid(m_tools.path())) && t.elapsed() < 10000)
        QTest::qWait(50);
    return FakeTunnels::readPid(m_tools.path());
}

void TstTunnelCli::windowEndsTheToolOnSigterm()
{
    QProcess window;
    const qint64 tool = startWindow(&window);
    QVERIFY2(FakeTunnels::alive(tool), window.readAllStandardError().constData());
    ::kill(pid_t(window.processId()), SIGTERM); // as a logout or `kill` does
    QVERIFY(window.waitForFinished(10000));
    QCOMPARE(window.exitStatus(), QProcess::NormalExit);
    QVERIFY2(!FakeTunnels::alive(tool), "the tool outlived the window");
    QFile::remove(QDir(m_config.path()).filePath(QStringLiteral("Hookscope/Hookscope.conf")));
}

void TstTunnelCli::noToolSurvivesSigkillOfTheWindow()
{
    QProcess window;
    const qint64 tool = startWindow(&window);
    QVERIFY2(FakeTunnels::alive(tool), window.readAllStandardError().constData());
    ::kill(pid_t(window.processId()), SIGKILL);
    QVERIFY(window.waitForFinished(5000));
    QVERIFY2(FakeTunnels::waitGone(tool, 3000), "the tool outlived a killed window");
    QFile::remove(QDir(m_config.path()).filePath(QStringLiteral("Hookscope/Hookscope.conf")));
}

void TstTunnelCli::badOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("mentions");
    const auto l = [](std::initializer_list<const char *> words) {
        QStringList out{QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("0")};
        for (const char *w : words)
            out << QString::fromUtf8(w);
        return out;
    };
    QTest::newRow("unknown provider") << l({"--tunnel", "serveo"})
                                      << QByteArray("expected cloudflared, ngrok or custom");
    QTest::newRow("custom without command") << l({"--tunnel", "custom"}) << QByteArray("needs --tunnel-command");
    QTest::newRow("command without custom")
        << l({"--tunnel", "cloudflared", "--tunnel-command", "x {port}"}) << QByteArray("needs --tunnel custom");
    QTest::newRow("command without tunnel")
        << l({"--tunnel-command", "x"}) << QByteArray("--tunnel-command needs --tunnel");
    QTest::newRow("bad pattern") << l({"--tunnel", "custom", "--tunnel-command", "sh {port}", "--tunnel-url-pattern",
                                       "(x"})
                                 << QByteArray("invalid --tunnel-url-pattern");
    QTest::newRow("pipeline") << l({"--tunnel", "custom", "--tunnel-command", "sh {port} | cat"})
                              << QByteArray("no |, ; or &&");
}

void TstTunnelCli::badOptions()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, mentions);
    const Result r = runHookscope(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(mentions), r.err.constData());
    QVERIFY(!r.err.contains("listening on"));
}

QTEST_GUILESS_MAIN(TstTunnelCli)
#include "tst_tunnelcli.moc"
