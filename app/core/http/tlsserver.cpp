#include "tlsserver.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>

namespace Http {

namespace {

// ALPN wire form: each protocol preceded by its length. HTTP/1.1 is all the reader speaks.
const unsigned char kAlpn[] = {8, 'h', 't', 't', 'p', '/', '1', '.', '1'};

int selectAlpn(SSL *, const unsigned char **out, unsigned char *outLength, const unsigned char *in,
               unsigned int inLength, void *)
{
    unsigned char *selected = nullptr;
    if (SSL_select_next_proto(&selected, outLength, kAlpn, sizeof kAlpn, in, inLength) != OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK; // a client offering only h2 goes on without ALPN, or gives up
    *out = selected;
    return SSL_TLSEXT_ERR_OK;
}

/// OpenSSL's reason for the first error queued, then clears the queue.
QString takeOpenSslError(unsigned long *first = nullptr)
{
    const unsigned long e = ERR_peek_error();
    if (first)
        *first = e;
    QString text;
    if (e) {
        const char *reason = ERR_reason_error_string(e);
        text = reason ? QString::fromLatin1(reason) : QStringLiteral("error %1").arg(e);
    }
    ERR_clear_error();
    return text;
}

/// What a handshake failure means for the user, with OpenSSL's own words in parentheses.
QString explainHandshakeFailure(unsigned long e, const QString &openssl)
{
    if (ERR_GET_LIB(e) != ERR_LIB_SSL)
        return openssl;
    QString meaning;
    switch (ERR_GET_REASON(e)) {
    case SSL_R_TLSV1_ALERT_UNKNOWN_CA:
    case SSL_R_SSLV3_ALERT_BAD_CERTIFICATE:
    case SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN:
    case SSL_R_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE:
    case SSL_R_SSLV3_ALERT_CERTIFICATE_EXPIRED:
    case SSL_R_TLSV1_ALERT_ACCESS_DENIED:
        meaning = QStringLiteral("the client rejected Hookscope's certificate; give it the certificate to trust "
                                 "(export it from Hookscope) or use a certificate it trusts");
        break;
    case SSL_R_UNSUPPORTED_PROTOCOL:
    case SSL_R_VERSION_TOO_LOW:
    case SSL_R_TLSV1_ALERT_PROTOCOL_VERSION:
        meaning = QStringLiteral("the client offered only TLS versions Hookscope does not accept (it needs TLS 1.2 "
                                 "or newer)");
        break;
    case SSL_R_NO_SHARED_CIPHER:
        meaning = QStringLiteral("the client offered no cipher suite Hookscope accepts");
        break;
    case SSL_R_HTTP_REQUEST:
    case SSL_R_WRONG_VERSION_NUMBER:
    case SSL_R_UNKNOWN_PROTOCOL:
    case SSL_R_PACKET_LENGTH_TOO_LONG:
    case SSL_R_RECORD_LENGTH_MISMATCH:
        meaning = QStringLiteral("what the client sent is not a TLS handshake");
        break;
    case SSL_R_UNEXPECTED_EOF_WHILE_READING:
        meaning = QStringLiteral("the client closed the connection during the handshake; it may not trust "
                                 "Hookscope's certificate");
        break;
    default:
        return openssl;
    }
    return QStringLiteral("%1 (%2)").arg(meaning, openssl);
}

struct BioFree
{
    void operator()(BIO *b) const { BIO_free(b); }
};
struct X509Free
{
    void operator()(X509 *x) const { X509_free(x); }
};
struct KeyFree
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};

std::unique_ptr<BIO, BioFree> memoryBio(const QByteArray &bytes)
{
    return std::unique_ptr<BIO, BioFree>(BIO_new_mem_buf(bytes.constData(), int(bytes.size())));
}

} // namespace

bool looksLikeTlsHandshake(QByteArrayView firstBytes)
{
    // A TLS record of type handshake (22) and major version 3 (SSL 3.0 to TLS 1.3 all say 3).
    if (firstBytes.isEmpty() || quint8(firstBytes[0]) != 0x16)
        return false;
    return firstBytes.size() < 2 || quint8(firstBytes[1]) == 0x03;
}

std::shared_ptr<const TlsServerContext> TlsServerContext::create(const QByteArray &certificatePem,
                                                                 const QByteArray &keyPem, QString *error)
{
    ERR_clear_error();
    const auto fail = [error](const QString &what) {
        const QString openssl = takeOpenSslError();
        if (error)
            *error = openssl.isEmpty() ? what : QStringLiteral("%1 (%2)").arg(what, openssl);
        return nullptr;
    };
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (!ctx)
        return fail(QStringLiteral("cannot set up TLS"));
    std::shared_ptr<const TlsServerContext> context(new TlsServerContext(ctx));
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    SSL_CTX_set_alpn_select_cb(ctx, selectAlpn, nullptr);

    auto certs = memoryBio(certificatePem);
    std::unique_ptr<X509, X509Free> leaf(PEM_read_bio_X509(certs.get(), nullptr, nullptr, nullptr));
    if (!leaf)
        return fail(QStringLiteral("no certificate in the PEM text"));
    if (SSL_CTX_use_certificate(ctx, leaf.get()) != 1)
        return fail(QStringLiteral("the certificate cannot be used"));
    while (X509 *next = PEM_read_bio_X509(certs.get(), nullptr, nullptr, nullptr)) {
        if (SSL_CTX_add0_chain_cert(ctx, next) != 1) { // takes it on success
            X509_free(next);
            return fail(QStringLiteral("a chain certificate cannot be used"));
        }
    }
    ERR_clear_error(); // the end of the PEM text reads as an error

    auto keyBio = memoryBio(keyPem);
    std::unique_ptr<EVP_PKEY, KeyFree> key(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
    if (!key)
        return fail(QStringLiteral("no private key in the PEM text (an encrypted key needs its password removed)"));
    if (SSL_CTX_use_PrivateKey(ctx, key.get()) != 1 || SSL_CTX_check_private_key(ctx) != 1)
        return fail(QStringLiteral("the private key does not match the certificate"));
    return context;
}

TlsServerContext::TlsServerContext(ssl_ctx_st *ctx)
    : m_ctx(ctx)
{
}

TlsServerContext::~TlsServerContext()
{
    SSL_CTX_free(m_ctx);
}

std::unique_ptr<TlsTransport> TlsServerContext::accept(int fd) const
{
    SSL *ssl = SSL_new(m_ctx);
    if (!ssl)
        return nullptr;
    SSL_set_fd(ssl, fd);
    SSL_set_accept_state(ssl);
    return std::unique_ptr<TlsTransport>(new TlsTransport(ssl, fd));
}

TlsTransport::TlsTransport(ssl_st *ssl, int fd)
    : m_ssl(ssl)
    , m_fd(fd)
{
}

TlsTransport::~TlsTransport()
{
    SSL_free(m_ssl);
}

Transport::Status TlsTransport::failure(int ret, bool inHandshake)
{
    const int code = SSL_get_error(m_ssl, ret);
    m_waitsToWrite = code == SSL_ERROR_WANT_WRITE;
    switch (code) {
    case SSL_ERROR_WANT_READ:
    case SSL_ERROR_WANT_WRITE:
        return Status::WouldBlock;
    case SSL_ERROR_ZERO_RETURN: // close_notify
        m_error = QStringLiteral("the client closed the TLS session");
        return Status::Closed;
    case SSL_ERROR_SYSCALL:
        if (ERR_peek_error() == 0) {
            const int error = errno;
            ERR_clear_error();
            if (error == EINTR || error == EAGAIN)
                return Status::WouldBlock;
            // A TCP close without close_notify: clients do it all the time after their last answer.
            m_error = error == 0 || error == ECONNRESET || error == EPIPE
                          ? QStringLiteral("the client closed the connection")
                          : QString::fromLocal8Bit(strerror(error));
            return error == 0 ? Status::Closed : Status::Failed;
        }
        break;
    default:
        break;
    }
    unsigned long e = 0;
    const QString openssl = takeOpenSslError(&e);
    if (ERR_GET_REASON(e) == SSL_R_UNEXPECTED_EOF_WHILE_READING && !inHandshake) {
        m_error = QStringLiteral("the client closed the connection");
        return Status::Closed;
    }
    m_error = inHandshake ? explainHandshakeFailure(e, openssl) : openssl;
    if (m_error.isEmpty())
        m_error = QStringLiteral("TLS error");
    return Status::Failed;
}

Transport::Status TlsTransport::handshake()
{
    ERR_clear_error();
    const int ret = SSL_do_handshake(m_ssl);
    if (ret == 1) {
        m_waitsToWrite = false;
        return Status::Ok;
    }
    const Status status = failure(ret, true);
    if (status == Status::Closed)
        m_error = QStringLiteral("the client closed the connection during the TLS handshake; it may not trust "
                                 "Hookscope's certificate");
    return status;
}

Transport::Result TlsTransport::read(char *into, qsizetype max)
{
    ERR_clear_error();
    size_t n = 0;
    const int ret = SSL_read_ex(m_ssl, into, size_t(max), &n);
    if (ret == 1) {
        m_waitsToWrite = false;
        return {qsizetype(n), Status::Ok};
    }
    return {0, failure(ret, false)};
}

Transport::Result TlsTransport::write(const char *from, qsizetype size)
{
    ERR_clear_error();
    size_t n = 0;
    const int ret = SSL_write_ex(m_ssl, from, size_t(size), &n);
    if (ret == 1) {
        m_waitsToWrite = false;
        return {qsizetype(n), Status::Ok};
    }
    Status status = failure(ret, false);
    if (status == Status::WouldBlock)
        m_waitsToWrite = true; // a write waits for the socket to take more, whatever OpenSSL says
    return {0, status};
}

bool TlsTransport::hasBuffered() const
{
    return SSL_has_pending(m_ssl) == 1;
}

void TlsTransport::shutdownWrite()
{
    ERR_clear_error();
    if (SSL_is_init_finished(m_ssl))
        SSL_shutdown(m_ssl); // sends close_notify; the reply, if any, is drained like any bytes
    ERR_clear_error();
    ::shutdown(m_fd, SHUT_WR);
}

TlsInfo TlsTransport::info() const
{
    TlsInfo info;
    if (const char *name = SSL_get_servername(m_ssl, TLSEXT_NAMETYPE_host_name))
        info.serverName = QString::fromUtf8(name);
    if (!SSL_is_init_finished(m_ssl))
        return info;
    info.version = QString::fromLatin1(SSL_get_version(m_ssl));
    if (const SSL_CIPHER *cipher = SSL_get_current_cipher(m_ssl))
        info.cipher = QString::fromLatin1(SSL_CIPHER_get_name(cipher));
    const unsigned char *alpn = nullptr;
    unsigned int alpnLength = 0;
    SSL_get0_alpn_selected(m_ssl, &alpn, &alpnLength);
    if (alpn && alpnLength)
        info.alpn = QString::fromLatin1(reinterpret_cast<const char *>(alpn), int(alpnLength));
    return info;
}

} // namespace Http
