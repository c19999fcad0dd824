#pragma once

#include "http/tlsserver.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <memory>

namespace Http {
class Listener;
class RequestHandler;
struct Limits;
} // namespace Http

namespace Capture {

/// Where and how Hookscope serves HTTPS beside its plain port.
struct HttpsConfig
{
    bool enabled = false;
    quint16 port = 0;     ///< 0: any free port
    int portAttempts = 1; ///< try port, port+1, ... this many; then any free port if allowed
    bool fallbackToAnyPort = false;
    /// The certificate and key (Http::TlsServerContext::create); required when enabled, or when
    /// the plain port takes TLS.
    std::shared_ptr<const Http::TlsServerContext> context;
    /// The plain port also takes TLS, told apart by the first byte: a sender given https:// for
    /// the plain port by mistake still gets through.
    bool plainPortTakesTls = false;
};

/**
 * The HTTPS listener beside the plain one, on the capture thread. It shares the handler (the
 * capture service) with the plain port, so after the handshake a request goes the same way.
 */
class HttpsPort : public QObject
{
    Q_OBJECT

public:
    HttpsPort(Http::RequestHandler *handler, QObject *parent = nullptr);
    ~HttpsPort() override;

    /// Listens on `address` as `config` says, or closes when it is not enabled. False with
    /// *error when it cannot listen (nothing listens then).
    bool apply(const HttpsConfig &config, const QHostAddress &address, const Http::Limits &limits, QString *error);
    void close();
    void setLimits(const Http::Limits &limits);
    bool isListening() const;
    quint16 port() const;
    /// What the plain port on the same address should speak, given this configuration.
    Http::PortTls plainPortTls() const;

private:
    Http::RequestHandler *m_handler;
    Http::Listener *m_listener = nullptr;
    HttpsConfig m_config;
};

} // namespace Capture
