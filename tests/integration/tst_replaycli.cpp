// `hookscope replay` as a user runs it: a request captured by one `hookscope listen` into a session,
// sent again with the real binary to a second listener, which must see what the first one saw.

#include "hookscopeprocess.h"

#include "session/sessionreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

namespace {

const QString kSecret = QStringLiteral("It's a Secret to Everybody");

QJsonObject firstLine(Listen &l)
{
    const QList<QByteArray> lines = l.waitLines(1);
    return lines.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(lines.constFirst()).object();
}

QList<QPair<QString, QString>> headersOf(const QJsonObject &captured)
{
    QList<QPair<QString, QString>> list;
    for (const QJsonValue &h : captured.value(QStringLiteral("headers")).toArray())
        list.append({h.toArray().at(0).toString(), h.toArray().at(1).toString()});
    return list;
}

QByteArray bodyOf(const QJsonObject &captured)
{
    return QByteArray::fromBase64(captured.value(QStringLiteral("body_base64")).toString().toLatin1());
}

/// Writes `bytes` to the listener and waits for the end of its answer's head.
bool deliver(quint16 port, const QByteArray &bytes)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return false;
    socket.write(bytes);
    QByteArray answer;
    while (!answer.contains("\r\n\r\n") && socket.waitForReadyRead(5000))
        answer += socket.readAll();
    return answer.startsWith("HTTP/1.1 ");
}

const QByteArray kBody = QByteArray("{\"id\":\"{{uuid}}\",\"zen\":\"Design for failure.\"}\r\n\x00\xff\xfe", 50);

/// Mixed-case names, duplicates, a Connection header naming another field, a stale signature,
/// and a chunked body (in three chunks, with a trailer).
QByteArray capturedRequest()
{
    return "POST /hooks/in?x=%2F&y={v} HTTP/1.1\r\nHost: sender.example\r\nUser-Agent: GitHub-Hookshot/abc\r\n"
           "x-github-event: push\r\nX-Dup: one\r\nConnection: keep-alive, X-Hop\r\nX-Hop: bye\r\n"
           "X-Hub-Signature-256: sha256=stale\r\nx-dup: two\r\nTransfer-Encoding: chunked\r\n\r\n"
           "14\r\n" +
           kBody.first(20) + "\r\n1e\r\n" + kBody.sliced(20) + "\r\n0\r\nX-Trailer: t\r\n\r\n";
}

} // namespace

class TstReplayCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void replayIsWhatWasCaptured();
    void resignedReplayVerifies();
    void replaysAreStoredWithTheirSource();
    void badOptions_data();
    void badOptions();

private:
    QTemporaryDir m_dir;
    QString m_session;
    qint64 m_id = 0;
    QJsonObject m_captured;
};

void TstReplayCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_session = m_dir.filePath(QStringLiteral("captured.hookscope"));
    Listen a({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--json"), QStringLiteral("--session"),
              m_session});
    QVERIFY(a.waitListening());
    QVERIFY(deliver(a.port, capturedRequest()));
    m_captured = firstLine(a);
    QVERIFY(m_captured.value(QStringLiteral("chunked")).toBool());
    QCOMPARE(bodyOf(m_captured), kBody);
    m_id = m_captured.value(QStringLiteral("id")).toInteger();
    QVERIFY(m_id > 0);
    QCOMPARE(a.stop(SIGINT), 0); // the session is complete on disk before it is replayed
}

