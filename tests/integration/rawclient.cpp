#include "rawclient.h"

#include <QElapsedTimer>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

RawClient::~RawClient()
{
    close();
}

bool RawClient::reserve(QAbstractSocket::NetworkLayerProtocol protocol)
{
    close();
    m_fd = ::socket(protocol == QAbstractSocket::IPv6Protocol ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    m_reserved = m_fd >= 0;
    return m_reserved;
}

bool RawClient::connectTo(const QHostAddress &address, quint16 port, int timeoutMs)
{
    if (!m_reserved)
        close();
    m_reserved = false;
    sockaddr_storage addr{};
    socklen_t len = 0;
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *a6 = reinterpret_cast<sockaddr_in6 *>(&addr);
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons(port);
        const Q_IPV6ADDR ip = address.toIPv6Address();
        memcpy(&a6->sin6_addr, &ip, 16);
        len = sizeof(sockaddr_in6);
    } else {
        auto *a4 = reinterpret_cast<sockaddr_in *>(&addr);
        a4->sin_family = AF_INET;
        a4->sin_port = htons(port);
        a4->sin_addr.s_addr = htonl(address.toIPv4Address());
        len = sizeof(sockaddr_in);
    }
    if (m_fd < 0)
        m_fd = ::socket(addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        return false;
    timeval tv{timeoutMs / 1000, (timeoutMs % 1000) * 1000};
    ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), len) != 0) {
        close();
        return false;
    }
    m_closed = false;
    return true;
}

bool RawClient::startTls(const QByteArray &trustedPem, const QByteArray &serverName, QString *error)
{
    const auto fail = [error](const char *what) {
        if (error) {
            char text[256] = {};
            ERR_error_string_n(ERR_get_error(), text, sizeof text);
            *error = QString::fromLatin1(what) + QStringLiteral(": ") + QString::fromLatin1(text);
        }
        ERR_clear_error();
        return false;
    };
    m_ctx = SSL_CTX_new(TLS_client_method());
    if (!m_ctx)
        return fail("SSL_CTX_new");
    BIO *bio = BIO_new_mem_buf(trustedPem.constData(), int(trustedPem.size()));
    X509 *ca = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (!ca || X509_STORE_add_cert(SSL_CTX_get_cert_store(m_ctx), ca) != 1) {
        X509_free(ca);
        return fail("trusted certificate");
    }
    X509_free(ca);
    SSL_CTX_set_verify(m_ctx, SSL_VERIFY_PEER, nullptr);
    m_ssl = SSL_new(m_ctx);
    SSL_set_fd(m_ssl, m_fd);
    if (!serverName.isEmpty())
        SSL_ctrl(m_ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char *>(serverName.constData())); // SSL_set_tlsext_host_name, without its C cast
    timeval tv{5, 0};
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (SSL_connect(m_ssl) != 1)
        return fail("handshake");
    return true;
}

bool RawClient::send(QByteArrayView bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        if (m_ssl) {
            size_t written = 0;
            if (SSL_write_ex(m_ssl, bytes.data() + done, size_t(bytes.size() - done), &written) != 1)
                return false;
            done += qsizetype(written);
            continue;
        }
        const ssize_t n = ::send(m_fd, bytes.data() + done, size_t(bytes.size() - done), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

bool RawClient::sendPieces(QByteArrayView bytes, const QList<qsizetype> &sizes)
{
    qsizetype pos = 0;
    for (qsizetype size : sizes) {
        if (pos >= bytes.size())
            break;
        const qsizetype take = qMin(size, bytes.size() - pos);
        if (!send(bytes.sliced(pos, take)))
            return false;
        pos += take;
        // Give each piece its own segment: the server must see the split.
        ::usleep(200);
    }
    return pos >= bytes.size() || send(bytes.sliced(pos));
}

void RawClient::shutdownWrite()
{
    if (m_ssl)
        SSL_shutdown(m_ssl); // close_notify, then the FIN
    if (m_fd >= 0)
        ::shutdown(m_fd, SHUT_WR);
}

void RawClient::close()
{
    SSL_free(m_ssl);
    m_ssl = nullptr;
    SSL_CTX_free(m_ctx);
    m_ctx = nullptr;
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_reserved = false;
}

bool RawClient::readSome(QByteArray &out, int timeoutMs)
{
    if (!m_ssl || SSL_pending(m_ssl) == 0) {
        pollfd p{m_fd, POLLIN, 0};
        const int r = ::poll(&p, 1, timeoutMs);
        if (r <= 0)
            return false;
    }
    char buf[65536];
    if (m_ssl) {
        size_t n = 0;
        if (SSL_read_ex(m_ssl, buf, sizeof buf, &n) != 1) {
            const int code = SSL_get_error(m_ssl, 0);
            ERR_clear_error();
            if (code == SSL_ERROR_WANT_READ)
                return true; // a record not meant for us (a session ticket): read on
            m_closed = true;
            return false;
        }
        out.append(buf, qsizetype(n));
        return true;
    }
    const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
    if (n <= 0) {
        m_closed = true;
        return false;
    }
    out.append(buf, n);
    return true;
}

QByteArray RawClient::readUntilClosed(int timeoutMs)
{
    QByteArray out = std::exchange(m_pending, {});
    while (!m_closed && readSome(out, timeoutMs)) {
    }
    return out;
}

QByteArray RawClient::readAvailable()
{
    while (!m_closed && readSome(m_pending, 0)) {
    }
    return m_pending;
}

QByteArray RawClient::readResponses(int count, int timeoutMs)
{
    QByteArray out = std::exchange(m_pending, {});
    QElapsedTimer timer;
    timer.start();
    while (parseResponses(out).size() < count && !m_closed) {
        const int left = int(timeoutMs - timer.elapsed());
        if (left <= 0 || !readSome(out, left))
            break;
    }
    return out;
}

QByteArray RawResponse::header(QByteArrayView name) const
{
    const QList<QByteArray> lines = head.split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

QList<RawResponse> parseResponses(const QByteArray &bytes)
{
    QList<RawResponse> out;
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        const qsizetype headEnd = bytes.indexOf("\r\n\r\n", pos);
        if (headEnd < 0)
            break;
        RawResponse r;
        r.head = bytes.mid(pos, headEnd + 4 - pos);
        if (!r.head.startsWith("HTTP/1.1 ") || r.head.size() < 12)
            break;
        r.status = r.head.mid(9, 3).toInt();
        const QByteArray length = r.header("Content-Length");
        const qsizetype bodyLength = length.isEmpty() ? 0 : length.toLongLong();
        if (headEnd + 4 + bodyLength > bytes.size())
            break;
        r.body = bytes.mid(headEnd + 4, bodyLength);
        pos = headEnd + 4 + bodyLength;
        out.append(r);
    }
    return out;
}
