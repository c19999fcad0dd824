#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace Payload {

/// Decoded bodies larger than this are refused, so a small compressed body (a "zip bomb")
/// cannot take the memory of the machine showing it.
inline constexpr qint64 kDefaultMaxDecodedBytes = qint64(256) << 20;

struct DecodeResult
{
    /// The decoded body; on error the input exactly as it was.
    QByteArray bytes;
    /// Why decoding failed (empty when it worked), naming the coding that failed.
    QString error;
    /// Something was odd but the body decoded, e.g. bytes after the end of the compressed data
    /// that were left out.
    QString warning;
    /// The codings removed, in the order they were undone (the last one applied first).
    QList<QByteArray> undone;
    /// The error is the size limit.
    bool limitExceeded = false;

    bool ok() const { return error.isEmpty(); }
};

/**
 * Undoes the content codings listed in a Content-Encoding field value (RFC 9110 §8.4), for
 * display: "gzip" (and "x-gzip", §8.4.1.3), "deflate" (the zlib format of RFC 1950, and the raw
 * RFC 1951 data some servers send instead), "br" (RFC 7932) and "identity". Codings are undone
 * last first ("gzip, br" is br of gzip). Several field lines should be joined with ", ".
 *
 * An unknown or unsupported coding, corrupt or truncated data, or a result of more than
 * `maxBytes` (checked after each coding) is an error and gives back the bytes unchanged.
 */
DecodeResult decodeContent(const QByteArray &body, QByteArrayView contentEncoding,
                           qint64 maxBytes = kDefaultMaxDecodedBytes);

/// Undoes one coding (a name as in Content-Encoding, any case).
DecodeResult decodeCoding(const QByteArray &data, QByteArrayView coding, qint64 maxBytes = kDefaultMaxDecodedBytes);

/// The codings of a Content-Encoding value in the order they were applied: lowercased, trimmed,
/// empty list elements dropped (RFC 9110 §5.6.1). "identity" is kept.
QList<QByteArray> parseContentCodings(QByteArrayView contentEncoding);

} // namespace Payload
