// Durable answers, proven the hard way: flood `hookscope listen --session` from several
// connections, SIGKILL it mid-flood, reopen the file, and find every request whose sender got a 2xx.
// Nothing here depends on the machine's speed: each step waits for its condition, bounded by a
// deadline far beyond what a slow machine needs.

#include "rawclient.h"

#include "session/sessionfile.h"
#include "session/sessionreader.h"
#include "session/summarystore.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <csignal>
#include <mutex>
#include <thread>

namespace {

constexpr int kClients = 8;
constexpr int kAnsweredBeforeKill = 1000; // enough to have crossed many group commits
constexpr int kEachClientBeforeKill = 20; // every client is in the flood when it is killed
constexpr int kDeadlineMs = 60'000;       // only a listener that stopped serving takes this long

struct Flood
{
    std::atomic<bool> stop{false};
    std::atomic<int> acknowledged{0};
    std::atomic<int> perClient[kClients] = {};
    std::mutex mutex;
    QSet<QByteArray> acked; // targets whose sender got a 2xx
    QSet<QByteArray> sent;

    void run(quint16 port, int client)
    {
        RawClient c;
        if (!c.connectTo(QHostAddress::LocalHost, port))
            return;
        for (int n = 0; !stop; ++n) {
            const QByteArray target = "/crash/" + QByteArray::number(client) + '/' + QByteArray::number(n);
            const QByteArray body = R"({"client":)" + QByteArray::number(client) + R"(,"n":)" + QByteArray::number(n) +
                                    ",\"pad\":\"" + QByteArray(200, 'p') + "\"}";
            {
                std::lock_guard lock(mutex);
                sent.insert(target);
            }
            const QByteArray request = "POST " + target +
                                       " HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
                                       "Content-Length: " +
                                       QByteArray::number(body.size()) + "\r\n\r\n" + body;
            if (!c.send(request))
                return;
            const QList<RawResponse> answer = parseResponses(c.readResponses(1, kDeadlineMs));
            if (answer.size() != 1)
                return; // killed
            if (answer.first().status >= 200 && answer.first().status < 300) {
                std::lock_guard lock(mutex);
                acked.insert(target);
                ++acknowledged;
                ++perClient[client];
            }
        }
    }
};

} // namespace

class TstCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sigkillLosesNoAnsweredRequest();
};

void TstCrash::sigkillLosesNoAnsweredRequest()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("crash.hookscope"));
    QProcess listen;
    listen.setProcessChannelMode(QProcess::SeparateChannels);
    listen.setStandardOutputFile(QProcess::nullDevice());
    listen.start(QStringLiteral(HOOKSCOPE_BINARY), {QStringLiteral("listen"), QStringLiteral("--port"),
                                                    QStringLiteral("0"), QStringLiteral("--session"), file});
    QByteArray err;
    quint16 port = 0;
    static const QRegularExpression re(QStringLiteral("listening on http://127.0.0.1:(\\d+)"));
    QElapsedTimer startup;
    startup.start();
    while (port == 0 && startup.elapsed() < kDeadlineMs && listen.state() != QProcess::NotRunning) {
        listen.waitForReadyRead(100);
        err += listen.readAllStandardError();
        const QRegularExpressionMatch m = re.match(QString::fromUtf8(err));
        if (m.hasMatch())
            port = quint16(m.captured(1).toUInt());
    }
    QVERIFY2(port != 0, err.constData());

    Flood flood;
    std::vector<std::thread> clients;
    for (int i = 0; i < kClients; ++i)
        clients.emplace_back([&flood, port, i] { flood.run(port, i); });
    // Mid-flood: once plenty were answered and every client is sending, so requests are in flight.
    const auto everyClientIn = [&flood] {
        return std::all_of(std::begin(flood.perClient), std::end(flood.perClient),
                           [](const std::atomic<int> &n) { return n >= kEachClientBeforeKill; });
    };
    QElapsedTimer t;
    t.start();
    while ((flood.acknowledged < kAnsweredBeforeKill || !everyClientIn()) && t.elapsed() < kDeadlineMs)
        QThread::msleep(5);
    const int answeredBeforeKill = flood.acknowledged;
    const qint64 floodMs = t.elapsed();
    ::kill(pid_t(listen.processId()), SIGKILL);
    QVERIFY(listen.waitForFinished(kDeadlineMs));
    QCOMPARE(listen.exitStatus(), QProcess::CrashExit);
    flood.stop = true;
    for (std::thread &c : clients)
        c.join();
    QVERIFY2(
        answeredBeforeKill >= kAnsweredBeforeKill && everyClientIn(),
        qPrintable(
            QStringLiteral("the flood never got going: %1 answers in %2 ms").arg(answeredBeforeKill).arg(floodMs)));

    // The file opens cleanly (SQLite replays its WAL) and holds every acknowledged request.
    QCOMPARE(Session::SessionFile::inspect(file).problem, Session::FileProblem::None);
    Session::SessionReader reader;
    QCOMPARE(reader.open(file).problem, Session::FileProblem::None);
    Session::SummaryStore store;
    QVERIFY(reader.loadSummaries(store));
    QSet<QByteArray> stored;
    for (qsizetype i = 0; i < store.size(); ++i) {
        stored.insert(store.target(store.at(i)).toByteArray());
        QCOMPARE(store.at(i).id, qint64(i + 1)); // ids 1..n, no gaps, no duplicates
    }
    QVERIFY(store.size() >= flood.acked.size());
    QSet<QByteArray> lost = flood.acked - stored;
    QVERIFY2(lost.isEmpty(), qPrintable(QStringLiteral("%1 answered requests missing, e.g. %2")
                                            .arg(lost.size())
                                            .arg(lost.isEmpty() ? QString() : QString::fromUtf8(*lost.begin()))));
    // Nothing in the file that was never sent.
    QVERIFY((stored - flood.sent).isEmpty());
    // And each stored request is whole.
    const Session::CapturedRequestPtr last = reader.load(store.at(store.size() - 1).id);
    QVERIFY(last);
    QVERIFY(last->request.body().startsWith(R"({"client":)"));
    qInfo("%lld requests answered 2xx before SIGKILL (after %lld ms of flood); %lld in the file after reopening",
          qint64(flood.acked.size()), floodMs, qint64(store.size()));
}

QTEST_GUILESS_MAIN(TstCrash)
#include "tst_crash.moc"
