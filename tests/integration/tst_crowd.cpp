// Crowds of stalled or idle clients, over real sockets on loopback with a lowered connection cap:
// ordinary requests are still served at the cap, the cap holds, running out of file descriptors
// neither spins nor stops service, and the connection deadlines run on a clock the test moves.

#include "mockclock.h"
#include "rawclient.h"
#include "threadedlistener.h"

#include <QtTest>

#include <dirent.h>
#include <memory>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

const QByteArray kPartialHead = "POST /stalled HTTP/1.1\r\nHost: h\r\nX-Stall: ";

QByteArray ordinary(const QByteArray &target)
{
    return "POST " + target + " HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
}

/// The one answer a client got before the server closed its connection (status 0 when it got none
/// or more than one, or the connection is still open).
int closedWith(RawClient &client, int timeoutMs = 5000)
{
    const QList<RawResponse> answers = parseResponses(client.readUntilClosed(timeoutMs));
    return client.peerClosed() && answers.size() == 1 ? answers.first().status : 0;
}

/// Sends an ordinary request on a new connection; its answer's status, or 0.
int ordinaryStatus(quint16 port, const QByteArray &target)
{
    RawClient client;
    if (!client.connectTo(QHostAddress::LocalHost, port) || !client.send(ordinary(target)))
        return 0;
    const QList<RawResponse> answers = parseResponses(client.readResponses(1));
    return answers.size() == 1 ? answers.first().status : 0;
}

/// Connections the listener holds as the kernel sees them: this process's sockets whose local
/// port is the listener's and that have a peer (the listening socket has none).
int heldSockets(quint16 port)
{
    int held = 0;
    DIR *dir = ::opendir("/proc/self/fd");
    if (!dir)
        return -1;
    while (const dirent *entry = ::readdir(dir)) {
        bool ok = false;
        const int fd = QByteArray(entry->d_name).toInt(&ok);
        if (!ok || fd == ::dirfd(dir))
            continue;
        sockaddr_storage local{}, peer{};
        socklen_t localLength = sizeof local, peerLength = sizeof peer;
        if (::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &localLength) != 0 || local.ss_family != AF_INET ||
            ::getpeername(fd, reinterpret_cast<sockaddr *>(&peer), &peerLength) != 0)
            continue;
        if (ntohs(reinterpret_cast<const sockaddr_in *>(&local)->sin_port) == port)
            ++held;
    }
    ::closedir(dir);
    return held;
}

/// Takes every free file descriptor of this process until destroyed: the soft RLIMIT_NOFILE is
/// lowered to just above the highest descriptor in use and the gaps below it are filled.
class NoFreeDescriptors
{
public:
    NoFreeDescriptors()
    {
        ::getrlimit(RLIMIT_NOFILE, &m_saved);
        int highest = 0;
        if (DIR *dir = ::opendir("/proc/self/fd")) {
            while (const dirent *entry = ::readdir(dir))
                highest = qMax(highest, QByteArray(entry->d_name).toInt());
            ::closedir(dir);
        }
        rlimit lowered = m_saved;
        lowered.rlim_cur = rlim_t(highest) + 1;
        m_ok = ::setrlimit(RLIMIT_NOFILE, &lowered) == 0;
        for (int fd; m_ok && (fd = ::dup(STDERR_FILENO)) >= 0;)
            m_taken.append(fd);
        m_ok = m_ok && errno == EMFILE;
    }
    ~NoFreeDescriptors() { release(); }
    bool ok() const { return m_ok; }
    void release()
    {
        for (int fd : std::as_const(m_taken))
            ::close(fd);
        m_taken.clear();
        ::setrlimit(RLIMIT_NOFILE, &m_saved);
    }

private:
    rlimit m_saved{};
    QList<int> m_taken;
    bool m_ok = false;
};

} // namespace

class TstCrowd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headDeadlineOnTheClock();
    void idleStalledBodyAndDrainOnTheClock();
    void newRequestAnsweredAtTheCap();
    void idleKeepAliveMakesRoomFirst();
    void busyConnectionsKeepTheirPlace();
    void burstStaysWithinTheCap();
    void outOfDescriptorsAStalledClientMakesRoom();
    void outOfDescriptorsWaitsWithoutSpinning();
};

