#pragma once

#include <QCoreApplication>
#include <QHostAddress>
#include <QString>

namespace Http {

/// An address to listen on, and a port when the text gave one, as parsed from what a user typed.
struct BindAddress
{
    Q_DECLARE_TR_FUNCTIONS(Http::BindAddress)

public:
    QHostAddress address;
    quint16 port = 0;
    QString error; ///< why the text was refused, as a phrase; empty when it was taken
    bool isValid() const { return error.isEmpty(); }
};

/**
 * Parses an address alone: `127.0.0.1`, `0.0.0.0`, `::1`, `[::1]`, `::`, `localhost` (the IPv4
 * loopback; no other host name is looked up). Surrounding spaces are ignored.
 *
 * IPv4 is taken only in full dotted decimal: `127.1`, `0x7f.0.0.1` and `010.0.0.1` (octal, 8.0.0.1
 * to inet_aton) would bind somewhere the user did not read. A text with a port is refused, as is
 * `::1:8080`, which is an IPv6 address but more likely meant `[::1]:8080`.
 */
BindAddress parseBindAddress(QStringView text);

/**
 * Parses `host:port` or a host alone (then the port is `defaultPort`): `127.0.0.1:8080`,
 * `localhost:9000`, `[::1]:8080`, and every form parseBindAddress() takes. An IPv6 address with a
 * port needs its brackets. The port is decimal, 0 to 65535 (0: any free port).
 */
BindAddress parseHostPort(QStringView text, quint16 defaultPort);

} // namespace Http
