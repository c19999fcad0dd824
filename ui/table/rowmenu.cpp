#include "rowmenu.h"
#include "cellfilter.h"

#include "filterbar.h"
#include "mainwindow.h"
#include "requesttablemodel.h"
#include "requesttableview.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>

namespace Gui {

namespace {

/// A filter term as a menu item's text: `&` is not a mnemonic, and a long term is cut.
QString itemText(QString term)
{
    constexpr qsizetype kLongest = 60;
    if (term.size() > kLongest)
        term = term.first(kLongest - 1) + QChar(0x2026);
    term.replace(QLatin1Char('\t'), QLatin1Char(' '));
    return term.replace(QLatin1Char('&'), QStringLiteral("&&"));
}

} // namespace

RowMenu::RowMenu(MainWindow *window, RequestTableView *table, FilterBar *filterBar)
    : QObject(table)
    , m_window(window)
    , m_table(table)
    , m_filterBar(filterBar)
{
    m_table->setContextMenuPolicy(Qt::DefaultContextMenu);
    m_table->installEventFilter(this);
    m_table->viewport()->installEventFilter(this);
}

bool RowMenu::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ContextMenu) {
        const auto *menuEvent = static_cast<QContextMenuEvent *>(event);
        if (menuEvent->reason() != QContextMenuEvent::Mouse) {
            openAtCurrent(); // the Menu key
        } else if (watched == m_table->viewport()) {
            const QModelIndex cell = m_table->indexAt(menuEvent->pos());
            if (cell.isValid()) {
                selectRowOf(cell);
                popup(cell, menuEvent->globalPos());
            }
        }
        return true;
    }
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_F10 && key->modifiers() == Qt::ShiftModifier) {
            openAtCurrent();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

void RowMenu::selectRowOf(const QModelIndex &cell)
{
    QItemSelectionModel *selection = m_table->selectionModel();
    if (!selection->isRowSelected(cell.row(), {}))
        selection->setCurrentIndex(cell, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void RowMenu::openAtCurrent()
{
    QModelIndex cell = m_table->currentIndex();
    if (!cell.isValid()) {
        const QModelIndexList rows = m_table->selectionModel()->selectedRows();
        if (rows.isEmpty())
            return;
        cell = rows.constFirst();
    }
    selectRowOf(cell);
    m_table->scrollTo(cell);
    const QRect rect = m_table->visualRect(cell);
    popup(cell, m_table->viewport()->mapToGlobal(QPoint(rect.left(), rect.bottom())));
}

void RowMenu::popup(const QModelIndex &cell, const QPoint &globalPos)
{
    if (m_menu)
        m_menu->close();
    auto *menu = new QMenu(m_table);
    menu->setObjectName(QStringLiteral("rowMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setToolTipsVisible(true); // disabled items say why
    m_menu = menu;

    const qsizetype selected = m_table->selectionModel()->selectedRows().size();
    const bool one = selected == 1;
    const QString onlyOne = tr("Works on one request: select only one");
    addStandIn(menu, "copyCurl", one, onlyOne);
    addStandIn(menu, "copyRequestUrl", one, onlyOne);
    addStandIn(menu, "copyBody", one, onlyOne);
    addStandIn(menu, "saveBody", one, onlyOne);
    menu->addSeparator();
    addFilterItems(menu, cell);
    menu->addSeparator();
    addStandIn(menu, "replay", selected > 0, {});
    addStandIn(menu, "sendToSender", one, onlyOne);
    addStandIn(menu, "compare", selected == 2, tr("Select two requests to compare"));
    menu->addSeparator();
    addStandIn(menu, "delete", selected > 0, tr("This session is read-only"));
    menu->popup(globalPos);
}

void RowMenu::addStandIn(QMenu *menu, const char *name, bool enabled, const QString &whyNot)
{
    QAction *action = m_window->action(QLatin1String(name));
    if (!action)
        return;
    QString text = action->text();
    if (!action->shortcut().isEmpty()) // shown, not bound: the window's action keeps the key
        text += QLatin1Char('\t') + action->shortcut().toString(QKeySequence::NativeText);
    QAction *standIn = menu->addAction(text);
    standIn->setObjectName(action->objectName());
    standIn->setEnabled(enabled && action->isEnabled());
    standIn->setToolTip(standIn->isEnabled() || whyNot.isEmpty() ? action->toolTip() : whyNot);
    connect(standIn, &QAction::triggered, action, &QAction::trigger);
}

void RowMenu::addFilterItems(QMenu *menu, const QModelIndex &cell)
{
    const CellFilter filter = CellFilter::of(*m_window->model(), cell.row(), cell.column());
    QAction *by = menu->addAction(filter.isValid() ? tr("Filter by %1").arg(itemText(filter.term()))
                                                   : tr("Filter by This Value"));
    by->setObjectName(QStringLiteral("filterByValue"));
    QAction *out = menu->addAction(filter.isValid() ? tr("Filter Out %1").arg(itemText(filter.term()))
                                                    : tr("Filter Out This Value"));
    out->setObjectName(QStringLiteral("filterOutValue"));
    if (!filter.isValid()) {
        for (QAction *item : {by, out}) {
            item->setEnabled(false);
            item->setToolTip(filter.whyNot());
        }
        return;
    }
    by->setToolTip(tr("Show only the requests with this value, within the filter shown"));
    out->setToolTip(tr("Hide the requests with this value"));
    const auto narrow = [this](const QString &term) {
        m_filterBar->setText(CellFilter::narrowed(m_filterBar->edit()->text(), term));
    };
    connect(by, &QAction::triggered, this, [narrow, term = filter.term()] { narrow(term); });
    connect(out, &QAction::triggered, this, [narrow, term = filter.negated()] { narrow(term); });
}

} // namespace Gui
