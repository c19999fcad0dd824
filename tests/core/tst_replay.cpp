// A captured request made into a replay: exactly what was captured goes out again, minus the
// hop-by-hop fields and with Host and Content-Length made for the destination, and every
// difference is said in a sentence before anything is sent.

#include "delivery/replay.h"
#include "http/outgoingrequest.h"
#include "http/requestreader.h"

#include <QtTest>

using Delivery::Replay;
using Delivery::ReplayOptions;

namespace {

Http::Request read(const QByteArray &wire)
{
    Http::RequestReader reader;
    if (reader.feed(wire).event != Http::RequestReader::Event::MessageComplete)
        qFatal("test request does not parse");
    return reader.takeRequest();
}

ReplayOptions to(const char *url)
{
    ReplayOptions o;
    o.destinations = {QUrl(QString::fromLatin1(url))};
    o.sourceId = 7;
    return o;
}

/// What the Sender puts on the wire for the replay's first destination (without signing).
Http::Request sentAgain(const Replay &r)
{
    Http::OutgoingRequest out;
    out.method = r.message.method;
    out.target = r.message.rawTarget;
    out.headers = Http::OutgoingRequest::withDefaults(r.message.headers, r.message.destinations.constFirst(),
                                                      r.message.body.size(), r.message.chunked);
    out.body = r.message.body;
    return read(out.wire());
}

Http::HeaderList headersOf(const Http::Request &r)
{
    Http::HeaderList list;
    for (qsizetype i = 0; i < r.headerCount(); ++i)
        list.append({r.header(i).name.toByteArray(), r.header(i).value.toByteArray()});
    return list;
}

} // namespace

class TstReplay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsMethodTargetHeadersAndBodyExactly();
    void hopByHopFieldsAreDropped();
    void chunkedBodyGoesWithContentLength();
    void hostIsMadeForEachDestination();
    void contentLengthIsRecomputed();
    void capturedUserAgentIsKept();
    void noUserAgentCapturedNoneSent();
    void keepsSignatureByDefault();
    void resignDropsTheSchemesHeaders();
    void problemsAreSaid();
};

void TstReplay::keepsMethodTargetHeadersAndBodyExactly()
{
    const QByteArray body("{\"id\":\"{{uuid}}\",\"x\":\"\\u00e9\"}\x00\xff", 33);
    const Http::Request captured =
        read("PATCH /a/%2e%2e/b?x={v}&x=2 HTTP/1.1\r\nHost: a.example\r\n"
             "x-lower: 1\r\nX-Dup: a\r\nX-MiXeD: m\r\nX-Dup: b\r\nUser-Agent: GitHub-Hookshot/1\r\n"
             "Content-Length: 33\r\n\r\n" +
             body);
    const Replay r = Delivery::replayOf(captured, to("http://127.0.0.1:8080/ignored"));
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.message.method, QByteArray("PATCH"));
    QCOMPARE(r.message.rawTarget, QByteArray("/a/%2e%2e/b?x={v}&x=2"));
    QCOMPARE(r.message.body, body);
    QVERIFY(!r.message.resolvePlaceholders); // "{{uuid}}" in the captured body is not a placeholder
    QCOMPARE(r.message.kind, QStringLiteral("replay"));
    QCOMPARE(r.message.sourceId, 7);
    QVERIFY(!r.message.chunked);

    const Http::Request again = sentAgain(r);
    QCOMPARE(again.target(), QByteArrayView("/a/%2e%2e/b?x={v}&x=2"));
    QCOMPARE(again.body(), body);
    QCOMPARE(headersOf(again), (Http::HeaderList{{"Host", "127.0.0.1:8080"},
                                                 {"Content-Length", "33"},
                                                 {"x-lower", "1"},
                                                 {"X-Dup", "a"},
                                                 {"X-MiXeD", "m"},
                                                 {"X-Dup", "b"},
                                                 {"User-Agent", "GitHub-Hookshot/1"}}));
    QCOMPARE(r.changes, QStringList{QStringLiteral("Host: a.example → 127.0.0.1:8080")});
}

