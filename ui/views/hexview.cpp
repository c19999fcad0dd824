#include "hexview.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QMenu>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

#include <array>
#include <cmath>

namespace Gui {

namespace {

constexpr qint64 inlineWorkBytes = 1024 * 1024;
constexpr int textStart = 50;              // column of the text column's first byte
constexpr int rowColumns = textStart + 16; // hex, gap, text
constexpr char hexDigits[] = "0123456789abcdef";

enum class Ink : quint8 { Plain, Dim, Selected };

bool isPrintable(unsigned char c)
{
    return c >= 0x20 && c < 0x7F;
}

} // namespace

HexView::HexView(QWidget *parent)
    : RowScrollArea(parent)
{
    viewport()->setCursor(Qt::ArrowCursor);
    m_gridText.setFont(font());
    updateScrollBars();
}

HexView::~HexView() = default;

void HexView::setData(const QByteArray &data)
{
    // Nothing here may look at the bytes: this must be as quick for 100 MB as for 10 bytes.
    m_data = data;
    m_findLane.cancel();
    m_anchor = m_cursor = 0;
    m_dragByte = -1;
    m_highlightStart = -1;
    m_highlightLength = 0;
    setTopRow(0);
    horizontalScrollBar()->setValue(0);
    updateScrollBars();
    viewport()->update();
    Q_EMIT selectionChanged();
    Q_EMIT cursorPositionChanged(0);
}

qint64 HexView::rowCount() const
{
    return (m_data.size() + bytesPerRow - 1) / bytesPerRow;
}

// ---- geometry

int HexView::offsetDigits() const
{
    int digits = 8;
    while (digits < 16 && (m_data.size() - 1) >> (4 * digits) > 0)
        ++digits;
    return digits;
}

int HexView::hexColumn(int byteInRow) const
{
    return 3 * byteInRow + (byteInRow >= 8 ? 1 : 0);
}

int HexView::textColumn(int byteInRow) const
{
    return textStart + byteInRow;
}

qreal HexView::gutterWidth() const
{
    return (offsetDigits() + 2) * charWidth();
}

qreal HexView::origin() const
{
    return gutterWidth() + charWidth() - scrollX();
}

void HexView::styleChanged()
{
    m_gridText.setFont(font());
}

qreal HexView::contentWidth() const
{
    return gutterWidth() + (rowColumns + 2) * charWidth();
}

QRectF HexView::byteRect(qint64 offset, Column column) const
{
    const qint64 row = offset / bytesPerRow;
    if (offset < 0 || row < topRow() || row >= topRow() + visibleRows())
        return {};
    const int i = int(offset % bytesPerRow);
    const int first = column == Column::Hex ? hexColumn(i) : textColumn(i);
    const int width = column == Column::Hex ? 2 : 1;
    return {origin() + first * charWidth(), (row - topRow()) * rowHeight(), width * charWidth(), rowHeight()};
}

qint64 HexView::byteAt(const QPoint &viewportPos, Column *column) const
{
    if (m_data.isEmpty())
        return 0;
    const qint64 row =
        std::clamp<qint64>(topRow() + qint64(std::floor(viewportPos.y() / rowHeight())), 0, rowCount() - 1);
    const int cell = int(std::floor((viewportPos.x() - origin()) / charWidth()));
    const bool inText = cell >= textStart - 1;
    int i = inText ? cell - textStart : (cell - (cell >= hexColumn(8) ? 1 : 0)) / 3;
    i = std::clamp(i, 0, bytesPerRow - 1);
    if (column)
        *column = inText ? Column::Text : Column::Hex;
    return std::min<qint64>(row * bytesPerRow + i, m_data.size() - 1);
}

QString HexView::rowText(qint64 row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    const qint64 start = row * bytesPerRow;
    const int n = int(std::min<qint64>(bytesPerRow, m_data.size() - start));
    QString hex(textStart - 2, QLatin1Char(' '));
    QString text(n, QLatin1Char(' '));
    for (int i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(m_data.at(start + i));
        hex[hexColumn(i)] = QLatin1Char(hexDigits[c >> 4]);
        hex[hexColumn(i) + 1] = QLatin1Char(hexDigits[c & 0xF]);
        text[i] = isPrintable(c) ? QLatin1Char(char(c)) : QLatin1Char('.');
    }
    return QString::number(start, 16).rightJustified(offsetDigits(), QLatin1Char('0')) + QLatin1String("  ") + hex +
           QLatin1String("  ") + text;
}

// ---- painting

void HexView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const ViewTheme &t = theme();
    const QRect area = viewport()->rect();
    painter.fillRect(area, t.base);
    painter.setFont(font());
    const qreal gutter = gutterWidth();
    painter.fillRect(QRectF(0, 0, gutter, area.height()), t.gutter);

