#include "request.h"
#include "syntax.h"

#include <limits>

namespace Http {

QString Request::warningName(Warning w)
{
    switch (w) {
    case Warning::MissingHost:
        return QStringLiteral("missing-host");
    case Warning::MultipleHost:
        return QStringLiteral("multiple-host");
    case Warning::ConnectNotTunneled:
        return QStringLiteral("connect-not-tunneled");
    case Warning::UpgradeIgnored:
        return QStringLiteral("upgrade-ignored");
    case Warning::Http2Preface:
        return QStringLiteral("http2-preface");
    }
    return {};
}

QStringList Request::warnings() const
{
    QStringList names;
    for (quint32 bit = 1; bit != 0 && bit <= m_warnings; bit <<= 1) {
        if (m_warnings & bit)
            names.append(warningName(static_cast<Warning>(bit)));
    }
    return names;
}

// The kept framing may end with the chunk-size line that was rejected, e.g. for a size past 64
// bits, so this saturates instead of overflowing.
static qint64 chunkSizeOf(QByteArrayView line)
{
    qint64 size = 0;
    for (char c : line) {
        const int digit = Syntax::hexValue(c);
        if (digit < 0)
            break;
        if (size > (std::numeric_limits<qint64>::max() >> 4))
            return std::numeric_limits<qint64>::max();
        size = size * 16 + digit;
    }
    return size;
}

QByteArray Request::chunkedWire(const QByteArray &head, const QByteArray &framing, const QByteArray &body)
{
    QByteArray out;
    out.reserve(head.size() + framing.size() + body.size() + 64);
    out += head;
    qsizetype lineStart = 0;
    qsizetype bodyPos = 0;
    while (lineStart < framing.size()) {
        const qsizetype newline = framing.indexOf('\n', lineStart);
        if (newline < 0)
            break;
        const QByteArrayView line = QByteArrayView(framing).sliced(lineStart, newline + 1 - lineStart);
        out += line;
        lineStart = newline + 1;
        const qint64 size = qMin<qint64>(chunkSizeOf(line), body.size() - bodyPos);
        if (size <= 0)
            break; // the last chunk: the trailer section follows
        out += QByteArrayView(body).sliced(bodyPos, size);
        out += "\r\n";
        bodyPos += size;
    }
    out += QByteArrayView(framing).sliced(lineStart);
    return out;
}

QByteArray Request::wireBytes(qsizetype limit) const
{
    QByteArray out;
    // Appends while under the limit; false once it is reached.
    const auto add = [&out, limit](QByteArrayView bytes) {
        out += bytes.first(qMin(bytes.size(), limit - out.size()));
        return out.size() < limit;
    };
    if (!m_chunked) {
        out.reserve(qMin(m_rawHead.size() + m_body.size(), limit));
        add(m_rawHead) && add(m_body);
        return out;
    }
    out.reserve(qMin(m_rawHead.size() + m_chunkFraming.size() + m_body.size() + 64, limit));
    if (!add(m_rawHead))
        return out;
    const QByteArrayView framing(m_chunkFraming);
    const qsizetype linesEnd = m_trailerSectionOffset == NoTrailerSection ? framing.size() : m_trailerSectionOffset;
    qsizetype lineStart = 0;
    qsizetype bodyPos = 0;
    while (lineStart < linesEnd) {
        const qsizetype newline = framing.sliced(0, linesEnd).indexOf('\n', lineStart);
        if (newline < 0) { // a chunk-size line still being read
            add(framing.sliced(lineStart, linesEnd - lineStart));
            return out;
        }
        const QByteArrayView line = framing.sliced(lineStart, newline + 1 - lineStart);
        if (!add(line))
            return out;
        lineStart = newline + 1;
        const qint64 size = chunkSizeOf(line);
        if (size == 0)
            continue;
        const qint64 take = qMin<qint64>(size, m_body.size() - bodyPos);
        if (!add(QByteArrayView(m_body).sliced(bodyPos, take)))
            return out;
        bodyPos += take;
        if (take < size)
            return out;
        const bool openChunk = lineStart >= linesEnd && m_openChunkCrlf >= 0;
        if (!add(QByteArrayView("\r\n", openChunk ? m_openChunkCrlf : 2)))
            return out;
    }
    if (m_trailerSectionOffset != NoTrailerSection)
        add(framing.sliced(m_trailerSectionOffset));
    return out;
}

} // namespace Http
