#pragma once

#include "parseerror.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace Payload {

struct MultipartHeader
{
    QByteArray name;  ///< as written
    QByteArray value; ///< trimmed; folded lines joined with a space

    friend bool operator==(const MultipartHeader &, const MultipartHeader &) = default;
};

struct MultipartPart
{
    QList<MultipartHeader> headers;
    QByteArray body;          ///< the exact bytes between the header block and the next delimiter
    qsizetype offset = 0;     ///< where the part's first header line starts in the whole body
    qsizetype bodyOffset = 0; ///< where `body` starts in the whole body
    QByteArray disposition;   ///< Content-Disposition type, lowercased ("form-data"); empty if none
    QString name;             ///< its name parameter (RFC 7578 §4.2), as UTF-8
    QString filename;         ///< filename* (RFC 8187) if given, else filename
    QByteArray contentType;   ///< the Content-Type value as sent; empty means text/plain (RFC 7578 §4.4)
    bool hasFilename = false; ///< a filename parameter was present (possibly empty): a file field
    bool complete = true;     ///< false for a last part cut off by the end of the body

    /// The first header of that name (any case), or a null array.
    QByteArray header(QByteArrayView name) const;
};

struct MultipartResult
{
    QList<MultipartPart> parts; ///< in order; on error, those found before it
    QByteArray preamble;        ///< bytes before the first delimiter (RFC 2046 §5.1.1 says ignore them)
    QByteArray epilogue;        ///< bytes after the close delimiter line
    ParseError error;

    bool ok() const { return !error.isError(); }
};

/**
 * Splits a multipart body (RFC 2046 §5.1, RFC 7578 for multipart/form-data) at `boundary`.
 * Line breaks may be CRLF or a bare LF anywhere, and a delimiter line may end in spaces or tabs
 * (RFC 2046 §5.1.1 transport padding). A line that only starts like a delimiter is body data.
 * Errors (no delimiter, headers without their empty line, no close delimiter) carry the
 * offset where reading stopped; a part cut off by the end of the body is kept, marked incomplete.
 */
MultipartResult parseMultipart(QByteArrayView body, QByteArrayView boundary);

} // namespace Payload
