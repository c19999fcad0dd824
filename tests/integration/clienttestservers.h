#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QList>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>
#include <optional>

/// A server on 127.0.0.1, port 0, whose answers a test scripts: the handler sees each connection's
/// bytes so far every time more arrive, and writes (or closes, or stays silent) as the case needs.
/// With TLS set it serves https from a QSslSocket per connection.
class ScriptedServer : public QTcpServer
{
    Q_OBJECT

public:
    using Handler = std::function<void(QTcpSocket *socket, const QByteArray &received)>;

    explicit ScriptedServer(Handler handler = {});
    bool start();
    /// Serves https with this certificate from now on; ALPN offers http/1.1.
    void setTls(const QSslCertificate &certificate, const QSslKey &key);
    /// Keeps only a count and a SHA-256 of what arrives (for bodies too large to keep).
    void setHashing(bool on) { m_hashing = on; }

    QUrl url(const QString &path = QStringLiteral("/"), const QString &scheme = QStringLiteral("http")) const;
    int connectionCount() const { return m_connections.size(); }
    QTcpSocket *connection(int i) const { return m_connections.at(i).socket; }
    QByteArray received(int i) const { return m_connections.at(i).bytes; }
    qint64 receivedCount(int i) const { return m_connections.at(i).count; }
    QByteArray receivedSha256(int i) const { return m_connections.at(i).hash->result(); }
    /// The protocol ALPN chose on connection i (https only).
    QByteArray negotiatedProtocol(int i) const;
    /// Closes every connection now, without a word.
    void abortAll();

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct Connection
    {
        QPointer<QTcpSocket> socket;
        QByteArray bytes;
        qint64 count = 0;
        std::shared_ptr<QCryptographicHash> hash;
    };
    void adopt(QTcpSocket *socket);

    Handler m_handler;
    std::optional<QSslConfiguration> m_tls;
    bool m_hashing = false;
    QList<Connection> m_connections;
};

/// An HTTP proxy that understands only CONNECT, as curl and Qt use it for tunnels: it notes each
/// CONNECT line, opens the tunnel and copies bytes both ways unchanged.
class ConnectProxy : public QTcpServer
{
    Q_OBJECT

public:
    bool start();
    QByteArrayList connectLines() const { return m_lines; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    QByteArrayList m_lines;
};

/// A self-signed certificate (EC P-256, SAN 127.0.0.1 and localhost) made with libcrypto now.
struct SelfSigned
{
    QSslCertificate certificate;
    QSslKey key;
    static SelfSigned make(const QByteArray &commonName);
};

/// Resets the peak resident set size the kernel reports; false where it cannot.
bool resetPeakMemory();
/// The peak resident set size in bytes (VmHWM), or -1.
qint64 peakMemory();
