#include "clientconnection.h"
#include "clientproxy.h"
#include "clienttls.h"
#include "logging.h"
#include "responsereader.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

namespace Http {

namespace {

/// A file body is read in pieces of this size, and the next piece only once the socket holds less
/// than kWriteBound unsent bytes, so a body of any size costs a bounded amount of memory.
constexpr qint64 kPieceBytes = 64 * 1024;
constexpr qint64 kWriteBound = 256 * 1024;
/// What one read takes from the socket at most.
constexpr qint64 kReadBytes = 64 * 1024;

QString forPeople(QString sentence)
{
    if (!sentence.isEmpty())
        sentence[0] = sentence.at(0).toUpper();
    return sentence;
}

QString durationText(int ms)
{
    return ms % 1000 == 0 ? QStringLiteral("%1 s").arg(ms / 1000) : QStringLiteral("%1 ms").arg(ms);
}

QString hostPort(const QString &host, int port)
{
    return (host.contains(u':') ? u'[' + host + u']' : host) + u':' + QString::number(port);
}

int portOf(const QUrl &url)
{
    return url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
}

} // namespace

QString ExchangeResult::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Response:
        return QStringLiteral("response");
    case Outcome::ConnectFailed:
        return QStringLiteral("connect-failed");
    case Outcome::TlsFailed:
        return QStringLiteral("tls-failed");
    case Outcome::ConnectTimeout:
        return QStringLiteral("connect-timeout");
    case Outcome::Timeout:
        return QStringLiteral("timeout");
    case Outcome::ConnectionClosed:
        return QStringLiteral("connection-closed");
    case Outcome::BadResponse:
        return QStringLiteral("bad-response");
    case Outcome::BodyUnreadable:
        return QStringLiteral("body-unreadable");
    case Outcome::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

struct ClientConnection::Private
{
    enum class Phase { Idle, Connecting, Exchanging };

    ClientConnection *q;
    QUrl origin;
    ClientOptions options;

    // The connection: outlives exchanges while the last response allowed another request.
    QAbstractSocket *socket = nullptr;
    QSslSocket *ssl = nullptr; // the same object as socket for https
    bool tcpConnected = false; // for https: the handshake is what is left
    bool reusable = false;
    ProxyChoice proxy;
    PeerIdentity identity; // who answered on this connection, copied into each result

    // The running exchange.
    Phase phase = Phase::Idle;
    quint64 generation = 0; // tells a queued finish of an ended exchange to do nothing
    OutgoingRequest request;
    QFile file;
    bool fromFile = false; // the body is file's bytes, streamed
    bool bodyDone = false;
    bool pumping = false;
    bool retried = false;
    ResponseReader reader;
    QByteArray readBuffer; // kept between reads: one allocation per connection
    ExchangeResult result;
    QElapsedTimer clock;
    QTimer connectTimer;
    QTimer totalTimer;

    explicit Private(ClientConnection *owner)
        : q(owner)
    {
        // Precise: a coarse timer may fire up to 5 % early, and a timeout is a promise to the user.
        for (QTimer *timer : {&connectTimer, &totalTimer}) {
            timer->setSingleShot(true);
            timer->setTimerType(Qt::PreciseTimer);
        }
        QObject::connect(&connectTimer, &QTimer::timeout, q, [this] { connectTimedOut(); });
        QObject::connect(&totalTimer, &QTimer::timeout, q, [this] { totalTimedOut(); });
    }

    QString destination() const { return hostPort(result.url.host(), portOf(result.url)); }

