#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

namespace Payload {

/// How the detail pane should show a body.
enum class ContentKind : quint8 {
    Empty,     ///< no bytes
    Json,      ///< formatJson(), JsonTree
    Xml,       ///< formatXml() (SVG too)
    Form,      ///< parseUrlEncodedForm()
    Multipart, ///< parseMultipart() with `boundary`
    Text,      ///< decodeText() with `charset`
    Image,     ///< PNG, JPEG, GIF, WebP, or another declared image/* type
    Binary,    ///< hex dump
};

struct ContentInfo
{
    ContentKind kind = ContentKind::Empty;
    /// Lowercase type/subtype: as declared when the declaration decided, else what the bytes
    /// look like (e.g. "image/png", "application/json"); empty when unknown.
    QByteArray mime;
    /// The charset parameter as declared (lowercased), empty if none. Text decoders default to UTF-8.
    QByteArray charset;
    /// Multipart boundary, from the parameter or, when it is missing, from the body's first line.
    QByteArray boundary;
    /// The kind was worked out from the bytes, not from Content-Type.
    bool fromBytes = false;

    friend bool operator==(const ContentInfo &, const ContentInfo &) = default;
};

/// A field value of the form `value; name=param; ...`: Content-Type, and Content-Disposition too.
struct MediaType
{
    QByteArray value; ///< the part before the first ';', trimmed and lowercased ("text/plain", "form-data")
    QByteArray mime;  ///< `value` if it is a type/subtype, else empty
    /// Parameters in order; names lowercased, values unquoted (RFC 9110 §5.6.6).
    QList<QPair<QByteArray, QByteArray>> parameters;

    QByteArray parameter(QByteArrayView name) const;
};

/// Splits a Content-Type value (RFC 9110 §8.3.1) into its media type and parameters, leniently.
/// In quoted values a backslash escapes only '"' and '\\', so Windows paths in filenames survive.
MediaType parseMediaType(QByteArrayView contentType);

/**
 * Decides how to show a body from its Content-Type and, when that is missing or says little
 * (application/octet-stream, text/plain, an unknown application type), from its first bytes.
 * Declared JSON (application/json, *+json), XML (*+xml), form, multipart, images and binary
 * families are taken at their word; sniffing looks at magic numbers, the first non-blank byte
 * and, for text versus binary, the first 8 KiB (control bytes mean binary, as in WHATWG MIME
 * Sniffing §7.2).
 */
ContentInfo sniffContent(QByteArrayView contentType, QByteArrayView body);

} // namespace Payload
