#include "forwardedclient.h"

#include "http/request.h"

#include <QHostAddress>

namespace Tunnel {

namespace {

/// An address as a header carries it: "203.0.113.7", "203.0.113.7:4711", "[2001:db8::1]:4711",
/// "\"[2001:db8::1]\"" (Forwarded quotes IPv6). Empty when it is not an address ("unknown", "_hidden").
QString addressIn(QByteArrayView text)
{
    QByteArrayView t = text.trimmed();
    if (t.size() >= 2 && t.front() == '"' && t.back() == '"')
        t = t.sliced(1, t.size() - 2);
    if (t.startsWith('[')) {
        const qsizetype close = t.indexOf(']');
        if (close < 0)
            return {};
        t = t.sliced(1, close - 1);
    } else if (t.count(':') == 1) {
        t = t.first(t.indexOf(':')); // IPv4 with a port
    }
    const QString candidate = QString::fromLatin1(t);
    const QHostAddress address(candidate);
    return address.isNull() ? QString() : address.toString();
}

} // namespace

std::optional<ForwardedClient> forwardedClient(const Http::Request &request)
{
    if (const QByteArrayView cf = request.headerValue("Cf-Connecting-Ip"); !cf.isNull()) {
        if (const QString a = addressIn(cf); !a.isEmpty())
            return ForwardedClient{a, "Cf-Connecting-Ip"};
    }
    if (const QByteArrayView xff = request.headerValue("X-Forwarded-For"); !xff.isNull()) {
        const qsizetype comma = xff.indexOf(',');
        if (const QString a = addressIn(comma < 0 ? xff : xff.first(comma)); !a.isEmpty())
            return ForwardedClient{a, "X-Forwarded-For"};
    }
    if (const QByteArrayView fwd = request.headerValue("Forwarded"); !fwd.isNull()) {
        const qsizetype comma = fwd.indexOf(',');
        const QByteArrayView first = comma < 0 ? fwd : fwd.first(comma);
        for (const QByteArray &pair : first.toByteArray().split(';')) {
            const QByteArray p = pair.trimmed();
            if (p.size() > 4 && p.first(4).toLower() == "for=") {
                if (const QString a = addressIn(QByteArrayView(p).sliced(4)); !a.isEmpty())
                    return ForwardedClient{a, "Forwarded"};
            }
        }
    }
    return std::nullopt;
}

} // namespace Tunnel
