#pragma once

#include <QString>
#include <QtGlobal>

namespace Http {

/**
 * How a server connection moves bytes over its socket: as they are (PlainTransport) or through
 * TLS (TlsTransport). The connection keeps the descriptor, its notifiers and the close; the
 * transport only reads, writes and shuts down writing, and never blocks.
 */
class Transport
{
public:
    enum class Status {
        Ok,         ///< bytes moved (or the handshake is done)
        WouldBlock, ///< try again when the socket is ready (waitsToWrite() says for what)
        Closed,     ///< the peer closed its side
        Failed,     ///< the connection is broken; errorString() says why
    };
    struct Result
    {
        qsizetype bytes = 0;
        Status status = Status::Ok;
    };

    virtual ~Transport() = default;

    /// Moves the handshake on. Ok once it is done (at once for plain TCP).
    virtual Status handshake() { return Status::Ok; }
    virtual Result read(char *into, qsizetype max) = 0;
    virtual Result write(const char *from, qsizetype size) = 0;
    /// After WouldBlock: whether the call waits for the socket to be writable rather than readable.
    virtual bool waitsToWrite() const { return false; }
    /// Bytes already taken off the socket that read() would return: the kernel cannot announce them.
    virtual bool hasBuffered() const { return false; }
    /// Says the connection will send nothing more (TLS close_notify, then TCP FIN).
    virtual void shutdownWrite() = 0;
    /// Why the last call Failed or Closed, in words.
    virtual QString errorString() const = 0;
    /// One read returns at most this much even when more is there; a shorter read than asked for
    /// does not mean the socket is drained unless this is false.
    virtual bool readsInRecords() const { return false; }
};

/// TCP as it is, on a non-blocking descriptor the connection owns.
class PlainTransport final : public Transport
{
public:
    explicit PlainTransport(int fd)
        : m_fd(fd)
    {
    }
    Result read(char *into, qsizetype max) override;
    Result write(const char *from, qsizetype size) override;
    void shutdownWrite() override;
    QString errorString() const override;

private:
    int m_fd;
    int m_errno = 0;
};

} // namespace Http
