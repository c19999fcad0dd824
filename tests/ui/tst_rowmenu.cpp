// The request table's context menu in the real window, headless: a right-click selects the row
// first, each item does what its window action does (clipboard, file, rows deleted, dialogs,
// the sender filled, the filter bar set), the keyboard opens it, and the detail says so when a
// filter hides the selected request.

#include "diffdialog.h"
#include "filterbar.h"
#include "mainwindow.h"
#include "replay/replaydialog.h"
#include "requestdetail.h"
#include "requesttablemodel.h"
#include "send/composer.h"
#include "send/senderpanel.h"
#include "send/workspaces.h"
#include "table/rowmenu.h"
#include "windowtesting.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QFileDialog>
#include <QLineEdit>
#include <QMenu>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using WindowTesting::answerTo;
using WindowTesting::anyPort;
using WindowTesting::ready;

namespace {

using Model = Gui::RequestTableModel;

const QByteArray kJson = "{\"n\":1}";
const QByteArray kBinary("\x89PNG\r\n\x1a\n\x00\xff", 10);

/// The window with three requests: a JSON POST to a Host with a port, a binary PUT, and an
/// HTTP/1.0 GET without Host.
struct Bench
{
    Gui::MainWindow window{anyPort()};

    bool start()
    {
        window.show();
        if (!QTest::qWaitForWindowExposed(&window) || !QTest::qWaitFor([this] { return ready(window); }))
            return false;
        const QUrl url = window.engine()->url();
        const QList<QByteArray> requests{
            "POST /hooks/pay?x=1 HTTP/1.1\r\nHost: example.test:9000\r\nContent-Type: application/json\r\n"
            "Content-Length: 7\r\n\r\n" +
                kJson,
            "PUT /hooks/bin HTTP/1.1\r\nHost: example.test\r\nContent-Type: application/octet-stream\r\n"
            "Content-Length: 10\r\n\r\n" +
                kBinary,
            "GET /status HTTP/1.0\r\n\r\n",
        };
        for (const QByteArray &request : requests) {
            if (!answerTo(url, request).startsWith("HTTP/1."))
                return false;
        }
        return QTest::qWaitFor([this] { return window.model()->rowCount() == 3; });
    }
    QTableView *table() const { return window.table(); }
    QMenu *menu() const { return window.findChild<Gui::RowMenu *>()->menu(); }

