#include "headparsing.h"
#include "syntax.h"

#include <limits>

namespace Http::HeadParsing {

using Syntax::forEachListElement;
using Syntax::hexValue;
using Syntax::isFieldValueChar;
using Syntax::isOws;
using Syntax::isTokenChar;

QString byteName(char c, Side side)
{
    const QString name = QStringLiteral("0x%1").arg(static_cast<unsigned char>(c), 2, 16, QLatin1Char('0'));
    if (side == Side::Response)
        return name;
    return name.toUpper().replace(QStringLiteral("0X"), QStringLiteral("0x"));
}

LineCollector::Result LineCollector::bad(QByteArray &buffer, QByteArrayView data, qsizetype &pos, qsizetype i,
                                         qint64 &bytesRead, Side side, Failure &failure)
{
    const char c = data[i];
    if (m_lastWasCR && c != '\n') {
        // The CR was the byte before: it is the one at fault, and the byte after it stays unread.
        failure = {400, QStringLiteral("bare CR not followed by LF (RFC 9112 §2.2)"), bytesRead + (i - 1 - pos)};
    } else if (c == '\n') {
        failure = {400, QStringLiteral("bare LF line ending; lines must end in CRLF (RFC 9112 §2.2)"),
                   bytesRead + (i - pos)};
    } else {
        failure = {400,
                   side == Side::Request ? QStringLiteral("NUL byte in the request head")
                                         : QStringLiteral("NUL byte in the response head"),
                   bytesRead + (i - pos)};
    }
    take(buffer, data, pos, i, bytesRead);
    return Result::Bad;
}

bool parseFieldLine(const QByteArray &buffer, qsizetype lineStart, qsizetype lineEnd, qint64 bufferOffset,
                    bool firstInHead, const char *kind, Side side, QList<FieldSpan> &fields, Failure &failure)
{
    const char *p = buffer.constData();
    const auto fail = [&](QString reason, qsizetype i) {
        failure = {400, std::move(reason), bufferOffset + i};
        return false;
    };
    if (isOws(p[lineStart])) {
        if (firstInHead) {
            // RFC 9112 §2.2: whitespace between the start-line and the first field line.
            return fail(side == Side::Request
                            ? QStringLiteral("whitespace between the request line and the first header field")
                            : QStringLiteral("whitespace between the status line and the first header field"),
                        lineStart);
        }
        return fail(QStringLiteral("obsolete line folding is not accepted (RFC 9112 §5.2)"), lineStart);
    }
    const QLatin1String what(kind);
    qsizetype i = lineStart;
    while (i < lineEnd && isTokenChar(p[i]))
        ++i;
    if (i == lineEnd)
        return fail(QStringLiteral("%1 line without a colon").arg(what), i);
    if (p[i] != ':') {
        if (isOws(p[i]))
            return fail(QStringLiteral("whitespace between a %1 name and its colon (RFC 9112 §5.1)").arg(what), i);
        return fail(QStringLiteral("invalid character %1 in a %2 name").arg(byteName(p[i], side), what), i);
    }
    if (i == lineStart)
        return fail(QStringLiteral("empty %1 name").arg(what), i);
    const qsizetype nameEnd = i;
    qsizetype valueStart = i + 1;
    qsizetype valueEnd = lineEnd;
    while (valueStart < valueEnd && isOws(p[valueStart]))
        ++valueStart;
    while (valueEnd > valueStart && isOws(p[valueEnd - 1]))
        --valueEnd;
    for (qsizetype v = valueStart; v < valueEnd; ++v) {
        if (!isFieldValueChar(p[v])) {
            return fail(QStringLiteral("control character %1 in the value of '%2'")
                            .arg(byteName(p[v], side), latin1(QByteArrayView(p + lineStart, nameEnd - lineStart))),
                        v);
        }
    }
    fields.append(FieldSpan{static_cast<quint32>(lineStart), static_cast<quint32>(nameEnd - lineStart),
                            static_cast<quint32>(valueStart), static_cast<quint32>(valueEnd - valueStart)});
    return true;
}

ContentLength parseContentLength(QByteArrayView value, qint64 &length)
{
    bool valid = true;
    bool anyElement = false;
    qint64 result = length;
    const bool consistent = forEachListElement(value, [&](QByteArrayView element) {
        anyElement = true;
        qint64 n = 0;
        for (char c : element) {
            if (c < '0' || c > '9') {
                valid = false;
                return false;
            }
            if (n > (std::numeric_limits<qint64>::max() - 9) / 10)
                n = std::numeric_limits<qint64>::max(); // saturate: far over any body limit
            else
                n = n * 10 + (c - '0');
        }
        if (result >= 0 && result != n)
            return false;
        result = n;
        return true;
    });
    if (!valid || !anyElement)
        return ContentLength::Invalid;
    if (!consistent)
        return ContentLength::Conflicting;
    length = result;
    return ContentLength::Valid;
}

QString invalidContentLength(QByteArrayView value)
{
    return QStringLiteral("invalid Content-Length '%1' (RFC 9110 §8.6)").arg(latin1(value));
}

QString conflictingContentLength()
{
    return QStringLiteral("conflicting Content-Length values (RFC 9112 §6.3)");
}

void TransferCodings::add(QByteArrayView value, qint64 valueOffset)
{
    forEachListElement(value, [&](QByteArrayView coding) {
        chunkedLast = equalsIgnoreCase(coding, "chunked");
        if (chunkedLast) {
            ++chunkedCount;
        } else if (other.isNull()) {
            other = coding;
            otherOffset = valueOffset;
        }
        return true;
    });
}

void ConnectionOptions::add(QByteArrayView value)
{
    forEachListElement(value, [&](QByteArrayView option) {
        if (equalsIgnoreCase(option, "close"))
            close = true;
        else if (equalsIgnoreCase(option, "keep-alive"))
            keepAlive = true;
        return true;
    });
}

qint64 parseChunkLine(QByteArrayView line, qint64 lineOffset, qint64 bodyRoom, qint64 bodyLimit, Side side,
                      Failure &failure)
{
    qsizetype i = 0;
    const auto fail = [&](int status, QString reason, qint64 offset) {
        failure = {status, std::move(reason), offset};
        return qint64(-1);
    };
    qint64 size = 0;
    for (; i < line.size() && hexValue(line[i]) >= 0; ++i) {
        if (size > (std::numeric_limits<qint64>::max() >> 4))
            return fail(413, QStringLiteral("chunk size too large"), lineOffset + i);
        size = size * 16 + hexValue(line[i]);
    }
    if (i == 0)
        return fail(400, QStringLiteral("chunk size is not a hexadecimal number"), lineOffset);
    if (size > bodyRoom)
        return fail(413, QStringLiteral("chunked body larger than the %1-byte body limit").arg(bodyLimit), lineOffset);
    // chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
    const auto skip = [&](auto pred) {
        const qsizetype from = i;
        while (i < line.size() && pred(line[i]))
            ++i;
        return i > from;
    };
    const auto bad = [&](QString reason) { return fail(400, std::move(reason), lineOffset + i); };
    while (i < line.size()) {
        skip(isOws);
        if (i == line.size())
            return fail(400, QStringLiteral("whitespace after the chunk size"), lineOffset + i - 1);
        if (line[i] != ';')
            return bad(QStringLiteral("invalid character %1 after the chunk size").arg(byteName(line[i], side)));
        ++i;
        skip(isOws);
        if (!skip(isTokenChar))
            return bad(QStringLiteral("chunk extension without a name"));
        const qsizetype afterName = i;
        skip(isOws);
        if (i == line.size() || line[i] != '=') {
            i = afterName;
            continue;
        }
        ++i;
        skip(isOws);
        if (i == line.size() || line[i] != '"') {
            if (!skip(isTokenChar))
                return bad(QStringLiteral("chunk extension '=' without a value"));
            continue;
        }
        // quoted-string, with quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text ) (RFC 9110 §5.6.4)
        for (++i;; ++i) {
            if (i == line.size())
                return bad(QStringLiteral("unterminated quoted chunk extension value"));
            if (line[i] == '"')
                break;
            if (line[i] == '\\' && i + 1 < line.size() && isFieldValueChar(line[i + 1]))
                ++i;
            else if (line[i] == '\\' || !isFieldValueChar(line[i]))
                return bad(QStringLiteral("invalid byte in a quoted chunk extension value"));
        }
        ++i;
    }
    return size;
}

} // namespace Http::HeadParsing
