#include "responder.h"
#include "connection.h"

namespace Http {

Responder::Responder(Connection *connection, quint64 sequence)
    : m_connection(connection)
    , m_sequence(sequence)
{
}

void Responder::respond(const Response &response) const
{
    if (Connection *c = m_connection.data())
        c->deliver(m_sequence, response);
}

} // namespace Http
