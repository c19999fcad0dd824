#pragma once

#include "limits.h"
#include "outgoingrequest.h"
#include "receivedresponse.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QNetworkProxy>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace Http {

/// How an https destination's certificate is checked.
struct TlsOptions
{
    bool insecure = false; ///< accept any certificate (curl -k); the result still names what was presented
    /// SHA-256 fingerprints (32 raw bytes) of leaf certificates the user accepted for this
    /// destination: such a certificate passes even when the CA store does not vouch for it.
    QList<QByteArray> pinnedSha256;

    bool operator==(const TlsOptions &) const = default;
};

/// Options of one attempt (and of the connection it runs on).
struct ClientOptions
{
    int connectTimeoutMs = 10'000; ///< TCP connect, proxy tunnel and TLS handshake
    int totalTimeoutMs = 30'000;   ///< from start() to the response's last byte
    qint64 maxResponseBodyBytes = 100LL * 1024 * 1024;
    TlsOptions tls;
    /// true: the proxy http_proxy / https_proxy / no_proxy (and their upper-case forms) name for
    /// the URL, as curl reads them; false: connect directly (the per-send "no proxy" switch).
    bool useEnvironmentProxy = true;
};

/// What one attempt gave: a response, or why there is none.
struct ExchangeResult
{
    enum class Outcome {
        Response,         ///< a complete response was read
        ConnectFailed,    ///< DNS, refused, unreachable, proxy refused
        TlsFailed,        ///< handshake failed or the certificate was not trusted
        ConnectTimeout,   ///< no connection (or handshake) within connectTimeoutMs
        Timeout,          ///< connected, but no complete response within totalTimeoutMs
        ConnectionClosed, ///< reset or closed before the response was complete
        BadResponse,      ///< the reply is not valid HTTP/1.x (ResponseError in `error`)
        BodyUnreadable,   ///< the request body file could not be read
        Cancelled,
    };
    Outcome outcome = Outcome::Cancelled;
    QString error; ///< one sentence for people; empty for Response

    QUrl url;
    QByteArray requestHead; ///< exactly the head bytes written (empty when nothing was written)
    qint64 bodyBytesSent = 0;
    ReceivedResponse response; ///< complete for Response; what arrived otherwise (may be empty)

    qint64 startedAtMs = 0; ///< wall clock, ms since the epoch
    qint64 connectMs = -1;  ///< time to a usable connection (0 when an idle one was reused)
    qint64 durationMs = 0;  ///< start() to finish
    qint64 durationNs = 0;  ///< the same, precisely (latency figures of a repeated send)
    bool reusedConnection = false;
    QString peer; ///< "127.0.0.1:8080" (the proxy when going through one)

    /// https: the certificate the server presented (whether trusted or not), so the user can
    /// be asked to accept it.
    QByteArray peerCertificateSha256; ///< 32 raw bytes; empty for http
    QString peerCertificateSubject;   ///< subject CN (or whole subject) and issuer, one line
    QStringList tlsErrors;            ///< why it was not trusted (empty when it was)

    bool hasResponse() const { return outcome == Outcome::Response; }
    static QString outcomeName(Outcome outcome); ///< "response", "connect-failed", ...
};

/**
 * One HTTP/1.1 client connection to one origin (scheme, host, port), over QTcpSocket or
 * QSslSocket, on which exchanges run one at a time. It writes exactly OutgoingRequest::head()
 * and the body (a file body streamed from disk in pieces, never read whole; chunk-framed when the
 * request says so) and reads the answer with ResponseReader.
 *
 * https: the system CA store with verification on, SNI from the URL's host, ALPN "http/1.1";
 * a certificate whose SHA-256 is in TlsOptions::pinnedSha256 passes; `insecure` accepts any.
 * Proxies: QNetworkProxy (HTTP CONNECT or SOCKS5) from the environment as curl reads it, unless
 * turned off. Plain http through an HTTP proxy uses CONNECT too, so the bytes the destination
 * sees are still exactly the ones sent.
 *
 * After a keep-alive response the connection stays open and can run the next exchange
 * (isReusable()); an exchange on a reused connection that fails before any response byte arrived
 * is retried once on a fresh connection (the server may have closed an idle one), as browsers do.
 *
 * Lives on the thread that made it; finished() is emitted exactly once per send().
 */
struct ProxyEnvironment;

class ClientConnection : public QObject
{
    Q_OBJECT

public:
    ClientConnection(const QUrl &origin, const ClientOptions &options, QObject *parent = nullptr);
    ~ClientConnection() override;

    /// The key connections are pooled under: scheme, host, port, TLS options, proxy choice.
    static QString poolKey(const QUrl &url, const ClientOptions &options);
    /// The same with the proxy settings already read (reading the environment takes a lock per variable).
    static QString poolKey(const QUrl &url, const ClientOptions &options, const ProxyEnvironment &environment);

    /// Starts one exchange: `request` to `url` (same origin as the connection). When `bodyFile` is
    /// not empty the body is that file's bytes, streamed (request.body is ignored); the request's
    /// headers already say how long it is (or that it is chunked).
    void send(const QUrl &url, const OutgoingRequest &request, const QString &bodyFile = {});
    /// Ends the running exchange now: finished() with Cancelled; the connection is closed.
    void cancel();
    /// Idle, connected and the last response allowed another request.
    bool isReusable() const;
    bool isBusy() const;

Q_SIGNALS:
    void finished(const Http::ExchangeResult &result);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Http

Q_DECLARE_METATYPE(Http::ExchangeResult)
