#pragma once

#include "viewtheme.h"

#include <QAbstractScrollArea>
#include <QBasicTimer>
#include <QPoint>

class QThreadPool;

namespace Gui {

/// Maps a row index to a scroll bar value and back. The bar counts rows, not pixels; when there are
/// more rows than `limit`, values are spread over 0..limit, and the ends map to the ends exactly.
namespace ScrollMapping {
int valueForRow(qint64 row, qint64 maxRow, int limit);
qint64 rowForValue(int value, qint64 maxRow, int limit);
} // namespace ScrollMapping

/// The common part of the code and hex views: a QAbstractScrollArea over rows of equal height in
/// the system's fixed-width font, that scrolls by whole rows. The vertical scroll bar counts rows
/// (see ScrollMapping), so any number of rows works, far past INT_MAX pixels.
class RowScrollArea : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit RowScrollArea(QWidget *parent = nullptr);
    ~RowScrollArea() override;

    /// Where O(size) work runs; the global pool unless set.
    void setThreadPool(QThreadPool *pool) { m_pool = pool; }
    QThreadPool *threadPool() const;

    /// Rows wholly visible (at least 1).
    int pageRows() const;

protected:
    // Not pure: setFont() in our constructor already asks for them.
    virtual qint64 rowCount() const { return 0; }
    /// Width in pixels of everything that scrolls horizontally.
    virtual qreal contentWidth() const { return 0; }
    /// Font or palette changed; metrics and theme() are already updated.
    virtual void styleChanged() {}
    /// While dragging past an edge the view scrolls on a timer; then the selection should follow.
    virtual void dragScrolled(const QPoint & /*viewportPos*/) {}

    qint64 topRow() const { return m_topRow; }
    void setTopRow(qint64 row);
    qint64 maxTopRow() const;
    /// Rows at least partly visible.
    int visibleRows() const;
    void ensureRowVisible(qint64 row);
    /// Shows `row` with a few rows of context above it, unless it is wholly visible already.
    void revealRow(qint64 row);
    /// Scrolls horizontally so that content x range [x0, x1) is visible in a view `areaWidth` wide.
    void ensureXVisible(qreal x0, qreal x1, qreal areaWidth);
    int scrollX() const;
    void updateScrollBars();

    qreal rowHeight() const { return m_rowHeight; }
    qreal charWidth() const { return m_charWidth; }
    qreal ascent() const { return m_ascent; }
    const ViewTheme &theme() const { return m_theme; }

    /// Keeps a left-button drag scrolling while the mouse is outside the viewport.
    void updateDragScroll(const QPoint &viewportPos);
    void stopDragScroll();

    /// Lower than INT_MAX only in tests, to exercise the spread-out mapping without 30 GB of data.
    void setScrollBarLimit(int limit);

    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void timerEvent(QTimerEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    void updateMetrics();

    QThreadPool *m_pool = nullptr;
    ViewTheme m_theme;
    qint64 m_topRow = 0;
    qreal m_rowHeight = 16;
    qreal m_charWidth = 8;
    qreal m_ascent = 12;
    int m_scrollLimit;
    bool m_syncingBars = false;
    qreal m_wheelRows = 0; ///< a fraction of a row left over from high-resolution wheels
    QBasicTimer m_dragTimer;
    QPoint m_dragPos;
};

} // namespace Gui
