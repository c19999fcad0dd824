#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Http {
class Request;
}

namespace Tunnel {

/// The client a proxy or tunnel says it forwarded the request for, and the header that says so.
struct ForwardedClient
{
    QString address;   ///< "203.0.113.7", "2001:db8::1"
    QByteArray header; ///< "Cf-Connecting-Ip", "X-Forwarded-For", "Forwarded"
};

/**
 * The original client of a request that came through a tunnel: cloudflared's Cf-Connecting-Ip,
 * else the first (leftmost) address of X-Forwarded-For (ngrok and most proxies), else the first
 * for= of a standard Forwarded header (RFC 7239). A request's `remote` is then the tunnel's local
 * connection; this is who sent it on the internet, as the tunnel reports it (a sender can forge
 * these headers on a direct connection, so it is shown beside the remote, never instead of it).
 */
std::optional<ForwardedClient> forwardedClient(const Http::Request &request);

} // namespace Tunnel
