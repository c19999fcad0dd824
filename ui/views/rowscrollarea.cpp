#include "rowscrollarea.h"

#include <QApplication>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QKeyEvent>
#include <QScrollBar>
#include <QThreadPool>
#include <QWheelEvent>
#include <QtMath>

#include <algorithm>
#include <climits>

namespace Gui {

namespace ScrollMapping {

int valueForRow(qint64 row, qint64 maxRow, int limit)
{
    row = std::clamp<qint64>(row, 0, std::max<qint64>(0, maxRow));
    if (maxRow <= limit)
        return int(row);
    return int(std::llround(double(row) / double(maxRow) * limit));
}

qint64 rowForValue(int value, qint64 maxRow, int limit)
{
    value = std::clamp(value, 0, limit);
    if (maxRow <= limit)
        return std::min<qint64>(value, std::max<qint64>(0, maxRow));
    if (value == limit)
        return maxRow;
    return std::llround(double(value) / limit * double(maxRow));
}

} // namespace ScrollMapping

RowScrollArea::RowScrollArea(QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_scrollLimit(INT_MAX)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    viewport()->setCursor(Qt::IBeamCursor);
    viewport()->setAutoFillBackground(false);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    m_theme = ViewTheme::fromPalette(palette());
    updateMetrics();
}

RowScrollArea::~RowScrollArea() = default;

QThreadPool *RowScrollArea::threadPool() const
{
    return m_pool ? m_pool : QThreadPool::globalInstance();
}

void RowScrollArea::updateMetrics()
{
    const QFontMetricsF fm(font(), viewport());
    m_charWidth = fm.horizontalAdvance(QLatin1Char('0'));
    // Whole logical pixels, so that rows never blur into each other at fractional scale factors.
    m_rowHeight = qCeil(fm.lineSpacing());
    m_ascent = fm.ascent() + (m_rowHeight - fm.height()) / 2;
}

int RowScrollArea::pageRows() const
{
    return std::max(1, int(viewport()->height() / m_rowHeight));
}

int RowScrollArea::visibleRows() const
{
    return std::max(1, qCeil(viewport()->height() / m_rowHeight));
}

qint64 RowScrollArea::maxTopRow() const
{
    return std::max<qint64>(0, rowCount() - pageRows());
}

void RowScrollArea::setTopRow(qint64 row)
{
    row = std::clamp<qint64>(row, 0, maxTopRow());
    if (row == m_topRow)
        return;
    m_topRow = row;
    updateScrollBars();
    viewport()->update();
}

void RowScrollArea::ensureRowVisible(qint64 row)
{
    if (row < m_topRow)
        setTopRow(row);
    else if (row >= m_topRow + pageRows())
        setTopRow(row - pageRows() + 1);
}

void RowScrollArea::revealRow(qint64 row)
{
    if (row >= m_topRow && row < m_topRow + pageRows())
        return;
    const int context = std::min(3, (pageRows() - 1) / 2);
    setTopRow(row - context);
}

int RowScrollArea::scrollX() const
{
    return horizontalScrollBar()->value();
}

void RowScrollArea::ensureXVisible(qreal x0, qreal x1, qreal areaWidth)
{
    QScrollBar *bar = horizontalScrollBar();
    const qreal margin = 4 * m_charWidth;
    if (x0 < bar->value())
        bar->setValue(qFloor(std::max<qreal>(0, x0 - margin)));
    else if (x1 > bar->value() + areaWidth)
        bar->setValue(qCeil(x1 - areaWidth + margin));
}

void RowScrollArea::updateScrollBars()
{
    m_syncingBars = true;
    const qint64 maxRow = maxTopRow();
    m_topRow = std::clamp<qint64>(m_topRow, 0, maxRow);
    QScrollBar *v = verticalScrollBar();
    const int range = ScrollMapping::valueForRow(maxRow, maxRow, m_scrollLimit);
    v->setRange(0, range);
    v->setSingleStep(1);
    v->setPageStep(std::max(1, ScrollMapping::valueForRow(pageRows(), maxRow, m_scrollLimit)));
    v->setValue(ScrollMapping::valueForRow(m_topRow, maxRow, m_scrollLimit));

    QScrollBar *h = horizontalScrollBar();
    const int width = viewport()->width();
    h->setRange(0, std::max(0, qCeil(contentWidth()) - width));
    h->setPageStep(width);
    h->setSingleStep(std::max(1, qRound(2 * m_charWidth)));
    m_syncingBars = false;
}

void RowScrollArea::setScrollBarLimit(int limit)
{
    m_scrollLimit = std::max(1, limit);
    updateScrollBars();
}

void RowScrollArea::scrollContentsBy(int dx, int dy)
{
    Q_UNUSED(dx)
    Q_UNUSED(dy)
    // The bar moved (drag, wheel, page click): rows follow it. Moves we make ourselves are already
    // in m_topRow, which is exact where the bar's value is spread out.
    if (!m_syncingBars)
        m_topRow = ScrollMapping::rowForValue(verticalScrollBar()->value(), maxTopRow(), m_scrollLimit);
    viewport()->update();
}

void RowScrollArea::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void RowScrollArea::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange ||
        event->type() == QEvent::StyleChange) {
        m_theme = ViewTheme::fromPalette(palette());
        updateMetrics();
        styleChanged();
        updateScrollBars();
        viewport()->update();
    }
}