void TstReplay::hopByHopFieldsAreDropped()
{
    const Http::Request captured =
        read("POST /h HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nConnection: keep-alive, X-Trace\r\n"
             "Keep-Alive: timeout=5\r\nTE: trailers\r\nUpgrade: h2c\r\n"
             "Proxy-Authorization: Basic eA==\r\nproxy-connection: close\r\n"
             "x-trace: 1\r\nX-Kept: 2\r\nUser-Agent: u\r\nContent-Length: 2\r\n\r\nhi");
    const Replay r = Delivery::replayOf(captured, to("http://127.0.0.1:8080/"));
    QCOMPARE(r.message.headers, (Http::HeaderList{{"X-Kept", "2"}, {"User-Agent", "u"}}));
    QCOMPARE(r.changes, (QStringList{QStringLiteral("Connection: keep-alive, X-Trace dropped (hop-by-hop)"),
                                     QStringLiteral("Keep-Alive: timeout=5 dropped (hop-by-hop)"),
                                     QStringLiteral("TE: trailers dropped (hop-by-hop)"),
                                     QStringLiteral("Upgrade: h2c dropped (hop-by-hop)"),
                                     QStringLiteral("Proxy-Authorization: Basic eA== dropped (hop-by-hop)"),
                                     QStringLiteral("proxy-connection: close dropped (hop-by-hop)"),
                                     QStringLiteral("x-trace: 1 dropped (named in Connection)")}));
    // Unsaid (a forward's), the message is the same.
    Delivery::ReplayOptions quiet = to("http://127.0.0.1:8080/");
    quiet.describeChanges = false;
    const Replay unsaid = Delivery::replayOf(captured, quiet);
    QCOMPARE(unsaid.message.headers, r.message.headers);
    QVERIFY(unsaid.changes.isEmpty());
    const Replay noAgent = Delivery::replayOf(read("POST /h HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n"), quiet);
    QCOMPARE(noAgent.message.headers, (Http::HeaderList{{"User-Agent", ""}})); // none sent
    QVERIFY(Delivery::isHopByHop("PROXY-whatever", {}));
    QVERIFY(!Delivery::isHopByHop("Proxyish", {}));
    QVERIFY(!Delivery::isHopByHop("X-Trace", {}));
}

void TstReplay::chunkedBodyGoesWithContentLength()
{
    const Http::Request captured =
        read("POST /h HTTP/1.1\r\nHost: h\r\nUser-Agent: u\r\nTransfer-Encoding: chunked\r\n"
             "X-After: 1\r\n\r\n5\r\nhello\r\n3;ext=1\r\n, w\r\n0\r\nX-Checksum: abc\r\n\r\n");
    QVERIFY(captured.isChunked());
    const Replay r = Delivery::replayOf(captured, to("http://h/"));
    QCOMPARE(r.message.body, QByteArray("hello, w"));
    QVERIFY(!r.message.chunked);
    QCOMPARE(r.changes,
             (QStringList{QStringLiteral("Transfer-Encoding: chunked dropped (the body goes with Content-Length: 8)"),
                          QStringLiteral("Trailer fields dropped (the body is no longer chunked): X-Checksum: abc")}));
    const Http::Request again = sentAgain(r);
    QCOMPARE(again.body(), QByteArray("hello, w"));
    QCOMPARE(headersOf(again),
             (Http::HeaderList{{"Host", "h"}, {"Content-Length", "8"}, {"User-Agent", "u"}, {"X-After", "1"}}));
}

void TstReplay::hostIsMadeForEachDestination()
{
    const Http::Request captured =
        read("POST /h HTTP/1.1\r\nHost: a.example\r\nUser-Agent: u\r\nContent-Length: 0\r\n\r\n");
    ReplayOptions o = to("http://a.example/");
    o.destinations.append(QUrl(QStringLiteral("http://[::1]:9000/")));
    const Replay r = Delivery::replayOf(captured, o);
    // The same host says nothing; another one is said.
    QCOMPARE(r.changes, QStringList{QStringLiteral("Host: a.example → [::1]:9000")});
    QVERIFY(r.message.headers.size() == 1);

    const Http::Request http10 = read("GET /h HTTP/1.0\r\nUser-Agent: u\r\n\r\n");
    QCOMPARE(Delivery::replayOf(http10, to("http://127.0.0.1:1/")).changes,
             (QStringList{QStringLiteral("Host: 127.0.0.1:1 added (none was captured)"),
                          QStringLiteral("Content-Length: 0 added (none was captured)")}));
}

void TstReplay::contentLengthIsRecomputed()
{
    const Http::Request captured = read("POST /h HTTP/1.1\r\nHost: h\r\ncontent-length: 3\r\nUser-Agent: u\r\n\r\nabc");
    const Replay r = Delivery::replayOf(captured, to("http://h/"));
    QVERIFY(r.changes.isEmpty()); // the same length, made again, is no change
    QCOMPARE(r.message.headers, (Http::HeaderList{{"User-Agent", "u"}}));
    QCOMPARE(sentAgain(r).headerValue("Content-Length"), QByteArrayView("3"));
}

