// The tunnel manager against stand-ins for cloudflared and ngrok (faketunnels.h): real child
// processes, real process groups and signals; no network beyond loopback.

#include "faketunnels.h"

#include "http/requestreader.h"
#include "signing/signedurl.h"
#include "tunnel/forwardedclient.h"
#include "tunnel/tunnelmanager.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using Tunnel::TunnelManager;

namespace {

const QUrl Local(QStringLiteral("http://127.0.0.1:40123"));

Tunnel::TunnelConfig configFor(Tunnel::Provider provider, const QString &program)
{
    Tunnel::TunnelConfig c;
    c.provider = provider;
    if (provider == Tunnel::Provider::Custom)
        c.command = program;
    else
        c.executable = program;
    c.firstBackoffMs = 50;
    c.maxRestarts = 2;
    c.urlTimeoutMs = 10'000;
    return c;
}

Http::Request requestWith(const QByteArray &headers, const QByteArray &host = "127.0.0.1:8080")
{
    return Http::RequestReader::restore(
        "POST /hook?a=1 HTTP/1.1\r\nHost: " + host + "\r\n" + headers + "Content-Length: 0\r\n\r\n", {}, {});
}

} // namespace

class TstTunnel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cloudflaredUrlFromItsLog();
    void ngrokUrlFromStartedTunnel();
    void customCommandWithPattern();
    void exitIsShownWithLastLinesAndRestarted();
    void ngrokErrorIsItsOwnWords();
    void hangingToolIsStoppedAfterTimeout();
    void missingProgramSaysWhereToGetIt();
    void badCustomCommandIsRefused();
    void stopEndsTheWholeGroup();
    void toolIgnoringTermIsKilled();
    void destructorEndsTheTool();
    void forwardedClient_data();
    void forwardedClient();
    void signedUrlFollowsTheTunnelTheRequestCameThrough();
    void tunnelUrlsJoinTheSignatureSettings();
};

void TstTunnel::cloudflaredUrlFromItsLog()
{
    QTemporaryDir dir;
    const QString tool = FakeTunnels::write(dir.path(), QStringLiteral("cloudflared"), FakeTunnels::cloudflared());
    TunnelManager manager;
    QSignalSpy urls(&manager, &TunnelManager::publicUrlChanged);
    manager.start(configFor(Tunnel::Provider::Cloudflared, tool), Local);
    QVERIFY(urls.wait(5000));
    // The developers.cloudflare.com link printed first is not the tunnel.
    QCOMPARE(manager.publicUrl(), QUrl(QStringLiteral("https://run1-quiet-lake-tunnel.trycloudflare.com")));
    QCOMPARE(manager.state(), TunnelManager::State::Up);
    QCOMPARE(FakeTunnels::args(dir.path()), QByteArray("tunnel --url http://127.0.0.1:40123 --no-autoupdate"));
    const qint64 pid = FakeTunnels::readPid(dir.path());
    QVERIFY(FakeTunnels::alive(pid));
    manager.stop();
    QCOMPARE(manager.state(), TunnelManager::State::Off);
    QVERIFY(manager.publicUrl().isEmpty());
    QVERIFY(FakeTunnels::waitGone(pid));
}

void TstTunnel::ngrokUrlFromStartedTunnel()
{
    QTemporaryDir dir;
    const QString tool = FakeTunnels::write(dir.path(), QStringLiteral("ngrok"), FakeTunnels::ngrok());
    TunnelManager manager;
    QSignalSpy urls(&manager, &TunnelManager::publicUrlChanged);
    // A listener on every address is reached through loopback.
    manager.start(configFor(Tunnel::Provider::Ngrok, tool), QUrl(QStringLiteral("http://0.0.0.0:40124")));
    QVERIFY(urls.wait(5000));
    QCOMPARE(manager.publicUrl(), QUrl(QStringLiteral("https://run1-4a3b.ngrok-free.app")));
    QCOMPARE(FakeTunnels::args(dir.path()), QByteArray("http http://127.0.0.1:40124 --log stdout --log-format json"));
}

