#include "clienttestservers.h"

#include <QFile>
#include <QSslSocket>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

ScriptedServer::ScriptedServer(Handler handler)
    : m_handler(std::move(handler))
{
}

bool ScriptedServer::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

void ScriptedServer::setTls(const QSslCertificate &certificate, const QSslKey &key)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(certificate);
    config.setPrivateKey(key);
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    config.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
    m_tls = config;
}

QUrl ScriptedServer::url(const QString &path, const QString &scheme) const
{
    QUrl u;
    u.setScheme(scheme);
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(serverPort());
    u.setPath(path);
    return u;
}

QByteArray ScriptedServer::negotiatedProtocol(int i) const
{
    const auto *ssl = qobject_cast<QSslSocket *>(m_connections.at(i).socket.data());
    return ssl ? ssl->sslConfiguration().nextNegotiatedProtocol() : QByteArray();
}

void ScriptedServer::abortAll()
{
    for (const Connection &c : std::as_const(m_connections)) {
        if (c.socket)
            c.socket->abort();
    }
}

void ScriptedServer::incomingConnection(qintptr descriptor)
{
    if (!m_tls) {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        adopt(socket);
        return;
    }
    auto *ssl = new QSslSocket(this);
    ssl->setSocketDescriptor(descriptor);
    ssl->setSslConfiguration(*m_tls);
    adopt(ssl);
    ssl->startServerEncryption();
}

void ScriptedServer::adopt(QTcpSocket *socket)
{
    const int index = m_connections.size();
    m_connections.append({socket, {}, 0, std::make_shared<QCryptographicHash>(QCryptographicHash::Sha256)});
    connect(socket, &QIODevice::readyRead, this, [this, socket, index] {
        Connection &c = m_connections[index];
        const QByteArray data = socket->readAll();
        c.count += data.size();
        if (m_hashing)
            c.hash->addData(data);
        else
            c.bytes += data;
        if (m_handler)
            m_handler(socket, c.bytes);
    });
}

bool ConnectProxy::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

void ConnectProxy::incomingConnection(qintptr descriptor)
{
    auto *client = new QTcpSocket(this);
    client->setSocketDescriptor(descriptor);
    auto *upstream = new QTcpSocket(this);
    auto head = std::make_shared<QByteArray>();
    auto tunnelled = std::make_shared<bool>(false);
    connect(client, &QIODevice::readyRead, this, [=, this] {
        if (*tunnelled) {
            upstream->write(client->readAll());
            return;
        }
        *head += client->readAll();
        const qsizetype end = head->indexOf("\r\n\r\n");
        if (end < 0 || upstream->state() != QAbstractSocket::UnconnectedState)
            return;
        const QByteArray line = head->left(head->indexOf("\r\n"));
        m_lines.append(line);
        const QList<QByteArray> parts = line.split(' ');
        const QByteArray authority = parts.value(1);
        const qsizetype colon = authority.lastIndexOf(':');
        if (parts.value(0) != "CONNECT" || colon < 0) {
            client->write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            client->disconnectFromHost();
            return;
        }
        upstream->connectToHost(QString::fromLatin1(authority.left(colon)), authority.mid(colon + 1).toUShort());
    });
    connect(upstream, &QAbstractSocket::connected, this, [=] {
        *tunnelled = true;
        client->write("HTTP/1.1 200 Connection established\r\n\r\n");
        const QByteArray early = head->mid(head->indexOf("\r\n\r\n") + 4);
        if (!early.isEmpty())
            upstream->write(early);
    });
    connect(upstream, &QIODevice::readyRead, this, [=] { client->write(upstream->readAll()); });
    connect(upstream, &QAbstractSocket::disconnected, client, &QAbstractSocket::disconnectFromHost);
    connect(client, &QAbstractSocket::disconnected, upstream, &QAbstractSocket::disconnectFromHost);
}

SelfSigned SelfSigned::make(const QByteArray &commonName)
{
    SelfSigned out;
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), &X509_free);
    if (!key || !cert)
        return out;
    X509 *x = cert.get();
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
    X509_gmtime_adj(X509_getm_notBefore(x), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x), 24 * 3600);
    X509_set_pubkey(x, key.get());
    X509_NAME *name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>(commonName.constData()), -1, -1, 0);
    X509_set_issuer_name(x, name);
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, x, x, nullptr, nullptr, 0);
    X509_EXTENSION *san = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
    if (!san)
        return out;
    X509_add_ext(x, san, -1);
    X509_EXTENSION_free(san);
    if (X509_sign(x, key.get(), EVP_sha256()) <= 0)
        return out;

    const auto pem = [](auto write) {
        std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
        if (!write(bio.get()))
            return QByteArray();
        QByteArray bytes(static_cast<qsizetype>(BIO_ctrl_pending(bio.get())), Qt::Uninitialized);
        BIO_read(bio.get(), bytes.data(), static_cast<int>(bytes.size()));
        return bytes;
    };
    out.certificate = QSslCertificate(pem([x](BIO *b) { return PEM_write_bio_X509(b, x) == 1; }));
    out.key = QSslKey(pem([&key](BIO *b) {
                          return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
                      }),
                      QSsl::Ec);
    return out;
}

bool resetPeakMemory()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

qint64 peakMemory()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}