    /// What the platform sends for a right-click on the cell (after the press, which Qt's view
    /// may already have used to select): a context menu event on the view's viewport.
    QMenu *rightClick(int row, int column)
    {
        const QModelIndex cell = window.model()->index(row, column);
        table()->scrollTo(cell);
        const QPoint pos = table()->visualRect(cell).center();
        QContextMenuEvent event(QContextMenuEvent::Mouse, pos, table()->viewport()->mapToGlobal(pos));
        QApplication::sendEvent(table()->viewport(), &event);
        return menu();
    }
    void select(std::initializer_list<int> rows)
    {
        table()->clearSelection();
        for (int row : rows)
            table()->selectionModel()->select(window.model()->index(row, 0),
                                              QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    QList<int> selectedRows() const
    {
        QList<int> rows;
        for (const QModelIndex &index : table()->selectionModel()->selectedRows())
            rows << index.row();
        std::sort(rows.begin(), rows.end());
        return rows;
    }
};

QAction *item(QMenu *menu, const char *name)
{
    if (!menu)
        return nullptr;
    for (QAction *action : menu->actions()) {
        if (action->objectName() == QLatin1String(name))
            return action;
    }
    return nullptr;
}

/// Clicks the item as a user would: the menu closes and the item's action runs.
bool choose(QMenu *menu, const char *name)
{
    QAction *action = item(menu, name);
    if (!action || !action->isEnabled() || !menu->isVisible())
        return false;
    QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
    return QTest::qWaitFor([menu = QPointer<QMenu>(menu)] { return !menu || !menu->isVisible(); });
}

QString clipboard()
{
    return QGuiApplication::clipboard()->text();
}

} // namespace

class TstRowMenu : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void rightClickSelectsTheRowFirst();
    void multiSelectionDisablesOneRequestItems();
    void copyItemsFillTheClipboard();
    void copyWorksBeforeTheDetailHasLoaded();
    void saveBodyWritesTheBytes();
    void deleteRemovesTheRows();
    void compareOpensTheDiff();
    void replayOpensTheDialogWithTheSelection();
    void sendToSenderFillsTheComposer();
    void filterByTheCellValue();
    void keyboardOpensAtTheCurrentRow();
    void detailSaysWhenTheFilterHidesTheSelection();

private:
    QTemporaryDir m_dir;
};

void TstRowMenu::initTestCase()
{
    QVERIFY(m_dir.isValid());
    WindowTesting::setUpWindowTests();
}

void TstRowMenu::init()
{
    WindowTesting::clearScratchSessions();
    QGuiApplication::clipboard()->clear();
}

void TstRowMenu::rightClickSelectsTheRowFirst()
{
    Bench bench;
    QVERIFY(bench.start());
    bench.select({0});
    QMenu *menu = bench.rightClick(2, Model::Target);
    QVERIFY(menu && menu->isVisible());
    QCOMPARE(bench.selectedRows(), QList<int>{2}); // the row clicked, alone
    QCOMPARE(bench.table()->currentIndex().row(), 2);
    for (const char *name : {"copyCurl", "copyRequestUrl", "copyBody", "saveBody", "filterByValue", "filterOutValue",
                             "replay", "sendToSender", "delete"}) {
        QVERIFY2(item(menu, name), name);
        QVERIFY2(item(menu, name)->isEnabled(), name);
    }
    QAction *compare = item(menu, "compare");
    QVERIFY(compare && !compare->isEnabled());
    QVERIFY(compare->toolTip().contains(QStringLiteral("two")));
    // The keys are shown, but belong to the window's actions: no second owner of Ctrl+Shift+C.
    QVERIFY(item(menu, "copyCurl")
                ->text()
                .endsWith(QLatin1Char('\t') +
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C).toString(QKeySequence::NativeText)));
    QVERIFY(item(menu, "copyCurl")->shortcut().isEmpty());
    menu->close();
    QTRY_VERIFY(!bench.menu());

    // Below the last row there is no request: no menu, the selection stays.
    const QPoint below(10, bench.table()->visualRect(bench.window.model()->index(2, 0)).bottom() + 20);
    QVERIFY(!bench.table()->indexAt(below).isValid());
    QContextMenuEvent empty(QContextMenuEvent::Mouse, below, bench.table()->viewport()->mapToGlobal(below));
    QApplication::sendEvent(bench.table()->viewport(), &empty);
    QVERIFY(!bench.menu());
    QCOMPARE(bench.selectedRows(), QList<int>{2});
}

void TstRowMenu::multiSelectionDisablesOneRequestItems()
{
    Bench bench;
    QVERIFY(bench.start());
    bench.select({0, 1});
    QMenu *menu = bench.rightClick(1, Model::Method); // on a selected row: the selection stays
    QVERIFY(menu);
    QCOMPARE(bench.selectedRows(), (QList<int>{0, 1}));
    for (const char *name : {"copyCurl", "copyRequestUrl", "copyBody", "saveBody", "sendToSender"}) {
        QVERIFY2(!item(menu, name)->isEnabled(), name);
        QVERIFY2(!item(menu, name)->toolTip().isEmpty(), name);
    }
    for (const char *name : {"compare", "replay", "delete", "filterByValue"})
        QVERIFY2(item(menu, name)->isEnabled(), name);
    // The window's own actions are untouched: their keys work as before.
    QVERIFY(bench.window.action(QStringLiteral("copyCurl"))->isEnabled());
    menu->close();
}

