#include "receivedresponse.h"

namespace Http {

int ReceivedResponse::interimStatus(qsizetype i) const
{
    // The reader kept only heads whose status line it accepted: "HTTP/1.x NNN".
    const QByteArray &head = m_interimHeads.at(i);
    return (head[9] - '0') * 100 + (head[10] - '0') * 10 + (head[11] - '0');
}

qsizetype ReceivedResponse::interimBytes() const
{
    qsizetype n = 0;
    for (const QByteArray &head : m_interimHeads)
        n += head.size();
    return n;
}

QByteArray ReceivedResponse::wireBytes() const
{
    if (m_chunked)
        return Request::chunkedWire(m_rawHead, m_chunkFraming, m_body);
    return m_rawHead + m_body;
}

} // namespace Http
