#include "listener.h"
#include "clock.h"
#include "connection.h"
#include "logging.h"
#include "requesthandler.h"

#include <QSocketNotifier>
#include <QTcpServer>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Http {

namespace {
// Fairness in a flood of arrivals: the connections already held get their turn between batches.
constexpr int kAcceptPerWakeup = 64;
// While paused, one look at the backlog this often: a few syscalls a second instead of a spin.
constexpr int kAcceptRetryMs = 250;

int rank(Connection::Standing standing)
{
    // An idle keep-alive connection goes first: its client expects such a close (RFC 9112 §9.3.1)
    // and needs no answer.
    return standing == Connection::Standing::IdleKeepAlive ? 0 : 1;
}
} // namespace

Listener::Listener(RequestHandler *handler, QObject *parent)
    : QObject(parent)
    , m_handler(handler)
    , m_clock(&Clock::steady())
    , m_server(new QTcpServer(this))
    , m_acceptRetryTimer(new QTimer(this))
    , m_sweepTimer(new QTimer(this))
{
    m_server->setListenBacklogSize(1024);
    m_acceptRetryTimer->setSingleShot(true);
    m_acceptRetryTimer->setInterval(kAcceptRetryMs);
    connect(m_acceptRetryTimer, &QTimer::timeout, this, &Listener::resumeAccepting);
    connect(m_sweepTimer, &QTimer::timeout, this, &Listener::checkTimeouts);
    updateSweepInterval();
}

Listener::~Listener()
{
    close();
}

bool Listener::listen(const QHostAddress &address, quint16 port)
{
    if (!m_server->listen(address, port))
        return false;
    // QTcpServer binds and listens, but we accept: its loop goes on accepting until EAGAIN
    // whatever the cap (pauseAccepting() from inside it comes too late), and it retries at once
    // when accept() fails for want of a file descriptor, which spins.
    m_server->pauseAccepting();
    m_acceptNotifier = new QSocketNotifier(m_server->socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_acceptNotifier, &QSocketNotifier::activated, this, &Listener::acceptPending);
    m_acceptPaused = false;
    return true;
}

void Listener::close()
{
    delete m_acceptNotifier; // before its descriptor is closed
    m_acceptNotifier = nullptr;
    m_acceptRetryTimer->stop();
    m_acceptPaused = false;
    m_server->close();
    const auto connections = m_connections;
    m_connections.clear();
    for (Connection *c : connections) {
        c->disconnect(this);
        c->abort();
        c->deleteLater();
    }
    m_sweepTimer->stop();
}

bool Listener::isListening() const
{
    return m_server->isListening();
}

QHostAddress Listener::serverAddress() const
{
    return m_server->serverAddress();
}

quint16 Listener::serverPort() const
{
    return m_server->serverPort();
}

QString Listener::errorString() const
{
    return m_server->errorString();
}

void Listener::setLimits(const Limits &limits)
{
    m_limits = limits;
    for (Connection *c : std::as_const(m_connections))
        c->setLimits(limits);
    updateSweepInterval();
    resumeAccepting(); // a higher cap may have room now
}

void Listener::setClock(const Clock *clock)
{
    Q_ASSERT(m_connections.isEmpty());
    m_clock = clock ? clock : &Clock::steady();
}

void Listener::updateSweepInterval()
{
    // Fine enough to honour short limits in tests, cheap enough for the 30 s / 60 s defaults.
    const int shortest = qMin(m_limits.headTimeoutMs, m_limits.idleTimeoutMs);
    m_sweepTimer->setInterval(qBound(10, shortest / 4, 1000));
}

