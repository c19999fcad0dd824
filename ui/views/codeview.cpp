#include "codeview.h"
#include "displayline.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLocale>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QVarLengthArray>

#include <cmath>

namespace Gui {

namespace {

// Indexed on the spot by setText(): enough for the first screen of any sensible text, and quick.
constexpr qint64 firstScreenBytes = 256 * 1024;
// Searching or decoding less than this stays on the GUI thread.
constexpr qint64 inlineWorkBytes = 1024 * 1024;
// Cells kept free after a cut line for its marker.
constexpr int markerColumns = 32;

constexpr quint8 plainColor = 0;
constexpr quint8 selectedColor = 255;

} // namespace

struct CodeView::Line
{
    qint64 number = -1;
    qint64 start = 0;
    qint64 end = 0;        // the line feed, or the end of the text
    qint64 contentEnd = 0; // without a CR before the line feed
    DisplayLine display;

    bool isValid() const { return number >= 0; }
    qint64 shownEnd() const { return start + display.bytes; }
    // The column after everything painted on the line (the marker of a cut line included).
    int endColumn() const { return display.columns() + (display.truncated ? markerColumns : 0); }
    // Columns [first, last) covering bytes [a, b) on this line; a line break counts as one cell.
    std::pair<int, int> columns(qint64 a, qint64 b) const
    {
        const auto column = [this](qint64 offset) {
            if (offset >= contentEnd)
                return endColumn();
            if (offset > shownEnd())
                return display.columns();
            return display.columnOf(std::max<qint64>(0, offset - start));
        };
        const int first = column(a);
        const int last = b > contentEnd ? endColumn() + 1 : column(b);
        return {first, std::max(first, last)};
    }
    bool touches(qint64 a, qint64 b) const { return a <= end && b > start; }
};

CodeView::CodeView(QWidget *parent)
    : RowScrollArea(parent)
{
    m_gridText.setFont(font());
    updateScrollBars();
}

CodeView::~CodeView() = default;

void CodeView::setText(const QByteArray &utf8)
{
    m_text = utf8;
    m_findLane.cancel();
    m_pendingReveal = -1;
    m_highlightStart = -1;
    m_highlightLength = 0;
    m_anchor = m_cursor = 0;
    m_goalColumn = -1;
    m_widestSeen = 0;
    m_index = LineIndex::build(m_text, firstScreenBytes);
    setTopRow(0);
    horizontalScrollBar()->setValue(0);
    updateScrollBars();
    viewport()->update();
    Q_EMIT selectionChanged();
    Q_EMIT cursorPositionChanged(0);
    if (m_index.isComplete()) {
        m_indexLane.cancel();
        Q_EMIT indexingFinished(m_index.lineCount());
        return;
    }
    m_indexLane.start(
        threadPool(),
        [text = m_text](const std::function<bool()> &cancelled) { return LineIndex::build(text, -1, cancelled); },
        [this](LineIndex index) {
            m_index = std::move(index);
            updateScrollBars();
            applyPendingReveal();
            viewport()->update();
            Q_EMIT indexingFinished(m_index.lineCount());
        });
}

qint64 CodeView::lineOfOffset(qint64 offset) const
{
    return m_index.lineOf(m_text, std::clamp<qint64>(offset, 0, m_text.size()));
}

void CodeView::setHighlighter(LineHighlighter highlighter)
{
    m_highlighter = std::move(highlighter);
    viewport()->update();
}

void CodeView::setLineNumbersVisible(bool visible)
{
    m_lineNumbers = visible;
    updateScrollBars();
    viewport()->update();
}

void CodeView::setHighlightRange(qint64 offset, qint64 length)
{
    m_highlightStart = offset < 0 ? -1 : std::min<qint64>(offset, m_text.size());
    m_highlightLength = std::max<qint64>(1, length);
    viewport()->update();
}

void CodeView::scrollToOffset(qint64 offset)
{
    offset = std::clamp<qint64>(offset, 0, m_text.size());
    const qint64 line = lineOfOffset(offset);
    if (line < 0) {
        m_pendingReveal = offset; // the index gets there soon
        return;
    }
    m_pendingReveal = -1;
    revealRow(line);
    const Line l = lineAt(line);
    const int column = l.columns(offset, offset + 1).first;
    const qreal pad = charWidth() / 2;
    ensureXVisible(pad + column * charWidth(), pad + (column + 1) * charWidth(), viewport()->width() - gutterWidth());
}

void CodeView::applyPendingReveal()
{
    if (m_pendingReveal >= 0 && lineOfOffset(m_pendingReveal) >= 0)
        scrollToOffset(m_pendingReveal);
}

// ---- lines

qint64 CodeView::contentEnd(const LineIndex::Range &range) const
{
    if (range.end > range.start && m_text.at(range.end - 1) == '\r')
        return range.end - 1;
    return range.end;
}

CodeView::Line CodeView::lineAt(const LineIndex::Range &range) const
{
    Line l;
    l.start = range.start;
    l.end = range.end;
    l.contentEnd = contentEnd(range);
    l.display = DisplayLine::decode(QByteArrayView(m_text).sliced(l.start, l.contentEnd - l.start), maxLineColumns);
    return l;
}

CodeView::Line CodeView::lineAt(qint64 line) const
{
    if (line < 0 || line >= m_index.lineCount())
        return {};
    Line l = lineAt(m_index.range(m_text, line));
    l.number = line;
    return l;
}

QString CodeView::lineText(qint64 line) const
{
    return lineAt(line).display.text;
}

QList<Span> CodeView::lineSpans(qint64 line) const
{
    QList<Span> spans;
    const Line l = lineAt(line);
    if (l.isValid())
        spansFor(l, spans);
    return spans;
}

void CodeView::spansFor(const Line &line, QList<Span> &spans) const
{
    spans.clear();
    const QByteArrayView bytes = QByteArrayView(m_text).sliced(line.start, line.display.bytes);
    if (m_highlighter)
        m_highlighter(line.start, bytes, spans);
    if (m_matcher.isEmpty())
        return;
    const qsizetype n = m_matcher.size();
    for (qsizetype at = m_matcher.indexIn(bytes); at >= 0; at = m_matcher.indexIn(bytes, at + n))
        spans.append({at, n, SpanRole::Match});
}

// ---- geometry

qreal CodeView::gutterWidth() const
{
    if (!m_lineNumbers)
        return 0;
    const int digits = std::max(3, int(QString::number(m_index.lineCount()).size()));
    return (digits + 2) * charWidth();
}

qreal CodeView::textOrigin() const
{
    return gutterWidth() + charWidth() / 2 - scrollX();
}

qreal CodeView::contentWidth() const
{
    qint64 columns = std::min<qint64>(m_index.longestLine(), maxLineColumns);
    if (m_index.longestLine() > maxLineColumns)
        columns += markerColumns;
    columns = std::max<qint64>(columns, m_widestSeen);
    return gutterWidth() + (columns + 2) * charWidth();
}

void CodeView::styleChanged()
{
    m_gridText.setFont(font());
    updateScrollBars();
}

QRectF CodeView::offsetRect(qint64 offset) const
{
    const qint64 line = lineOfOffset(offset);
    if (line < topRow() || line >= topRow() + visibleRows())
        return {};
    const Line l = lineAt(line);
    const int column = l.columns(offset, offset + 1).first;
    return {textOrigin() + column * charWidth(), (line - topRow()) * rowHeight(), charWidth(), rowHeight()};
}

qint64 CodeView::offsetAt(const QPoint &viewportPos) const
{
    const qint64 row = topRow() + qint64(std::floor(viewportPos.y() / rowHeight()));
    const Line l = lineAt(std::clamp<qint64>(row, 0, m_index.lineCount() - 1));
    if (!l.isValid())
        return 0;
    const int column = qRound((viewportPos.x() - textOrigin()) / charWidth());
    if (column > l.display.columns() && l.display.truncated)
        return l.contentEnd;
    const qint64 offset = l.start + l.display.byteAt(column);
    return offset >= l.shownEnd() && !l.display.truncated ? l.contentEnd : offset;
}

// ---- painting

void CodeView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const ViewTheme &t = theme();
    const QRect area = viewport()->rect();
    painter.fillRect(area, t.base);
    painter.setFont(font());

