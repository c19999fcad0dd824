#pragma once

#include <QByteArrayView>

#include <functional>
#include <vector>

namespace Gui {

/// Where the lines of a text start, kept sparse so that it stays small for any text: a mark at
/// every 256th line start, and at every line start 64 KiB or more past the previous mark. A lookup
/// scans less than 64 KiB from the nearest mark, and the end of a long line is always the next mark,
/// so a view that walks its visible lines never scans a long line.
///
/// A text of n line feeds has n + 1 lines (the last one may be empty); a CR before the LF belongs
/// to the line. The index may cover only a prefix of the text (see isComplete()): the lines it
/// knows end at the scanned length.
class LineIndex
{
public:
    struct Range
    {
        qint64 start = 0;
        qint64 end = 0; ///< offset of the line feed, or of the end of the text
    };

    /// Scans `text` up to `limit` bytes (rounded up to the end of a line only when the text ends
    /// there). `cancelled`, when set, is checked every few MiB; a cancelled scan returns what it has.
    static LineIndex build(QByteArrayView text, qint64 limit = -1, const std::function<bool()> &cancelled = {});

    qint64 lineCount() const { return m_lineCount; }
    bool isComplete() const { return m_complete; }
    qint64 scannedBytes() const { return m_scanned; }
    /// The longest line seen, in bytes.
    qint64 longestLine() const { return m_longest; }

    /// The line containing `offset` (an offset equal to a line end belongs to that line), or -1 when
    /// the offset lies past the scanned part.
    qint64 lineOf(QByteArrayView text, qint64 offset) const;
    Range range(QByteArrayView text, qint64 line) const;
    /// Ranges of lines `first` .. `first + count - 1` (cut at lineCount()), in one walk.
    void ranges(QByteArrayView text, qint64 first, qint64 count, std::vector<Range> &out) const;

private:
    struct Mark
    {
        qint64 line;
        qint64 offset;
    };
    std::size_t markForLine(qint64 line) const;
    qint64 endOf(QByteArrayView text, qint64 line, qint64 start, std::size_t mark) const;

    std::vector<Mark> m_marks{{0, 0}};
    qint64 m_lineCount = 1;
    qint64 m_scanned = 0;
    qint64 m_longest = 0;
    bool m_complete = true;
};

} // namespace Gui