void Listener::acceptPending()
{
    const int listenFd = int(m_server->socketDescriptor());
    bool freedDescriptor = false;
    for (int i = 0; i < kAcceptPerWakeup; ++i) {
        if (m_connections.size() >= m_limits.maxConnections) {
            // Room is made only for a client that is there, or we would close connections for nobody.
            if (!clientWaiting())
                return;
            if (!makeRoom()) {
                qCDebug(lcHttp) << "connection limit reached and every connection is busy:" << m_connections.size();
                pauseAccepting();
                return;
            }
        }
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        const int fd =
            ::accept4(listenFd, reinterpret_cast<sockaddr *>(&address), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
            adopt(fd, address);
            freedDescriptor = false;
            continue;
        }
        const int error = errno;
        if (error == EAGAIN || error == EWOULDBLOCK)
            return;
        if (error == EMFILE || error == ENFILE || error == ENOBUFS || error == ENOMEM) {
            // accept() fails the same way until something is freed. One connection that is only
            // waiting on its client gives up its descriptor; if that was not enough (another
            // thread took it) or none can, wait instead of spinning.
            if (!freedDescriptor && clientWaiting() && makeRoom()) {
                freedDescriptor = true;
                continue;
            }
            qCDebug(lcHttp) << "cannot accept:" << strerror(error) << "holding" << m_connections.size();
            pauseAccepting();
            return;
        }
        // EINTR, or the waiting client's own network error (ECONNABORTED, EPROTO, ...): accept(2)
        // says to try again.
    }
}

bool Listener::clientWaiting() const
{
    pollfd p{int(m_server->socketDescriptor()), POLLIN, 0};
    return ::poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

bool Listener::makeRoom()
{
    for (;;) {
        Connection *victim = nullptr;
        int victimRank = 0;
        qint64 victimSince = 0;
        for (Connection *c : std::as_const(m_connections)) {
            const Connection::Standing standing = c->standing();
            if (standing == Connection::Standing::Busy)
                continue;
            const int r = rank(standing);
            const qint64 since = c->standingSinceMs();
            const bool better =
                !victim || r < victimRank || (r == victimRank && since < victimSince) ||
                (r == victimRank && since == victimSince && c->peer().connectionId < victim->peer().connectionId);
            if (better) {
                victim = c;
                victimRank = r;
                victimSince = since;
            }
        }
        if (!victim)
            return false;
        qCDebug(lcHttp) << "closing connection" << victim->peer().connectionId << "to make room";
        if (victim->evict())
            return true;
        // A request arrived on it meanwhile: it is busy now, so look again.
    }
}

void Listener::adopt(int fd, const sockaddr_storage &address)
{
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

    PeerInfo peer;
    peer.address = QHostAddress(reinterpret_cast<const sockaddr *>(&address));
    if (address.ss_family == AF_INET)
        peer.port = ntohs(reinterpret_cast<const sockaddr_in *>(&address)->sin_port);
    else if (address.ss_family == AF_INET6)
        peer.port = ntohs(reinterpret_cast<const sockaddr_in6 *>(&address)->sin6_port);
    peer.localPort = m_server->serverPort();
    peer.connectionId = m_nextConnectionId++;

    auto *connection = new Connection(fd, peer, m_limits, m_handler, m_clock, m_tls, this);
    m_connections.insert(peer.connectionId, connection);
    connect(connection, &Connection::finished, this, [this, connection] { connectionFinished(connection); });
    if (!m_sweepTimer->isActive())
        m_sweepTimer->start();
}

void Listener::pauseAccepting()
{
    if (m_acceptNotifier)
        m_acceptNotifier->setEnabled(false);
    m_acceptPaused = true;
    m_acceptRetryTimer->start();
}

void Listener::resumeAccepting()
{
    if (!m_acceptPaused || !m_acceptNotifier)
        return;
    m_acceptPaused = false;
    m_acceptRetryTimer->stop();
    m_acceptNotifier->setEnabled(true); // a client still waiting wakes acceptPending() again
}

void Listener::connectionFinished(Connection *connection)
{
    m_connections.remove(connection->peer().connectionId);
    connection->deleteLater();
    resumeAccepting();
    if (m_connections.isEmpty())
        m_sweepTimer->stop();
}

void Listener::checkTimeouts()
{
    const qint64 now = m_clock->nowMs();
    const auto connections = m_connections.values();
    for (Connection *c : connections)
        c->checkTimeouts(now);
}

} // namespace Http
