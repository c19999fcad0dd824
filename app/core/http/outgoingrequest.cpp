#include "outgoingrequest.h"
#include "request.h"

#include <algorithm>
#include <array>

namespace Http {

namespace {
constexpr std::array<QByteArrayView, 4> kDefaultNames{"Host", "Content-Length", "Transfer-Encoding", "User-Agent"};
}

QByteArray OutgoingRequest::head() const
{
    QByteArray out;
    out.reserve(64 + target.size() + headers.size() * 48);
    out += method + ' ' + target + " HTTP/1.1\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    return out;
}

QByteArray OutgoingRequest::wire() const
{
    QByteArray out = head();
    if (!chunked) {
        out += body;
        return out;
    }
    out += chunk(body) + lastChunk();
    return out;
}

QByteArray OutgoingRequest::chunk(QByteArrayView data)
{
    if (data.isEmpty())
        return {};
    QByteArray out = QByteArray::number(data.size(), 16);
    out.reserve(out.size() + data.size() + 4);
    out += "\r\n";
    out += data;
    out += "\r\n";
    return out;
}

OutgoingRequest OutgoingRequest::to(const QUrl &url, const QByteArray &method)
{
    OutgoingRequest r;
    r.method = method;
    r.target = url.path(QUrl::FullyEncoded).toLatin1();
    if (r.target.isEmpty())
        r.target = "/";
    if (url.hasQuery())
        r.target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    return r;
}

QByteArray OutgoingRequest::hostOf(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    const int port = url.port(defaultPort);
    if (port != defaultPort)
        host += ':' + QByteArray::number(port);
    return host;
}

bool OutgoingRequest::expectsContent(QByteArrayView method)
{
    return method == "POST" || method == "PUT" || method == "PATCH";
}

HeaderList OutgoingRequest::withDefaults(HeaderList headers, const QUrl &url, qint64 bodySize, bool chunked,
                                         QByteArrayView method)
{
    return withDefaults(std::move(headers), hostOf(url), bodySize, chunked, method);
}

HeaderList OutgoingRequest::withDefaults(HeaderList headers, const QByteArray &host, qint64 bodySize, bool chunked,
                                         QByteArrayView method)
{
    const auto has = [&headers](QByteArrayView name) {
        return std::any_of(headers.cbegin(), headers.cend(),
                           [name](const auto &h) { return equalsIgnoreCase(h.first, name); });
    };
    HeaderList defaults;
    defaults.reserve(3 + headers.size());
    if (!has("Host"))
        defaults.append({QByteArrayLiteral("Host"), host});
    if (chunked && !has("Transfer-Encoding"))
        defaults.append({QByteArrayLiteral("Transfer-Encoding"), QByteArrayLiteral("chunked")});
    else if (!chunked && !has("Content-Length") && (bodySize > 0 || expectsContent(method)))
        defaults.append({QByteArrayLiteral("Content-Length"), QByteArray::number(bodySize)});
    if (!has("User-Agent"))
        defaults.append({QByteArrayLiteral("User-Agent"), QByteArrayLiteral("Hookscope/" HOOKSCOPE_VERSION)});
    // Defaults first, as curl orders them; then the user's. An emptied default is left out.
    for (const auto &h : std::as_const(headers)) {
        const bool emptiedDefault =
            h.second.isEmpty() && std::any_of(kDefaultNames.cbegin(), kDefaultNames.cend(),
                                              [&h](QByteArrayView name) { return equalsIgnoreCase(h.first, name); });
        if (!emptiedDefault)
            defaults.append(h);
    }
    return defaults;
}

} // namespace Http