void TstTunnel::customCommandWithPattern()
{
    QTemporaryDir dir;
    // A tool in the manner of bore or localtunnel: its own words, the URL inside them.
    const QString tool = FakeTunnels::write(dir.path(), QStringLiteral("mytunnel"),
                                            "echo 'connecting to relay.example.net (see https://docs.example.net)'\n"
                                            "echo \"listening at relay.example.net:$2 -> your url is "
                                            "https://hooks-$2.relay.example.net now\"\n"
                                            "exec sleep 600\n");
    Tunnel::TunnelConfig config =
        configFor(Tunnel::Provider::Custom, QStringLiteral("'%1' local {port} --to relay.example.net").arg(tool));
    config.urlPattern = QStringLiteral("your url is (\\S+)");
    TunnelManager manager;
    QSignalSpy urls(&manager, &TunnelManager::publicUrlChanged);
    manager.start(config, Local);
    QVERIFY(urls.wait(5000));
    QCOMPARE(manager.publicUrl(), QUrl(QStringLiteral("https://hooks-40123.relay.example.net")));
    QCOMPARE(FakeTunnels::args(dir.path()), QByteArray("local 40123 --to relay.example.net"));
}

void TstTunnel::exitIsShownWithLastLinesAndRestarted()
{
    QTemporaryDir dir;
    // Up, then gone: the quick tunnel's connection dropped and cloudflared gave up.
    const QString tool = FakeTunnels::write(dir.path(), QStringLiteral("cloudflared"),
                                            FakeTunnels::cloudflaredBanner() +
                                                "sleep 0.3\n"
                                                "echo '2026-12-05T10:00:09Z ERR Connection terminated error=\"lost "
                                                "connection to the edge\"' >&2\n"
                                                "exit 1\n");
    TunnelManager manager;
    QSignalSpy urls(&manager, &TunnelManager::publicUrlChanged);
    QSignalSpy ended(&manager, &TunnelManager::ended);
    manager.start(configFor(Tunnel::Provider::Cloudflared, tool), Local);
    QVERIFY(ended.wait(5000));
    QCOMPARE(ended.constFirst().at(0).toString(), QStringLiteral("cloudflared exited with code 1"));
    const QStringList lines = ended.constFirst().at(1).toStringList();
    QVERIFY2(lines.constLast().contains(QStringLiteral("lost connection to the edge")),
             qPrintable(lines.join(QLatin1Char('\n'))));
    QCOMPARE(ended.constFirst().at(2).toInt(), 50); // first backoff
    QVERIFY(manager.publicUrl().isEmpty());
    // Started again, twice (50 ms, 100 ms), each with a new URL, then it stays off.
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 3, 10000);
    QCOMPARE(ended.at(1).at(2).toInt(), 100);
    QCOMPARE(ended.at(2).at(2).toInt(), -1);
    QCOMPARE(manager.state(), TunnelManager::State::Failed);
    QCOMPARE(FakeTunnels::runs(dir.path()), 3);
    QList<QUrl> seen;
    for (const QList<QVariant> &u : std::as_const(urls))
        if (!u.constFirst().toUrl().isEmpty())
            seen << u.constFirst().toUrl();
    QCOMPARE(seen, (QList<QUrl>{QUrl(QStringLiteral("https://run1-quiet-lake-tunnel.trycloudflare.com")),
                                QUrl(QStringLiteral("https://run2-quiet-lake-tunnel.trycloudflare.com")),
                                QUrl(QStringLiteral("https://run3-quiet-lake-tunnel.trycloudflare.com"))}));
    QCOMPARE(manager.problem(), QStringLiteral("cloudflared exited with code 1"));
}

