#include "listener.h"
#include "connection.h"
#include "logging.h"
#include "requesthandler.h"

#include <QTcpServer>
#include <QTimer>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Http {

class Listener::Server : public QTcpServer
{
public:
    explicit Server(Listener *listener)
        : QTcpServer(listener)
        , m_listener(listener)
    {
    }

protected:
    // We take the descriptor ourselves: Connection does its own non-blocking I/O.
    void incomingConnection(qintptr fd) override { m_listener->accept(fd); }

private:
    Listener *m_listener;
};

Listener::Listener(RequestHandler *handler, QObject *parent)
    : QObject(parent)
    , m_handler(handler)
    , m_server(new Server(this))
    , m_sweepTimer(new QTimer(this))
{
    m_server->setListenBacklogSize(1024);
    connect(m_sweepTimer, &QTimer::timeout, this, &Listener::sweep);
    updateSweepInterval();
}

Listener::~Listener()
{
    close();
}

bool Listener::listen(const QHostAddress &address, quint16 port)
{
    return m_server->listen(address, port);
}

void Listener::close()
{
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
    if (m_server->isListening() && m_connections.size() < m_limits.maxConnections)
        m_server->resumeAccepting();
}

void Listener::updateSweepInterval()
{
    // Fine enough to honour short limits in tests, cheap enough for the 30 s / 60 s defaults.
    const int shortest = qMin(m_limits.headTimeoutMs, m_limits.idleTimeoutMs);
    m_sweepTimer->setInterval(qBound(10, shortest / 4, 1000));
}

void Listener::accept(qintptr descriptor)
{
    const int fd = int(descriptor);
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

    PeerInfo peer;
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0) {
        peer.address = QHostAddress(reinterpret_cast<const sockaddr *>(&addr));
        if (addr.ss_family == AF_INET)
            peer.port = ntohs(reinterpret_cast<const sockaddr_in *>(&addr)->sin_port);
        else if (addr.ss_family == AF_INET6)
            peer.port = ntohs(reinterpret_cast<const sockaddr_in6 *>(&addr)->sin6_port);
    }
    peer.localPort = m_server->serverPort();
    peer.connectionId = m_nextConnectionId++;

    auto *connection = new Connection(fd, peer, m_limits, m_handler, this);
    m_connections.insert(peer.connectionId, connection);
    connect(connection, &Connection::finished, this, [this, connection] { connectionFinished(connection); });
    if (!m_sweepTimer->isActive())
        m_sweepTimer->start();
    if (m_connections.size() >= m_limits.maxConnections) {
        // Further clients wait in the kernel's backlog until one of these closes.
        qCDebug(lcHttp) << "connection limit reached:" << m_connections.size();
        m_server->pauseAccepting();
    }
}

void Listener::connectionFinished(Connection *connection)
{
    m_connections.remove(connection->peer().connectionId);
    connection->deleteLater();
    if (m_server->isListening() && m_connections.size() < m_limits.maxConnections)
        m_server->resumeAccepting();
    if (m_connections.isEmpty())
        m_sweepTimer->stop();
}

void Listener::sweep()
{
    const qint64 now = Connection::monotonicMs();
    const auto connections = m_connections.values();
    for (Connection *c : connections)
        c->checkTimeouts(now);
}

} // namespace Http