    const qint64 first = topRow();
    const qint64 last = std::min(rowCount(), first + visibleRows());
    // The find hits on screen, found once for all rows.
    std::vector<qint64> matches;
    if (!m_matcher.isEmpty() && last > first) {
        const qint64 from = std::max<qint64>(0, first * bytesPerRow - m_matcher.size() + 1);
        const qint64 to = std::min<qint64>(m_data.size(), last * bytesPerRow + m_matcher.size() - 1);
        const QByteArrayView window = QByteArrayView(m_data).sliced(from, to - from);
        for (qsizetype at = m_matcher.indexIn(window); at >= 0; at = m_matcher.indexIn(window, at + m_matcher.size()))
            matches.push_back(from + at);
    }
    for (qint64 row = first; row < last; ++row) {
        const qreal y = qreal(row - first) * rowHeight();
        const qint64 offset = row * bytesPerRow;
        painter.setPen(offset <= m_cursor && m_cursor < offset + bytesPerRow ? t.text : t.dimText);
        painter.setClipping(false);
        painter.drawText(QPointF(charWidth(), y + ascent()),
                         QString::number(offset, 16).rightJustified(offsetDigits(), QLatin1Char('0')));
        painter.setClipRect(QRectF(gutter, 0, area.width() - gutter, area.height()));
        paintRow(painter, row, y, matches);
    }
}

