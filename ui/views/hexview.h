#pragma once

#include "bytesearch.h"
#include "gridtext.h"
#include "joblane.h"
#include "rowscrollarea.h"

#include <QByteArray>

#include <algorithm>
#include <cstdlib>
#include <vector>

class QPainter;

namespace Gui {

/// Offset, hex and text of any buffer, 16 bytes a row: `00000010  7b 22 69 64 22 3a 20 31  2c 20 ...
/// {"id": 1, ...`. It holds the QByteArray it is given (shared, never copied), paints only the
/// visible rows and keeps no per-byte state, so a 100 MB body shows and scrolls at once.
///
/// The caret sits between bytes and is drawn around the byte after it. Keys: arrows (a byte, a row),
/// Page Up/Down, Home/End (row), Ctrl+Home/End (buffer); with Shift they select. A mouse drag selects
/// the bytes it passes over, in either column.
///
/// Ctrl+C copies from the column last clicked (activeColumn()): from the hex column as hex pairs
/// separated by spaces ("7b 22 69"); from the text column as the bytes decoded as UTF-8 (invalid
/// sequences become U+FFFD), with the exact bytes also on the clipboard as application/octet-stream.
class HexView : public RowScrollArea
{
    Q_OBJECT

public:
    enum class Column { Hex, Text };
    Q_ENUM(Column)

    static constexpr int bytesPerRow = 16;

    explicit HexView(QWidget *parent = nullptr);
    ~HexView() override;

    void setData(const QByteArray &data);
    QByteArray data() const { return m_data; }
    void clear() { setData({}); }

    /// Marks bytes [offset, offset + length) (at least one), e.g. where a request was rejected.
    void setHighlightRange(qint64 offset, qint64 length);
    void clearHighlightRange() { setHighlightRange(-1, 0); }
    /// Scrolls so that the byte at `offset` is visible; a row that was off screen ends up with three
    /// rows of context above it. The caret and selection stay.
    void scrollToOffset(qint64 offset);
    /// Puts the caret on the byte at `offset`, clears the selection and scrolls there.
    void goToOffset(qint64 offset);

    qint64 cursorPosition() const { return m_cursor; }
    void select(qint64 start, qint64 length);
    qint64 selectionStart() const { return std::min(m_anchor, m_cursor); }
    qint64 selectionLength() const { return std::abs(m_cursor - m_anchor); }
    QByteArray selectedBytes() const;
    void selectAll();
    Column activeColumn() const { return m_column; }
    void setActiveColumn(Column column);
    /// Copies the selection in the form of the active column (large selections are converted on a
    /// pool thread).
    void copy();
    void copyAs(Column column);

    /// Highlights every visible occurrence of `bytes` and selects the next one after the selection
    /// (forward) or the previous one before it, wrapping around; findResult() tells the outcome.
    void find(const QByteArray &bytes, bool forward = true);
    void clearFind();
    bool isSearching() const { return m_findLane.isBusy(); }

    qint64 firstVisibleRow() const { return topRow(); }
    qint64 rowCount() const override;
    /// The painted text of a row: offset, two groups of eight hex pairs, the text column.
    QString rowText(qint64 row) const;
    /// The cell(s) of the byte at `offset` in `column`, in viewport coordinates; empty when off screen.
    QRectF byteRect(qint64 offset, Column column) const;
    /// The byte under a viewport point (clamped to the buffer), and the column it is in.
    qint64 byteAt(const QPoint &viewportPos, Column *column = nullptr) const;

Q_SIGNALS:
    void selectionChanged();
    void cursorPositionChanged(qint64 offset);
    /// After find(): the offset of the match now selected, or -1; `wrapped` when it came from the
    /// other end of the buffer.
    void findResult(qint64 offset, bool wrapped);

protected:
    qreal contentWidth() const override;
    void styleChanged() override;
    void dragScrolled(const QPoint &viewportPos) override;

    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    int offsetDigits() const;
    int hexColumn(int byteInRow) const;
    int textColumn(int byteInRow) const;
    qreal origin() const;
    qreal gutterWidth() const;
    void paintRow(QPainter &painter, qint64 row, qreal y, const std::vector<qint64> &matches);
    void setSelection(qint64 anchor, qint64 cursor);
    void moveCursor(qint64 offset, bool keepAnchor);
    void ensureCursorVisible();
    void dragTo(const QPoint &viewportPos);

    QByteArray m_data;
    GridText m_gridText;
    ByteMatcher m_matcher;
    qint64 m_anchor = 0;
    qint64 m_cursor = 0;
    qint64 m_dragByte = -1; ///< the byte a drag started on; it stays selected whichever way it goes
    qint64 m_highlightStart = -1;
    qint64 m_highlightLength = 0;
    Column m_column = Column::Hex;
    JobLane m_findLane{this};
    JobLane m_copyLane{this};
};

} // namespace Gui