void TstRowMenu::copyItemsFillTheClipboard()
{
    Bench bench;
    QVERIFY(bench.start());
    QVERIFY(choose(bench.rightClick(0, Model::Target), "copyRequestUrl"));
    QTRY_COMPARE(clipboard(), QStringLiteral("http://example.test:9000/hooks/pay?x=1"));
    QVERIFY(choose(bench.rightClick(0, Model::Target), "copyBody"));
    QTRY_COMPARE(clipboard(), QString::fromUtf8(kJson));
    QVERIFY(choose(bench.rightClick(0, Model::Target), "copyCurl"));
    QTRY_VERIFY(clipboard().startsWith(QStringLiteral("curl ")));
    QVERIFY2(clipboard().contains(bench.window.engine()->url().toString() + QStringLiteral("/hooks/pay?x=1")),
             qPrintable(clipboard()));
    QVERIFY(clipboard().contains(QString::fromUtf8(kJson)));
    // Without a Host header, the URL is the listener's address it came in on.
    QVERIFY(choose(bench.rightClick(2, Model::Target), "copyRequestUrl"));
    QTRY_COMPARE(clipboard(), QStringLiteral("http://127.0.0.1:%1/status").arg(bench.window.engine()->url().port()));
}

void TstRowMenu::copyWorksBeforeTheDetailHasLoaded()
{
    // Requests of a session file are read when selected, off the GUI thread: the menu must copy
    // the row clicked, not whatever the detail showed before.
    const QString path = m_dir.filePath(QStringLiteral("three.hookscope"));
    QVERIFY(WindowTesting::writeSession(path, {"/a", "/b?c=1", "/d"}));
    Gui::WindowOptions options = anyPort();
    options.sessionPath = path;
    Gui::MainWindow window(options);
    window.show();
    QTRY_VERIFY(ready(window));
    QTRY_COMPARE(window.model()->rowCount(), 3);
    window.table()->selectRow(0);
    QTRY_VERIFY(window.isDetailReady());
    const QModelIndex cell = window.model()->index(1, Model::Target);
    const QPoint pos = window.table()->visualRect(cell).center();
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, window.table()->viewport()->mapToGlobal(pos));
    QApplication::sendEvent(window.table()->viewport(), &event);
    QMenu *menu = window.findChild<Gui::RowMenu *>()->menu();
    QVERIFY(menu);
    QVERIFY(!window.isDetailReady()); // still reading request 2
    QVERIFY(choose(menu, "copyRequestUrl"));
    QTRY_COMPARE(clipboard(), QStringLiteral("http://h/b?c=1"));
}

void TstRowMenu::saveBodyWritesTheBytes()
{
    Bench bench;
    QVERIFY(bench.start());
    const QString path = m_dir.filePath(QStringLiteral("body.bin"));
    bool handled = false;
    WindowTesting::whenModal<QFileDialog>(
        [path](QFileDialog *dialog) {
            dialog->selectFile(path);
            static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept, which QDialog makes public
        },
        &handled);
    QVERIFY(choose(bench.rightClick(1, Model::BodySize), "saveBody"));
    QTRY_VERIFY(handled);
    QFile file(path);
    QTRY_VERIFY(file.exists());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), kBinary); // the bytes, not the text shown
}

void TstRowMenu::deleteRemovesTheRows()
{
    Bench bench;
    QVERIFY(bench.start());
    bench.select({0, 2});
    QVERIFY(choose(bench.rightClick(2, Model::Id), "delete"));
    QTRY_COMPARE(bench.window.model()->rowCount(), 1);
    QCOMPARE(bench.window.model()->index(0, Model::Target).data().toString(), QStringLiteral("/hooks/bin"));
    QTRY_COMPARE(WindowTesting::countIn(bench.window.sessions()->path()), 1);
}

void TstRowMenu::compareOpensTheDiff()
{
    Bench bench;
    QVERIFY(bench.start());
    bench.select({0, 1});
    QVERIFY(choose(bench.rightClick(0, Model::Method), "compare"));
    Gui::DiffDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = bench.window.findChild<Gui::DiffDialog *>()) != nullptr);
    QVERIFY(dialog->headersText(false).startsWith("POST /hooks/pay?x=1 HTTP/1.1\n"));
    QVERIFY(dialog->headersText(true).startsWith("PUT /hooks/bin HTTP/1.1\n"));
    dialog->close();
}

