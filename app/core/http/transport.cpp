#include "transport.h"

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

namespace Http {

Transport::Result PlainTransport::read(char *into, qsizetype max)
{
    for (;;) {
        const ssize_t n = ::read(m_fd, into, size_t(max));
        if (n > 0)
            return {qsizetype(n), Status::Ok};
        if (n == 0)
            return {0, Status::Closed};
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return {0, Status::WouldBlock};
        m_errno = errno;
        return {0, Status::Failed};
    }
}

Transport::Result PlainTransport::write(const char *from, qsizetype size)
{
    for (;;) {
        const ssize_t n = ::send(m_fd, from, size_t(size), MSG_NOSIGNAL);
        if (n >= 0)
            return {qsizetype(n), Status::Ok};
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return {0, Status::WouldBlock};
        m_errno = errno;
        return {0, Status::Failed};
    }
}

void PlainTransport::shutdownWrite()
{
    ::shutdown(m_fd, SHUT_WR);
}

QString PlainTransport::errorString() const
{
    return m_errno ? QString::fromLocal8Bit(strerror(m_errno)) : QString();
}

} // namespace Http
