#pragma once

#include "limits.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>

class QTimer;

namespace Http {

class Connection;
class RequestHandler;

/**
 * Accepts TCP connections and reads HTTP/1.x requests from them. Lives on one thread (the
 * capture thread in the app); every connection, timer and handler call stays on it.
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
    const Limits &limits() const { return m_limits; }
    int connectionCount() const { return int(m_connections.size()); }

private:
    class Server;
    void accept(qintptr fd);
    void connectionFinished(Connection *connection);
    void sweep();
    void updateSweepInterval();

    RequestHandler *m_handler;
    Limits m_limits;
    Server *m_server; // a child, so moveToThread() takes it along
    QHash<quint64, Connection *> m_connections;
    QTimer *m_sweepTimer;
    quint64 m_nextConnectionId = 1;
};

} // namespace Http
