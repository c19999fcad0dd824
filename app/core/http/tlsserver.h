#pragma once

#include "tlsinfo.h"
#include "transport.h"

#include <QByteArray>
#include <QString>

#include <memory>

struct ssl_st;
struct ssl_ctx_st;

namespace Http {

class TlsTransport;

/**
 * The server side of TLS for a listener: the certificate and key, TLS 1.2 and newer, ALPN offering
 * http/1.1. One is shared by every connection of a listener (OpenSSL's SSL_CTX is safe to share
 * across threads); a new certificate means a new context for the connections that come after.
 */
class TlsServerContext
{
public:
    /// From PEM: the certificate (leaf first, then its chain) and its private key. Null, with
    /// *error set, when they cannot be read or the key is not the certificate's.
    static std::shared_ptr<const TlsServerContext> create(const QByteArray &certificatePem, const QByteArray &keyPem,
                                                          QString *error);
    ~TlsServerContext();
    TlsServerContext(const TlsServerContext &) = delete;
    TlsServerContext &operator=(const TlsServerContext &) = delete;

    /// A transport for an accepted, non-blocking descriptor (not owned), waiting for its handshake.
    std::unique_ptr<TlsTransport> accept(int fd) const;

private:
    explicit TlsServerContext(ssl_ctx_st *ctx);
    ssl_ctx_st *m_ctx;
};

/// One TLS connection over a descriptor the connection owns.
class TlsTransport final : public Transport
{
public:
    ~TlsTransport() override;

    Status handshake() override;
    Result read(char *into, qsizetype max) override;
    Result write(const char *from, qsizetype size) override;
    bool waitsToWrite() const override { return m_waitsToWrite; }
    bool hasBuffered() const override;
    void shutdownWrite() override;
    QString errorString() const override { return m_error; }
    bool readsInRecords() const override { return true; }

    /// What the handshake agreed; once it failed, what was known by then (the server name).
    TlsInfo info() const;

private:
    friend class TlsServerContext;
    TlsTransport(ssl_st *ssl, int fd);
    /// Sorts out the result of an SSL call that did not succeed.
    Status failure(int ret, bool inHandshake);

    ssl_st *m_ssl;
    int m_fd;
    bool m_waitsToWrite = false;
    QString m_error;
};

/// What a listener's port speaks.
enum class PortSecurity {
    Plain,      ///< HTTP; a TLS ClientHello is recorded with the hint to use the https port
    Tls,        ///< HTTPS; plain HTTP is answered 400 saying to use https
    PlainOrTls, ///< either, told apart by the first byte the client sends
};

struct PortTls
{
    PortSecurity security = PortSecurity::Plain;
    std::shared_ptr<const TlsServerContext> context; ///< for Tls and PlainOrTls
    /// Plain: where https is served (0: nowhere), for the hint when a ClientHello comes.
    quint16 httpsPort = 0;
};

/// Whether these first bytes of a connection are a TLS handshake record (a ClientHello).
bool looksLikeTlsHandshake(QByteArrayView firstBytes);

} // namespace Http