void TstTunnel::ngrokErrorIsItsOwnWords()
{
    QTemporaryDir dir;
    const QString tool = FakeTunnels::write(dir.path(), QStringLiteral("ngrok"), FakeTunnels::ngrokWithoutAuthtoken());
    TunnelManager manager;
    QSignalSpy ended(&manager, &TunnelManager::ended);
    manager.start(configFor(Tunnel::Provider::Ngrok, tool), Local);
    QVERIFY(ended.wait(5000));
    const QString problem = ended.constFirst().at(0).toString();
    QVERIFY2(problem.startsWith(QStringLiteral("ngrok exited with code 1: authentication failed: Usage of ngrok "
                                               "requires a verified account and authtoken.")),
             qPrintable(problem));
    QVERIFY2(problem.contains(QStringLiteral("ERR_NGROK_4018")), qPrintable(problem));
    QVERIFY(!problem.contains(QLatin1Char('\n')));
}

void TstTunnel::hangingToolIsStoppedAfterTimeout()
{
    QTemporaryDir dir;
    // Prints its notice, then nothing: no URL ever comes (no route to the provider, say).
    const QString tool = FakeTunnels::write(dir.path(), QStringLiteral("cloudflared"),
                                            "echo '2026-12-05T10:00:00Z INF Requesting new quick Tunnel on "
                                            "trycloudflare.com...' >&2\n"
                                            "exec sleep 600\n");
    Tunnel::TunnelConfig config = configFor(Tunnel::Provider::Cloudflared, tool);
    config.urlTimeoutMs = 600;
    config.maxRestarts = 0;
    TunnelManager manager;
    QSignalSpy ended(&manager, &TunnelManager::ended);
    manager.start(config, Local);
    QTRY_VERIFY_WITH_TIMEOUT(FakeTunnels::alive(FakeTunnels::readPid(dir.path())), 3000);
    const qint64 pid = FakeTunnels::readPid(dir.path());
    QVERIFY(ended.wait(5000));
    QCOMPARE(ended.constFirst().at(0).toString(),
             QStringLiteral("Cloudflare quick tunnel printed no public URL within 0.6 s"));
    QCOMPARE(
        ended.constFirst().at(1).toStringList(),
        QStringList{QStringLiteral("2026-12-05T10:00:00Z INF Requesting new quick Tunnel on trycloudflare.com...")});
    QCOMPARE(ended.constFirst().at(2).toInt(), -1);
    QCOMPARE(manager.state(), TunnelManager::State::Failed);
    QVERIFY(FakeTunnels::waitGone(pid));
}

void TstTunnel::missingProgramSaysWhereToGetIt()
{
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", "/nonexistent");
    TunnelManager manager;
    QSignalSpy ended(&manager, &TunnelManager::ended);
    manager.start(configFor(Tunnel::Provider::Cloudflared, {}), Local);
    qputenv("PATH", path);
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.constFirst().at(0).toString(),
             QStringLiteral("cloudflared is not installed (not found on PATH). Install it from "
                            "https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/, "
                            "or set where it is in Settings."));
    QCOMPARE(ended.constFirst().at(2).toInt(), -1); // nothing to retry
    QCOMPARE(manager.state(), TunnelManager::State::Failed);

    manager.start(configFor(Tunnel::Provider::Ngrok, QStringLiteral("/opt/nowhere/ngrok")), Local);
    QCOMPARE(ended.size(), 2);
    QCOMPARE(ended.at(1).at(0).toString(),
             QStringLiteral("/opt/nowhere/ngrok is not an executable file (set in Settings). Install it from "
                            "https://ngrok.com/download, or set where it is in Settings."));
}