    const qreal gutter = gutterWidth();
    const qreal origin = textOrigin();
    const int firstColumn = std::max(0, int(std::floor((gutter - origin) / charWidth())));
    const int lastColumn = int(std::ceil((area.width() - origin) / charWidth())) + 1;

    std::vector<LineIndex::Range> ranges;
    m_index.ranges(m_text, topRow(), visibleRows(), ranges);
    const qint64 cursorLine = lineOfOffset(m_cursor);
    painter.save();
    painter.setClipRect(QRectF(gutter, 0, area.width() - gutter, area.height()));
    int widest = m_widestSeen;
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        Line line = lineAt(ranges[i]);
        line.number = topRow() + qint64(i);
        widest = std::max(widest, line.endColumn());
        paintLine(painter, line, line.number == cursorLine, qreal(i) * rowHeight(), firstColumn, lastColumn);
    }
    painter.restore();

    if (m_lineNumbers) {
        painter.fillRect(QRectF(0, 0, gutter, area.height()), t.gutter);
        for (std::size_t i = 0; i < ranges.size(); ++i) {
            const qint64 number = topRow() + qint64(i);
            const QString label = QString::number(number + 1);
            painter.setPen(number == cursorLine ? t.text : t.dimText);
            painter.drawText(QPointF(gutter - (label.size() + 1) * charWidth(), qreal(i) * rowHeight() + ascent()),
                             label);
        }
    }

    if (widest > m_widestSeen) {
        // A line with tabs is wider than its bytes; let the scroll bar know, after this paint.
        m_widestSeen = widest;
        QMetaObject::invokeMethod(
            this, [this] { updateScrollBars(); }, Qt::QueuedConnection);
    }
}