void TstReplay::capturedUserAgentIsKept()
{
    const Http::Request captured =
        read("POST /h HTTP/1.1\r\nHost: h\r\nuser-agent: Stripe/1.0\r\nContent-Length: 0\r\n\r\n");
    const Http::Request again = sentAgain(Delivery::replayOf(captured, to("http://h/")));
    int agents = 0;
    for (const auto &[name, value] : headersOf(again)) {
        if (name.compare("User-Agent", Qt::CaseInsensitive) == 0) {
            ++agents;
            QCOMPARE(name, QByteArray("user-agent"));
            QCOMPARE(value, QByteArray("Stripe/1.0"));
        }
    }
    QCOMPARE(agents, 1); // no Hookscope/VERSION beside it
}

void TstReplay::noUserAgentCapturedNoneSent()
{
    const Http::Request captured = read("POST /h HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
    const Replay r = Delivery::replayOf(captured, to("http://h/"));
    QVERIFY(r.changes.contains(
        QStringLiteral("No User-Agent was captured: none is sent (Hookscope adds none of its own)")));
    QVERIFY(sentAgain(r).headerValue("User-Agent").isNull());
}

void TstReplay::keepsSignatureByDefault()
{
    const Http::Request captured = read("POST /h HTTP/1.1\r\nHost: h\r\nX-Hub-Signature-256: sha256=old\r\n"
                                        "X-GitHub-Event: ping\r\nUser-Agent: u\r\nContent-Length: 2\r\n\r\n{}");
    const Replay r = Delivery::replayOf(captured, to("http://h/"));
    QVERIFY(r.message.signScheme.isEmpty());
    QCOMPARE(r.message.headers.constFirst(), (QPair<QByteArray, QByteArray>("X-Hub-Signature-256", "sha256=old")));
}

void TstReplay::resignDropsTheSchemesHeaders()
{
    const Http::Request captured = read("POST /h HTTP/1.1\r\nHost: h\r\nX-Hub-Signature: sha1=old\r\n"
                                        "x-hub-signature-256: sha256=old\r\nX-GitHub-Event: ping\r\nUser-Agent: u\r\n"
                                        "Content-Length: 2\r\n\r\n{}");
    ReplayOptions o = to("http://h/");
    o.resignScheme = QStringLiteral("github");
    o.resignSecret = "s3cret";
    const Replay r = Delivery::replayOf(captured, o);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.message.signScheme, QStringLiteral("github"));
    QCOMPARE(r.message.signSecret, QByteArray("s3cret"));
    QCOMPARE(r.message.headers, (Http::HeaderList{{"X-GitHub-Event", "ping"}, {"User-Agent", "u"}}));
    QCOMPARE(r.changes,
             (QStringList{QStringLiteral("X-Hub-Signature: sha1=old dropped (re-signed with GitHub)"),
                          QStringLiteral("x-hub-signature-256: sha256=old dropped (re-signed with GitHub)"),
                          QStringLiteral("Signed afresh with GitHub as it is sent (new timestamp): its headers go at "
                                         "the end")}));

    // Standard Webhooks signs an id and a timestamp too: all three go.
    const Http::Request sw = read("POST /h HTTP/1.1\r\nHost: h\r\nwebhook-id: msg_1\r\nwebhook-timestamp: 1\r\n"
                                  "webhook-signature: v1,old\r\nUser-Agent: u\r\nContent-Length: 0\r\n\r\n");
    o.resignScheme = QStringLiteral("standard-webhooks");
    o.resignSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const Replay s = Delivery::replayOf(sw, o);
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
    QCOMPARE(s.message.headers, (Http::HeaderList{{"User-Agent", "u"}}));
}

void TstReplay::problemsAreSaid()
{
    const Http::Request captured = read("POST /h HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
    QVERIFY(!Delivery::replayOf(captured, {}).error.isEmpty());
    ReplayOptions o = to("http://h/");
    o.resignScheme = QStringLiteral("nope");
    o.resignSecret = "x";
    QCOMPARE(Delivery::replayOf(captured, o).error, QStringLiteral("There is no signature scheme called \"nope\"."));
    o.resignScheme = QStringLiteral("github");
    o.resignSecret.clear();
    QCOMPARE(Delivery::replayOf(captured, o).error, QStringLiteral("Re-signing with GitHub needs a secret."));
}

QTEST_GUILESS_MAIN(TstReplay)
#include "tst_replay.moc"