void HexView::paintRow(QPainter &painter, qint64 row, qreal y, const std::vector<qint64> &matches)
{
    const ViewTheme &t = theme();
    const qreal cw = charWidth();
    const qreal x0 = origin();
    const qint64 start = row * bytesPerRow;
    const int n = int(std::min<qint64>(bytesPerRow, m_data.size() - start));

    // Bytes [a, b) of any range, as background in both columns; the gap between the hex pairs of
    // one range is filled too, so that a selection reads as one block.
    const auto fillBytes = [&](qint64 a, qint64 b, const QColor &color) {
        const int i0 = int(std::max<qint64>(a, start) - start);
        const int i1 = int(std::min<qint64>(b, start + n) - start);
        if (i1 <= i0)
            return;
        painter.fillRect(QRectF(x0 + hexColumn(i0) * cw, y, (hexColumn(i1 - 1) + 2 - hexColumn(i0)) * cw, rowHeight()),
                         color);
        painter.fillRect(QRectF(x0 + textColumn(i0) * cw, y, (i1 - i0) * cw, rowHeight()), color);
    };
    for (const qint64 at : matches)
        fillBytes(at, at + m_matcher.size(), t.matchBackground);
    if (m_highlightStart >= 0)
        fillBytes(m_highlightStart, m_highlightStart + m_highlightLength, t.highlightRange);
    const qint64 selStart = selectionStart();
    const qint64 selEnd = selStart + selectionLength();
    fillBytes(selStart, selEnd, t.selection);

    QString cells(rowColumns, QLatin1Char(' '));
    std::array<quint8, rowColumns> colors{}; // an Ink per cell
    for (int i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(m_data.at(start + i));
        const bool selected = start + i >= selStart && start + i < selEnd;
        cells[hexColumn(i)] = QLatin1Char(hexDigits[c >> 4]);
        cells[hexColumn(i) + 1] = QLatin1Char(hexDigits[c & 0xF]);
        cells[textColumn(i)] = isPrintable(c) ? QLatin1Char(char(c)) : QLatin1Char('.');
        // Zero bytes and non-printables are dimmed, so that text and structure stand out.
        colors[hexColumn(i)] = colors[hexColumn(i) + 1] = quint8(selected ? Ink::Selected
                                                                 : c == 0 ? Ink::Dim
                                                                          : Ink::Plain);
        colors[textColumn(i)] = quint8(selected ? Ink::Selected : isPrintable(c) ? Ink::Plain : Ink::Dim);
    }
    m_gridText.draw(painter, x0, y + ascent(), cw, cells, 0, rowColumns, colors.data(), [&t](quint8 ink) {
        return Ink(ink) == Ink::Selected ? t.selectedText : Ink(ink) == Ink::Dim ? t.dimText : t.text;
    });

    if (!hasFocus() || m_data.isEmpty())
        return;
    // The caret: a frame around the byte after it (or a bar past the last byte) in the active
    // column, an underline in the other.
    const qint64 caretByte = m_cursor == m_data.size() ? m_cursor - 1 : m_cursor;
    if (caretByte < start || caretByte >= start + n)
        return;
    const int i = int(caretByte - start);
    const bool atEnd = m_cursor == m_data.size();
    for (const Column column : {Column::Hex, Column::Text}) {
        const qreal x = x0 + (column == Column::Hex ? hexColumn(i) : textColumn(i)) * cw;
        const qreal w = (column == Column::Hex ? 2 : 1) * cw;
        painter.setPen(QPen(t.caret, 0));
        if (atEnd)
            painter.fillRect(QRectF(x + w, y, std::max<qreal>(1, cw / 8), rowHeight()), t.caret);
        else if (column == m_column)
            painter.drawRect(QRectF(x, y, w, rowHeight()).adjusted(0.5, 0.5, -0.5, -0.5));
        else
            painter.fillRect(QRectF(x, y + rowHeight() - 1, w, 1), t.caret);
    }
}

// ---- selection

void HexView::setSelection(qint64 anchor, qint64 cursor)
{
    anchor = std::clamp<qint64>(anchor, 0, m_data.size());
    cursor = std::clamp<qint64>(cursor, 0, m_data.size());
    if (anchor == m_anchor && cursor == m_cursor)
        return;
    const bool cursorMoved = cursor != m_cursor;
    m_anchor = anchor;
    m_cursor = cursor;
    viewport()->update();
    Q_EMIT selectionChanged();
    if (cursorMoved)
        Q_EMIT cursorPositionChanged(m_cursor);
}

void HexView::select(qint64 start, qint64 length)
{
    setSelection(start, start + length);
    ensureCursorVisible();
}

void HexView::selectAll()
{
    setSelection(0, m_data.size());
}

QByteArray HexView::selectedBytes() const
{
    return m_data.sliced(selectionStart(), selectionLength());
}

void HexView::setActiveColumn(Column column)
{
    m_column = column;
    viewport()->update();
}

void HexView::setHighlightRange(qint64 offset, qint64 length)
{
    m_highlightStart = offset < 0 ? -1 : std::min<qint64>(offset, m_data.size());
    m_highlightLength = std::max<qint64>(1, length);
    viewport()->update();
}

void HexView::scrollToOffset(qint64 offset)
{
    offset = std::clamp<qint64>(offset, 0, std::max<qint64>(0, m_data.size() - 1));
    revealRow(offset / bytesPerRow);
    const int i = int(offset % bytesPerRow);
    const int column = m_column == Column::Hex ? hexColumn(i) : textColumn(i);
    ensureXVisible((column + 1) * charWidth(), (column + 3) * charWidth(), viewport()->width() - gutterWidth());
}

void HexView::goToOffset(qint64 offset)
{
    offset = std::clamp<qint64>(offset, 0, std::max<qint64>(0, m_data.size() - 1));
    setSelection(offset, offset);
    scrollToOffset(offset);
}