void CodeView::paintLine(QPainter &painter, const Line &line, bool cursorLine, qreal y, int firstColumn, int lastColumn)
{
    const ViewTheme &t = theme();
    const DisplayLine &d = line.display;
    const qreal cw = charWidth();
    const qreal origin = textOrigin();
    const auto fillColumns = [&](std::pair<int, int> c, const QColor &color) {
        if (c.second > c.first)
            painter.fillRect(QRectF(origin + c.first * cw, y, (c.second - c.first) * cw, rowHeight()), color);
    };

    QList<Span> spans;
    spansFor(line, spans);
    for (const Span &s : spans) {
        if (s.role == SpanRole::Match || s.role == SpanRole::Error)
            fillColumns(line.columns(line.start + s.start, line.start + s.start + s.length),
                        s.role == SpanRole::Match ? t.matchBackground : t.errorBackground);
    }
    if (m_highlightStart >= 0 && line.touches(m_highlightStart, m_highlightStart + m_highlightLength))
        fillColumns(line.columns(m_highlightStart, m_highlightStart + m_highlightLength), t.highlightRange);
    const qint64 selStart = selectionStart();
    const qint64 selEnd = selStart + selectionLength();
    const bool selected = selEnd > selStart && line.touches(selStart, selEnd);
    std::pair<int, int> selColumns{0, 0};
    if (selected) {
        selColumns = line.columns(selStart, selEnd);
        fillColumns(selColumns, t.selection);
    }

    // One colour per visible cell, then one glyph run per colour.
    const int c0 = std::min(firstColumn, d.columns());
    const int c1 = std::min(lastColumn, d.columns());
    if (c1 > c0) {
        QVarLengthArray<quint8, 512> colors(c1 - c0);
        std::fill(colors.begin(), colors.end(), plainColor);
        const auto paintColumns = [&](std::pair<int, int> c, quint8 color) {
            for (int col = std::max(c.first, c0); col < std::min(c.second, c1); ++col)
                colors[col - c0] = color;
        };
        for (const Span &s : spans) {
            if (s.role != SpanRole::Match)
                paintColumns(line.columns(line.start + s.start, line.start + s.start + s.length),
                             quint8(1 + int(s.role)));
        }
        if (selected)
            paintColumns(selColumns, selectedColor);
        m_gridText.draw(painter, origin, y + ascent(), cw, d.text, c0, c1, colors.constData(), [&t](quint8 c) {
            return c == plainColor ? t.text : c == selectedColor ? t.selectedText : t.colorFor(SpanRole(c - 1));
        });
    }

    if (d.truncated) {
        painter.setPen(t.dimText);
        const QString marker = tr("… %1 more bytes").arg(QLocale().toString(line.contentEnd - line.shownEnd()));
        painter.drawText(QPointF(origin + (d.columns() + 1) * cw, y + ascent()), marker);
    }

    if (cursorLine && hasFocus()) {
        const int column = line.columns(m_cursor, m_cursor + 1).first;
        painter.fillRect(QRectF(origin + column * cw, y, std::max<qreal>(1, cw / 8), rowHeight()), t.caret);
    }
}

// ---- selection and the caret

void CodeView::setSelection(qint64 anchor, qint64 cursor)
{
    anchor = std::clamp<qint64>(anchor, 0, m_text.size());
    cursor = std::clamp<qint64>(cursor, 0, m_text.size());
    const bool selectionMoved = anchor != m_anchor || cursor != m_cursor;
    const bool cursorMoved = cursor != m_cursor;
    m_anchor = anchor;
    m_cursor = cursor;
    if (!selectionMoved)
        return;
    viewport()->update();
    Q_EMIT selectionChanged();
    if (cursorMoved)
        Q_EMIT cursorPositionChanged(m_cursor);
}