void TstCrowd::headDeadlineOnTheClock()
{
    MockClock clock;
    ThreadedListener t({}, &clock); // the default 30 s head deadline
    RawClient inTime, late, silent;
    QVERIFY(inTime.connectTo(QHostAddress::LocalHost, t.port()));
    QVERIFY(inTime.send("POST /in-time HTTP/1.1\r\nHost: h\r\n"));
    QVERIFY(late.connectTo(QHostAddress::LocalHost, t.port()));
    QVERIFY(late.send(kPartialHead));
    QVERIFY(silent.connectTo(QHostAddress::LocalHost, t.port()));
    QTRY_COMPARE(t.connectionCount(), 3);

    clock.advance(29'999);
    t.checkTimeouts();
    QVERIFY(inTime.send("Content-Length: 2\r\n\r\nhi")); // the head completes just in time
    const QList<RawResponse> answers = parseResponses(inTime.readResponses(1));
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.first().status, 200);
    QCOMPARE(late.readAvailable(), QByteArray()); // not yet: 30 s have not passed

    clock.advance(2);
    t.checkTimeouts();
    QCOMPARE(closedWith(late), 408);
    QCOMPARE(silent.readUntilClosed(), QByteArray()); // closed without a word: nothing to answer
    QVERIFY(silent.peerClosed());
    const QList<Http::RejectedRequest> rejected = t.handler.rejected();
    QCOMPARE(rejected.size(), 1); // the late head, recorded; the silent one left nothing to record
    QCOMPARE(rejected.first().answerStatus, 408);
    QCOMPARE(rejected.first().raw, kPartialHead);
    QVERIFY2(rejected.first().error.reason.contains(QStringLiteral("within 30000 ms")),
             qPrintable(rejected.first().error.reason));
    QCOMPARE(inTime.readAvailable(), QByteArray()); // keep-alive: its 60 s idle limit began at its answer
    QVERIFY(!inTime.peerClosed());
}