void HexView::moveCursor(qint64 offset, bool keepAnchor)
{
    // Without Shift the caret stays on a byte; with Shift it may go past the last one to select it.
    const qint64 last = keepAnchor ? m_data.size() : std::max<qint64>(0, m_data.size() - 1);
    offset = std::clamp<qint64>(offset, 0, last);
    setSelection(keepAnchor ? m_anchor : offset, offset);
    ensureCursorVisible();
}

void HexView::ensureCursorVisible()
{
    const qint64 byte = m_cursor == m_data.size() && m_cursor > 0 ? m_cursor - 1 : m_cursor;
    ensureRowVisible(byte / bytesPerRow);
    const int i = int(byte % bytesPerRow);
    const int column = m_column == Column::Hex ? hexColumn(i) : textColumn(i);
    ensureXVisible((column + 1) * charWidth(), (column + 3) * charWidth(), viewport()->width() - gutterWidth());
}

// ---- find and copy

void HexView::find(const QByteArray &bytes, bool forward)
{
    m_matcher = ByteMatcher(bytes, Qt::CaseSensitive);
    viewport()->update();
    if (m_matcher.isEmpty()) {
        m_findLane.cancel();
        Q_EMIT findResult(-1, false);
        return;
    }
    const qint64 from = forward ? selectionStart() + selectionLength() : selectionStart();
    auto work = [data = m_data, matcher = m_matcher, from, forward](const std::function<bool()> &cancelled) {
        return matcher.searchWrapping(data, from, forward, cancelled);
    };
    auto done = [this, n = m_matcher.size()](ByteMatcher::Hit hit) {
        if (hit.offset >= 0) {
            setSelection(hit.offset, hit.offset + n);
            scrollToOffset(hit.offset);
        }
        Q_EMIT findResult(hit.offset, hit.wrapped);
    };
    if (m_data.size() <= inlineWorkBytes) {
        m_findLane.cancel();
        done(work({}));
    } else {
        m_findLane.start(threadPool(), std::move(work), std::move(done));
    }
}

void HexView::clearFind()
{
    m_findLane.cancel();
    m_matcher = {};
    viewport()->update();
}

void HexView::copy()
{
    copyAs(m_column);
}

void HexView::copyAs(Column column)
{
    const qint64 start = selectionStart();
    const qint64 length = selectionLength();
    if (length == 0)
        return;
    struct Copied
    {
        QString text;
        QByteArray raw;
    };
    auto work = [data = m_data, start, length, column](const std::function<bool()> &) {
        Copied copied;
        const QByteArrayView bytes = QByteArrayView(data).sliced(start, length);
        if (column == Column::Hex) {
            copied.text = QString::fromLatin1(bytes.toByteArray().toHex(' '));
        } else {
            copied.raw = bytes.toByteArray();
            copied.text = QString::fromUtf8(copied.raw);
        }
        return copied;
    };
    auto done = [](Copied copied) {
        auto *mime = new QMimeData;
        mime->setText(copied.text);
        if (!copied.raw.isNull())
            mime->setData(QStringLiteral("application/octet-stream"), copied.raw);
        QGuiApplication::clipboard()->setMimeData(mime);
    };
    if (length <= inlineWorkBytes) {
        m_copyLane.cancel();
        done(work({}));
    } else {
        m_copyLane.start(threadPool(), std::move(work), std::move(done));
    }
}

// ---- input

