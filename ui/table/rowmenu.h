#pragma once

#include <QObject>
#include <QPointer>

class QMenu;
class QModelIndex;
class QPoint;

namespace Gui {

class FilterBar;
class MainWindow;
class RequestTableView;

/**
 * The request table's context menu: the window's actions on the selected requests (Copy as
 * curl, Copy Request URL, Copy Body, Save Body As…, Replay…, Send to Sender, Compare, Delete), and
 * "Filter by" / "Filter Out" the value of the cell clicked (see CellFilter), which narrow the
 * filter bar's filter.
 *
 * A right-click on a row that is not selected selects it first, as file managers do; on a
 * multi-selection, the items for one request are disabled, and each disabled item says why. The
 * Menu key and Shift+F10 open it at the current row. The menu holds stand-ins that trigger the
 * window's actions, so what is enabled here does not change what their shortcuts do elsewhere.
 */
class RowMenu : public QObject
{
    Q_OBJECT

public:
    RowMenu(MainWindow *window, RequestTableView *table, FilterBar *filterBar);

    /// The menu open now, or null.
    QMenu *menu() const { return m_menu; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void openAtCurrent();
    void popup(const QModelIndex &cell, const QPoint &globalPos);
    /// Selects `cell`'s row alone unless it is selected already.
    void selectRowOf(const QModelIndex &cell);
    void addStandIn(QMenu *menu, const char *name, bool enabled, const QString &whyNot);
    void addFilterItems(QMenu *menu, const QModelIndex &cell);

    MainWindow *m_window;
    RequestTableView *m_table;
    FilterBar *m_filterBar;
    QPointer<QMenu> m_menu;
};

} // namespace Gui
