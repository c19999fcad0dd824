#include "replaysetup.h"
#include "madefromview.h"
#include "replaydialog.h"

#include "mainwindow.h"
#include "recordsource.h"
#include "requestdetail.h"
#include "requesttablemodel.h"

#include "capture/captureengine.h"
#include "capture/sessioncontroller.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QTableView>

#include <algorithm>

namespace Gui {

ReplaySetup::ReplaySetup(MainWindow *window, RecordSource *records, SecretStore *store)
    : QObject(window)
    , m_window(window)
    , m_records(records)
    , m_store(store)
    , m_action(new QAction(tr("&Replay…"), window))
    , m_madeFrom(new MadeFromView(window->detail(), window->sessions()))
{
    m_action->setObjectName(QStringLiteral("replay"));
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_action->setToolTip(tr("Send the selected requests again to other destinations, exactly as captured"));
    m_action->setEnabled(false);
    static_cast<QWidget *>(window)->addAction(m_action); // the key works with the menu bar hidden too
    connect(m_action, &QAction::triggered, this, &ReplaySetup::replaySelected);

    // In the menu that holds the listener's actions, after them.
    for (QAction *entry : window->menuBar()->actions()) {
        QMenu *menu = entry->menu();
        if (menu && menu->actions().contains(window->action(QStringLiteral("listen")))) {
            menu->insertAction(window->action(QStringLiteral("rules")), m_action);
            break;
        }
    }
    // The table rows' context menu (RowMenu) offers it too.
    QTableView *table = window->table();
    connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this, table] { m_action->setEnabled(table->selectionModel()->hasSelection()); });
    // A forward of the request shown has its answers: the tab lists it with them.
    connect(window->engine(), &Capture::CaptureEngine::forwarded, m_madeFrom,
            [this](qint64 id) { m_madeFrom->refreshIf(id); });
}

void ReplaySetup::replaySelected()
{
    const QModelIndexList rows = m_window->table()->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    QList<qint64> ids;
    for (const QModelIndex &row : rows)
        ids << m_window->model()->idAt(row.row());
    std::sort(ids.begin(), ids.end());
    m_action->setEnabled(false); // once: a second press while reading would open two dialogs
    m_records->fetch(
        m_window->sessions()->path(), ids, [this](const RecordSource::Records &records, const QString &error) {
            m_action->setEnabled(m_window->table()->selectionModel()->hasSelection());
            if (std::any_of(records.cbegin(), records.cend(),
                            [](const Session::CapturedRequestPtr &r) { return !r; })) {
                m_window->statusBar()->showMessage(tr("Could not read the requests to replay: %1").arg(error), 10000);
                return;
            }
            auto *dialog = new ReplayDialog(records, m_store, m_window->engine()->outbound(), m_window);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &ReplayDialog::replayFinished, m_madeFrom, &MadeFromView::refreshIf);
            dialog->show();
        });
}

} // namespace Gui
