#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace Http {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

/// An answer to one request. Framing headers (Content-Length, Transfer-Encoding, Connection)
/// are written by serialize(); any the user set are replaced so the connection stays in sync.
struct Response
{
    int status = 200;
    QByteArray reason; ///< empty: the standard phrase for the status
    HeaderList headers;
    QByteArray body;

    /// Bytes for the wire. `headRequest` omits the body (RFC 9110 §9.3.2); `close` adds
    /// "Connection: close"; `http10KeepAlive` adds "Connection: keep-alive" for HTTP/1.0 clients.
    QByteArray serialize(bool headRequest, bool close, bool http10KeepAlive = false) const;

    static QByteArray standardReason(int status);
    /// A plain-text answer for a request that could not be read.
    static Response error(int status, const QString &reason);
};

/// "Thu, 26 Nov 2026 22:31:05 GMT" (RFC 9110 §5.6.7), cached per second.
QByteArray httpDate();

} // namespace Http