void TstTunnel::badCustomCommandIsRefused()
{
    TunnelManager manager;
    QSignalSpy ended(&manager, &TunnelManager::ended);
    manager.start(
        configFor(Tunnel::Provider::Custom, QStringLiteral("ssh -R 80:localhost:{port} serveo.net | tee log")), Local);
    QCOMPARE(ended.size(), 1);
    QVERIFY(ended.constFirst().at(0).toString().contains(QStringLiteral("no |, ; or &&")));
    Tunnel::TunnelConfig config = configFor(Tunnel::Provider::Custom, QStringLiteral("true {port}"));
    config.urlPattern = QStringLiteral("(unclosed");
    manager.start(config, Local);
    QCOMPARE(ended.size(), 2);
    QVERIFY(ended.at(1).at(0).toString().startsWith(QStringLiteral("the URL expression is not valid")));
    QCOMPARE(ended.at(1).at(2).toInt(), -1);
}

void TstTunnel::stopEndsTheWholeGroup()
{
    QTemporaryDir dir;
    // A tool that starts a helper of its own: stopping the tunnel ends both.
    const QString tool = FakeTunnels::write(dir.path(), QStringLiteral("cloudflared"),
                                            "sleep 600 &\necho $! > '" + QFile::encodeName(dir.path()) + "/helper'\n" +
                                                FakeTunnels::cloudflared());
    TunnelManager manager;
    QSignalSpy urls(&manager, &TunnelManager::publicUrlChanged);
    manager.start(configFor(Tunnel::Provider::Cloudflared, tool), Local);
    QVERIFY(urls.wait(5000));
    QFile helperFile(dir.filePath(QStringLiteral("helper")));
    QVERIFY(helperFile.open(QIODevice::ReadOnly));
    const qint64 helper = helperFile.readAll().trimmed().toLongLong();
    const qint64 pid = FakeTunnels::readPid(dir.path());
    QVERIFY(FakeTunnels::alive(helper));
    QCOMPARE(manager.processId(), pid);
    manager.stop();
    QVERIFY(FakeTunnels::waitGone(pid));
    QVERIFY(FakeTunnels::waitGone(helper));
}

void TstTunnel::toolIgnoringTermIsKilled()
{
    QTemporaryDir dir;
    const QString tool =
        FakeTunnels::write(dir.path(), QStringLiteral("cloudflared"),
                           "trap '' TERM\n" + FakeTunnels::cloudflaredBanner() + "while :; do sleep 0.1; done\n");
    TunnelManager manager;
    QSignalSpy urls(&manager, &TunnelManager::publicUrlChanged);
    manager.start(configFor(Tunnel::Provider::Cloudflared, tool), Local);
    QVERIFY(urls.wait(5000));
    const qint64 pid = FakeTunnels::readPid(dir.path());
    manager.stop();
    QTest::qWait(500);
    QVERIFY(FakeTunnels::alive(pid));          // it ignored SIGTERM...
    QVERIFY(FakeTunnels::waitGone(pid, 5000)); // ...and got SIGKILL after the grace period
}

void TstTunnel::destructorEndsTheTool()
{
    QTemporaryDir dir;
    const QString tool = FakeTunnels::write(dir.path(), QStringLiteral("cloudflared"), FakeTunnels::cloudflared());
    qint64 pid = 0;
    {
        TunnelManager manager;
        QSignalSpy urls(&manager, &TunnelManager::publicUrlChanged);
        manager.start(configFor(Tunnel::Provider::Cloudflared, tool), Local);
        QVERIFY(urls.wait(5000));
        pid = FakeTunnels::readPid(dir.path());
    }
    QVERIFY(!FakeTunnels::alive(pid)); // gone by the time the destructor returned
}

