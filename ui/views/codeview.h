#pragma once

#include "bytesearch.h"
#include "gridtext.h"
#include "joblane.h"
#include "lineindex.h"
#include "rowscrollarea.h"
#include "span.h"

#include <QByteArray>

#include <algorithm>
#include <cstdlib>

class QPainter;

namespace Gui {

/// A read-only view of a UTF-8 text of any size (a 25 MB JSON body, a 100 MB raw request): it never
/// lays out the document. It keeps a sparse line index, paints only the visible lines, in a grid of
/// fixed-width cells, and colours them through a LineHighlighter. Lines longer than
/// maxLineColumns cells are cut with a marker (copying still copies them whole).
///
/// setText() returns at once: it indexes the first 256 KiB on the spot, so the first screen shows
/// immediately, and the rest on a pool thread; a newer setText() drops older work.
///
/// Keys: arrows, Page Up/Down, Home/End (line), Ctrl+Home/End (text) move the caret, with Shift
/// they select; Ctrl+Up/Down scroll; Ctrl+A selects all; Ctrl+C copies the selected bytes as text.
/// Ctrl+F is left to the window, which calls find().
class CodeView : public RowScrollArea
{
    Q_OBJECT

public:
    static constexpr int maxLineColumns = 10000;

    explicit CodeView(QWidget *parent = nullptr);
    ~CodeView() override;

    void setText(const QByteArray &utf8);
    QByteArray text() const { return m_text; }
    void clear() { setText({}); }
    /// True while the line index is still being built on a pool thread.
    bool isIndexing() const { return m_indexLane.isBusy(); }
    /// Lines indexed so far (all of them once isIndexing() is false).
    qint64 lineCount() const { return m_index.lineCount(); }
    /// The line holding byte `offset`, or -1 when the index has not reached it yet.
    qint64 lineOfOffset(qint64 offset) const;

    void setHighlighter(LineHighlighter highlighter);
    void setLineNumbersVisible(bool visible);
    bool lineNumbersVisible() const { return m_lineNumbers; }

    /// Marks bytes [offset, offset + length) (at least one cell, also at the end of a line or of the
    /// text), e.g. where a parser failed. Does not scroll: pair it with scrollToOffset().
    void setHighlightRange(qint64 offset, qint64 length);
    void clearHighlightRange() { setHighlightRange(-1, 0); }
    /// Scrolls so that the byte at `offset` is visible; a line that was off screen ends up with three
    /// lines of context above it. Waits for the index when it has not reached the offset yet.
    void scrollToOffset(qint64 offset);

    /// The caret (a byte offset between characters) and the selection [start, start + length).
    qint64 cursorPosition() const { return m_cursor; }
    void setCursorPosition(qint64 offset);
    void select(qint64 start, qint64 length);
    qint64 selectionStart() const { return std::min(m_anchor, m_cursor); }
    qint64 selectionLength() const { return std::abs(m_cursor - m_anchor); }
    QByteArray selectedBytes() const;
    void selectAll();
    /// Puts the selection on the clipboard as text (large selections are decoded on a pool thread).
    void copy();

    /// Highlights every visible match of `text` and selects the next one after the selection
    /// (forward) or the previous one before it, wrapping around; findResult() tells the outcome.
    /// Case-insensitive compares ASCII letters only.
    void find(const QString &text, bool forward = true, Qt::CaseSensitivity cs = Qt::CaseInsensitive);
    void clearFind();
    bool isSearching() const { return m_findLane.isBusy(); }

    qint64 firstVisibleLine() const { return topRow(); }
    /// The painted text of a line (tabs expanded, cut at maxLineColumns), for tests and tooltips.
    QString lineText(qint64 line) const;
    /// The spans painted on a line: the highlighter's, then one Match span per visible find hit.
    QList<Span> lineSpans(qint64 line) const;
    /// The cell of the byte at `offset` in viewport coordinates; empty when it is not on screen.
    QRectF offsetRect(qint64 offset) const;
    /// The caret position nearest to a viewport point.
    qint64 offsetAt(const QPoint &viewportPos) const;

Q_SIGNALS:
    void indexingFinished(qint64 lineCount);
    void selectionChanged();
    void cursorPositionChanged(qint64 offset);
    /// After find(): the offset of the match now selected, or -1; `wrapped` when it came from the
    /// other end of the text.
    void findResult(qint64 offset, bool wrapped);

protected:
    qint64 rowCount() const override { return m_index.lineCount(); }
    qreal contentWidth() const override;
    void styleChanged() override;
    void dragScrolled(const QPoint &viewportPos) override;

    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    struct Line; // one visible line, decoded
    Line lineAt(const LineIndex::Range &range) const;
    Line lineAt(qint64 line) const;
    qint64 contentEnd(const LineIndex::Range &range) const;
    qreal gutterWidth() const;
    qreal textOrigin() const;
    void paintLine(QPainter &painter, const Line &line, bool cursorLine, qreal y, int firstColumn, int lastColumn);
    void spansFor(const Line &line, QList<Span> &spans) const;

    void moveCursor(qint64 offset, bool keepAnchor);
    void setSelection(qint64 anchor, qint64 cursor);
    void ensureCursorVisible();
    qint64 verticalMove(qint64 lines);
    void extendDragSelection(const QPoint &viewportPos);
    void applyPendingReveal();
    void setClipboardText(const QString &text, bool mouseSelection);

    QByteArray m_text;
    LineIndex m_index;
    GridText m_gridText;
    LineHighlighter m_highlighter;
    ByteMatcher m_matcher;
    qint64 m_anchor = 0;
    qint64 m_cursor = 0;
    int m_goalColumn = -1;
    qint64 m_highlightStart = -1;
    qint64 m_highlightLength = 0;
    qint64 m_pendingReveal = -1;
    int m_widestSeen = 0;
    bool m_lineNumbers = true;
    bool m_dragging = false;
    JobLane m_indexLane{this};
    JobLane m_findLane{this};
    JobLane m_copyLane{this};
};

} // namespace Gui
