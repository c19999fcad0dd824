#pragma once

#include "messagehead.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

/// The parts of reading an HTTP/1.x message that RequestReader and ResponseReader share: line
/// collection, field lines, framing fields and chunk-size lines. Internal to app/core/http.
namespace Http::HeadParsing {

/// Which reader is reading: a few error texts name their side, and the two spell bytes
/// differently ("0x0D" for requests, "0x0d" for responses) because users and tests already rely
/// on each.
enum class Side { Request, Response };

/// Why a line or field failed: the status a request reader answers with (a response reader only
/// reports), one sentence, and the byte offset in the message.
struct Failure
{
    int status = 400;
    QString reason;
    qint64 offset = -1;
};

/// "0x0D" (Side::Request) or "0x0d" (Side::Response).
QString byteName(char c, Side side);
inline QString latin1(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.data(), bytes.size());
}

/// Longest chunk-size line (with extensions) either reader accepts.
inline constexpr qsizetype kMaxChunkLine = 4096;

/**
 * Collects one line at a time into a buffer, as bytes arrive in pieces, and holds the one bit of
 * state that spans pieces: whether the last byte taken was CR.
 *
 * RFC 9112 §2.2 lets a recipient accept a bare LF; both readers reject it, and a bare CR, so that
 * every receiver agrees on where a line ends. A NUL fails too.
 */
class LineCollector
{
public:
    enum class Result {
        Partial, ///< all of data was taken; the line goes on
        Done,    ///< the line, its CRLF included, is at the end of the buffer
        Full,    ///< maxLine bytes of line were taken without its end; the caller words the failure
        Bad,     ///< a bare CR or LF, or a NUL: see the Failure
    };

    void reset() { m_lastWasCR = false; }

    /// Moves bytes of the line that starts at buffer[lineStart] from data[pos..] into buffer, up to
    /// its LF, the end of data or maxLine bytes of line, and counts them in `bytesRead` (the
    /// reader's position in its message). The bytes before a bad one are taken.
    Result collect(QByteArray &buffer, qsizetype lineStart, QByteArrayView data, qsizetype &pos, qsizetype maxLine,
                   qint64 &bytesRead, Side side, Failure &failure)
    {
        const char *p = data.data();
        const qsizetype start = pos;
        const qsizetype room = qMax<qsizetype>(maxLine - (buffer.size() - lineStart), 0);
        const qsizetype end = qMin(data.size(), start + room);
        for (qsizetype i = start; i < end; ++i) {
            const char c = p[i];
            if (m_lastWasCR && c != '\n') // RFC 9112 §2.2: a bare CR is invalid; we do not guess it meant SP
                return bad(buffer, data, pos, i, bytesRead, side, failure);
            if (c == '\n') {
                if (!m_lastWasCR)
                    return bad(buffer, data, pos, i, bytesRead, side, failure);
                m_lastWasCR = false;
                take(buffer, data, pos, i + 1, bytesRead);
                return Result::Done;
            }
            if (c == '\0')
                return bad(buffer, data, pos, i, bytesRead, side, failure);
            m_lastWasCR = c == '\r';
        }
        take(buffer, data, pos, end, bytesRead);
        return end < data.size() ? Result::Full : Result::Partial;
    }

private:
    static void take(QByteArray &buffer, QByteArrayView data, qsizetype &pos, qsizetype to, qint64 &bytesRead)
    {
        buffer.append(data.data() + pos, to - pos);
        bytesRead += to - pos;
        pos = to;
    }
    /// Fails at data[i], a byte the loop above refused, and takes the bytes before it.
    Result bad(QByteArray &buffer, QByteArrayView data, qsizetype &pos, qsizetype i, qint64 &bytesRead, Side side,
               Failure &failure);

    bool m_lastWasCR = false;
};

/// Checks one field line, buffer[lineStart, lineEnd) without its CRLF, and appends its span to
/// `fields` (RFC 9112 §5: field-name ":" OWS field-value OWS). `bufferOffset` is the message offset
/// of buffer[0]; `kind` names the field in errors ("header", "trailer"); `firstInHead` says the line
/// follows the start line, where leading whitespace is not folding (RFC 9112 §2.2).
bool parseFieldLine(const QByteArray &buffer, qsizetype lineStart, qsizetype lineEnd, qint64 bufferOffset,
                    bool firstInHead, const char *kind, Side side, QList<FieldSpan> &fields, Failure &failure);

enum class ContentLength { Valid, Invalid, Conflicting };
/// RFC 9110 §8.6: Content-Length = 1*DIGIT; a list of identical values may be taken as one. Each
/// line must hold a number itself. `length` is what earlier lines said (-1: none); set when Valid.
ContentLength parseContentLength(QByteArrayView value, qint64 &length);
QString invalidContentLength(QByteArrayView value);
QString conflictingContentLength();

/// The transfer codings of the Transfer-Encoding lines of a head, in order.
struct TransferCodings
{
    int chunkedCount = 0;
    bool chunkedLast = false;
    QByteArrayView other; ///< the first coding that is not chunked
    qint64 otherOffset = -1;

    void add(QByteArrayView value, qint64 valueOffset);
};

/// The options of the Connection lines of a head that decide persistence (RFC 9112 §9.3).
struct ConnectionOptions
{
    bool close = false;
    bool keepAlive = false;

    void add(QByteArrayView value);
};

/// Reads a chunk-size line without its CRLF (RFC 9112 §7.1: chunk-size [ chunk-ext ]) starting at
/// message offset `lineOffset`. Returns the chunk size, or -1 with the failure. A size past
/// `bodyRoom` fails with 413, naming `bodyLimit`, before the extensions are looked at.
qint64 parseChunkLine(QByteArrayView line, qint64 lineOffset, qint64 bodyRoom, qint64 bodyLimit, Side side,
                      Failure &failure);

} // namespace Http::HeadParsing