void CodeView::setCursorPosition(qint64 offset)
{
    m_goalColumn = -1;
    setSelection(offset, offset);
    ensureCursorVisible();
}

void CodeView::select(qint64 start, qint64 length)
{
    m_goalColumn = -1;
    setSelection(start, start + length);
    ensureCursorVisible();
}

void CodeView::selectAll()
{
    setSelection(0, m_text.size());
}

QByteArray CodeView::selectedBytes() const
{
    return m_text.sliced(selectionStart(), selectionLength());
}

void CodeView::moveCursor(qint64 offset, bool keepAnchor)
{
    setSelection(keepAnchor ? m_anchor : offset, offset);
    ensureCursorVisible();
}

void CodeView::ensureCursorVisible()
{
    const qint64 line = lineOfOffset(m_cursor);
    if (line < 0) {
        m_pendingReveal = m_cursor;
        return;
    }
    ensureRowVisible(line);
    const Line l = lineAt(line);
    const int column = l.columns(m_cursor, m_cursor + 1).first;
    const qreal pad = charWidth() / 2;
    ensureXVisible(pad + column * charWidth(), pad + (column + 1) * charWidth(), viewport()->width() - gutterWidth());
}

qint64 CodeView::verticalMove(qint64 lines)
{
    const qint64 line = lineOfOffset(m_cursor);
    if (line < 0)
        return m_cursor;
    if (m_goalColumn < 0)
        m_goalColumn = lineAt(line).columns(m_cursor, m_cursor + 1).first;
    const qint64 target = line + lines;
    if (target < 0)
        return 0;
    if (target >= m_index.lineCount())
        return m_index.isComplete() ? m_text.size() : m_cursor;
    const Line l = lineAt(target);
    if (m_goalColumn > l.display.columns())
        return l.contentEnd;
    return std::min(l.start + l.display.byteAt(m_goalColumn), l.contentEnd);
}

// ---- find and copy

void CodeView::find(const QString &text, bool forward, Qt::CaseSensitivity cs)
{
    m_matcher = ByteMatcher(text.toUtf8(), cs);
    viewport()->update();
    if (m_matcher.isEmpty()) {
        m_findLane.cancel();
        Q_EMIT findResult(-1, false);
        return;
    }
    const qint64 from = forward ? selectionStart() + selectionLength() : selectionStart();
    auto work = [text = m_text, matcher = m_matcher, from, forward](const std::function<bool()> &cancelled) {
        return matcher.searchWrapping(text, from, forward, cancelled);
    };
    auto done = [this, n = m_matcher.size()](ByteMatcher::Hit hit) {
        if (hit.offset >= 0) {
            m_goalColumn = -1;
            setSelection(hit.offset, hit.offset + n);
            scrollToOffset(hit.offset); // with context above, where ensureCursorVisible() would not
            ensureCursorVisible();
        }
        Q_EMIT findResult(hit.offset, hit.wrapped);
    };
    if (m_text.size() <= inlineWorkBytes) {
        m_findLane.cancel();
        done(work({}));
    } else {
        m_findLane.start(threadPool(), std::move(work), std::move(done));
    }
}

void CodeView::clearFind()
{
    m_findLane.cancel();
    m_matcher = {};
    viewport()->update();
}

void CodeView::copy()
{
    const qint64 start = selectionStart();
    const qint64 length = selectionLength();
    if (length == 0)
        return;
    auto work = [text = m_text, start, length](const std::function<bool()> &) {
        return QString::fromUtf8(QByteArrayView(text).sliced(start, length));
    };
    if (length <= inlineWorkBytes) {
        m_copyLane.cancel();
        setClipboardText(work({}), false);
    } else {
        m_copyLane.start(threadPool(), std::move(work), [this](const QString &text) { setClipboardText(text, false); });
    }
}

void CodeView::setClipboardText(const QString &text, bool mouseSelection)
{
    QClipboard *clipboard = QGuiApplication::clipboard();
    if (mouseSelection && !clipboard->supportsSelection())
        return;
    clipboard->setText(text, mouseSelection ? QClipboard::Selection : QClipboard::Clipboard);
}

// ---- input