    void start(const QUrl &url, const OutgoingRequest &req, const QString &bodyFile);
    void openSocket();
    void onConnected();
    void beginWrite();
    void pump();
    void onReadyRead();
    /// Feeds bytes to the reader; true when the exchange ended on them.
    bool feed(QByteArrayView data);
    void complete(bool extraBytes);
    void onSocketError(QAbstractSocket::SocketError error);
    void onSslErrors(const QList<QSslError> &errors);
    void connectFailed(QAbstractSocket::SocketError error);
    void connectTimedOut();
    void totalTimedOut();
    void finish(ExchangeResult::Outcome outcome, const QString &error);
    /// Ends the exchange with `outcome` from the event loop, so finished() never comes from send().
    void finishSoon(ExchangeResult::Outcome outcome, const QString &error);
    void dropSocket();
};

void ClientConnection::Private::start(const QUrl &url, const OutgoingRequest &req, const QString &bodyFile)
{
    ++generation;
    result = ExchangeResult();
    result.url = url;
    result.startedAtMs = QDateTime::currentMSecsSinceEpoch();
    clock.start();
    request = req;
    retried = false;
    phase = Phase::Connecting;
    fromFile = !bodyFile.isEmpty();
    if (fromFile) {
        file.setFileName(bodyFile);
        if (!file.open(QIODevice::ReadOnly)) {
            finishSoon(ExchangeResult::Outcome::BodyUnreadable,
                       QStringLiteral("Cannot read the body file %1: %2").arg(bodyFile, file.errorString()));
            return;
        }
    }
    totalTimer.start(options.totalTimeoutMs);
    if (socket && reusable && socket->state() == QAbstractSocket::ConnectedState) {
        result.reusedConnection = true;
        result.connectMs = 0;
        identity.copyTo(result);
        result.peer = identity.peer;
        beginWrite();
        return;
    }
    openSocket();
}

void ClientConnection::Private::openSocket()
{
    dropSocket();
    phase = Phase::Connecting;
    identity = {};
    proxy = options.useEnvironmentProxy ? proxyFor(result.url, ProxyEnvironment::system()) : ProxyChoice();
    if (!proxy.error.isEmpty()) {
        finishSoon(ExchangeResult::Outcome::ConnectFailed, proxy.error);
        return;
    }
    const bool https = result.url.scheme() == QLatin1String("https");
    if (https) {
        ssl = new QSslSocket(q);
        socket = ssl;
        ssl->setSslConfiguration(clientTlsConfiguration());
        QObject::connect(ssl, &QSslSocket::encrypted, q, [this] { onConnected(); });
        QObject::connect(ssl, &QSslSocket::sslErrors, q, [this](const QList<QSslError> &e) { onSslErrors(e); });
        QObject::connect(ssl, &QSslSocket::encryptedBytesWritten, q, [this] { pump(); });
        QObject::connect(ssl, &QAbstractSocket::connected, q, [this] { tcpConnected = true; });
    } else {
        socket = new QTcpSocket(q);
        QObject::connect(socket, &QAbstractSocket::connected, q, [this] {
            tcpConnected = true;
            // As curl does: a request goes out whole at once, not held back for the ACK of the last.
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            onConnected();
        });
    }
    QObject::connect(socket, &QIODevice::readyRead, q, [this] { onReadyRead(); });
    QObject::connect(socket, &QIODevice::bytesWritten, q, [this] { pump(); });
    QObject::connect(socket, &QAbstractSocket::errorOccurred, q,
                     [this](QAbstractSocket::SocketError e) { onSocketError(e); });
    QObject::connect(socket, &QAbstractSocket::disconnected, q,
                     [this] { onSocketError(QAbstractSocket::RemoteHostClosedError); });
    socket->setProxy(proxy.proxy);
    connectTimer.start(options.connectTimeoutMs);
    const QString host = result.url.host();
    const auto port = static_cast<quint16>(portOf(result.url));
    qCDebug(lcHttp) << "client connecting to" << host << port << "via" << proxy.describe();
    if (ssl)
        ssl->connectToHostEncrypted(host, port, host); // the peer name is the SNI and what is verified
    else // unbuffered: a write goes straight to the kernel, a read straight from it (half the system calls)
        socket->connectToHost(host, port, QIODevice::ReadWrite | QIODevice::Unbuffered);
}

void ClientConnection::Private::onConnected()
{
    if (phase != Phase::Connecting)
        return;
    connectTimer.stop();
    result.connectMs = clock.elapsed();
    identity.peer = proxy.isDirect() ? hostPort(socket->peerAddress().toString(), socket->peerPort())
                                     : hostPort(proxy.proxy.hostName(), proxy.proxy.port());
    if (ssl)
        identity.noteCertificate(ssl->peerCertificate());
    identity.copyTo(result);
    result.peer = identity.peer;
    beginWrite();
}

void ClientConnection::Private::beginWrite()
{
    phase = Phase::Exchanging;
    Limits limits;
    limits.maxBodyBytes = options.maxResponseBodyBytes;
    reader = ResponseReader(limits);
    reader.expectResponseTo(request.method);
    result.requestHead = request.head();
    result.bodyBytesSent = 0;
    if (fromFile) {
        socket->write(result.requestHead);
        bodyDone = false;
        if (!file.seek(0)) {
            finish(ExchangeResult::Outcome::BodyUnreadable,
                   QStringLiteral("Cannot read the body file %1: %2").arg(file.fileName(), file.errorString()));
            return;
        }
        pump();
        return;
    }
    const QByteArray body =
        request.chunked ? OutgoingRequest::chunk(request.body) + OutgoingRequest::lastChunk() : request.body;
    if (body.size() <= kPieceBytes) {
        socket->write(result.requestHead + body); // one write, one segment for a typical webhook
    } else {
        socket->write(result.requestHead);
        socket->write(body);
    }
    result.bodyBytesSent = request.body.size();
    bodyDone = true;
}

void ClientConnection::Private::pump()
{
    if (phase != Phase::Exchanging || bodyDone || pumping || !fromFile)
        return;
    pumping = true;
    const auto unsent = [this] { return socket->bytesToWrite() + (ssl ? ssl->encryptedBytesToWrite() : 0); };
    QByteArray piece;
    while (unsent() < kWriteBound) {
        piece.resize(kPieceBytes);
        const qint64 n = file.read(piece.data(), kPieceBytes);
        if (n < 0) {
            pumping = false;
            finish(ExchangeResult::Outcome::BodyUnreadable,
                   QStringLiteral("Cannot read the body file %1 after %2 bytes: %3")
                       .arg(file.fileName())
                       .arg(result.bodyBytesSent)
                       .arg(file.errorString()));
            return;
        }
        if (n == 0) {
            if (request.chunked)
                socket->write(OutgoingRequest::lastChunk());
            bodyDone = true; // the file stays open: a retry sends it again
            break;
        }
        piece.truncate(n);
        socket->write(request.chunked ? OutgoingRequest::chunk(piece) : piece);
        result.bodyBytesSent += n;
    }
    pumping = false;
}

void ClientConnection::Private::onReadyRead()
{
    if (phase != Phase::Exchanging) {
        // Bytes nobody asked for: the connection is out of step and cannot carry another request.
        if (phase == Phase::Idle)
            dropSocket();
        return;
    }
    // One read per notification: an unbuffered socket reads straight from the kernel, and what is
    // left raises the notification again.
    if (readBuffer.size() != kReadBytes)
        readBuffer.resize(kReadBytes);
    const quint64 exchange = generation;
    const qint64 n = socket->read(readBuffer.data(), kReadBytes);
    if (generation != exchange || !socket)
        return; // the socket's own signals ended the exchange inside read()
    if (n > 0) {
        feed(QByteArrayView(readBuffer.constData(), n));
    } else if (n < 0 || socket->state() != QAbstractSocket::ConnectedState) {
        // The peer closed or the connection broke; an unbuffered socket says so only here.
        onSocketError(socket->error() == QAbstractSocket::UnknownSocketError ? QAbstractSocket::RemoteHostClosedError
                                                                             : socket->error());
    }
}

bool ClientConnection::Private::feed(QByteArrayView data)
{
    qsizetype pos = 0;
    while (pos < data.size()) {
        const ResponseReader::Step step = reader.feed(data.sliced(pos));
        pos += step.consumed;
        if (step.event == ResponseReader::Event::MessageComplete) {
            // Bytes past the response mean the connection is out of step. An unbuffered socket has
            // handed over all it held (asking the kernel again would cost a system call per response).
            const bool unbuffered = socket->openMode().testFlag(QIODevice::Unbuffered);
            complete(pos < data.size() || (!unbuffered && socket->bytesAvailable() > 0));
            return true;
        }
        if (step.event == ResponseReader::Event::Failed) {
            finish(ExchangeResult::Outcome::BadResponse, QStringLiteral("%1 (at byte %2 of the response)")
                                                             .arg(forPeople(reader.error().reason))
                                                             .arg(reader.error().offset));
            return true;
        }
        if (step.consumed == 0)
            break;
    }
    return false;
}

void ClientConnection::Private::complete(bool extraBytes)
{
    result.response = reader.takeResponse();
    // RFC 9112 §9.3: reuse only after a complete exchange that both sides want to keep open.
    reusable = result.response.keepAlive() && !extraBytes && bodyDone && result.response.status() != 101 && socket &&
               socket->state() == QAbstractSocket::ConnectedState;
    if (!reusable)
        dropSocket();
    finish(ExchangeResult::Outcome::Response, {});
}

void ClientConnection::Private::onSocketError(QAbstractSocket::SocketError error)
{
    switch (phase) {
    case Phase::Idle:
        dropSocket(); // the server closed an idle connection, or it broke
        return;
    case Phase::Connecting:
        connectFailed(error);
        return;
    case Phase::Exchanging:
        break;
    }
    if (feed(socket->readAll()))
        return;
    if (reader.finish() == ResponseReader::Event::MessageComplete) {
        complete(false);
        return;
    }
    // A reused connection the server had already closed: try once more on a fresh one, as
    // browsers do (RFC 9112 §9.3.1), when not a byte of the answer came.
    if (result.reusedConnection && !retried && reader.bytesRead() == 0) {
        qCDebug(lcHttp) << "client retrying on a fresh connection to" << destination();
        retried = true;
        result.reusedConnection = false;
        result.bodyBytesSent = 0;
        openSocket();
        return;
    }
    QString why = forPeople(reader.error().reason);
    if (error != QAbstractSocket::RemoteHostClosedError)
        why += QStringLiteral(" (%1)").arg(socket->errorString());
    finish(ExchangeResult::Outcome::ConnectionClosed, why);
}

void ClientConnection::Private::onSslErrors(const QList<QSslError> &errors)
{
    identity.noteErrors(ssl->peerCertificate(), errors);
    identity.copyTo(result);
    if (options.tls.insecure || options.tls.pinnedSha256.contains(identity.sha256))
        ssl->ignoreSslErrors(errors);
}

void ClientConnection::Private::connectFailed(QAbstractSocket::SocketError error)
{
    using enum QAbstractSocket::SocketError;
    const QString proxyName = hostPort(proxy.proxy.hostName(), proxy.proxy.port());
    const QString why = socket->errorString();
    if (ssl && tcpConnected) {
        identity.copyTo(result);
        finish(ExchangeResult::Outcome::TlsFailed,
               !result.tlsErrors.isEmpty()
                   ? QStringLiteral("The certificate of %1 is not trusted: %2")
                         .arg(destination(), result.tlsErrors.first())
                   : QStringLiteral("The TLS handshake with %1 failed: %2").arg(destination(), why));
        return;
    }
    QString message;
    switch (error) {
    case ConnectionRefusedError:
        message = QStringLiteral("Connection refused by %1").arg(destination());
        break;
    case HostNotFoundError:
        message = QStringLiteral("Host not found: %1").arg(result.url.host());
        break;
    case ProxyConnectionRefusedError:
        message = QStringLiteral("The proxy %1 refused the connection to %2").arg(proxyName, destination());
        break;
    case ProxyNotFoundError:
        message = QStringLiteral("Proxy host not found: %1").arg(proxy.proxy.hostName());
        break;
    case ProxyAuthenticationRequiredError:
        message = QStringLiteral("The proxy %1 requires authentication").arg(proxyName);
        break;
    case ProxyConnectionClosedError:
    case ProxyConnectionTimeoutError:
    case ProxyProtocolError:
        message = QStringLiteral("The proxy %1 failed to connect to %2: %3").arg(proxyName, destination(), why);
        break;
    default:
        message = QStringLiteral("Cannot connect to %1: %2").arg(destination(), why);
        break;
    }
    finish(ExchangeResult::Outcome::ConnectFailed, message);
}

void ClientConnection::Private::connectTimedOut()
{
    if (phase != Phase::Connecting)
        return;
    const QString within = durationText(qMin(options.connectTimeoutMs, options.totalTimeoutMs));
    if (ssl && tcpConnected)
        finish(ExchangeResult::Outcome::ConnectTimeout,
               QStringLiteral("No TLS handshake with %1 within %2").arg(destination(), within));
    else if (!proxy.isDirect())
        finish(ExchangeResult::Outcome::ConnectTimeout,
               QStringLiteral("No connection to %1 through the proxy %2 within %3")
                   .arg(destination(), hostPort(proxy.proxy.hostName(), proxy.proxy.port()), within));
    else
        finish(ExchangeResult::Outcome::ConnectTimeout,
               QStringLiteral("No connection to %1 within %2").arg(destination(), within));
}

void ClientConnection::Private::totalTimedOut()
{
    if (phase == Phase::Connecting) {
        connectTimedOut();
        return;
    }
    if (phase != Phase::Exchanging)
        return;
    const QString within = durationText(options.totalTimeoutMs);
    const qint64 arrived = reader.bytesRead();
    finish(ExchangeResult::Outcome::Timeout,
           arrived == 0 ? QStringLiteral("No response within %1").arg(within)
                        : QStringLiteral("No complete response within %1 (%2 bytes arrived)").arg(within).arg(arrived));
}

void ClientConnection::Private::finish(ExchangeResult::Outcome outcome, const QString &error)
{
    connectTimer.stop();
    totalTimer.stop();
    file.close();
    result.outcome = outcome;
    result.error = error;
    result.durationNs = clock.nsecsElapsed();
    result.durationMs = result.durationNs / 1'000'000;
    if (outcome != ExchangeResult::Outcome::Response) {
        if (phase == Phase::Exchanging)
            result.response = reader.takePartial(); // what arrived, for the user to see
        dropSocket();
    }
    phase = Phase::Idle;
    ++generation;
    const ExchangeResult done = std::exchange(result, ExchangeResult());
    qCDebug(lcHttp) << "client exchange with" << done.url << "ended:" << ExchangeResult::outcomeName(outcome) << error;
    Q_EMIT q->finished(done); // last: a receiver may start the next exchange, or delete us later
}

void ClientConnection::Private::finishSoon(ExchangeResult::Outcome outcome, const QString &error)
{
    QTimer::singleShot(0, q, [this, outcome, error, expected = generation] {
        if (generation == expected && phase != Phase::Idle)
            finish(outcome, error);
    });
}

void ClientConnection::Private::dropSocket()
{
    reusable = false;
    tcpConnected = false;
    if (!socket)
        return;
    QAbstractSocket *gone = std::exchange(socket, nullptr);
    ssl = nullptr;
    QObject::disconnect(gone, nullptr, q, nullptr);
    gone->abort();
    gone->deleteLater(); // we may be inside one of its signals
}

ClientConnection::ClientConnection(const QUrl &origin, const ClientOptions &options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{
    d->origin = origin;
    d->options = options;
}

ClientConnection::~ClientConnection()
{
    if (d->socket) {
        QObject::disconnect(d->socket, nullptr, this, nullptr);
        d->socket->abort();
    }
}

QString ClientConnection::poolKey(const QUrl &url, const ClientOptions &options)
{
    return poolKey(url, options, ProxyEnvironment::system());
}

QString ClientConnection::poolKey(const QUrl &url, const ClientOptions &options, const ProxyEnvironment &environment)
{
    const QString scheme = url.scheme().toLower();
    QString key = scheme + QStringLiteral("://") + hostPort(url.host().toLower(), portOf(url));
    if (scheme == QLatin1String("https")) {
        if (options.tls.insecure) {
            key += QStringLiteral("|insecure");
        } else {
            QStringList pins;
            for (const QByteArray &pin : options.tls.pinnedSha256)
                pins.append(QString::fromLatin1(pin.toHex()));
            pins.sort();
            key += QStringLiteral("|pins=") + pins.join(u',');
        }
    }
    key += u'|' + (options.useEnvironmentProxy ? proxyFor(url, environment).describe() : ProxyChoice().describe());
    return key;
}

void ClientConnection::send(const QUrl &url, const OutgoingRequest &request, const QString &bodyFile)
{
    if (d->phase != Private::Phase::Idle) {
        // One exchange at a time; the one running goes on undisturbed.
        ExchangeResult refused;
        refused.outcome = ExchangeResult::Outcome::ConnectFailed;
        refused.url = url;
        refused.startedAtMs = QDateTime::currentMSecsSinceEpoch();
        refused.error = QStringLiteral("The connection to %1 is busy with another exchange").arg(d->destination());
        QTimer::singleShot(0, this, [this, refused] { Q_EMIT finished(refused); });
        return;
    }
    d->start(url, request, bodyFile);
}

void ClientConnection::cancel()
{
    if (d->phase != Private::Phase::Idle)
        d->finish(ExchangeResult::Outcome::Cancelled, QStringLiteral("Cancelled"));
}

bool ClientConnection::isReusable() const
{
    return d->phase == Private::Phase::Idle && d->reusable && d->socket &&
           d->socket->state() == QAbstractSocket::ConnectedState;
}

bool ClientConnection::isBusy() const
{
    return d->phase != Private::Phase::Idle;
}

} // namespace Http