void TstCrowd::idleStalledBodyAndDrainOnTheClock()
{
    MockClock clock;
    ThreadedListener t({}, &clock); // 60 s idle and stalled-body limits
    RawClient keep, body;
    QVERIFY(keep.connectTo(QHostAddress::LocalHost, t.port()));
    QVERIFY(keep.send("GET /one HTTP/1.1\r\nHost: h\r\n\r\n"));
    QCOMPARE(parseResponses(keep.readResponses(1)).size(), 1);
    QVERIFY(body.connectTo(QHostAddress::LocalHost, t.port()));
    QVERIFY(body.send("POST /body HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nhalf"));
    QTRY_COMPARE(t.connectionCount(), 2);

    clock.advance(59'999);
    t.checkTimeouts();
    QVERIFY(keep.send("GET /two HTTP/1.1\r\nHost: h\r\n\r\n")); // still open after 59.999 s idle
    QCOMPARE(parseResponses(keep.readResponses(1)).size(), 1);
    QCOMPARE(body.readAvailable(), QByteArray());

    clock.advance(2);
    t.checkTimeouts();
    QCOMPARE(closedWith(body), 408); // the body stopped flowing for 60 s
    QCOMPARE(t.handler.rejected().size(), 1);
    QVERIFY(t.handler.rejected().first().error.reason.contains(QStringLiteral("body stalled")));
    QCOMPARE(keep.readAvailable(), QByteArray()); // its idle time began with its second answer

    // After its 408 the server waits up to 2 s for the client to close before it lets go.
    QCOMPARE(t.connectionCount(), 2);
    clock.advance(1'999);
    t.checkTimeouts();
    QCOMPARE(t.connectionCount(), 2);
    clock.advance(2);
    t.checkTimeouts();
    QCOMPARE(t.connectionCount(), 1);

    clock.advance(60'000);
    t.checkTimeouts();
    QCOMPARE(keep.readUntilClosed(), QByteArray()); // idle too long: closed quietly, no 408
    QVERIFY(keep.peerClosed());
}

void TstCrowd::newRequestAnsweredAtTheCap()
{
    MockClock clock;
    Http::Limits limits;
    limits.maxConnections = 8;
    ThreadedListener t(limits, &clock);
    std::vector<std::unique_ptr<RawClient>> stalled;
    for (int i = 0; i < 8; ++i) {
        stalled.push_back(std::make_unique<RawClient>());
        QVERIFY(stalled.back()->connectTo(QHostAddress::LocalHost, t.port()));
        QVERIFY(stalled.back()->send(QByteArray(kPartialHead + QByteArray::number(i))));
        QTRY_COMPARE(t.connectionCount(), i + 1);
        clock.advance(1000); // each waits a second less than the one before
    }
    QCOMPARE(heldSockets(t.port()), 8);

    QCOMPARE(ordinaryStatus(t.port(), "/ordinary"), 200);
    QCOMPARE(closedWith(*stalled.front()), 408); // the longest wait for a head made room
    const QList<Http::RejectedRequest> rejected = t.handler.rejected();
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.first().answerStatus, 408);
    QCOMPARE(rejected.first().raw, kPartialHead + '0');
    QVERIFY2(rejected.first().error.reason.contains(QStringLiteral("make room")),
             qPrintable(rejected.first().error.reason));
    for (int i = 1; i < 8; ++i)
        QCOMPARE(stalled.at(i)->readAvailable(), QByteArray());
    QVERIFY(heldSockets(t.port()) <= 8);

    // The head deadline still applies to those left.
    clock.advance(30'000);
    t.checkTimeouts();
    for (int i = 1; i < 8; ++i)
        QCOMPARE(closedWith(*stalled.at(i)), 408);
}

void TstCrowd::idleKeepAliveMakesRoomFirst()
{
    MockClock clock;
    Http::Limits limits;
    limits.maxConnections = 4;
    ThreadedListener t(limits, &clock);
    RawClient stalledA, stalledB, keepA, keepB;
    QVERIFY(stalledA.connectTo(QHostAddress::LocalHost, t.port()));
    QVERIFY(stalledA.send(kPartialHead));
    QVERIFY(stalledB.connectTo(QHostAddress::LocalHost, t.port()));
    QVERIFY(stalledB.send(kPartialHead));
    QTRY_COMPARE(t.connectionCount(), 2);
    clock.advance(5000);
    for (RawClient *keep : {&keepA, &keepB}) {
        QVERIFY(keep->connectTo(QHostAddress::LocalHost, t.port()));
        QVERIFY(keep->send("GET /keep HTTP/1.1\r\nHost: h\r\n\r\n"));
        QCOMPARE(parseResponses(keep->readResponses(1)).size(), 1);
        clock.advance(1000);
    }

    QCOMPARE(ordinaryStatus(t.port(), "/ordinary"), 200);
    QCOMPARE(keepA.readUntilClosed(), QByteArray()); // the longest idle keep-alive, closed quietly
    QVERIFY(keepA.peerClosed());
    QVERIFY(t.handler.rejected().isEmpty());
    QCOMPARE(stalledA.readAvailable(), QByteArray()); // waited longer, but owed a 408 to close
    QCOMPARE(stalledB.readAvailable(), QByteArray());
    QCOMPARE(keepB.readAvailable(), QByteArray());
    QVERIFY(!stalledA.peerClosed() && !stalledB.peerClosed() && !keepB.peerClosed());
}

void TstCrowd::busyConnectionsKeepTheirPlace()
{
    Http::Limits limits;
    limits.maxConnections = 2;
    ThreadedListener t(limits);
    RawClient owed, body, newcomer;
    QVERIFY(owed.connectTo(QHostAddress::LocalHost, t.port()));
    QVERIFY(owed.send("GET /hold HTTP/1.1\r\nHost: h\r\n\r\n")); // we owe it an answer
    QVERIFY(body.connectTo(QHostAddress::LocalHost, t.port()));
    QVERIFY(body.send("POST /body HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nhalf")); // mid-body
    QTRY_COMPARE(t.handler.count(), 1);
    QTRY_COMPARE(t.connectionCount(), 2);

    // The kernel's backlog takes the newcomer; no connection can make room for it.
    QVERIFY(newcomer.connectTo(QHostAddress::LocalHost, t.port()));
    QVERIFY(newcomer.send(ordinary("/newcomer")));
    QTRY_VERIFY(t.isAcceptingPaused());
    QCOMPARE(newcomer.readAvailable(), QByteArray());
    QCOMPARE(heldSockets(t.port()), 2);

    // The body completes and is answered: now that connection only idles, and makes room.
    QVERIFY(body.send("-rest!"));
    QByteArray bodyBytes = body.readUntilClosed();
    QVERIFY(body.peerClosed());
    QList<RawResponse> answers = parseResponses(bodyBytes);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.first().status, 200);
    answers = parseResponses(newcomer.readResponses(1));
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.first().body, "answer to /newcomer");

    // The connection we owed was left alone and gets its answer.
    t.answer(0);
    answers = parseResponses(owed.readResponses(1));
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.first().body, "answer to /hold");
    QVERIFY(t.handler.rejected().isEmpty());
}

