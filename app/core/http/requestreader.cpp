#include "requestreader.h"
#include "syntax.h"

#include <limits>

namespace Http {

namespace {

using HeadParsing::kMaxChunkLine;
using HeadParsing::latin1;
using HeadParsing::Side;
using Syntax::isOws;

bool isToken(char c)
{
    return Syntax::isTokenChar(c);
}
bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

QString byteName(char c)
{
    return HeadParsing::byteName(c, Side::Request);
}

} // namespace

RequestReader::RequestReader(const Limits &limits)
    : m_limits(limits)
{
}

void RequestReader::reset()
{
    m_state = State::RequestLine;
    m_req = Request();
    m_head.clear();
    m_lineStart = 0;
    m_messageBytes = 0;
    m_remaining = 0;
    m_skippedBlank = 0;
    m_lines.reset();
    m_inMessageBody = false;
    m_framingIgnored = false;
    m_contentLength = -1;
    m_contentLengthOffset = -1;
    m_transferEncodingOffset = -1;
    m_error = ReadError();
}

Request RequestReader::takeRequest()
{
    Request r = std::move(m_req);
    reset();
    return r;
}

Request RequestReader::takePartial()
{
    if (m_req.m_rawHead.isEmpty())
        m_req.m_rawHead = std::move(m_head);
    Request r = std::move(m_req);
    const ReadError error = m_error;
    reset();
    m_error = error;
    return r;
}

bool RequestReader::setError(int status, QString reason, qint64 offset)
{
    m_error = {status, std::move(reason), offset};
    m_state = State::Failed;
    return false;
}

bool RequestReader::inMessage() const
{
    // A lone CR may be the start of an empty line that will be skipped.
    return m_messageBytes > 0 && !(m_state == State::RequestLine && m_head.size() == 1 && m_head.front() == '\r');
}

int RequestReader::overLimitStatus(LineKind kind)
{
    switch (kind) {
    case LineKind::RequestLine:
        return 414; // RFC 9110 §15.5.15
    case LineKind::HeaderLine:
    case LineKind::TrailerLine:
        return 431; // RFC 6585 §5
    case LineKind::ChunkLine:
        return 400;
    case LineKind::ChunkFraming:
        return 413; // RFC 9110 §15.5.14
    }
    return 400;
}

QString RequestReader::overLimitReason(LineKind kind) const
{
    switch (kind) {
    case LineKind::RequestLine:
        return QStringLiteral("request line longer than the %1-byte head limit").arg(m_limits.maxHeadBytes);
    case LineKind::HeaderLine:
        return QStringLiteral("request head larger than the %1-byte limit").arg(m_limits.maxHeadBytes);
    case LineKind::TrailerLine:
        return QStringLiteral("trailer section larger than the %1-byte head limit").arg(m_limits.maxHeadBytes);
    case LineKind::ChunkLine:
        return QStringLiteral("chunk-size line longer than %1 bytes").arg(kMaxChunkLine);
    case LineKind::ChunkFraming:
        return QStringLiteral("chunk framing larger than the %1-byte body limit").arg(m_limits.maxBodyBytes);
    }
    return {};
}

RequestReader::LineResult RequestReader::collectLine(QByteArray &buffer, QByteArrayView data, qsizetype &pos,
                                                     qsizetype maxLine, LineKind kind)
{
    HeadParsing::Failure failure;
    switch (m_lines.collect(buffer, m_lineStart, data, pos, maxLine, m_messageBytes, Side::Request, failure)) {
    case HeadParsing::LineCollector::Result::Partial:
        return LineResult::Partial;
    case HeadParsing::LineCollector::Result::Done:
        return LineResult::Done;
    case HeadParsing::LineCollector::Result::Full: // the line does not fit
        setError(overLimitStatus(kind), overLimitReason(kind), m_messageBytes);
        return LineResult::Bad;
    case HeadParsing::LineCollector::Result::Bad:
        break;
    }
    setError(failure.status, std::move(failure.reason), failure.offset);
    return LineResult::Bad;
}

RequestReader::Step RequestReader::feed(QByteArrayView data)
{
    qsizetype pos = 0;
    const qsizetype n = data.size();
    while (true) {
        switch (m_state) {
        case State::Complete:
            return {Event::MessageComplete, pos};
        case State::Failed:
            return {Event::Failed, pos};
        default:
            break;
        }
        if (pos >= n)
            return {Event::NeedMore, pos};

        switch (m_state) {
        case State::RequestLine: {
            if (m_head.capacity() == 0)
                m_head.reserve(512); // most heads fit: one allocation instead of several
            const LineResult r = collectLine(m_head, data, pos, m_limits.maxHeadBytes, LineKind::RequestLine);
            if (r == LineResult::Bad)
                continue;
            if (r == LineResult::Partial)
                continue;
            if (m_head.size() == 2) {
                // RFC 9112 §2.2: ignore empty lines received before the request-line.
                m_head.clear();
                m_messageBytes = 0;
                m_skippedBlank += 2;
                if (m_skippedBlank > m_limits.maxHeadBytes)
                    setError(400, QStringLiteral("too many empty lines before the request line"), 0);
                continue;
            }
            if (!parseRequestLine(QByteArrayView(m_head).chopped(2)))
                continue;
            // CONNECT and the HTTP/2 preface carry no body we read, so framing fields mean nothing.
            const QByteArrayView method = QByteArrayView(m_head).first(m_req.m_methodLength);
            m_framingIgnored = m_req.m_versionMajor == 2 || method == "PRI" || method == "CONNECT";
            m_state = State::HeaderLine;
            m_lineStart = m_head.size();
            break;
        }
        case State::HeaderLine: {
            const LineResult r =
                collectLine(m_head, data, pos, m_limits.maxHeadBytes - m_lineStart, LineKind::HeaderLine);
            if (r != LineResult::Done)
                continue;
            if (m_head.size() - m_lineStart == 2) {
                m_req.m_rawHead = std::move(m_head);
                m_head = QByteArray();
                if (!finishHead())
                    continue;
                if (m_state == State::Complete)
                    continue;
                if (m_req.m_expectContinue)
                    return {Event::HeadComplete, pos};
                break;
            }
            if (m_req.m_headers.size() >= m_limits.maxHeaderCount) {
                setError(431, QStringLiteral("more than %1 header fields").arg(m_limits.maxHeaderCount), m_lineStart);
                continue;
            }
            if (!parseFieldLine(m_head, m_lineStart, m_head.size() - 2, 0, m_req.m_headers, m_req.m_headers.isEmpty()))
                continue;
            if (!checkFramingField(m_req.m_headers.constLast()))
                continue;
            m_lineStart = m_head.size();
            break;
        }
        case State::Body: {
            const qsizetype take = static_cast<qsizetype>(qMin<qint64>(m_remaining, n - pos));
            // Past the first MiB the body is arriving as announced: make room for all of it at
            // once (its pages are touched only as bytes land).
            makeRoom(take, m_remaining);
            m_req.m_body.append(data.data() + pos, take);
            pos += take;
            m_messageBytes += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = State::Complete;
            break;
        }
        case State::ChunkLine: {
            QByteArray &framing = m_req.m_chunkFraming;
            // The chunk-size lines are kept for wireBytes(); all of them together may not outgrow the
            // body limit, or endless tiny chunks with long extensions would hold unbounded memory.
            const qint64 framingRoom = qMax<qint64>(m_limits.maxBodyBytes - m_lineStart, 0);
            const LineResult r =
                framingRoom < kMaxChunkLine
                    ? collectLine(framing, data, pos, static_cast<qsizetype>(framingRoom), LineKind::ChunkFraming)
                    : collectLine(framing, data, pos, kMaxChunkLine, LineKind::ChunkLine);
            if (r != LineResult::Done)
                continue;
            if (!parseChunkLine(QByteArrayView(framing).sliced(m_lineStart, framing.size() - 2 - m_lineStart),
                                m_messageBytes - (framing.size() - m_lineStart)))
                continue;
            m_lineStart = framing.size();
            if (m_remaining == 0) {
                m_req.m_trailerSectionOffset = static_cast<quint32>(framing.size());
                m_state = State::TrailerLine;
            } else {
                m_req.m_openChunkCrlf = 0;
                m_state = State::ChunkData;
            }
            break;
        }
        case State::ChunkData: {
            const qsizetype take = static_cast<qsizetype>(qMin<qint64>(m_remaining, n - pos));
            makeRoom(take, qMax<qint64>(m_req.m_body.capacity(), take)); // double, as append would
            m_req.m_body.append(data.data() + pos, take);
            pos += take;
            m_messageBytes += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd: {
            const char expected = m_req.m_openChunkCrlf == 0 ? '\r' : '\n';
            if (data[pos] != expected) {
                setError(400, QStringLiteral("chunk data not followed by CRLF; the chunk size does not match the data"),
                         m_messageBytes);
                continue;
            }
            ++pos;
            ++m_messageBytes;
            if (++m_req.m_openChunkCrlf == 2) {
                m_req.m_openChunkCrlf = -1;
                m_lineStart = m_req.m_chunkFraming.size();
                m_state = State::ChunkLine;
            }
            break;
        }
        case State::TrailerLine: {
            QByteArray &framing = m_req.m_chunkFraming;
            const qsizetype sectionSoFar = m_lineStart - m_req.m_trailerSectionOffset;
            const LineResult r =
                collectLine(framing, data, pos, m_limits.maxHeadBytes - sectionSoFar, LineKind::TrailerLine);
            if (r != LineResult::Done)
                continue;
            const qint64 lineOffset = m_messageBytes - (framing.size() - m_lineStart);
            if (framing.size() - m_lineStart == 2) {
                m_state = State::Complete;
                m_inMessageBody = false;
                continue;
            }
            if (m_req.m_trailers.size() >= m_limits.maxHeaderCount) {
                setError(431, QStringLiteral("more than %1 trailer fields").arg(m_limits.maxHeaderCount), lineOffset);
                continue;
            }
            if (!parseFieldLine(framing, m_lineStart, framing.size() - 2, lineOffset - m_lineStart, m_req.m_trailers,
                                false))
                continue;
            m_lineStart = framing.size();
            break;
        }
        case State::Complete:
        case State::Failed:
            break;
        }
        if (m_state == State::Complete) {
            m_inMessageBody = false;
            return {Event::MessageComplete, pos};
        }
    }
}

bool RequestReader::parseRequestLine(QByteArrayView line)
{
    // RFC 9112 §3: request-line = method SP request-target SP HTTP-version
    qsizetype i = 0;
    while (i < line.size() && isToken(line[i]))
        ++i;
    if (i == 0) {
        if (line.isEmpty() || isOws(line[0]))
            return setError(400, QStringLiteral("request line starts with whitespace"), 0);
        return setError(400, QStringLiteral("invalid character %1 in the method").arg(byteName(line[0])), 0);
    }
    if (i == line.size())
        return setError(400, QStringLiteral("request line has only a method"), i);
    if (line[i] != ' ')
        return setError(400, QStringLiteral("invalid character %1 in the method").arg(byteName(line[i])), i);
    const qsizetype methodEnd = i;
    const qsizetype targetStart = i + 1;
    const qsizetype lastSpace = line.lastIndexOf(' ');
    if (lastSpace == methodEnd) {
        return setError(400, QStringLiteral("request line has no HTTP version (HTTP/0.9 is not supported)"),
                        line.size());
    }
    for (qsizetype t = targetStart; t < lastSpace; ++t) {
        const auto c = static_cast<unsigned char>(line[t]);
        if (c == ' ')
            return setError(400, QStringLiteral("space inside the request-target"), t);
        if (c < 0x20 || c == 0x7f)
            return setError(400, QStringLiteral("control character %1 in the request-target").arg(byteName(line[t])),
                            t);
    }
    if (lastSpace == targetStart)
        return setError(400, QStringLiteral("empty request-target"), targetStart);

    const QByteArrayView version = line.sliced(lastSpace + 1);
    const qsizetype versionOffset = lastSpace + 1;
    m_req.m_methodOffset = 0;
    m_req.m_methodLength = static_cast<quint32>(methodEnd);
    m_req.m_targetOffset = static_cast<quint32>(targetStart);
    m_req.m_targetLength = static_cast<quint32>(lastSpace - targetStart);
    m_req.m_versionOffset = static_cast<quint32>(versionOffset);
    m_req.m_versionLength = static_cast<quint32>(version.size());

    // RFC 9112 §2.3: HTTP-version = "HTTP/" DIGIT "." DIGIT
    if (!version.startsWith("HTTP/")) {
        const QByteArrayView protocol = version.sliced(0, qMin<qsizetype>(version.size(), 16));
        return setError(400, QStringLiteral("not an HTTP request: protocol '%1'").arg(latin1(protocol)), versionOffset);
    }
    if (version.size() != 8 || !isDigit(version[5]) || version[6] != '.' || !isDigit(version[7]))
        return setError(400, QStringLiteral("malformed HTTP version"), versionOffset);
    m_req.m_versionMajor = static_cast<quint8>(version[5] - '0');
    m_req.m_versionMinor = static_cast<quint8>(version[7] - '0');
    const QByteArrayView method = line.sliced(0, methodEnd);
    const bool preface = method == "PRI" && line.sliced(targetStart, lastSpace - targetStart) == "*";
    if (preface && m_req.m_versionMajor == 2 && m_req.m_versionMinor == 0)
        return true; // the HTTP/2 prior-knowledge preface: captured, answered, closed
    // RFC 9110 §2.5: a higher 1.x minor version is handled as the highest one we implement.
    if (m_req.m_versionMajor != 1) {
        return setError(505, QStringLiteral("HTTP version %1 is not supported").arg(latin1(version.sliced(5))),
                        versionOffset);
    }
    return true;
}

bool RequestReader::parseFieldLine(const QByteArray &buffer, qsizetype lineStart, qsizetype lineEnd,
                                   qint64 bufferOffset, QList<FieldSpan> &fields, bool firstLine)
{
    // Trailer lines are worded as header lines here, as they always were.
    HeadParsing::Failure failure;
    if (HeadParsing::parseFieldLine(buffer, lineStart, lineEnd, bufferOffset, firstLine && &fields == &m_req.m_headers,
                                    "header", Side::Request, fields, failure))
        return true;
    return setError(failure.status, std::move(failure.reason), failure.offset);
}

bool RequestReader::checkFramingField(const FieldSpan &s)
{
    // Framing is checked as each line arrives, so a sender that stops mid-head after a bad
    // Content-Length still hears why instead of waiting for a timeout.
    const Field f = fieldOf(m_head, s);
    const bool isLength = f.name.size() == 14 && equalsIgnoreCase(f.name, "Content-Length");
    const bool isCoding = f.name.size() == 17 && equalsIgnoreCase(f.name, "Transfer-Encoding");
    if ((!isLength && !isCoding) || m_framingIgnored)
        return true;
    if (isCoding) {
        if (m_transferEncodingOffset < 0)
            m_transferEncodingOffset = s.valueOffset;
        // RFC 9112 §6.1: Transfer-Encoding overrides Content-Length; both present → 400.
        if (m_contentLength >= 0)
            return setError(400, QStringLiteral("both Content-Length and Transfer-Encoding (RFC 9112 §6.1)"),
                            s.valueOffset);
        return true;
    }
    // An empty line must not borrow a number from an earlier line.
    qint64 contentLength = m_contentLength;
    switch (HeadParsing::parseContentLength(f.value, contentLength)) {
    case HeadParsing::ContentLength::Invalid:
        return setError(400, HeadParsing::invalidContentLength(f.value), s.valueOffset);
    case HeadParsing::ContentLength::Conflicting:
        return setError(400, HeadParsing::conflictingContentLength(), s.valueOffset);
    case HeadParsing::ContentLength::Valid:
        break;
    }
    if (m_transferEncodingOffset >= 0)
        return setError(400, QStringLiteral("both Content-Length and Transfer-Encoding (RFC 9112 §6.1)"),
                        s.valueOffset);
    if (m_contentLengthOffset < 0)
        m_contentLengthOffset = s.valueOffset;
    m_contentLength = contentLength;
    if (m_contentLength > m_limits.maxBodyBytes) {
        return setError(413,
                        QStringLiteral("Content-Length %1 exceeds the %2-byte body limit")
                            .arg(m_contentLength)
                            .arg(m_limits.maxBodyBytes),
                        s.valueOffset);
    }
    return true;
}

bool RequestReader::finishHead()
{
    Request &r = m_req;
    const bool http11 = r.m_versionMajor == 1 && r.m_versionMinor >= 1;
    int hostCount = 0;
    bool upgrade = false;
    const qint64 contentLength = m_contentLength;
    const qint64 contentLengthOffset = m_contentLengthOffset;
    qint64 transferEncodingOffset = -1;
    HeadParsing::TransferCodings codings;
    HeadParsing::ConnectionOptions connection;

    for (const FieldSpan &s : std::as_const(r.m_headers)) {
        const Field f = fieldOf(r.m_rawHead, s);
        const qsizetype nameLength = f.name.size();
        if (nameLength == 4 && equalsIgnoreCase(f.name, "Host")) {
            ++hostCount;
        } else if (nameLength == 17 && equalsIgnoreCase(f.name, "Transfer-Encoding")) {
            if (transferEncodingOffset < 0)
                transferEncodingOffset = s.valueOffset;
            codings.add(f.value, s.valueOffset);
        } else if (nameLength == 10 && equalsIgnoreCase(f.name, "Connection")) {
            connection.add(f.value);
        } else if (nameLength == 6 && equalsIgnoreCase(f.name, "Expect")) {
            r.m_expectContinue = http11 && equalsIgnoreCase(f.value, "100-continue");
        } else if (nameLength == 7 && equalsIgnoreCase(f.name, "Upgrade")) {
            upgrade = true;
        }
    }

    if (http11 && hostCount == 0)
        r.m_warnings |= static_cast<quint32>(Warning::MissingHost);
    if (hostCount > 1)
        r.m_warnings |= static_cast<quint32>(Warning::MultipleHost);
    // RFC 9112 §9.3: HTTP/1.1 persists unless "close"; HTTP/1.0 only with "keep-alive".
    r.m_keepAlive = !connection.close && (http11 || connection.keepAlive);

    const QByteArrayView method = r.method();
    if (r.m_versionMajor == 2) {
        r.m_warnings |= static_cast<quint32>(Warning::Http2Preface);
        r.m_switchRequested = true;
    } else if (method == "PRI") {
        r.m_warnings |= static_cast<quint32>(Warning::Http2Preface);
        r.m_switchRequested = true;
    } else if (method == "CONNECT") {
        // RFC 9110 §9.3.6: what follows a CONNECT head is tunnel data, not a body; we do not
        // tunnel, so we answer and close without reading further.
        r.m_warnings |= static_cast<quint32>(Warning::ConnectNotTunneled);
        r.m_switchRequested = true;
    }
    if (r.m_switchRequested) {
        r.m_expectContinue = false;
        m_state = State::Complete;
        return true;
    }
    if (upgrade) {
        // RFC 9110 §7.8: a server may ignore Upgrade. We answer normally, then close, so bytes
        // the client sends in the new protocol are never read as HTTP/1.1.
        r.m_warnings |= static_cast<quint32>(Warning::UpgradeIgnored);
        r.m_switchRequested = true;
    }

    if (transferEncodingOffset >= 0) {
        // RFC 9112 §6.1: Transfer-Encoding overrides Content-Length; both present → 400.
        if (contentLength >= 0)
            return setError(400, QStringLiteral("both Content-Length and Transfer-Encoding (RFC 9112 §6.1)"),
                            transferEncodingOffset);
        if (!http11)
            return setError(400, QStringLiteral("Transfer-Encoding in an HTTP/1.0 request (RFC 9112 §6.1)"),
                            transferEncodingOffset);
        if (codings.chunkedCount == 0 && codings.other.isNull())
            return setError(400, QStringLiteral("empty Transfer-Encoding"), transferEncodingOffset);
        // RFC 9112 §6.3: the final coding must be chunked, and chunked is applied only once.
        if (!codings.chunkedLast)
            return setError(400, QStringLiteral("the last transfer coding is not chunked (RFC 9112 §6.3)"),
                            transferEncodingOffset);
        if (codings.chunkedCount > 1)
            return setError(400, QStringLiteral("chunked applied more than once (RFC 9112 §7)"),
                            transferEncodingOffset);
        if (!codings.other.isNull())
            return setError(501, QStringLiteral("transfer coding '%1' is not supported").arg(latin1(codings.other)),
                            codings.otherOffset);
        r.m_chunked = true;
        m_lineStart = 0;
        m_inMessageBody = true;
        m_state = State::ChunkLine;
        return true;
    }
    if (contentLength > m_limits.maxBodyBytes) {
        return setError(413,
                        QStringLiteral("Content-Length %1 exceeds the %2-byte body limit")
                            .arg(contentLength)
                            .arg(m_limits.maxBodyBytes),
                        contentLengthOffset);
    }
    if (contentLength > 0) {
        // Reserve what is announced, within reason: a lying header must not allocate 100 MiB.
        r.m_body.reserve(static_cast<qsizetype>(qMin<qint64>(contentLength, 1 << 20)));
        m_remaining = contentLength;
        m_inMessageBody = true;
        m_state = State::Body;
        return true;
    }
    r.m_expectContinue = false; // nothing to wait for
    m_state = State::Complete;
    return true;
}

void RequestReader::makeRoom(qsizetype take, qint64 grow)
{
    // reserve() grows the buffer in place (realloc, which moves a large block by remapping its
    // pages); letting append() grow it instead copies the body into a new block, holding it twice
    // for a moment: 180 MB resident for a 90 MB body.
    QByteArray &body = m_req.m_body;
    if (body.size() + take > body.capacity())
        body.reserve(
            static_cast<qsizetype>(qMin<qint64>(body.size() + qMax<qint64>(grow, take), m_limits.maxBodyBytes)));
}

bool RequestReader::parseChunkLine(QByteArrayView line, qint64 lineOffset)
{
    // RFC 9112 §7.1: chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
    HeadParsing::Failure failure;
    const qint64 size = HeadParsing::parseChunkLine(line, lineOffset, m_limits.maxBodyBytes - m_req.m_body.size(),
                                                    m_limits.maxBodyBytes, Side::Request, failure);
    if (size < 0)
        return setError(failure.status, std::move(failure.reason), failure.offset);
    m_remaining = size;
    return true;
}

Limits RequestReader::unlimited()
{
    Limits l;
    l.maxHeadBytes = std::numeric_limits<qsizetype>::max() / 2;
    l.maxHeaderCount = std::numeric_limits<int>::max();
    l.maxBodyBytes = std::numeric_limits<qint64>::max() / 2;
    return l;
}

Request RequestReader::restore(const QByteArray &head, const QByteArray &body, const QByteArray &chunkFraming)
{
    RequestReader reader(unlimited());
    const QByteArray wire = chunkFraming.isEmpty() ? head + body : Request::chunkedWire(head, chunkFraming, body);
    qsizetype pos = 0;
    while (true) {
        const Step step = reader.feed(QByteArrayView(wire).sliced(pos));
        pos += step.consumed;
        if (step.event == Event::MessageComplete)
            return reader.takeRequest();
        if (step.event != Event::HeadComplete)
            return reader.takePartial();
    }
}

Request RequestReader::restorePartial(const QByteArray &raw)
{
    RequestReader reader(unlimited());
    qsizetype pos = 0;
    while (true) {
        const Step step = reader.feed(QByteArrayView(raw).sliced(pos));
        pos += step.consumed;
        if (step.event != Event::HeadComplete)
            return step.event == Event::MessageComplete ? reader.takeRequest() : reader.takePartial();
    }
}

} // namespace Http
