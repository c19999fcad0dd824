#pragma once

#include <QNetworkProxy>
#include <QString>
#include <QUrl>

namespace Http {

/// The proxy variables curl reads, as found in an environment.
struct ProxyEnvironment
{
    QString httpProxy;  ///< http_proxy (curl ignores HTTP_PROXY: CGI puts a client's Proxy header there)
    QString httpsProxy; ///< https_proxy, else HTTPS_PROXY
    QString allProxy;   ///< all_proxy, else ALL_PROXY
    QString noProxy;    ///< no_proxy, else NO_PROXY

    /// The process's environment, read now.
    static ProxyEnvironment system();

    bool operator==(const ProxyEnvironment &) const = default;
};

/// How a connection reaches its destination.
struct ProxyChoice
{
    QNetworkProxy proxy{QNetworkProxy::NoProxy};
    /// Why the proxy the environment names cannot be used (e.g. an https:// proxy); the
    /// connection fails with it rather than silently going direct.
    QString error;

    bool isDirect() const { return error.isEmpty() && proxy.type() == QNetworkProxy::NoProxy; }
    /// "direct", "http://host:port", "socks5://host:port" (no credentials): for pool keys and logs.
    QString describe() const;
};

/**
 * The proxy curl would use for `url` in `env`: https_proxy for https, http_proxy for http, else
 * all_proxy, unless no_proxy lists the host. A proxy URL without a scheme is an http:// one, and
 * without a port uses 1080, as in curl. http:// proxies become QNetworkProxy::HttpProxy, which
 * Qt drives with CONNECT for every destination (so plain http bytes reach the server unchanged);
 * socks5:// and socks5h:// become Socks5Proxy.
 */
ProxyChoice proxyFor(const QUrl &url, const ProxyEnvironment &env);

/// Whether a no_proxy list (commas, optional spaces) exempts `host`: "*" alone exempts every host; an
/// entry matches the host itself and its subdomains, with or without a leading dot; IP entries
/// (and CIDR ranges such as 10.0.0.0/8) match IP hosts only.
bool noProxyMatches(const QString &noProxy, const QString &host);

} // namespace Http
