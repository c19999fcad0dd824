#include "requesttableview.h"
#include "requesttablemodel.h"
#include "rowdelegate.h"

#include <QHeaderView>

namespace Gui {

RequestTableView::RequestTableView(RequestTableModel *model, QWidget *parent)
    : QTableView(parent)
    , m_model(model)
{
    setModel(model);
    setItemDelegate(new RowDelegate(this));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setStretchLastSection(true);
    setColumnWidth(RequestTableModel::Id, 60);
    setColumnWidth(RequestTableModel::Time, 100);
    setColumnWidth(RequestTableModel::Method, 80);
    setColumnWidth(RequestTableModel::Target, 340);
    setColumnWidth(RequestTableModel::Status, 70);
    setColumnWidth(RequestTableModel::BodySize, 80);
    setColumnWidth(RequestTableModel::ContentType, 170);
    setColumnWidth(RequestTableModel::Remote, 150);
    setColumnWidth(RequestTableModel::Signature, 190);
    setColumnWidth(RequestTableModel::Event, 200);
    // After Answer, where the eye goes from "what came back" to "was it genuine".
    horizontalHeader()->moveSection(horizontalHeader()->visualIndex(RequestTableModel::Signature),
                                    horizontalHeader()->visualIndex(RequestTableModel::Status) + 1);
    // After Target: what the request is about, next to where it went.
    horizontalHeader()->moveSection(horizontalHeader()->visualIndex(RequestTableModel::Event),
                                    horizontalHeader()->visualIndex(RequestTableModel::Target) + 1);
    // Shown only in a session with a signed request: most webhooks are not signed. The Event
    // column likewise waits for a request that names its event.
    setColumnHidden(RequestTableModel::Signature, !model->hasSignedRows());
    setColumnHidden(RequestTableModel::Event, !model->hasEventRows());
    connect(model, &RequestTableModel::signedRowsChanged, this,
            [this](bool any) { setColumnHidden(RequestTableModel::Signature, !any); });
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        setColumnHidden(RequestTableModel::Signature, !m_model->hasSignedRows());
        setColumnHidden(RequestTableModel::Event, !m_model->hasEventRows());
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (isColumnHidden(RequestTableModel::Event) && m_model->hasEventRows())
            setColumnHidden(RequestTableModel::Event, false);
    });
    setWordWrap(false);
    setTabKeyNavigation(false); // Tab moves on to the detail below, not from cell to cell
    // # ascending is arrival order.
    horizontalHeader()->setSortIndicator(RequestTableModel::Id, Qt::AscendingOrder);
    setSortingEnabled(true);
}

void RequestTableView::scrollToNewest()
{
    if (!m_model->isSorted())
        scrollToBottom();
    else if (horizontalHeader()->sortIndicatorSection() == RequestTableModel::Id)
        scrollToTop();
}

void RequestTableView::selectId(qint64 id)
{
    const int row = id > 0 ? m_model->rowOfId(id) : -1;
    if (row < 0)
        return;
    selectRow(row);
    scrollTo(m_model->index(row, 0));
}

QModelIndex RequestTableView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers)
{
    if (cursorAction == MoveHome || cursorAction == MoveEnd) {
        const int rows = model()->rowCount();
        if (rows == 0)
            return {};
        const int column = qMax(0, currentIndex().column());
        return model()->index(cursorAction == MoveHome ? 0 : rows - 1, column);
    }
    return QTableView::moveCursor(cursorAction, modifiers);
}

} // namespace Gui