void TstTunnel::forwardedClient_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QString>("address");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("cloudflared") << QByteArray("X-Forwarded-For: 203.0.113.7\r\nCf-Connecting-Ip: 203.0.113.7\r\n")
                                 << QStringLiteral("203.0.113.7") << QByteArray("Cf-Connecting-Ip");
    QTest::newRow("ngrok, through proxies") << QByteArray("X-Forwarded-For: 198.51.100.4, 10.0.0.2\r\n")
                                            << QStringLiteral("198.51.100.4") << QByteArray("X-Forwarded-For");
    QTest::newRow("IPv6") << QByteArray("Cf-Connecting-Ip: 2001:db8::1\r\n") << QStringLiteral("2001:db8::1")
                          << QByteArray("Cf-Connecting-Ip");
    QTest::newRow("RFC 7239") << QByteArray("Forwarded: proto=https;for=\"[2001:db8::7]:4711\", for=10.0.0.1\r\n")
                              << QStringLiteral("2001:db8::7") << QByteArray("Forwarded");
    QTest::newRow("with a port") << QByteArray("X-Forwarded-For: 192.0.2.9:5511\r\n") << QStringLiteral("192.0.2.9")
                                 << QByteArray("X-Forwarded-For");
    QTest::newRow("not an address") << QByteArray("X-Forwarded-For: unknown\r\nForwarded: for=_hidden\r\n") << QString()
                                    << QByteArray();
    QTest::newRow("none") << QByteArray() << QString() << QByteArray();
}

void TstTunnel::forwardedClient()
{
    QFETCH(QByteArray, headers);
    QFETCH(QString, address);
    QFETCH(QByteArray, header);
    const std::optional<Tunnel::ForwardedClient> client = Tunnel::forwardedClient(requestWith(headers));
    QCOMPARE(client.has_value(), !address.isEmpty());
    if (client) {
        QCOMPARE(client->address, address);
        QCOMPARE(client->header, header);
    }
}

void TstTunnel::signedUrlFollowsTheTunnelTheRequestCameThrough()
{
    Signing::Config config;
    config.publicUrl = QStringLiteral("https://run2-quiet-lake-tunnel.trycloudflare.com");
    config.earlierPublicUrls = {QStringLiteral("https://run1-quiet-lake-tunnel.trycloudflare.com")};
    bool guessed = true;
    // Sent through the first tunnel, before it was restarted with a new URL.
    QCOMPARE(Signing::signedUrl(config, requestWith({}, "run1-quiet-lake-tunnel.trycloudflare.com"), &guessed),
             QStringLiteral("https://run1-quiet-lake-tunnel.trycloudflare.com/hook?a=1"));
    QVERIFY(!guessed);
    QCOMPARE(Signing::signedUrl(config, requestWith({}, "run2-quiet-lake-tunnel.trycloudflare.com"), &guessed),
             QStringLiteral("https://run2-quiet-lake-tunnel.trycloudflare.com/hook?a=1"));
    // Any other Host: the current public URL, as before.
    QCOMPARE(Signing::signedUrl(config, requestWith({}, "127.0.0.1:8080"), &guessed),
             QStringLiteral("https://run2-quiet-lake-tunnel.trycloudflare.com/hook?a=1"));
}

void TstTunnel::tunnelUrlsJoinTheSignatureSettings()
{
    const QString one = QStringLiteral("https://run1-quiet-lake-tunnel.trycloudflare.com");
    const QString two = QStringLiteral("https://run2-quiet-lake-tunnel.trycloudflare.com");
    Signing::Config none;
    // No URL set by hand: the newest tunnel URL is the public URL, the older one still known.
    Signing::Config c = Tunnel::withTunnelUrls(none, {one, two});
    QCOMPARE(c.publicUrl, two);
    QCOMPARE(c.earlierPublicUrls, QStringList{one});
    // One set by hand wins; the tunnel's are known for the requests that came through them.
    Signing::Config byHand;
    byHand.publicUrl = QStringLiteral("https://hooks.example.com");
    c = Tunnel::withTunnelUrls(byHand, {one, two});
    QCOMPARE(c.publicUrl, byHand.publicUrl);
    QCOMPARE(c.earlierPublicUrls, (QStringList{one, two}));
    QCOMPARE(Tunnel::withTunnelUrls(byHand, {}).earlierPublicUrls, QStringList());
}

QTEST_GUILESS_MAIN(TstTunnel)
#include "tst_tunnel.moc"
