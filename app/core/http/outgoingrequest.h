#pragma once

#include "response.h"

#include <QByteArray>
#include <QUrl>

namespace Http {

/**
 * A request as the sender puts it on the wire: exactly the method, target, header lines (names as
 * given, in order, duplicates kept) and body it holds — nothing added, nothing normalised. What the
 * panel shows is what is sent; the defaults a request usually needs are added where it is made
 * (withDefaults), visibly, not here.
 */
struct OutgoingRequest
{
    QByteArray method = "POST";
    QByteArray target = "/"; ///< origin form: path and query as they go on the wire
    HeaderList headers;
    QByteArray body;
    bool chunked = false; ///< send the body as one chunk and the last chunk (Transfer-Encoding is the caller's)

    /// "METHOD target HTTP/1.1", the header lines, the blank line.
    QByteArray head() const;
    /// head() and the body, chunk-framed when `chunked`.
    QByteArray wire() const;
    /// One chunk of a chunked body (RFC 9112 §7.1): size in hex, CRLF, the data, CRLF; nothing for
    /// empty data, which would read as the last chunk.
    static QByteArray chunk(QByteArrayView data);
    /// The last chunk and the empty trailer section that end a chunked body.
    static QByteArray lastChunk() { return QByteArrayLiteral("0\r\n\r\n"); }

    /// A request for `url`: its path and query as the target ("/" when empty).
    static OutgoingRequest to(const QUrl &url, const QByteArray &method = "POST");
    /// "host", "host:port" (port only when not the scheme's default), "[::1]:8080": the Host value.
    static QByteArray hostOf(const QUrl &url);
    /// The headers a request is sent with unless the user set them (by name, case-insensitively),
    /// before the user's: Host, Content-Length (or Transfer-Encoding: chunked), and
    /// User-Agent: Hookscope/VERSION. One of these set by the user with an empty value is left out
    /// altogether (as curl's `-H 'Host:'`), so a receiver can be tested without it.
    /// Content-Length is left out of a request without a body whose method expects none (GET,
    /// DELETE...), as RFC 9110 §8.6 asks; POST, PUT and PATCH say `Content-Length: 0`.
    static HeaderList withDefaults(HeaderList headers, const QUrl &url, qint64 bodySize, bool chunked,
                                   QByteArrayView method = "POST");
    /// The same with the Host value already made (hostOf).
    static HeaderList withDefaults(HeaderList headers, const QByteArray &host, qint64 bodySize, bool chunked,
                                   QByteArrayView method = "POST");
    /// Whether a request with this method is expected to carry content (POST, PUT, PATCH), so says
    /// `Content-Length: 0` when it has none.
    static bool expectsContent(QByteArrayView method);
};

} // namespace Http