void CodeView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copy();
        return;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        selectAll();
        return;
    }
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    const bool shift = mods & Qt::ShiftModifier;
    const bool ctrl = mods & Qt::ControlModifier;
    if (mods & ~(Qt::ShiftModifier | Qt::ControlModifier)) {
        event->ignore();
        return;
    }
    const qint64 line = lineOfOffset(m_cursor);
    const Line l = lineAt(line);
    qint64 target = m_cursor;
    bool vertical = false;
    switch (event->key()) {
    case Qt::Key_Left:
        if (!l.isValid() || m_cursor > l.start)
            target = m_cursor > l.shownEnd() && l.isValid() ? l.shownEnd() : utf8PreviousChar(m_text, m_cursor);
        else
            target = l.number > 0 ? lineAt(l.number - 1).contentEnd : 0;
        break;
    case Qt::Key_Right:
        if (l.isValid() && m_cursor >= l.contentEnd)
            target = std::min<qint64>(l.end + 1, m_text.size());
        else if (l.isValid() && m_cursor >= l.shownEnd())
            target = l.contentEnd;
        else
            target = std::min<qint64>(m_cursor + utf8CharLength(m_text, m_cursor), m_text.size());
        break;
    case Qt::Key_Up:
    case Qt::Key_Down:
        if (ctrl) {
            setTopRow(topRow() + (event->key() == Qt::Key_Up ? -1 : 1));
            return;
        }
        target = verticalMove(event->key() == Qt::Key_Up ? -1 : 1);
        vertical = true;
        break;
    case Qt::Key_PageUp:
    case Qt::Key_PageDown: {
        const int page = event->key() == Qt::Key_PageUp ? -pageRows() : pageRows();
        target = verticalMove(page);
        setTopRow(topRow() + page);
        vertical = true;
        break;
    }
    case Qt::Key_Home:
        target = ctrl || !l.isValid() ? 0 : l.start;
        break;
    case Qt::Key_End:
        target = ctrl || !l.isValid() ? m_text.size() : l.contentEnd;
        break;
    default:
        event->ignore(); // Ctrl+F and the like belong to the window
        return;
    }
    const int goal = m_goalColumn;
    moveCursor(target, shift);
    m_goalColumn = vertical ? goal : -1;
}

void CodeView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        event->ignore();
        return;
    }
    m_goalColumn = -1;
    const QPoint pos = event->position().toPoint();
    if (m_lineNumbers && pos.x() < gutterWidth()) {
        // A click on a line number selects the whole line, break included.
        const Line l = lineAt(std::clamp<qint64>(topRow() + qint64(pos.y() / rowHeight()), 0, lineCount() - 1));
        if (l.isValid()) {
            setSelection(l.start, std::min<qint64>(l.end + 1, m_text.size()));
            ensureCursorVisible();
        }
        return;
    }
    m_dragging = true;
    moveCursor(offsetAt(pos), event->modifiers() & Qt::ShiftModifier);
}

void CodeView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    // A word: letters, digits, '_' and any non-ASCII byte, within the painted part of the line.
    const qint64 at = offsetAt(event->position().toPoint());
    const Line l = lineAt(lineOfOffset(at));
    if (!l.isValid())
        return;
    const auto isWord = [this](qint64 i) {
        const auto c = static_cast<unsigned char>(m_text.at(i));
        return c >= 0x80 || c == '_' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    };
    qint64 start = at;
    qint64 end = at;
    while (start > l.start && isWord(start - 1))
        --start;
    while (end < l.shownEnd() && isWord(end))
        ++end;
    setSelection(start, end);
}

void CodeView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging || !(event->buttons() & Qt::LeftButton))
        return;
    extendDragSelection(event->position().toPoint());
    updateDragScroll(event->position().toPoint());
}

void CodeView::extendDragSelection(const QPoint &viewportPos)
{
    setSelection(m_anchor, offsetAt(viewportPos));
}

void CodeView::dragScrolled(const QPoint &viewportPos)
{
    if (m_dragging)
        extendDragSelection(viewportPos);
}

void CodeView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_dragging = false;
    stopDragScroll();
    if (selectionLength() > 0 && selectionLength() <= inlineWorkBytes)
        setClipboardText(QString::fromUtf8(QByteArrayView(m_text).sliced(selectionStart(), selectionLength())), true);
}

void CodeView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *copyAction = menu.addAction(tr("&Copy"), this, &CodeView::copy);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setEnabled(selectionLength() > 0);
    QAction *all = menu.addAction(tr("Select &All"), this, &CodeView::selectAll);
    all->setShortcut(QKeySequence::SelectAll);
    menu.exec(event->globalPos());
}

void CodeView::focusInEvent(QFocusEvent *event)
{
    RowScrollArea::focusInEvent(event);
    viewport()->update();
}

void CodeView::focusOutEvent(QFocusEvent *event)
{
    RowScrollArea::focusOutEvent(event);
    viewport()->update();
}

} // namespace Gui
