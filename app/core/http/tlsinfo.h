#pragma once

#include <QString>

namespace Http {

/// What the TLS handshake of a connection settled, as the server saw it. Empty (version empty)
/// for a plain connection, or for a handshake that failed before these were agreed.
struct TlsInfo
{
    QString version;    ///< "TLSv1.3", "TLSv1.2"
    QString cipher;     ///< OpenSSL's name of the suite: "TLS_AES_256_GCM_SHA384"
    QString serverName; ///< the SNI host name the client asked for; empty when it sent none
    QString alpn;       ///< the protocol ALPN agreed ("http/1.1"); empty when the client offered none

    bool isEmpty() const { return version.isEmpty() && serverName.isEmpty(); }
    bool operator==(const TlsInfo &) const = default;
};

} // namespace Http