void TstRowMenu::replayOpensTheDialogWithTheSelection()
{
    Bench bench;
    QVERIFY(bench.start());
    bench.select({0, 2});
    QVERIFY(choose(bench.rightClick(0, Model::Status), "replay"));
    Gui::ReplayDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = bench.window.findChild<Gui::ReplayDialog *>()) != nullptr);
    const QString changes = dialog->changesText();
    QVERIFY2(changes.contains(QStringLiteral("/hooks/pay")) && changes.contains(QStringLiteral("/status")),
             qPrintable(changes));
    QVERIFY(!changes.contains(QStringLiteral("/hooks/bin")));
    dialog->close();
}

void TstRowMenu::sendToSenderFillsTheComposer()
{
    Bench bench;
    QVERIFY(bench.start());
    auto *workspaces = bench.window.findChild<Gui::Workspaces *>();
    QCOMPARE(workspaces->current(), int(Gui::Workspaces::Captured));
    bench.table()->selectRow(2);
    QTRY_VERIFY(bench.window.isDetailReady());
    QVERIFY(choose(bench.rightClick(0, Model::Target), "sendToSender")); // the row clicked, not the one shown
    QTRY_COMPARE(workspaces->current(), int(Gui::Workspaces::Sender));
    const Gui::Composer *composer = workspaces->panel()->composer();
    QCOMPARE(composer->methodBox()->currentText(), QStringLiteral("POST"));
    QCOMPARE(composer->message().body, kJson);
}

void TstRowMenu::filterByTheCellValue()
{
    Bench bench;
    QVERIFY(bench.start());
    QLineEdit *filter = bench.window.filterBar()->edit();
    QMenu *menu = bench.rightClick(0, Model::Method);
    QCOMPARE(item(menu, "filterByValue")->text(), QStringLiteral("Filter by method:POST"));
    QVERIFY(choose(menu, "filterByValue"));
    QCOMPARE(filter->text(), QStringLiteral("method:POST"));
    QTRY_COMPARE(bench.window.model()->rowCount(), 1);

    // Narrowed further, as a filter the bar can read back.
    QVERIFY(choose(bench.rightClick(0, Model::Target), "filterOutValue"));
    QCOMPARE(filter->text(), QStringLiteral("method:POST -path:/hooks/pay"));
    QVERIFY(bench.window.filterBar()->errorText().isEmpty());
    QTRY_COMPARE(bench.window.model()->rowCount(), 0);

    // An OR in the filter is kept to itself.
    bench.window.filterBar()->setText(QStringLiteral("method:PUT OR method:GET"));
    QTRY_COMPARE(bench.window.model()->rowCount(), 2);
    QVERIFY(choose(bench.rightClick(1, Model::Target), "filterByValue"));
    QCOMPARE(filter->text(), QStringLiteral("(method:PUT OR method:GET) path:/status"));
    QTRY_COMPARE(bench.window.model()->rowCount(), 1);
    QCOMPARE(bench.window.model()->index(0, Model::Target).data().toString(), QStringLiteral("/status"));

    // A column the language cannot express yet: disabled, with the reason.
    menu = bench.rightClick(0, Model::Time);
    QAction *byTime = item(menu, "filterByValue");
    QVERIFY(!byTime->isEnabled() && !item(menu, "filterOutValue")->isEnabled());
    QVERIFY2(byTime->toolTip().contains(QStringLiteral("time")), qPrintable(byTime->toolTip()));
    QVERIFY(menu->toolTipsVisible());
    menu->close();
}