void TstReplayCli::replayIsWhatWasCaptured()
{
    Listen b({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--json")});
    QVERIFY(b.waitListening());
    const Result r = runHookscope({QStringLiteral("replay"), m_session, QStringLiteral("--id"), QString::number(m_id),
                                   QStringLiteral("--to"), b.url.toString(), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject result = QJsonDocument::fromJson(r.out.trimmed()).object();
    QCOMPARE(result.value(QStringLiteral("id")).toInteger(), m_id);
    QCOMPARE(result.value(QStringLiteral("status")).toInt(), 200);
    // The changes were said before sending.
    QVERIFY2(r.err.contains("Transfer-Encoding: chunked dropped (the body goes with Content-Length: 50)"),
             r.err.constData());
    QVERIFY2(r.err.contains("X-Hop: bye dropped (named in Connection)"), r.err.constData());

    const QJsonObject again = firstLine(b);
    QCOMPARE(bodyOf(again), kBody);
    QCOMPARE(again.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(again.value(QStringLiteral("target")).toString(), QStringLiteral("/hooks/in?x=%2F&y={v}"));
    QVERIFY(!again.value(QStringLiteral("chunked")).toBool());
    // Every captured header line, in order and as spelled, but exactly the hop-by-hop ones and the
    // recomputed Host and Content-Length, which come first.
    QList<QPair<QString, QString>> expected{{QStringLiteral("Host"), QStringLiteral("127.0.0.1:%1").arg(b.port)},
                                            {QStringLiteral("Content-Length"), QStringLiteral("50")}};
    const QStringList dropped{QStringLiteral("Host"), QStringLiteral("Connection"), QStringLiteral("X-Hop"),
                              QStringLiteral("Transfer-Encoding")};
    for (const auto &h : headersOf(m_captured)) {
        if (!dropped.contains(h.first))
            expected.append(h);
    }
    QCOMPARE(headersOf(again), expected);
    QCOMPARE(expected.size(), 7); // User-Agent, x-github-event, X-Dup, the signature, x-dup
}

void TstReplayCli::resignedReplayVerifies()
{
    Listen b({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--json"), QStringLiteral("--secret"),
              QStringLiteral("github=") + kSecret});
    QVERIFY(b.waitListening());
    const Result r =
        runHookscope({QStringLiteral("replay"), m_session, QStringLiteral("--id"), QString::number(m_id),
                      QStringLiteral("--to"), b.url.toString() + QStringLiteral("/ignored"), QStringLiteral("--resign"),
                      QStringLiteral("github"), QStringLiteral("--secret"), kSecret});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.startsWith(QByteArray("#" + QByteArray::number(m_id) + "  200 OK  ")), r.out.constData());
    const QJsonObject again = firstLine(b);
    QCOMPARE(again.value(QStringLiteral("signature")).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("valid"));
    QCOMPARE(bodyOf(again), kBody);
    QStringList names;
    for (const auto &h : headersOf(again))
        names << h.first;
    QVERIFY(!headersOf(again).contains({QStringLiteral("X-Hub-Signature-256"), QStringLiteral("sha256=stale")}));
    QCOMPARE(names.count(QStringLiteral("X-Hub-Signature-256")), 1);
}

void TstReplayCli::replaysAreStoredWithTheirSource()
{
    // Runs after the two replays above; a replay that reached nobody is stored too.
    const Result r = runHookscope({QStringLiteral("replay"), m_session, QStringLiteral("--id"), QString::number(m_id),
                                   QStringLiteral("--to"), QStringLiteral("http://127.0.0.1:1/"),
                                   QStringLiteral("--timeout"), QStringLiteral("3000")});
    QCOMPARE(r.exitCode, 1);
    Session::SessionReader reader;
    QCOMPARE(reader.open(m_session).problem, Session::FileProblem::None);
    QCOMPARE(reader.count(), 1); // the captured request, and nothing captured was added
    const QList<Session::OutboundSummary> replays = reader.messagesMadeFrom(m_id);
    QCOMPARE(replays.size(), 3);
    for (const Session::OutboundSummary &s : replays) {
        QCOMPARE(s.kind, QStringLiteral("replay"));
        QCOMPARE(s.sourceId, m_id);
    }
    QCOMPARE(replays.at(0).finalStatuses, QList<int>{200});
    QCOMPARE(replays.at(1).signScheme, QStringLiteral("github"));
    QCOMPARE(replays.at(2).finalStatuses, QList<int>{0});
    const Session::OutboundAttempts attempts = reader.loadAttempts(replays.at(0).uid);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.at(0).requestBody, kBody);
}

void TstReplayCli::badOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("said");
    QTest::newRow("unknown id") << QStringList{QStringLiteral("--id"), QStringLiteral("999"), QStringLiteral("--to"),
                                               QStringLiteral("http://127.0.0.1:1/")}
                                << QByteArray("there is no captured request 999");
    QTest::newRow("no --to") << QStringList{QStringLiteral("--id"), QStringLiteral("1")}
                             << QByteArray("give at least one --to URL");
    QTest::newRow("no id") << QStringList{QStringLiteral("--to"), QStringLiteral("http://127.0.0.1:1/")}
                           << QByteArray("--id takes");
    QTest::newRow("secret without scheme")
        << QStringList{QStringLiteral("--id"),     QStringLiteral("1"),
                       QStringLiteral("--to"),     QStringLiteral("http://127.0.0.1:1/"),
                       QStringLiteral("--secret"), QStringLiteral("x")}
        << QByteArray("a secret without --resign");
}

void TstReplayCli::badOptions()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, said);
    args.prepend(m_session);
    args.prepend(QStringLiteral("replay"));
    const Result r = runHookscope(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(said), r.err.constData());
    const Result unreadable = runHookscope({QStringLiteral("replay"), m_dir.filePath(QStringLiteral("none.hookscope")),
                                            QStringLiteral("--id"), QStringLiteral("1"), QStringLiteral("--to"),
                                            QStringLiteral("http://127.0.0.1:1/")});
    QCOMPARE(unreadable.exitCode, 2);
}

QTEST_GUILESS_MAIN(TstReplayCli)
#include "tst_replaycli.moc"
