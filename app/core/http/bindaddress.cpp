#include "bindaddress.h"

#include <algorithm>

namespace Http {

namespace {

/// What a user typed, cut into host and port; `error` when it cannot be cut.
struct Parts
{
    QStringView text; ///< trimmed
    QStringView host; ///< without brackets
    QStringView port;
    bool hasPort = false;
    QString error;
};

BindAddress refused(const QString &error)
{
    BindAddress out;
    out.error = error;
    return out;
}

bool isDecimal(QStringView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

/// The host part alone: no brackets, no port.
BindAddress parseHost(QStringView host)
{
    BindAddress out;
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        out.address = QHostAddress(QHostAddress::LocalHost);
        return out;
    }
    // QHostAddress ignores spaces around the text; inside host:port they are a typing slip.
    if (host.isEmpty() || std::any_of(host.begin(), host.end(), [](QChar c) { return c.isSpace(); }) ||
        !out.address.setAddress(host.toString()))
        return refused(BindAddress::tr("'%1' is not an IP address").arg(host));
    // QHostAddress reads IPv4 the way inet_aton does ("127.1", hex and octal parts); take only the
    // form that reads back as typed.
    if (out.address.protocol() == QAbstractSocket::IPv4Protocol && out.address.toString() != host) {
        return refused(BindAddress::tr("'%1' is not an IPv4 address in full, such as 127.0.0.1 (four numbers 0 to "
                                       "255, no leading zeros)")
                           .arg(host));
    }
    return out;
}

Parts split(QStringView text)
{
    Parts parts;
    parts.text = text.trimmed();
    text = parts.text;
    if (text.isEmpty()) {
        parts.error = BindAddress::tr("no address given");
    } else if (text.startsWith(QLatin1Char('['))) { // RFC 3986 §3.2.2: an IPv6 literal in brackets
        const qsizetype close = text.indexOf(QLatin1Char(']'));
        const QStringView rest = close < 0 ? QStringView() : text.mid(close + 1);
        parts.host = close < 0 ? QStringView() : text.mid(1, close - 1);
        parts.hasPort = !rest.isEmpty();
        parts.port = rest.mid(1);
        if (close < 0)
            parts.error = BindAddress::tr("'%1' has no closing ']'").arg(text);
        else if (parts.hasPort && !rest.startsWith(QLatin1Char(':')))
            parts.error = BindAddress::tr("'%1' is not an address and port, such as [::1]:8080").arg(text);
        else if (!parts.host.contains(QLatin1Char(':')))
            parts.error = BindAddress::tr("'%1': brackets are for IPv6 addresses").arg(text);
    } else if (text.count(QLatin1Char(':')) == 1) {
        const qsizetype colon = text.indexOf(QLatin1Char(':'));
        parts.host = text.left(colon);
        parts.port = text.mid(colon + 1);
        parts.hasPort = true;
        if (parts.host.isEmpty())
            parts.error = BindAddress::tr("'%1' has no address before the port").arg(text);
    } else {
        parts.host = text;
        // A bare IPv6 address carries no port, but "::1:8080" was more likely meant as [::1]:8080.
        const qsizetype last = text.lastIndexOf(QLatin1Char(':'));
        const QStringView head = text.left(last);
        const QStringView tail = text.mid(last + 1);
        QHostAddress v6;
        if (last > 0 && isDecimal(tail) && tail.size() <= 5 && v6.setAddress(head.toString()) &&
            v6.protocol() == QAbstractSocket::IPv6Protocol) {
            parts.error = BindAddress::tr("'%1' is ambiguous: write [%2]:%3 for port %3, or [%1] for the address")
                              .arg(text, head, tail);
        }
    }
    return parts;
}

} // namespace

BindAddress parseBindAddress(QStringView text)
{
    const Parts parts = split(text);
    if (!parts.error.isEmpty())
        return refused(parts.error);
    if (parts.hasPort)
        return refused(BindAddress::tr("'%1' has a port; give the address alone").arg(parts.text));
    return parseHost(parts.host);
}

BindAddress parseHostPort(QStringView text, quint16 defaultPort)
{
    const Parts parts = split(text);
    if (!parts.error.isEmpty())
        return refused(parts.error);
    BindAddress out = parseHost(parts.host);
    if (!out.isValid())
        return out;
    out.port = defaultPort;
    if (parts.hasPort) {
        if (parts.port.isEmpty())
            return refused(BindAddress::tr("'%1' has no port after ':'").arg(parts.text));
        const uint port = isDecimal(parts.port) && parts.port.size() <= 5 ? parts.port.toUInt() : 65536;
        if (port > 65535)
            return refused(BindAddress::tr("'%1' is not a port (0 to 65535)").arg(parts.port));
        out.port = quint16(port);
    }
    return out;
}

} // namespace Http
