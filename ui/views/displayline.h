#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace Gui {

/// Length of the UTF-8 character starting at `pos`: 2 to 4 for a valid multi-byte sequence, 1 for
/// ASCII and for any byte that does not start a valid sequence.
int utf8CharLength(QByteArrayView bytes, qsizetype pos);
/// The start of the character that ends at `pos` (the position a caret moves to going left).
qsizetype utf8PreviousChar(QByteArrayView bytes, qsizetype pos);

/// One line as painted: a grid of equal cells, one QChar per cell. Tabs are expanded; control and
/// invisible formatting characters show as a middle dot, each byte of invalid UTF-8 as U+FFFD; so
/// every byte boundary has a column and a column maps back to a byte boundary.
struct DisplayLine
{
    static constexpr int tabWidth = 4;
    static constexpr QChar controlPlaceholder = QChar(0x00B7); // middle dot

    QString text;
    QList<int> columnOfByte; ///< empty when byte i is column i (printable ASCII); else bytes + 1 entries
    qsizetype bytes = 0;     ///< bytes shown; fewer than the line has when truncated
    bool truncated = false;

    /// Decodes up to `maxColumns` cells of `line` (which holds no line feed).
    static DisplayLine decode(QByteArrayView line, int maxColumns);

    int columns() const { return int(text.size()); }
    /// The column where the byte at `byte` (relative to the line) starts; past the shown bytes: the end.
    int columnOf(qsizetype byte) const;
    /// The byte boundary at `column`, or the next one after it.
    qsizetype byteAt(int column) const;
};

} // namespace Gui