void TstCrowd::burstStaysWithinTheCap()
{
    Http::Limits limits;
    limits.maxConnections = 8;
    ThreadedListener t(limits);
    constexpr int kBurst = 24;
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < kBurst; ++i) {
        clients.push_back(std::make_unique<RawClient>());
        QVERIFY(clients.back()->connectTo(QHostAddress::LocalHost, t.port()));
        QVERIFY(clients.back()->send(QByteArray(kPartialHead + QByteArray::number(i))));
    }
    const auto closedCount = [&] {
        int closed = 0;
        for (const auto &c : clients) {
            c->readAvailable();
            closed += c->peerClosed() ? 1 : 0;
        }
        return closed;
    };
    // Each arrival beyond the cap made room by closing the longest-waiting head.
    QTRY_COMPARE_WITH_TIMEOUT(closedCount(), kBurst - 8, 10000);
    QCOMPARE(t.connectionCount(), 8);
    QCOMPARE(heldSockets(t.port()), 8);
    for (int i = 0; i < kBurst; ++i) {
        const bool evicted = i < kBurst - 8;
        QCOMPARE(clients.at(i)->peerClosed(), evicted);
        if (evicted)
            QCOMPARE(closedWith(*clients.at(i)), 408);
    }
    QCOMPARE(t.handler.rejected().size(), kBurst - 8);
    QCOMPARE(ordinaryStatus(t.port(), "/after-the-burst"), 200);
    QVERIFY(heldSockets(t.port()) <= 8);
}

void TstCrowd::outOfDescriptorsAStalledClientMakesRoom()
{
    ThreadedListener t; // the cap is far; descriptors run out first
    RawClient stalled, body, newcomer;
    QVERIFY(stalled.connectTo(QHostAddress::LocalHost, t.port()));
    QVERIFY(stalled.send(kPartialHead));
    QVERIFY(body.connectTo(QHostAddress::LocalHost, t.port()));
    QVERIFY(body.send("POST /body HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nhalf"));
    QTRY_COMPARE(t.connectionCount(), 2);
    QVERIFY(newcomer.reserve());
    {
        NoFreeDescriptors exhausted;
        QVERIFY(exhausted.ok());
        QVERIFY(newcomer.connectTo(QHostAddress::LocalHost, t.port()));
        QVERIFY(newcomer.send(ordinary("/newcomer")));
        // Still out of descriptors: the stalled head gave up its own.
        const QList<RawResponse> answers = parseResponses(newcomer.readResponses(1));
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers.first().status, 200);
        QCOMPARE(closedWith(stalled), 408);
        QVERIFY(body.send("-rest!")); // the body in flight was not touched
        QCOMPARE(parseResponses(body.readResponses(1)).size(), 1);
    }
    QCOMPARE(t.handler.rejected().size(), 1);
}

void TstCrowd::outOfDescriptorsWaitsWithoutSpinning()
{
    ThreadedListener t;
    RawClient owed, newcomer;
    QVERIFY(owed.connectTo(QHostAddress::LocalHost, t.port()));
    // Two answers owed: it stays busy, so it cannot make room, even after the first goes out.
    QVERIFY(owed.send("GET /hold/1 HTTP/1.1\r\nHost: h\r\n\r\nGET /hold/2 HTTP/1.1\r\nHost: h\r\n\r\n"));
    QTRY_COMPARE(t.handler.count(), 2);
    QVERIFY(newcomer.reserve());
    NoFreeDescriptors exhausted;
    QVERIFY(exhausted.ok());
    QVERIFY(newcomer.connectTo(QHostAddress::LocalHost, t.port()));
    QVERIFY(newcomer.send(ordinary("/newcomer")));
    QTRY_VERIFY(t.isAcceptingPaused());

    // A spinning accept loop burns the listener thread's CPU for as long as this lasts; a waiting
    // one looks at the backlog a few times a second. The window is what is measured, not a guess
    // at how long something takes.
    const double cpuBefore = t.threadCpuMs();
    QElapsedTimer window;
    window.start();
    QTest::qWait(500);
    const double cpuMs = t.threadCpuMs() - cpuBefore;
    const qint64 wallMs = window.elapsed();
    qInfo("listener thread while out of descriptors: %.1f ms CPU in %lld ms", cpuMs, qint64(wallMs));
    QVERIFY2(cpuMs < 0.25 * double(wallMs), qPrintable(QString::number(cpuMs)));

    // Responsive meanwhile: an answer owed on a held connection goes out.
    t.answer(0);
    QList<RawResponse> answers = parseResponses(owed.readResponses(1));
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.first().body, "answer to /hold/1");
    QCOMPARE(newcomer.readAvailable(), QByteArray());

    exhausted.release(); // descriptors free up: the newcomer is served
    answers = parseResponses(newcomer.readResponses(1));
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.first().body, "answer to /newcomer");
    t.answer(1);
    QCOMPARE(parseResponses(owed.readResponses(1)).size(), 1);
}

QTEST_GUILESS_MAIN(TstCrowd)
#include "tst_crowd.moc"