void HexView::keyPressEvent(QKeyEvent *event)
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
    if (mods & ~(Qt::ShiftModifier | Qt::ControlModifier)) {
        event->ignore();
        return;
    }
    const bool shift = mods & Qt::ShiftModifier;
    const bool ctrl = mods & Qt::ControlModifier;
    const qint64 rowStart = m_cursor / bytesPerRow * bytesPerRow;
    qint64 target = m_cursor;
    switch (event->key()) {
    case Qt::Key_Left:
        target = m_cursor - 1;
        break;
    case Qt::Key_Right:
        target = m_cursor + 1;
        break;
    case Qt::Key_Up:
    case Qt::Key_Down:
        if (ctrl) {
            setTopRow(topRow() + (event->key() == Qt::Key_Up ? -1 : 1));
            return;
        }
        target = m_cursor + (event->key() == Qt::Key_Up ? -bytesPerRow : bytesPerRow);
        if (target > m_data.size())
            target = m_cursor; // no row below: stay, as on the last line of a text
        break;
    case Qt::Key_PageUp:
    case Qt::Key_PageDown: {
        const int page = event->key() == Qt::Key_PageUp ? -pageRows() : pageRows();
        target = m_cursor + qint64(page) * bytesPerRow;
        if (target > m_data.size())
            target = m_data.size() - (m_data.size() - m_cursor) % bytesPerRow; // same column, last row
        setTopRow(topRow() + page);
        break;
    }
    case Qt::Key_Home:
        target = ctrl ? 0 : rowStart;
        break;
    case Qt::Key_End:
        // With Shift the last byte is taken into the selection; without, the caret sits on it.
        target = ctrl ? m_data.size() : std::min<qint64>(rowStart + bytesPerRow, m_data.size());
        if (!shift)
            --target;
        break;
    default:
        event->ignore(); // Ctrl+F and the like belong to the window
        return;
    }
    moveCursor(target, shift);
}

void HexView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_data.isEmpty()) {
        event->ignore();
        return;
    }
    Column column = m_column;
    const qint64 byte = byteAt(event->position().toPoint(), &column);
    m_column = column;
    if (event->modifiers() & Qt::ShiftModifier) {
        m_dragByte = m_anchor <= m_cursor || m_anchor == 0 ? m_anchor : m_anchor - 1;
        dragTo(event->position().toPoint());
    } else {
        m_dragByte = byte;
        setSelection(byte, byte);
    }
    viewport()->update();
}

void HexView::dragTo(const QPoint &viewportPos)
{
    if (m_dragByte < 0)
        return;
    const qint64 byte = byteAt(viewportPos);
    // The byte the drag started on stays selected whichever way the drag goes.
    if (byte >= m_dragByte)
        setSelection(m_dragByte, byte + 1);
    else
        setSelection(m_dragByte + 1, byte);
}

void HexView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragByte < 0 || !(event->buttons() & Qt::LeftButton))
        return;
    dragTo(event->position().toPoint());
    updateDragScroll(event->position().toPoint());
}

void HexView::dragScrolled(const QPoint &viewportPos)
{
    dragTo(viewportPos);
}

void HexView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_dragByte = -1;
    stopDragScroll();
    QClipboard *clipboard = QGuiApplication::clipboard();
    if (selectionLength() > 0 && selectionLength() <= inlineWorkBytes && clipboard->supportsSelection())
        clipboard->setText(m_column == Column::Hex ? QString::fromLatin1(selectedBytes().toHex(' '))
                                                   : QString::fromUtf8(selectedBytes()),
                           QClipboard::Selection);
}

void HexView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    const bool any = selectionLength() > 0;
    QAction *hex = menu.addAction(tr("Copy as &Hex"), this, [this] { copyAs(Column::Hex); });
    hex->setEnabled(any);
    QAction *text = menu.addAction(tr("Copy as &Text"), this, [this] { copyAs(Column::Text); });
    text->setEnabled(any);
    (m_column == Column::Hex ? hex : text)->setShortcut(QKeySequence::Copy);
    menu.addSeparator();
    menu.addAction(tr("Select &All"), this, &HexView::selectAll)->setShortcut(QKeySequence::SelectAll);
    menu.exec(event->globalPos());
}

void HexView::focusInEvent(QFocusEvent *event)
{
    RowScrollArea::focusInEvent(event);
    viewport()->update();
}

void HexView::focusOutEvent(QFocusEvent *event)
{
    RowScrollArea::focusOutEvent(event);
    viewport()->update();
}

} // namespace Gui
