#pragma once

#include "response.h"

#include <QPointer>

namespace Http {

class Connection;

/// The way to answer one request. Cheap to copy. Use it on the listener's thread only.
class Responder
{
public:
    Responder() = default;
    Responder(Connection *connection, quint64 sequence);

    /// Sends the answer, in order after earlier requests on the same connection. Calling it more
    /// than once, or after the client went away, does nothing.
    void respond(const Response &response) const;
    bool isConnected() const { return !m_connection.isNull(); }

private:
    QPointer<Connection> m_connection;
    quint64 m_sequence = 0;
};

} // namespace Http
