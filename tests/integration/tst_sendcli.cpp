// `hookscope send` as a user runs it: the real binary sending to real `hookscope listen` processes.

#include "hookscopeprocess.h"

#include "session/sessionreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QtTest>

namespace {

const QString kSecret = QStringLiteral("It's a Secret to Everybody");

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.isEmpty())
            lines << QJsonDocument::fromJson(line).object();
    }
    return lines;
}

QStringList headerNames(const QJsonObject &captured)
{
    QStringList names;
    for (const QJsonValue &h : captured.value(QStringLiteral("headers")).toArray())
        names << h.toArray().at(0).toString();
    return names;
}

QString header(const QJsonObject &captured, const QString &name)
{
    for (const QJsonValue &h : captured.value(QStringLiteral("headers")).toArray()) {
        if (h.toArray().at(0).toString().compare(name, Qt::CaseInsensitive) == 0)
            return h.toArray().at(1).toString();
    }
    return {};
}

QByteArray bodyOf(const QJsonObject &captured)
{
    return QByteArray::fromBase64(captured.value(QStringLiteral("body_base64")).toString().toLatin1());
}

} // namespace

class TstSendCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signedFanOutToThreeListeners();
    void fileBodyIsSentByteForByte();
    void templateSignsWithItsScheme();
    void retriesThenReportsTheFinalAnswer();
    void unreachableDestinationFails();
    void repeatSummarisesEveryAnswer();
    void repeatWithFailuresExitsOne();
    void listenForwardsAndPrintsTheAnswers();
    void listenAnswersFromTheForward();
    void badOptions_data();
    void badOptions();
};