bool RowScrollArea::event(QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        // Copy, Select All and plain navigation belong to the focused view, not to a window
        // shortcut that happens to share the key. Everything else (Ctrl+F among them) goes on.
        auto *key = static_cast<QKeyEvent *>(event);
        const Qt::KeyboardModifiers mods = key->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier);
        const bool navigation = key->key() == Qt::Key_Home || key->key() == Qt::Key_End || key->key() == Qt::Key_Left ||
                                key->key() == Qt::Key_Right || key->key() == Qt::Key_Up || key->key() == Qt::Key_Down ||
                                key->key() == Qt::Key_PageUp || key->key() == Qt::Key_PageDown;
        if (key->matches(QKeySequence::Copy) || key->matches(QKeySequence::SelectAll) ||
            (navigation && (mods == Qt::NoModifier || mods == Qt::ControlModifier))) {
            event->accept();
            return true;
        }
    }
    return QAbstractScrollArea::event(event);
}

void RowScrollArea::wheelEvent(QWheelEvent *event)
{
    // Rows, not scroll bar steps: where the bar is spread out, one of its steps is many rows.
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier | Qt::AltModifier) ||
        std::abs(delta.x()) > std::abs(delta.y())) {
        QAbstractScrollArea::wheelEvent(event);
        return;
    }
    m_wheelRows += delta.y() / 120.0 * QApplication::wheelScrollLines();
    const auto rows = qint64(m_wheelRows);
    m_wheelRows -= qreal(rows);
    const qint64 before = m_topRow;
    setTopRow(m_topRow - rows);
    // At either end the wheel belongs to whatever scrolls around the view.
    if (m_topRow == before && rows != 0)
        event->ignore();
    else
        event->accept();
}

void RowScrollArea::updateDragScroll(const QPoint &viewportPos)
{
    m_dragPos = viewportPos;
    const QRect area = viewport()->rect();
    if (area.contains(viewportPos)) {
        m_dragTimer.stop();
    } else if (!m_dragTimer.isActive()) {
        m_dragTimer.start(40, this);
    }
}

void RowScrollArea::stopDragScroll()
{
    m_dragTimer.stop();
}

void RowScrollArea::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_dragTimer.timerId()) {
        QAbstractScrollArea::timerEvent(event);
        return;
    }
    const QRect area = viewport()->rect();
    // Faster the farther the mouse is from the edge, as in text editors.
    const auto speed = [this](int distance) { return 1 + qint64(distance / m_rowHeight) * 2; };
    if (m_dragPos.y() < area.top())
        setTopRow(m_topRow - speed(area.top() - m_dragPos.y()));
    else if (m_dragPos.y() > area.bottom())
        setTopRow(m_topRow + speed(m_dragPos.y() - area.bottom()));
    QScrollBar *h = horizontalScrollBar();
    if (m_dragPos.x() < area.left())
        h->setValue(h->value() - h->singleStep());
    else if (m_dragPos.x() > area.right())
        h->setValue(h->value() + h->singleStep());
    dragScrolled(m_dragPos);
}

} // namespace Gui
