#include "responsereader.h"
#include "syntax.h"

#include <limits>

namespace Http {

namespace {

using HeadParsing::kMaxChunkLine;
using HeadParsing::latin1;
using HeadParsing::Side;
using Syntax::isFieldValueChar;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

QString byteName(char c)
{
    return HeadParsing::byteName(c, Side::Response);
}

constexpr QByteArrayView kHttpPrefix = "HTTP/";

} // namespace

ResponseReader::ResponseReader(const Limits &limits)
    : m_limits(limits)
{
}

void ResponseReader::reset()
{
    m_state = State::StatusLine;
    m_resp = ReceivedResponse();
    m_head.clear();
    m_headStart = 0;
    m_lineStart = 0;
    m_bytesRead = 0;
    m_remaining = 0;
    m_contentLength = -1;
    m_trailerStart = 0;
    m_chunkCrlf = 0;
    m_lines.reset();
    m_headRequest = false;
    m_connectRequest = false;
    m_error = ResponseError();
}

void ResponseReader::expectResponseTo(QByteArrayView method)
{
    reset();
    m_headRequest = method == "HEAD";
    m_connectRequest = method == "CONNECT";
}

ReceivedResponse ResponseReader::takeResponse()
{
    ReceivedResponse r = std::move(m_resp);
    reset();
    return r;
}

ReceivedResponse ResponseReader::takePartial()
{
    if (m_resp.m_rawHead.isEmpty())
        m_resp.m_rawHead = std::move(m_head);
    ReceivedResponse r = std::move(m_resp);
    const ResponseError error = m_error;
    reset();
    m_error = error;
    return r;
}

bool ResponseReader::setError(QString reason, qint64 offset)
{
    m_error = {std::move(reason), offset};
    m_state = State::Failed;
    return false;
}

ResponseReader::LineResult ResponseReader::collectLine(QByteArray &buffer, QByteArrayView data, qsizetype &pos,
                                                       qsizetype maxLine)
{
    HeadParsing::Failure failure;
    const LineResult r = m_lines.collect(buffer, m_lineStart, data, pos, maxLine, m_bytesRead, Side::Response, failure);
    if (r == LineResult::Bad)
        setError(std::move(failure.reason), failure.offset);
    return r;
}

ResponseReader::Step ResponseReader::feed(QByteArrayView data)
{
    qsizetype pos = 0;
    const qsizetype n = data.size();
    while (true) {
        if (m_state == State::Complete)
            return {Event::MessageComplete, pos};
        if (m_state == State::Failed)
            return {Event::Failed, pos};
        if (pos >= n)
            return {Event::NeedMore, pos};

        switch (m_state) {
        case State::StatusLine: {
            // The first five bytes are checked one at a time, so that whatever a server that does
            // not speak HTTP sends (a TLS alert, an SSH banner) fails at its first byte.
            if (m_head.size() < kHttpPrefix.size()) {
                if (data[pos] != kHttpPrefix[m_head.size()]) {
                    setError(QStringLiteral("not an HTTP response: byte %1 where the status line should start "
                                            "with \"HTTP/\"")
                                 .arg(byteName(data[pos])),
                             m_bytesRead);
                    continue;
                }
                if (m_head.capacity() == 0)
                    m_head.reserve(512);
                m_head.append(data[pos]);
                ++pos;
                ++m_bytesRead;
                continue;
            }
            const LineResult r = collectLine(m_head, data, pos, m_limits.maxHeadBytes);
            if (r == LineResult::Full)
                setError(QStringLiteral("status line longer than the %1-byte head limit").arg(m_limits.maxHeadBytes),
                         m_bytesRead);
            if (r != LineResult::Done || !parseStatusLine(QByteArrayView(m_head).chopped(2)))
                continue;
            m_lineStart = m_head.size();
            m_state = State::HeaderLine;
            break;
        }
        case State::HeaderLine: {
            const LineResult r = collectLine(m_head, data, pos, m_limits.maxHeadBytes - m_lineStart);
            if (r == LineResult::Full)
                setError(QStringLiteral("response head larger than the %1-byte limit").arg(m_limits.maxHeadBytes),
                         m_bytesRead);
            if (r != LineResult::Done)
                continue;
            if (m_head.size() - m_lineStart == 2) {
                finishHead();
                continue;
            }
            if (m_resp.m_headers.size() >= m_limits.maxHeaderCount) {
                setError(QStringLiteral("more than %1 header fields").arg(m_limits.maxHeaderCount),
                         m_headStart + m_lineStart);
                continue;
            }
            if (!parseFieldLine(m_head, m_lineStart, m_head.size() - 2, m_headStart, m_resp.m_headers, "header"))
                continue;
            m_lineStart = m_head.size();
            break;
        }
        case State::Body:
            appendBody(data, pos, m_remaining);
            if (m_remaining == 0)
                m_state = State::Complete;
            else
                checkBodyRoom();
            break;
        case State::CloseBody:
            if (m_resp.m_body.size() >= m_limits.maxBodyBytes) {
                setError(QStringLiteral("body larger than the %1-byte limit").arg(m_limits.maxBodyBytes), m_bytesRead);
                continue;
            }
            appendBody(data, pos, std::numeric_limits<qint64>::max());
            break;
        case State::ChunkLine: {
            QByteArray &framing = m_resp.m_chunkFraming;
            // All chunk-size lines together may not outgrow the body limit, or endless empty-ish
            // chunks with long extensions would hold unbounded memory.
            const qint64 framingRoom = qMax<qint64>(m_limits.maxBodyBytes - m_lineStart, 0);
            const bool framingBound = framingRoom < kMaxChunkLine;
            const LineResult r =
                collectLine(framing, data, pos, framingBound ? static_cast<qsizetype>(framingRoom) : kMaxChunkLine);
            if (r == LineResult::Full) {
                if (framingBound)
                    setError(
                        QStringLiteral("chunk framing larger than the %1-byte body limit").arg(m_limits.maxBodyBytes),
                        m_bytesRead);
                else
                    setError(QStringLiteral("chunk-size line longer than %1 bytes").arg(kMaxChunkLine), m_bytesRead);
            }
            if (r != LineResult::Done)
                continue;
            const qsizetype lineLength = framing.size() - m_lineStart;
            if (!parseChunkLine(QByteArrayView(framing).sliced(m_lineStart, lineLength - 2), m_bytesRead - lineLength))
                continue;
            m_lineStart = framing.size();
            if (m_remaining == 0) {
                m_trailerStart = framing.size();
                m_state = State::TrailerLine;
            } else if (checkBodyRoom()) {
                m_state = State::ChunkData;
            }
            break;
        }
        case State::ChunkData:
            appendBody(data, pos, m_remaining);
            if (m_remaining == 0) {
                m_chunkCrlf = 0;
                m_state = State::ChunkDataEnd;
            } else {
                checkBodyRoom();
            }
            break;
        case State::ChunkDataEnd:
            if (data[pos] != (m_chunkCrlf == 0 ? '\r' : '\n')) {
                setError(QStringLiteral("chunk data not followed by CRLF; the chunk size does not match the data"),
                         m_bytesRead);
                continue;
            }
            ++pos;
            ++m_bytesRead;
            if (++m_chunkCrlf == 2) {
                m_lineStart = m_resp.m_chunkFraming.size();
                m_state = State::ChunkLine;
            }
            break;
        case State::TrailerLine: {
            QByteArray &framing = m_resp.m_chunkFraming;
            const LineResult r =
                collectLine(framing, data, pos, m_limits.maxHeadBytes - (m_lineStart - m_trailerStart));
            if (r == LineResult::Full)
                setError(
                    QStringLiteral("trailer section larger than the %1-byte head limit").arg(m_limits.maxHeadBytes),
                    m_bytesRead);
            if (r != LineResult::Done)
                continue;
            const qint64 lineOffset = m_bytesRead - (framing.size() - m_lineStart);
            if (framing.size() - m_lineStart == 2) {
                m_state = State::Complete;
                continue;
            }
            if (m_resp.m_trailers.size() >= m_limits.maxHeaderCount) {
                setError(QStringLiteral("more than %1 trailer fields").arg(m_limits.maxHeaderCount), lineOffset);
                continue;
            }
            if (!parseFieldLine(framing, m_lineStart, framing.size() - 2, lineOffset - m_lineStart, m_resp.m_trailers,
                                "trailer"))
                continue;
            m_lineStart = framing.size();
            break;
        }
        case State::Complete:
        case State::Failed:
            break;
        }
    }
}

void ResponseReader::appendBody(QByteArrayView data, qsizetype &pos, qint64 max)
{
    QByteArray &body = m_resp.m_body;
    const qint64 room = m_limits.maxBodyBytes - body.size();
    const auto take = static_cast<qsizetype>(qMin<qint64>(qMin<qint64>(max, room), data.size() - pos));
    if (body.size() + take > body.capacity()) {
        // Grow by doubling: append() alone grows to the exact size each time, which copies the
        // body again for every chunk (40 MB/s for a 1 MiB body in 16 KiB chunks).
        const qint64 want = qMax<qint64>(2 * body.capacity(), body.size() + take);
        body.reserve(static_cast<qsizetype>(qMin<qint64>(want, m_limits.maxBodyBytes)));
    }
    body.append(data.data() + pos, take);
    pos += take;
    m_bytesRead += take;
    if (max != std::numeric_limits<qint64>::max())
        m_remaining -= take;
}

bool ResponseReader::checkBodyRoom()
{
    if (m_remaining == 0 || m_resp.m_body.size() < m_limits.maxBodyBytes)
        return true;
    if (m_resp.m_chunked)
        return setError(QStringLiteral("chunked body larger than the %1-byte body limit").arg(m_limits.maxBodyBytes),
                        m_bytesRead);
    return setError(QStringLiteral("Content-Length %1 exceeds the %2-byte body limit")
                        .arg(m_contentLength)
                        .arg(m_limits.maxBodyBytes),
                    m_bytesRead);
}

ResponseReader::Event ResponseReader::finish()
{
    const qint64 at = m_bytesRead;
    switch (m_state) {
    case State::Complete:
        return Event::MessageComplete;
    case State::Failed:
        return Event::Failed;
    case State::CloseBody:
        m_state = State::Complete; // RFC 9112 §6.3 ¶8: the close ends the body
        return Event::MessageComplete;
    case State::StatusLine:
    case State::HeaderLine:
        if (m_bytesRead == 0)
            setError(QStringLiteral("connection closed before any response byte arrived"), at);
        else
            setError(QStringLiteral("connection closed after %1 bytes, in the response head").arg(m_bytesRead), at);
        return Event::Failed;
    case State::Body:
        setError(QStringLiteral("connection closed after %1 of %2 body bytes")
                     .arg(m_resp.m_body.size())
                     .arg(m_contentLength),
                 at);
        return Event::Failed;
    case State::ChunkLine:
    case State::ChunkData:
    case State::ChunkDataEnd:
        setError(QStringLiteral("connection closed after %1 body bytes, before the last chunk of a chunked body")
                     .arg(m_resp.m_body.size()),
                 at);
        return Event::Failed;
    case State::TrailerLine:
        setError(
            QStringLiteral("connection closed in the trailer section, after %1 body bytes").arg(m_resp.m_body.size()),
            at);
        return Event::Failed;
    }
    return Event::Failed;
}

bool ResponseReader::parseStatusLine(QByteArrayView line)
{
    // RFC 9112 §4: status-line = HTTP-version SP status-code SP [ reason-phrase ]
    const qint64 base = m_headStart;
    if (line.size() < 8 || !isDigit(line[5]) || line[6] != '.' || !isDigit(line[7]))
        return setError(QStringLiteral("malformed HTTP version in the status line"), base + 5);
    if (line[5] != '1')
        return setError(QStringLiteral("HTTP version %1 is not supported").arg(latin1(line.sliced(5, 3))), base + 5);
    if (line.size() == 8 || line[8] != ' ')
        return setError(QStringLiteral("status line without a space after the HTTP version"), base + 8);
    for (qsizetype i = 9; i < 12; ++i) {
        if (i >= line.size() || !isDigit(line[i]))
            return setError(QStringLiteral("status code is not three digits (RFC 9112 §4)"), base + 9);
    }
    if (line.size() > 12 && line[12] != ' ') {
        const QString why = isDigit(line[12]) ? QStringLiteral("status code is not three digits (RFC 9112 §4)")
                                              : QStringLiteral("no space between the status code and the reason");
        return setError(why, base + 12);
    }
    const int code = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    if (code < 100 || code > 599)
        return setError(QStringLiteral("status code %1 is outside 100 to 599 (RFC 9110 §15)").arg(code), base + 9);
    // reason-phrase = 1*( HTAB / SP / VCHAR / obs-text )
    for (qsizetype i = 13; i < line.size(); ++i) {
        if (!isFieldValueChar(line[i]))
            return setError(QStringLiteral("control character %1 in the reason phrase").arg(byteName(line[i])),
                            base + i);
    }
    ReceivedResponse &r = m_resp;
    r.m_hasVersion = true;
    r.m_versionMajor = 1;
    r.m_versionMinor = static_cast<quint8>(line[7] - '0');
    r.m_status = code;
    r.m_reasonOffset = static_cast<quint32>(qMin<qsizetype>(13, line.size()));
    r.m_reasonLength = static_cast<quint32>(line.size() - r.m_reasonOffset);
    return true;
}

bool ResponseReader::parseFieldLine(const QByteArray &buffer, qsizetype lineStart, qsizetype lineEnd,
                                    qint64 bufferOffset, QList<FieldSpan> &fields, const char *what)
{
    HeadParsing::Failure failure;
    const bool firstInHead = fields.isEmpty() && &fields == &m_resp.m_headers;
    if (HeadParsing::parseFieldLine(buffer, lineStart, lineEnd, bufferOffset, firstInHead, what, Side::Response, fields,
                                    failure))
        return true;
    return setError(std::move(failure.reason), failure.offset);
}

bool ResponseReader::finishHead()
{
    ReceivedResponse &r = m_resp;
    const int code = r.m_status;
    if (code >= 100 && code < 200 && code != 101) {
        // RFC 9110 §15.2: an interim response; the final one follows.
        if (r.m_interimHeads.size() >= kMaxInterimResponses)
            return setError(QStringLiteral("more than %1 interim (1xx) responses").arg(kMaxInterimResponses),
                            m_headStart);
        r.m_interimHeads.append(std::move(m_head));
        m_head = QByteArray();
        r.m_headers.clear();
        r.m_status = 0;
        r.m_hasVersion = false;
        r.m_reasonOffset = r.m_reasonLength = 0;
        m_headStart = m_bytesRead;
        m_lineStart = 0;
        m_state = State::StatusLine;
        return true;
    }
    r.m_rawHead = std::move(m_head);
    m_head = QByteArray();

    const bool http11 = r.m_versionMinor >= 1;
    HeadParsing::ConnectionOptions connection;
    HeadParsing::TransferCodings codings;
    qint64 contentLength = -1;
    qint64 lengthOffset = -1;
    qint64 codingOffset = -1;
    for (const FieldSpan &s : std::as_const(r.m_headers)) {
        const Field f = fieldOf(r.m_rawHead, s);
        const qint64 valueAt = m_headStart + s.valueOffset;
        if (equalsIgnoreCase(f.name, "Transfer-Encoding")) {
            if (codingOffset < 0)
                codingOffset = valueAt;
            codings.add(f.value, valueAt);
        } else if (equalsIgnoreCase(f.name, "Connection")) {
            connection.add(f.value);
        } else if (equalsIgnoreCase(f.name, "Content-Length")) {
            switch (HeadParsing::parseContentLength(f.value, contentLength)) {
            case HeadParsing::ContentLength::Invalid:
                return setError(HeadParsing::invalidContentLength(f.value), valueAt);
            case HeadParsing::ContentLength::Conflicting:
                return setError(HeadParsing::conflictingContentLength(), valueAt);
            case HeadParsing::ContentLength::Valid:
                break;
            }
            if (lengthOffset < 0)
                lengthOffset = valueAt;
        }
    }
    // RFC 9112 §9.3: HTTP/1.1 persists unless "close"; HTTP/1.0 only with "keep-alive".
    r.m_keepAlive = !connection.close && (http11 || connection.keepAlive);

    // RFC 9112 §6.3 ¶1-2: these responses end with their head, whatever it announces.
    if (code == 101 || code == 204 || code == 304 || m_headRequest || (m_connectRequest && code / 100 == 2)) {
        if (code == 101 || m_connectRequest)
            r.m_keepAlive = false; // what follows is another protocol
        m_state = State::Complete;
        return true;
    }
    if (codingOffset >= 0) {
        if (lengthOffset >= 0)
            return setError(QStringLiteral("both Content-Length and Transfer-Encoding (RFC 9112 §6.3)"), codingOffset);
        if (codings.chunkedCount == 0 && codings.other.isNull())
            return setError(QStringLiteral("empty Transfer-Encoding"), codingOffset);
        if (codings.chunkedLast) {
            if (codings.chunkedCount > 1)
                return setError(QStringLiteral("chunked applied more than once (RFC 9112 §7)"), codingOffset);
            if (!codings.other.isNull())
                return setError(QStringLiteral("transfer coding '%1' is not supported").arg(latin1(codings.other)),
                                codingOffset);
            r.m_chunked = true;
            m_lineStart = 0;
            m_state = State::ChunkLine;
            return true;
        }
        // RFC 9112 §6.3 ¶4: not chunked last: the body runs until the connection closes.
    } else if (contentLength >= 0) {
        m_contentLength = contentLength;
        m_remaining = contentLength;
        if (contentLength == 0) {
            m_state = State::Complete;
            return true;
        }
        // Reserve what is announced, within reason: a lying header must not allocate 100 MiB.
        r.m_body.reserve(
            static_cast<qsizetype>(qMin<qint64>(qMin<qint64>(contentLength, 1 << 20), m_limits.maxBodyBytes)));
        m_state = State::Body;
        return checkBodyRoom();
    }
    r.m_closeDelimited = true;
    r.m_keepAlive = false;
    m_state = State::CloseBody;
    return true;
}

bool ResponseReader::parseChunkLine(QByteArrayView line, qint64 lineOffset)
{
    // RFC 9112 §7.1: chunk-size [ chunk-ext ] CRLF; the body limit is checked as data arrives.
    HeadParsing::Failure failure;
    const qint64 size = HeadParsing::parseChunkLine(line, lineOffset, std::numeric_limits<qint64>::max(),
                                                    m_limits.maxBodyBytes, Side::Response, failure);
    if (size < 0)
        return setError(std::move(failure.reason), failure.offset);
    m_remaining = size;
    return true;
}

} // namespace Http