void TstSendCli::signedFanOutToThreeListeners()
{
    const QStringList listenArgs{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--json"),
                                 QStringLiteral("--secret"), QStringLiteral("github=") + kSecret};
    Listen a(listenArgs), b(listenArgs), c(listenArgs);
    QVERIFY(a.waitListening());
    QVERIFY(b.waitListening());
    QVERIFY(c.waitListening());

    const QByteArray body = "{\"zen\":\"Keep it logically awesome.\",\"amount\":1.50,\"n\":1e3}";
    const Result r =
        runHookscope({QStringLiteral("send"), a.url.toString() + QStringLiteral("/hooks/a"),
                      b.url.toString() + QStringLiteral("/b"), c.url.toString() + QStringLiteral("/c?x=1"),
                      QStringLiteral("-H"), QStringLiteral("Content-Type: application/json"), QStringLiteral("-H"),
                      QStringLiteral("X-GitHub-Event: push"), QStringLiteral("-H"), QStringLiteral("x-duplicate: one"),
                      QStringLiteral("-H"), QStringLiteral("X-Duplicate: two"), QStringLiteral("--data"),
                      QString::fromUtf8(body), QStringLiteral("--sign"), QStringLiteral("github"),
                      QStringLiteral("--secret"), kSecret, QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QList<QJsonObject> results = jsonLines(r.out);
    QCOMPARE(results.size(), 3);
    for (const QJsonObject &o : results) {
        QCOMPARE(o.value(QStringLiteral("status")).toInt(), 200);
        QCOMPARE(o.value(QStringLiteral("attempts")).toInt(), 1);
        QVERIFY(o.value(QStringLiteral("error")).isNull());
        QVERIFY(o.contains(QStringLiteral("duration_ms")));
    }
    QVERIFY(results.at(0).value(QStringLiteral("url")).toString().endsWith(QLatin1String("/hooks/a")));

    QList<QJsonObject> captured;
    for (Listen *l : {&a, &b, &c}) {
        const QList<QByteArray> lines = l->waitLines(1);
        QCOMPARE(lines.size(), 1);
        captured << QJsonDocument::fromJson(lines.first()).object();
    }
    const QStringList expectedNames{QStringLiteral("Host"),
                                    QStringLiteral("Content-Length"),
                                    QStringLiteral("User-Agent"),
                                    QStringLiteral("Content-Type"),
                                    QStringLiteral("X-GitHub-Event"),
                                    QStringLiteral("x-duplicate"),
                                    QStringLiteral("X-Duplicate"),
                                    QStringLiteral("X-Hub-Signature"),
                                    QStringLiteral("X-Hub-Signature-256")}; // GitHub sends both
    for (const QJsonObject &o : captured) {
        QCOMPARE(bodyOf(o), body);
        QCOMPARE(headerNames(o), expectedNames);
        QCOMPARE(o.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
        QCOMPARE(o.value(QStringLiteral("signature")).toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("valid"));
        QVERIFY(header(o, QStringLiteral("User-Agent")).startsWith(QLatin1String("Hookscope/")));
    }
    QCOMPARE(captured.at(2).value(QStringLiteral("target")).toString(), QStringLiteral("/c?x=1"));
    QCOMPARE(header(captured.at(1), QStringLiteral("Host")), QStringLiteral("127.0.0.1:%1").arg(b.port));
}

void TstSendCli::fileBodyIsSentByteForByte()
{
    Listen l({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--json")});
    QVERIFY(l.waitListening());
    QTemporaryFile file;
    QVERIFY(file.open());
    QByteArray bytes;
    for (int i = 0; i < 300'000; ++i)
        bytes += char(i * 7 % 256);
    bytes += "\r\n\r\n\0tail";
    file.write(bytes);
    file.close();
    const Result r = runHookscope({QStringLiteral("send"), l.url.toString(), QStringLiteral("--data"),
                                   QLatin1Char('@') + file.fileName(), QStringLiteral("-H"),
                                   QStringLiteral("Content-Type: application/octet-stream")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.startsWith("200 OK  "), r.out.constData());
    const QList<QByteArray> lines = l.waitLines(1);
    QCOMPARE(lines.size(), 1);
    const QJsonObject captured = QJsonDocument::fromJson(lines.first()).object();
    QCOMPARE(bodyOf(captured), bytes);
    QCOMPARE(header(captured, QStringLiteral("Content-Length")), QString::number(bytes.size()));
}

void TstSendCli::templateSignsWithItsScheme()
{
    Listen l({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--json"), QStringLiteral("--secret"),
              QStringLiteral("stripe=whsec_test")});
    QVERIFY(l.waitListening());
    const Result r = runHookscope({QStringLiteral("send"), l.url.toString() + QStringLiteral("/stripe"),
                                   QStringLiteral("--template"), QStringLiteral("stripe-payment-intent-succeeded"),
                                   QStringLiteral("--secret"), QStringLiteral("whsec_test"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QList<QByteArray> lines = l.waitLines(1);
    QCOMPARE(lines.size(), 1);
    const QJsonObject captured = QJsonDocument::fromJson(lines.first()).object();
    QCOMPARE(captured.value(QStringLiteral("signature")).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("valid"));
    QVERIFY2(!bodyOf(captured).contains("{{"), bodyOf(captured).constData()); // placeholders resolved
    QVERIFY(header(captured, QStringLiteral("User-Agent")).startsWith(QLatin1String("Stripe/")));
}

void TstSendCli::retriesThenReportsTheFinalAnswer()
{
    Listen l({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--json"), QStringLiteral("--status"),
              QStringLiteral("503")});
    QVERIFY(l.waitListening());
    QTemporaryDir dir;
    const QString sessionPath = dir.filePath(QStringLiteral("sent.hookscope"));
    const Result r =
        runHookscope({QStringLiteral("send"), l.url.toString(), QStringLiteral("--data"), QStringLiteral("x"),
                      QStringLiteral("--retries"), QStringLiteral("2"), QStringLiteral("--retry-delay"),
                      QStringLiteral("20"), QStringLiteral("--json"), QStringLiteral("--session"), sessionPath});
    QCOMPARE(r.exitCode, 1);
    const QList<QJsonObject> results = jsonLines(r.out);
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().value(QStringLiteral("status")).toInt(), 503);
    QCOMPARE(results.first().value(QStringLiteral("attempts")).toInt(), 3);
    QVERIFY(results.first().value(QStringLiteral("error")).toString().contains(QLatin1String("503")));
    QCOMPARE(l.waitLines(3).size(), 3); // the listener saw every attempt

    // --session kept the message and every attempt, with what was sent and what came back.
    Session::SessionReader reader;
    QCOMPARE(reader.open(sessionPath).problem, Session::FileProblem::None);
    const QList<Session::OutboundSummary> messages = reader.listMessages();
    QCOMPARE(messages.size(), 1);
    const Session::OutboundAttempts attempts = reader.loadAttempts(messages.first().uid);
    QCOMPARE(attempts.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(attempts.at(i).attempt, i + 1);
        QCOMPARE(attempts.at(i).status, 503);
        QCOMPARE(attempts.at(i).final, i == 2);
        QVERIFY(attempts.at(i).requestHead.startsWith("POST / HTTP/1.1\r\nHost: "));
        QCOMPARE(attempts.at(i).requestBody, QByteArray("x"));
        QVERIFY(attempts.at(i).responseHead.startsWith("HTTP/1.1 503 "));
    }
}

void TstSendCli::unreachableDestinationFails()
{
    Listen l({QStringLiteral("--port"), QStringLiteral("0")});
    QVERIFY(l.waitListening());
    const QString up = l.url.toString();
    QCOMPARE(l.stop(SIGTERM), 0); // nothing listens on that port any more
    const Result r = runHookscope({QStringLiteral("send"), up, QStringLiteral("--data"), QStringLiteral("x"),
                                   QStringLiteral("--timeout"), QStringLiteral("3000")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.startsWith(QByteArray("---  " + up.toUtf8())), r.out.constData());
    QVERIFY2(r.out.contains("refused"), r.out.constData());
}

void TstSendCli::repeatSummarisesEveryAnswer()
{
    Listen l({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--json")});
    QVERIFY(l.waitListening());
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("repeat.hookscope"));
    const Result r = runHookscope({QStringLiteral("send"), l.url.toString() + QStringLiteral("/r"),
                                   QStringLiteral("--data"), QStringLiteral(R"({"id":"{{uuid}}"})"),
                                   QStringLiteral("--repeat"), QStringLiteral("300"), QStringLiteral("--concurrency"),
                                   QStringLiteral("8"), QStringLiteral("--json"), QStringLiteral("--session"), file});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.count('\n'), 1); // one summary object, nothing per message
    const QJsonObject summary = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(summary.value(QStringLiteral("count")).toInteger(), 300);
    QCOMPARE(summary.value(QStringLiteral("by_status")).toObject(), (QJsonObject{{QStringLiteral("200"), 300}}));
    for (const char *key : {"p50_ms", "p90_ms", "p99_ms", "max_ms", "requests_per_second"})
        QVERIFY2(summary.value(QLatin1String(key)).toDouble() > 0, key);
    QVERIFY(summary.value(QStringLiteral("p50_ms")).toDouble() <= summary.value(QStringLiteral("p99_ms")).toDouble());
    // Every repeat was captured, each with its own id.
    const QList<QByteArray> lines = l.waitLines(300);
    QCOMPARE(lines.size(), 300);
    QSet<QByteArray> bodies;
    for (const QByteArray &line : lines)
        bodies << bodyOf(QJsonDocument::fromJson(line).object());
    QCOMPARE(bodies.size(), 300);
    // And every message is in the session file.
    Session::SessionReader reader;
    QVERIFY(reader.open(file).problem == Session::FileProblem::None);
    QCOMPARE(reader.messageCount(), 300);
}

void TstSendCli::repeatWithFailuresExitsOne()
{
    Listen l({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--status"), QStringLiteral("503")});
    QVERIFY(l.waitListening());
    const Result r = runHookscope({QStringLiteral("send"), l.url.toString(), QStringLiteral("--data"),
                                   QStringLiteral("x"), QStringLiteral("--repeat"), QStringLiteral("5")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.startsWith("5 requests in "), r.out.constData());
    QVERIFY2(r.out.contains("  503: 5\n"), r.out.constData());
    QVERIFY2(r.out.contains("latency p50 "), r.out.constData());
}

void TstSendCli::listenForwardsAndPrintsTheAnswers()
{
    Listen downstream({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--json"),
                       QStringLiteral("--status"), QStringLiteral("201")});
    QVERIFY(downstream.waitListening());
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const QString dead = QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort());
    probe.close();
    Listen front({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--json"), QStringLiteral("--forward"),
                  downstream.url.toString() + QStringLiteral("/dev"), QStringLiteral("--forward"), dead,
                  QStringLiteral("--forward-path"), QStringLiteral("/hooks/*=/api/*")});
    QVERIFY(front.waitListening());
    const Result r = runHookscope({QStringLiteral("send"), front.url.toString() + QStringLiteral("/hooks/github?x=1"),
                                   QStringLiteral("--data"), QStringLiteral(R"({"id":"{{uuid}}"})"),
                                   QStringLiteral("-H"), QStringLiteral("X-Event: push")});
    QVERIFY2(r.exitCode == 0, r.err.constData());

    // The front prints the request once both forwards have their answers.
    const QList<QByteArray> lines = front.waitLines(1);
    QCOMPARE(lines.size(), 1);
    const QJsonObject line = QJsonDocument::fromJson(lines.first()).object();
    const QJsonArray forwards = line.value(QStringLiteral("forwards")).toArray();
    QCOMPARE(forwards.size(), 2);
    const QJsonObject ok = forwards.at(0).toObject();
    QCOMPARE(ok.value(QStringLiteral("status")).toInt(), 201);
    QCOMPARE(ok.value(QStringLiteral("url")).toString(),
             downstream.url.toString() + QStringLiteral("/dev/api/github?x=1"));
    QVERIFY(ok.value(QStringLiteral("error")).isNull());
    QVERIFY(ok.value(QStringLiteral("duration_ms")).toDouble() >= 0);
    const QJsonObject refused = forwards.at(1).toObject();
    QVERIFY(refused.value(QStringLiteral("status")).isNull());
    QVERIFY2(refused.value(QStringLiteral("error")).toString().contains(QLatin1String("refused")),
             qPrintable(refused.value(QStringLiteral("error")).toString()));

    // Downstream got the same body and header, on the rewritten path.
    const QList<QByteArray> got = downstream.waitLines(1);
    QCOMPARE(got.size(), 1);
    const QJsonObject forwarded = QJsonDocument::fromJson(got.first()).object();
    QCOMPARE(forwarded.value(QStringLiteral("target")).toString(), QStringLiteral("/dev/api/github?x=1"));
    QCOMPARE(bodyOf(forwarded), bodyOf(line));
    QCOMPARE(header(forwarded, QStringLiteral("X-Event")), QStringLiteral("push"));
}

void TstSendCli::listenAnswersFromTheForward()
{
    Listen downstream({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--status"), QStringLiteral("418"),
                       QStringLiteral("--body"), QStringLiteral("from the dev server")});
    QVERIFY(downstream.waitListening());
    Listen front({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--json"), QStringLiteral("--forward"),
                  downstream.url.toString(), QStringLiteral("--answer-from-forward"),
                  QStringLiteral("--forward-timeout"), QStringLiteral("3000")});
    QVERIFY(front.waitListening());
    // The sender gets what the dev server answered, not the front's own 200.
    const Result r = runHookscope({QStringLiteral("send"), front.url.toString() + QStringLiteral("/x"),
                                   QStringLiteral("--data"), QStringLiteral("hi"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 1); // 418 is not 2xx
    QVERIFY2(r.out.contains("\"status\":418"), r.out.constData());
    const QList<QByteArray> lines = front.waitLines(1);
    QCOMPARE(lines.size(), 1);
    const QJsonObject line = QJsonDocument::fromJson(lines.first()).object();
    const QJsonObject late = line.value(QStringLiteral("late_answer")).toObject();
    QCOMPARE(late.value(QStringLiteral("source")).toString(), QStringLiteral("forward"));
    QCOMPARE(late.value(QStringLiteral("status")).toInt(), 418);
    QCOMPARE(
        line.value(QStringLiteral("forwards")).toArray().first().toObject().value(QStringLiteral("status")).toInt(),
        418);
}

void TstSendCli::badOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("mentions");
    const auto l = [](std::initializer_list<const char *> words) {
        QStringList out{QStringLiteral("send")};
        for (const char *w : words)
            out << QString::fromUtf8(w);
        return out;
    };
    QTest::newRow("no url") << l({"--data", "x"}) << QByteArray("URL");
    QTest::newRow("not http") << l({"ftp://example.com/"}) << QByteArray("ftp://example.com/");
    QTest::newRow("bad header") << l({"http://127.0.0.1:9/", "-H", "no colon here"}) << QByteArray("-H");
    QTest::newRow("unknown scheme") << l({"http://127.0.0.1:9/", "--sign", "githup", "--secret", "s"})
                                    << QByteArray("githup");
    QTest::newRow("sign without secret") << l({"http://127.0.0.1:9/", "--sign", "github"}) << QByteArray("secret");
    QTest::newRow("secret without sign") << l({"http://127.0.0.1:9/", "--secret", "s"}) << QByteArray("--sign");
    QTest::newRow("retries not a number") << l({"http://127.0.0.1:9/", "--retries", "many"}) << QByteArray("--retries");
    QTest::newRow("timeout zero") << l({"http://127.0.0.1:9/", "--timeout", "0"}) << QByteArray("--timeout");
    QTest::newRow("missing body file") << l({"http://127.0.0.1:9/", "--data", "@/nonexistent/body"})
                                       << QByteArray("/nonexistent/body");
    QTest::newRow("repeat and rate") << l({"http://127.0.0.1:9/", "--repeat", "5", "--rate", "5", "--duration", "1"})
                                     << QByteArray("--rate");
    QTest::newRow("repeat zero") << l({"http://127.0.0.1:9/", "--repeat", "0"}) << QByteArray("--repeat");
    QTest::newRow("rate without duration") << l({"http://127.0.0.1:9/", "--rate", "5"}) << QByteArray("--duration");
    QTest::newRow("concurrency alone") << l({"http://127.0.0.1:9/", "--concurrency", "4"})
                                       << QByteArray("--concurrency");
    QTest::newRow("concurrency zero") << l({"http://127.0.0.1:9/", "--repeat", "3", "--concurrency", "0"})
                                      << QByteArray("--concurrency");
    QTest::newRow("unknown template") << l({"http://127.0.0.1:9/", "--template", "nope"}) << QByteArray("github-push");
}

void TstSendCli::badOptions()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, mentions);
    const Result r = runHookscope(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(mentions), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

QTEST_GUILESS_MAIN(TstSendCli)
#include "tst_sendcli.moc"
