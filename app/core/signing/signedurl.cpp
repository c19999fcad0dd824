#include "signedurl.h"

namespace Signing {

namespace {

struct UrlParts
{
    QString scheme; ///< "https"
    QString host;   ///< "example.com", "[::1]"
    QString port;   ///< "8443"; empty when none
    QString rest;   ///< path, query, fragment
};

bool splitUrl(const QString &url, UrlParts *parts)
{
    const qsizetype schemeEnd = url.indexOf(QLatin1String("://"));
    if (schemeEnd <= 0)
        return false;
    parts->scheme = url.first(schemeEnd);
    const qsizetype start = schemeEnd + 3;
    qsizetype end = start;
    while (end < url.size() && url[end] != QLatin1Char('/') && url[end] != QLatin1Char('?') &&
           url[end] != QLatin1Char('#'))
        ++end;
    const QStringView authority = QStringView(url).sliced(start, end - start);
    parts->rest = url.sliced(end);
    // The port follows the last ':' unless that ':' is inside an IPv6 literal.
    const qsizetype colon = authority.lastIndexOf(QLatin1Char(':'));
    if (colon >= 0 && colon > authority.lastIndexOf(QLatin1Char(']'))) {
        parts->host = authority.first(colon).toString();
        parts->port = authority.sliced(colon + 1).toString();
    } else {
        parts->host = authority.toString();
        parts->port.clear();
    }
    return true;
}

QString joinUrl(const UrlParts &p)
{
    return p.scheme + QLatin1String("://") + p.host + (p.port.isEmpty() ? QString() : QLatin1Char(':') + p.port) +
           p.rest;
}

QString text(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes.data(), bytes.size());
}

} // namespace

QString signedUrl(const Config &config, const Http::Request &request, bool *guessed)
{
    const QString target = text(request.target());
    // An absolute-form target (RFC 9112 §3.2.2) already names the URL.
    if (target.startsWith(QLatin1String("http://")) || target.startsWith(QLatin1String("https://"))) {
        *guessed = false;
        return target;
    }
    QString origin = urlOrigin(config.publicUrl.trimmed());
    if (!config.earlierPublicUrls.isEmpty()) {
        // The public URL the request was sent to: the one whose host its Host header names.
        QString host = text(request.headerValue("Host")).toLower();
        if (const qsizetype colon = host.lastIndexOf(QLatin1Char(':')); colon > host.lastIndexOf(QLatin1Char(']')))
            host.truncate(colon);
        UrlParts parts;
        if (!splitUrl(origin, &parts) || parts.host.toLower() != host) {
            for (const QString &earlier : config.earlierPublicUrls) {
                if (splitUrl(earlier.trimmed(), &parts) && parts.host.toLower() == host) {
                    origin = urlOrigin(earlier.trimmed());
                    break;
                }
            }
        }
    }
    if (!origin.isEmpty()) {
        *guessed = false;
        return origin + target;
    }
    *guessed = true;
    return QLatin1String("http://") + text(request.headerValue("Host")) + target;
}

QString urlOrigin(const QString &url)
{
    UrlParts parts;
    if (!splitUrl(url, &parts))
        return {};
    parts.rest.clear();
    return joinUrl(parts);
}

QString urlWithDefaultPort(const QString &url)
{
    UrlParts parts;
    if (!splitUrl(url, &parts) || !parts.port.isEmpty())
        return url;
    if (parts.scheme.compare(QLatin1String("https"), Qt::CaseInsensitive) == 0)
        parts.port = QStringLiteral("443");
    else if (parts.scheme.compare(QLatin1String("http"), Qt::CaseInsensitive) == 0)
        parts.port = QStringLiteral("80");
    return joinUrl(parts);
}

QString urlWithoutPort(const QString &url)
{
    UrlParts parts;
    if (!splitUrl(url, &parts))
        return url;
    parts.port.clear();
    return joinUrl(parts);
}

QString urlWithOtherScheme(const QString &url)
{
    UrlParts parts;
    if (!splitUrl(url, &parts))
        return url;
    if (parts.scheme.compare(QLatin1String("https"), Qt::CaseInsensitive) == 0)
        parts.scheme = QStringLiteral("http");
    else if (parts.scheme.compare(QLatin1String("http"), Qt::CaseInsensitive) == 0)
        parts.scheme = QStringLiteral("https");
    return joinUrl(parts);
}

QByteArray urlQueryValue(const QString &url, QByteArrayView name)
{
    const qsizetype query = url.indexOf(QLatin1Char('?'));
    if (query < 0)
        return {};
    qsizetype end = url.indexOf(QLatin1Char('#'), query);
    if (end < 0)
        end = url.size();
    for (const QByteArray &item : url.sliced(query + 1, end - query - 1).toUtf8().split('&')) {
        const qsizetype eq = item.indexOf('=');
        if (eq >= 0 && QByteArrayView(item).first(eq) == name)
            return item.sliced(eq + 1);
    }
    return {};
}

} // namespace Signing
