#include "httpsport.h"

#include "http/listener.h"
#include "session/capturedrequest.h"

namespace Capture {

HttpsPort::HttpsPort(Http::RequestHandler *handler, QObject *parent)
    : QObject(parent)
    , m_handler(handler)
{
}

HttpsPort::~HttpsPort()
{
    close();
}

bool HttpsPort::apply(const HttpsConfig &config, const QHostAddress &address, const Http::Limits &limits,
                      QString *error)
{
    close();
    m_config = config;
    if (!config.enabled)
        return true;
    if (!config.context) {
        *error = tr("HTTPS needs a certificate");
        return false;
    }
    auto *listener = new Http::Listener(m_handler, this);
    listener->setLimits(limits);
    listener->setTls({Http::PortSecurity::Tls, config.context, 0});
    bool ok = false;
    for (int i = 0; i < qMax(1, config.portAttempts) && !ok; ++i) {
        const int port = config.port + i;
        if (port > 65535)
            break;
        ok = listener->listen(address, quint16(port));
        if (config.port == 0)
            break;
    }
    if (!ok && config.fallbackToAnyPort)
        ok = listener->listen(address, 0);
    if (!ok) {
        *error = tr("cannot listen for HTTPS on %1: %2")
                     .arg(Session::hostPort(address, config.port), listener->errorString());
        delete listener;
        return false;
    }
    m_listener = listener;
    return true;
}

void HttpsPort::close()
{
    delete m_listener; // its connections go with it
    m_listener = nullptr;
}

void HttpsPort::setLimits(const Http::Limits &limits)
{
    if (m_listener)
        m_listener->setLimits(limits);
}

bool HttpsPort::isListening() const
{
    return m_listener && m_listener->isListening();
}

quint16 HttpsPort::port() const
{
    return isListening() ? m_listener->serverPort() : 0;
}

Http::PortTls HttpsPort::plainPortTls() const
{
    if (m_config.plainPortTakesTls && m_config.context)
        return {Http::PortSecurity::PlainOrTls, m_config.context, port()};
    return {Http::PortSecurity::Plain, nullptr, port()};
}

} // namespace Capture
