#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>

struct ssl_st;
struct ssl_ctx_st;

/// A blocking TCP client over plain POSIX sockets, for byte-exact, fragmented, pipelined and
/// malformed input, in the clear or over TLS (startTls; each piece sent is then one TLS record).
/// The server under test must run on another thread (CaptureEngine does).
class RawClient
{
public:
    RawClient() = default;
    ~RawClient();
    RawClient(const RawClient &) = delete;
    RawClient &operator=(const RawClient &) = delete;

    /// Connects, with the socket made by reserve() when there is one.
    bool connectTo(const QHostAddress &address, quint16 port, int timeoutMs = 5000);
    /// Makes the socket now, to connect later: for a test that runs out of file descriptors between.
    bool reserve(QAbstractSocket::NetworkLayerProtocol protocol = QAbstractSocket::IPv4Protocol);
    /// Makes the connection TLS, trusting only `trustedPem`, sending `serverName` as SNI when set.
    /// False with *error when the handshake fails.
    bool startTls(const QByteArray &trustedPem, const QByteArray &serverName = {}, QString *error = nullptr);
    bool send(QByteArrayView bytes);
    /// Sends bytes in pieces of the given sizes (the last piece takes the rest).
    bool sendPieces(QByteArrayView bytes, const QList<qsizetype> &sizes);
    void shutdownWrite();
    void close();
    /// Reads until the server closes or timeoutMs passes with no byte arriving.
    QByteArray readUntilClosed(int timeoutMs = 5000);
    /// Reads until `count` complete responses (by Content-Length) have arrived, or timeout.
    QByteArray readResponses(int count, int timeoutMs = 5000);
    /// What has arrived, without waiting; the bytes stay for the next read too.
    QByteArray readAvailable();
    /// Whether the server closed the connection (seen by the last read).
    bool peerClosed() const { return m_closed; }
    int fd() const { return m_fd; }

private:
    bool readSome(QByteArray &out, int timeoutMs);

    int m_fd = -1;
    ssl_ctx_st *m_ctx = nullptr;
    ssl_st *m_ssl = nullptr;
    bool m_reserved = false;
    bool m_closed = false;
    QByteArray m_pending;
};

/// One HTTP response split out of the bytes a server sent.
struct RawResponse
{
    int status = 0;
    QByteArray head;
    QByteArray body;
    QByteArray header(QByteArrayView name) const;
};

/// Splits concatenated responses; interim (1xx) responses are included. Stops at the first
/// incomplete one.
QList<RawResponse> parseResponses(const QByteArray &bytes);
