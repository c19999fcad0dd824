#include "lineindex.h"

#include <algorithm>
#include <cstring>

namespace Gui {

namespace {

constexpr qint64 markEveryLines = 256;
constexpr qint64 markEveryBytes = 64 * 1024;
constexpr qint64 cancelCheckBytes = 4 * 1024 * 1024;

const char *findNewline(const char *from, const char *end)
{
    return static_cast<const char *>(std::memchr(from, '\n', std::size_t(end - from)));
}

} // namespace

LineIndex LineIndex::build(QByteArrayView text, qint64 limit, const std::function<bool()> &cancelled)
{
    LineIndex index;
    const qint64 size = text.size();
    const qint64 stop = limit < 0 ? size : std::min(size, limit);
    const char *data = text.data();
    qint64 lineStart = 0;
    qint64 nextCheck = cancelCheckBytes;
    Mark last{0, 0};
    qint64 pos = 0;
    while (pos < stop) {
        const char *nl = findNewline(data + pos, data + stop);
        if (!nl)
            break;
        const qint64 at = nl - data;
        index.m_longest = std::max(index.m_longest, at - lineStart);
        lineStart = at + 1;
        const qint64 line = index.m_lineCount++;
        if (line - last.line >= markEveryLines || lineStart - last.offset >= markEveryBytes) {
            last = {line, lineStart};
            index.m_marks.push_back(last);
        }
        pos = lineStart;
        if (pos >= nextCheck) {
            nextCheck = pos + cancelCheckBytes;
            if (cancelled && cancelled()) {
                index.m_scanned = pos;
                index.m_complete = false;
                return index;
            }
        }
    }
    index.m_scanned = stop;
    index.m_complete = stop == size;
    index.m_longest = std::max(index.m_longest, stop - lineStart);
    return index;
}

std::size_t LineIndex::markForLine(qint64 line) const
{
    const auto it =
        std::upper_bound(m_marks.begin(), m_marks.end(), line, [](qint64 l, const Mark &m) { return l < m.line; });
    return std::size_t(it - m_marks.begin()) - 1;
}

qint64 LineIndex::endOf(QByteArrayView text, qint64 line, qint64 start, std::size_t mark) const
{
    if (line + 1 >= m_lineCount)
        return m_scanned;
    if (mark + 1 < m_marks.size() && m_marks[mark + 1].line == line + 1)
        return m_marks[mark + 1].offset - 1; // a long line ends where the next mark starts
    const char *nl = findNewline(text.data() + start, text.data() + m_scanned);
    return nl ? nl - text.data() : m_scanned;
}

LineIndex::Range LineIndex::range(QByteArrayView text, qint64 line) const
{
    std::vector<Range> out;
    ranges(text, line, 1, out);
    return out.empty() ? Range{} : out.front();
}

void LineIndex::ranges(QByteArrayView text, qint64 first, qint64 count, std::vector<Range> &out) const
{
    out.clear();
    first = std::clamp<qint64>(first, 0, m_lineCount);
    count = std::min(count, m_lineCount - first);
    if (count <= 0)
        return;
    out.reserve(std::size_t(count));
    std::size_t mark = markForLine(first);
    qint64 line = m_marks[mark].line;
    qint64 start = m_marks[mark].offset;
    // Walk from the mark to `first`: fewer than 256 lines, all short (a line of 64 KiB or more is
    // always the last before a mark).
    while (line < first) {
        start = endOf(text, line, start, mark) + 1;
        ++line;
        if (mark + 1 < m_marks.size() && m_marks[mark + 1].line == line)
            ++mark;
    }
    for (qint64 i = 0; i < count; ++i) {
        const qint64 end = endOf(text, line, start, mark);
        out.push_back({start, end});
        start = end + 1;
        ++line;
        if (mark + 1 < m_marks.size() && m_marks[mark + 1].line == line)
            ++mark;
    }
}

qint64 LineIndex::lineOf(QByteArrayView text, qint64 offset) const
{
    if (offset < 0)
        return 0;
    if (offset > m_scanned)
        return m_complete ? m_lineCount - 1 : -1;
    const auto it =
        std::upper_bound(m_marks.begin(), m_marks.end(), offset, [](qint64 o, const Mark &m) { return o < m.offset; });
    const Mark &mark = *(it - 1);
    // Only the last line of a segment may be long: once there, the offset is in it, unscanned.
    const qint64 lastInSegment = it == m_marks.end() ? m_lineCount - 1 : it->line - 1;
    qint64 line = mark.line;
    const char *p = text.data() + mark.offset;
    const char *end = text.data() + offset;
    while (line < lastInSegment && p < end) {
        const char *nl = findNewline(p, end);
        if (!nl)
            break;
        ++line;
        p = nl + 1;
    }
    return line;
}

} // namespace Gui
