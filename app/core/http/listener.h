#pragma once

#include "limits.h"
#include "tlsserver.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>

class QSocketNotifier;
class QTcpServer;
class QTimer;
struct sockaddr_storage;

namespace Http {

class Clock;
class Connection;
class RequestHandler;

/**
 * Accepts TCP connections and reads HTTP/1.x requests from them. Lives on one thread (the
 * capture thread in the app); every connection, timer and handler call stays on it.
 *
 * It holds at most Limits::maxConnections connections. When a client arrives at that cap, one
 * connection that is only waiting on its client makes room, the way nginx reuses idle
 * connections when it runs out: an idle keep-alive connection first (closed without a word),
 * else the one that has waited longest for its request head (answered 408 and recorded, as at
 * the head deadline). Connections that owe an answer or are reading a body are never closed for
 * room. When none can make room, or no file descriptor is free, the newcomer waits in the
 * kernel's backlog: accepting pauses until a connection closes, and is retried every 250 ms.
 */
class Listener : public QObject
{
    Q_OBJECT

public:
    explicit Listener(RequestHandler *handler, QObject *parent = nullptr);
    ~Listener() override;

    /// Binds and listens. Port 0 picks a free port. Returns false with errorString() set.
    bool listen(const QHostAddress &address, quint16 port);
    /// Stops accepting and closes every connection.
    void close();
    bool isListening() const;
    QHostAddress serverAddress() const;
    quint16 serverPort() const;
    QString errorString() const;

    void setLimits(const Limits &limits);
    /// What the port speaks (plain HTTP, HTTPS, or either), for connections accepted from now on.
    void setTls(const PortTls &tls) { m_tls = tls; }
    const PortTls &tls() const { return m_tls; }
    const Limits &limits() const { return m_limits; }
    int connectionCount() const { return int(m_connections.size()); }

    /// The clock the connection deadlines are measured on; nullptr means the steady clock. Not
    /// owned: it must outlive the listener. Set it before listen().
    void setClock(const Clock *clock);
    /// Applies the connection deadlines now. A timer does it while connections are open; a test
    /// that moves its clock calls it to see the effect at once.
    void checkTimeouts();
    /// Whether a client waits in the backlog because no connection can make room for it or no
    /// file descriptor is free.
    bool isAcceptingPaused() const { return m_acceptPaused; }

private:
    void acceptPending();
    bool clientWaiting() const;
    bool makeRoom();
    void adopt(int fd, const sockaddr_storage &address);
    void pauseAccepting();
    void resumeAccepting();
    void connectionFinished(Connection *connection);
    void updateSweepInterval();

    RequestHandler *m_handler;
    Limits m_limits;
    PortTls m_tls;
    const Clock *m_clock;
    QTcpServer *m_server;                        // binds and listens; a child, so moveToThread() takes it along
    QSocketNotifier *m_acceptNotifier = nullptr; // we accept ourselves (see acceptPending)
    QTimer *m_acceptRetryTimer;
    bool m_acceptPaused = false;
    QHash<quint64, Connection *> m_connections;
    QTimer *m_sweepTimer;
    quint64 m_nextConnectionId = 1;
};

} // namespace Http
