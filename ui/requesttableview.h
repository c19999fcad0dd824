#pragma once

#include <QTableView>

namespace Gui {

class RequestTableModel;

/// The request table: uniform rows and set column widths, never sized to contents, so it stays
/// fast at a million rows. Clicking a column sorts by it, in the store's typed fields.
class RequestTableView : public QTableView
{
    Q_OBJECT

public:
    explicit RequestTableView(RequestTableModel *model, QWidget *parent = nullptr);

    /// Shows the newest row: at the bottom in order of arrival, at the top newest first. Sorted by
    /// anything else it has no fixed place, and the view stays where the user put it.
    void scrollToNewest();
    /// Selects the row of request `id` and shows it, if the table shows it.
    void selectId(qint64 id);

protected:
    /// Home and End go to the first and last request (QTableView would go to the first and last
    /// column of the row, which in a table of requests is nowhere useful), Shift extending.
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;

private:
    RequestTableModel *m_model;
};

} // namespace Gui