void TstRowMenu::keyboardOpensAtTheCurrentRow()
{
    Bench bench;
    QVERIFY(bench.start());
    QTableView *table = bench.table();
    table->setFocus();
    table->selectionModel()->setCurrentIndex(bench.window.model()->index(1, Model::Method),
                                             QItemSelectionModel::NoUpdate); // current, not selected
    QVERIFY(bench.selectedRows().isEmpty());
    QTest::keyClick(table, Qt::Key_F10, Qt::ShiftModifier);
    QMenu *menu = bench.menu();
    QVERIFY(menu && menu->isVisible());
    QCOMPARE(bench.selectedRows(), QList<int>{1});
    QCOMPARE(item(menu, "filterByValue")->text(), QStringLiteral("Filter by method:PUT")); // the current cell
    // Near the row, not wherever the mouse happens to be.
    const QRect row = table->visualRect(bench.window.model()->index(1, Model::Method));
    QVERIFY(qAbs(menu->pos().y() - table->viewport()->mapToGlobal(row.bottomLeft()).y()) <= row.height());
    menu->close();
    QTRY_VERIFY(!bench.menu());

    // The Menu key: the platform sends a context menu event of keyboard reason, with the
    // mouse's position; the menu is for the current row all the same.
    table->selectionModel()->setCurrentIndex(bench.window.model()->index(2, Model::Status),
                                             QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QContextMenuEvent key(QContextMenuEvent::Keyboard, QPoint(1, 1), table->mapToGlobal(QPoint(1, 1)));
    QApplication::sendEvent(table, &key);
    menu = bench.menu();
    QVERIFY(menu && menu->isVisible());
    QCOMPARE(item(menu, "filterByValue")->text(), QStringLiteral("Filter by status:200"));
    QVERIFY(choose(menu, "copyRequestUrl"));
    QTRY_VERIFY(clipboard().endsWith(QStringLiteral("/status")));
}

void TstRowMenu::detailSaysWhenTheFilterHidesTheSelection()
{
    Bench bench;
    QVERIFY(bench.start());
    Gui::RequestDetail *detail = bench.window.detail();
    bench.table()->selectRow(0);
    QTRY_VERIFY(bench.window.isDetailReady());
    detail->tabs()->setCurrentIndex(Gui::RequestDetail::Headers);
    QCOMPARE(detail->tabs()->tabText(Gui::RequestDetail::Headers), QStringLiteral("Headers (3)"));
    QVERIFY(detail->placeholderText().isEmpty());

    // The filter hides it: the detail says so, with no headers shown for nothing.
    bench.window.filterBar()->setText(QStringLiteral("method:GET"));
    QTRY_COMPARE(bench.window.model()->rowCount(), 1);
    QVERIFY2(detail->placeholderText().startsWith(QStringLiteral("The selected request is hidden by the filter")),
             qPrintable(detail->placeholderText()));
    QVERIFY(!detail->tabs()->isVisible());
    QVERIFY(!detail->request());
    QCOMPARE(detail->tabs()->tabText(Gui::RequestDetail::Headers), QStringLiteral("Headers"));

    // A filter that shows it again selects it again.
    bench.window.filterBar()->setText(QString());
    QTRY_COMPARE(bench.window.model()->rowCount(), 3);
    QCOMPARE(bench.selectedRows(), QList<int>{0});
    QTRY_VERIFY(bench.window.isDetailReady());
    QVERIFY(detail->placeholderText().isEmpty());
    QVERIFY(detail->tabs()->isVisible());
    QCOMPARE(detail->request()->request.target(), QByteArrayView("/hooks/pay?x=1"));

    // Hidden, then the user picks another: that one stays when the filter goes.
    bench.window.filterBar()->setText(QStringLiteral("method:GET"));
    QTRY_VERIFY(!detail->placeholderText().isEmpty());
    bench.table()->selectRow(0); // the GET
    QTRY_VERIFY(bench.window.isDetailReady());
    QVERIFY(detail->placeholderText().isEmpty());
    bench.window.filterBar()->setText(QString());
    QTRY_COMPARE(bench.window.model()->rowCount(), 3);
    QCOMPARE(bench.selectedRows(), QList<int>{2});
    QCOMPARE(detail->request()->request.target(), QByteArrayView("/status"));

    // With nothing selected, the detail asks for a selection rather than blaming the filter.
    bench.table()->clearSelection();
    bench.window.filterBar()->setText(QStringLiteral("method:PUT"));
    QTRY_COMPARE(bench.window.model()->rowCount(), 1);
    QVERIFY(detail->placeholderText().startsWith(QStringLiteral("Select a request")));
}

QTEST_MAIN(TstRowMenu)
#include "tst_rowmenu.moc"
