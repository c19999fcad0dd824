#include "clientproxy.h"

#include <QHostAddress>
#include <QStringList>

namespace Http {

namespace {

QString firstSet(const char *lower, const char *upper)
{
    QString value = qEnvironmentVariable(lower);
    if (value.isEmpty() && upper)
        value = qEnvironmentVariable(upper);
    return value;
}

} // namespace

ProxyEnvironment ProxyEnvironment::system()
{
    ProxyEnvironment env;
    env.httpProxy = firstSet("http_proxy", nullptr);
    env.httpsProxy = firstSet("https_proxy", "HTTPS_PROXY");
    env.allProxy = firstSet("all_proxy", "ALL_PROXY");
    env.noProxy = firstSet("no_proxy", "NO_PROXY");
    return env;
}

QString ProxyChoice::describe() const
{
    if (!error.isEmpty())
        return QStringLiteral("unusable");
    QString scheme;
    switch (proxy.type()) {
    case QNetworkProxy::HttpProxy:
        scheme = QStringLiteral("http");
        break;
    case QNetworkProxy::Socks5Proxy:
        scheme = QStringLiteral("socks5");
        break;
    default:
        return QStringLiteral("direct");
    }
    return scheme + QStringLiteral("://") + proxy.hostName() + u':' + QString::number(proxy.port());
}

bool noProxyMatches(const QString &noProxy, const QString &host)
{
    QString name = host.toLower();
    if (name.startsWith(u'[') && name.endsWith(u']'))
        name = name.mid(1, name.size() - 2);
    if (name.endsWith(u'.'))
        name.chop(1);
    const QHostAddress hostAddress(name);
    const QStringList entries = noProxy.split(u',', Qt::SkipEmptyParts);
    for (QString entry : entries) {
        entry = entry.trimmed().toLower();
        if (entry == QLatin1String("*"))
            return true;
        if (entry.startsWith(u'.'))
            entry.remove(0, 1);
        if (entry.endsWith(u'.'))
            entry.chop(1);
        if (entry.isEmpty())
            continue;
        if (entry.startsWith(u'[') && entry.endsWith(u']'))
            entry = entry.mid(1, entry.size() - 2);
        // An IP entry (or range) never matches a name: curl does not resolve hosts for no_proxy.
        const QHostAddress entryAddress(entry);
        if (!entryAddress.isNull()) {
            if (!hostAddress.isNull() && hostAddress.isEqual(entryAddress))
                return true;
            continue;
        }
        if (entry.contains(u'/')) {
            const auto subnet = QHostAddress::parseSubnet(entry);
            if (!subnet.first.isNull()) {
                if (!hostAddress.isNull() && hostAddress.isInSubnet(subnet))
                    return true;
                continue;
            }
        }
        if (!hostAddress.isNull())
            continue;
        if (name == entry || (name.endsWith(entry) && name.at(name.size() - entry.size() - 1) == u'.'))
            return true;
    }
    return false;
}

ProxyChoice proxyFor(const QUrl &url, const ProxyEnvironment &env)
{
    ProxyChoice choice;
    const bool https = url.scheme() == QLatin1String("https");
    QString spec = https ? env.httpsProxy : env.httpProxy;
    if (spec.isEmpty())
        spec = env.allProxy;
    spec = spec.trimmed();
    if (spec.isEmpty() || noProxyMatches(env.noProxy, url.host()))
        return choice;

    // curl reads "host:port" as http://host:port.
    const QUrl proxyUrl = QUrl(spec.contains(QLatin1String("://")) ? spec : QStringLiteral("http://") + spec);
    const QString scheme = proxyUrl.scheme().toLower();
    QNetworkProxy::ProxyType type = QNetworkProxy::NoProxy;
    if (scheme == QLatin1String("http"))
        type = QNetworkProxy::HttpProxy;
    else if (scheme == QLatin1String("socks5") || scheme == QLatin1String("socks5h"))
        type = QNetworkProxy::Socks5Proxy;
    const char *variable = https ? "https_proxy" : "http_proxy";
    if (spec == env.allProxy && (https ? env.httpsProxy : env.httpProxy).isEmpty())
        variable = "all_proxy";
    if (type == QNetworkProxy::NoProxy) {
        choice.error =
            QStringLiteral("The proxy %1 names (%2) is not supported; only http:// and socks5:// proxies are")
                .arg(QLatin1String(variable), spec);
        return choice;
    }
    if (!proxyUrl.isValid() || proxyUrl.host().isEmpty()) {
        choice.error = QStringLiteral("The proxy %1 names (%2) is not a valid URL").arg(QLatin1String(variable), spec);
        return choice;
    }
    choice.proxy = QNetworkProxy(type, proxyUrl.host(), static_cast<quint16>(proxyUrl.port(1080)),
                                 proxyUrl.userName(QUrl::FullyDecoded), proxyUrl.password(QUrl::FullyDecoded));
    // Plain http goes through CONNECT too, so the destination sees exactly the bytes sent.
    choice.proxy.setCapabilities(choice.proxy.capabilities() | QNetworkProxy::TunnelingCapability);
    return choice;
}

} // namespace Http
