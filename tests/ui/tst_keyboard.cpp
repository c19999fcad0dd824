// The window without a mouse: every shortcut is in a menu (so the menus teach it), the required
// shortcuts are there and unambiguous, and real key presses move through the requests, filter,
// copy, delete and compare them.

#include "diffdialog.h"
#include "filterbar.h"
#include "mainwindow.h"
#include "requestdetail.h"
#include "requesttablemodel.h"
#include "settings.h"
#include "windowtesting.h"

#include "capture/captureengine.h"
#include "capture/sessioncontroller.h"
#include "session/scratch.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QtTest>

namespace {

using WindowTesting::answerTo;
using WindowTesting::anyPort;
using WindowTesting::countIn;
using WindowTesting::ready;
using WindowTesting::whenModal;

/// One request over a real socket; true once it was answered with 200.
bool send(const QUrl &url, const QByteArray &method, const QByteArray &target, const QByteArray &body = {})
{
    const QByteArray request = method + ' ' + target +
                               " HTTP/1.1\r\nHost: example.test\r\nContent-Type: application/json\r\n" +
                               "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return answerTo(url, request).startsWith("HTTP/1.1 200");
}

/// Selects `row` with the arrow keys, as a user arriving in the table does: the first row, then down.
void arrowToRow(QTableView *table, int row)
{
    QTest::keyClick(table, Qt::Key_Down); // the first row, or the second if focus made the first current
    QTest::keyClick(table, Qt::Key_Up);
    for (int i = 0; i < row; ++i)
        QTest::keyClick(table, Qt::Key_Down);
}

/// Makes `window` the active window and waits until it is. Under a window manager, closing a
/// dialog hands activation back to the window below it; the offscreen platform has none, so the
/// test does that part.
bool reactivate(QWidget *window)
{
    QApplication::setActiveWindow(window);
    return QTest::qWaitForWindowActive(window);
}

/// Every action the menu bar leads to, through submenus.
void collect(const QList<QAction *> &actions, QList<QAction *> *out, QStringList *untitled, const QString &where)
{
    for (QAction *a : actions) {
        if (a->isSeparator())
            continue;
        const QString path = where + QStringLiteral(" ▸ ") + a->text();
        if (a->text().isEmpty())
            untitled->append(path);
        out->append(a);
        if (QMenu *menu = a->menu())
            collect(menu->actions(), out, untitled, path);
    }
}

} // namespace

class TstKeyboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void everyShortcutIsInTheMenus();
    void requiredShortcuts_data();
    void requiredShortcuts();
    void noTwoActionsShareAShortcut();
    void arrowsMoveThroughRequests();
    void ctrlFFiltersAndEnterApplies();
    void ctrlShiftCCopiesCurl();
    void deleteKeyRemovesAfterConfirming();
    void ctrlDComparesAndEscapeCloses();
    void ctrlLAndCtrlNStartEmptySessions();
    void ctrlOAndCtrlSOpenFileDialogs();
    void tabLeavesTheTable();

private:
    /// A shown, active window with /kb/one, /kb/two and /kb/three captured, focus in the table.
    bool prepare(Gui::MainWindow &window);
    QString targetShown(Gui::MainWindow &window) const;
};

void TstKeyboard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_keyboard"));
    qputenv("HOOKSCOPE_NO_DIALOGS", "1");
}

void TstKeyboard::init()
{
    QSettings().clear();
    QDir(Session::Scratch::directory()).removeRecursively();
    QGuiApplication::clipboard()->clear();
}

void TstKeyboard::cleanup()
{
    qputenv("HOOKSCOPE_NO_DIALOGS", "1");
}

bool TstKeyboard::prepare(Gui::MainWindow &window)
{
    window.show();
    if (!reactivate(&window))
        return false;
    if (!QTest::qWaitFor([&] { return ready(window); }, 5000))
        return false;
    const QUrl url = window.engine()->url();
    if (!send(url, "POST", "/kb/one", R"({"n":1})") || !send(url, "POST", "/kb/two", R"({"n":2})") ||
        !send(url, "GET", "/kb/three"))
        return false;
    if (!QTest::qWaitFor([&] { return window.model()->rowCount() == 3; }, 5000))
        return false;
    window.table()->setFocus(Qt::TabFocusReason);
    return QTest::qWaitFor([&] { return window.table()->hasFocus(); }, 2000);
}

/// The request line in the Overview tab below the table: what the user sees selected.
QString TstKeyboard::targetShown(Gui::MainWindow &window) const
{
    if (!window.isDetailReady())
        return {};
    const QString overview = window.detail()->overviewText();
    for (const char *target : {"/kb/one", "/kb/two", "/kb/three"}) {
        if (overview.contains(QLatin1String(target) + QLatin1String(" HTTP/1.1")))
            return QLatin1String(target);
    }
    return QStringLiteral("(none)");
}

void TstKeyboard::everyShortcutIsInTheMenus()
{
    Gui::Settings().set(Gui::Settings::RecentSessions, QStringList{QStringLiteral("/tmp/earlier.hookscope")});
    Gui::MainWindow window(anyPort());
    QList<QAction *> inMenus;
    QStringList untitled;
    collect(window.menuBar()->actions(), &inMenus, &untitled, QStringLiteral("Menu bar"));
    QVERIFY(inMenus.size() > 10);
    QVERIFY2(untitled.isEmpty(), qPrintable(untitled.join(QStringLiteral(", "))));

    // Every top-level menu opens with Alt+letter.
    for (QAction *menu : window.menuBar()->actions())
        QVERIFY2(!QKeySequence::mnemonic(menu->text()).isEmpty(), qPrintable(menu->text()));

    int withShortcut = 0;
    const QList<QAction *> all = window.findChildren<QAction *>();
    for (QAction *a : all) {
        if (a->shortcut().isEmpty())
            continue;
        if (a->shortcutContext() == Qt::WidgetShortcut)
            continue; // a view's own Copy / Select All, shown in its context menu
        ++withShortcut;
        QVERIFY2(inMenus.contains(a),
                 qPrintable(QStringLiteral("%1 (%2, %3) is in no menu")
                                .arg(a->objectName(), a->text(), a->shortcut().toString(QKeySequence::NativeText))));
        QVERIFY(!a->shortcut().toString(QKeySequence::NativeText).isEmpty()); // what the menu shows beside it
    }
    QVERIFY(withShortcut >= 8);
}

void TstKeyboard::requiredShortcuts_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QKeySequence>("keys");
    QTest::newRow("filter") << QStringLiteral("filter") << QKeySequence(Qt::CTRL | Qt::Key_F);
    QTest::newRow("open") << QStringLiteral("open") << QKeySequence(Qt::CTRL | Qt::Key_O);
    QTest::newRow("save as") << QStringLiteral("saveAs") << QKeySequence(Qt::CTRL | Qt::Key_S);
    QTest::newRow("clear") << QStringLiteral("clear") << QKeySequence(Qt::CTRL | Qt::Key_L);
    QTest::newRow("delete") << QStringLiteral("delete") << QKeySequence(Qt::Key_Delete);
    QTest::newRow("copy as curl") << QStringLiteral("copyCurl") << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C);
    QTest::newRow("new") << QStringLiteral("new") << QKeySequence(Qt::CTRL | Qt::Key_N);
    QTest::newRow("compare") << QStringLiteral("compare") << QKeySequence(Qt::CTRL | Qt::Key_D);
}

void TstKeyboard::requiredShortcuts()
{
    QFETCH(QString, action);
    QFETCH(QKeySequence, keys);
    Gui::MainWindow window(anyPort());
    QAction *a = window.action(action);
    QVERIFY(a);
    QCOMPARE(a->shortcut(), keys);
    QVERIFY(a->isEnabled());
    QCOMPARE(a->shortcutContext(), Qt::WindowShortcut);
    QVERIFY(window.actions().contains(a)); // works with the menu bar hidden too
}

void TstKeyboard::noTwoActionsShareAShortcut()
{
    Gui::MainWindow window(anyPort());
    QHash<QKeySequence, QString> owner;
    const QList<QAction *> all = window.findChildren<QAction *>();
    for (QAction *a : all) {
        if (!a->isEnabled() || a->shortcutContext() == Qt::WidgetShortcut)
            continue;
        for (const QKeySequence &keys : a->shortcuts()) {
            const QString name = a->objectName().isEmpty() ? a->text() : a->objectName();
            QVERIFY2(!owner.contains(keys),
                     qPrintable(QStringLiteral("%1 is both %2 and %3")
                                    .arg(keys.toString(QKeySequence::NativeText), owner.value(keys), name)));
            owner.insert(keys, name);
        }
    }
    QVERIFY(owner.size() >= 8);
}

void TstKeyboard::arrowsMoveThroughRequests()
{
    Gui::MainWindow window(anyPort());
    QVERIFY(prepare(window));
    QTableView *table = window.table();
    const auto currentRow = [table] { return table->currentIndex().row(); };

    arrowToRow(table, 0);
    QTRY_COMPARE(targetShown(window), QStringLiteral("/kb/one"));
    QCOMPARE(currentRow(), 0);
    QTest::keyClick(table, Qt::Key_Down);
    QCOMPARE(currentRow(), 1);
    QTRY_COMPARE(targetShown(window), QStringLiteral("/kb/two"));
    QTest::keyClick(table, Qt::Key_Down);
    QCOMPARE(currentRow(), 2);
    QTRY_COMPARE(targetShown(window), QStringLiteral("/kb/three"));
    QCOMPARE(window.table()->selectionModel()->selectedRows().size(), 1); // one row, not a growing range
    QTest::keyClick(table, Qt::Key_Up);
    QCOMPARE(currentRow(), 1);
    QTRY_COMPARE(targetShown(window), QStringLiteral("/kb/two"));
    QVERIFY(window.detail()->overviewText().contains(QStringLiteral("POST /kb/two HTTP/1.1")));
    QTest::keyClick(table, Qt::Key_PageDown);
    QTRY_COMPARE(targetShown(window), QStringLiteral("/kb/three"));
    QVERIFY(window.detail()->overviewText().contains(QStringLiteral("GET /kb/three HTTP/1.1")));
    QTest::keyClick(table, Qt::Key_PageUp);
    QTRY_COMPARE(targetShown(window), QStringLiteral("/kb/one"));
    QCOMPARE(currentRow(), 0);
    // Home and End: the first and the last request, as the README says.
    QTest::keyClick(table, Qt::Key_End);
    QCOMPARE(currentRow(), 2);
    QTRY_COMPARE(targetShown(window), QStringLiteral("/kb/three"));
    QTest::keyClick(table, Qt::Key_Home);
    QCOMPARE(currentRow(), 0);
    QTRY_COMPARE(targetShown(window), QStringLiteral("/kb/one"));
    QTest::keyClick(table, Qt::Key_End, Qt::ShiftModifier); // Shift extends the selection
    QCOMPARE(table->selectionModel()->selectedRows().size(), 3);
}

void TstKeyboard::ctrlFFiltersAndEnterApplies()
{
    Gui::MainWindow window(anyPort());
    QVERIFY(prepare(window));
    QLineEdit *edit = window.filterBar()->edit();
    QVERIFY(!edit->hasFocus());

    QTest::keyClick(window.table(), Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(edit));

    QTest::keyClicks(edit, QStringLiteral("path:/kb/t*"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(window.model()->rowCount(), 2); // applied on Enter, without waiting for the typing pause
    QCOMPARE(window.model()->index(0, Gui::RequestTableModel::Target).data().toString(), QStringLiteral("/kb/two"));
    QCOMPARE(window.model()->index(1, Gui::RequestTableModel::Target).data().toString(), QStringLiteral("/kb/three"));
    QVERIFY(edit->hasFocus());

    // Delete in the filter edits the text; it does not delete requests.
    QTest::keyClick(edit, Qt::Key_Home);
    QTest::keyClick(edit, Qt::Key_Delete);
    QCOMPARE(edit->text(), QStringLiteral("ath:/kb/t*"));
    QCOMPARE(window.model()->store().size(), qsizetype(3));

    // Back to the table with the keyboard, then Ctrl+F again: the old filter is selected, typing replaces it.
    window.table()->setFocus(Qt::BacktabFocusReason);
    QTRY_VERIFY(window.table()->hasFocus());
    QTest::keyClick(window.table(), Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(edit));
    QCOMPARE(edit->selectedText(), edit->text());
    QTest::keyClicks(edit, QStringLiteral("method:GET"));
    QTest::keyClick(edit, Qt::Key_Enter); // the keypad's Enter too
    QCOMPARE(edit->text(), QStringLiteral("method:GET"));
    QCOMPARE(window.model()->rowCount(), 1);
    QCOMPARE(window.model()->index(0, Gui::RequestTableModel::Target).data().toString(), QStringLiteral("/kb/three"));

    // Emptying the filter shows everything again.
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(window.model()->rowCount(), 3);

    // Escape clears a filter at once, as in a search field; Escape on an empty one goes back to the table.
    QTest::keyClicks(edit, QStringLiteral("method:GET"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(window.model()->rowCount(), 1);
    QTest::keyClick(edit, Qt::Key_Escape);
    QCOMPARE(edit->text(), QString());
    QCOMPARE(window.model()->rowCount(), 3);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(edit));
    QTest::keyClick(edit, Qt::Key_Escape);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(window.table()));
}

void TstKeyboard::ctrlShiftCCopiesCurl()
{
    Gui::MainWindow window(anyPort());
    QVERIFY(prepare(window));
    QTableView *table = window.table();
    arrowToRow(table, 1);
    QTRY_COMPARE(targetShown(window), QStringLiteral("/kb/two"));
    QVERIFY(QGuiApplication::clipboard()->text().isEmpty());

    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    const QString command = QGuiApplication::clipboard()->text();
    QVERIFY2(command.contains(QStringLiteral("curl")), qPrintable(command));
    QVERIFY2(command.contains(window.engine()->url().toString() + QStringLiteral("/kb/two")), qPrintable(command));
    QVERIFY(command.contains(QStringLiteral("{\"n\":2}")));
    QVERIFY(!command.contains(QStringLiteral("/kb/one")));

    // From the detail pane below, too: the shortcut belongs to the window, not the table.
    QGuiApplication::clipboard()->clear();
    window.detail()->tabs()->setFocus();
    QTRY_VERIFY(window.detail()->tabs()->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(QGuiApplication::clipboard()->text().contains(QStringLiteral("/kb/two")));
}

void TstKeyboard::deleteKeyRemovesAfterConfirming()
{
    qunsetenv("HOOKSCOPE_NO_DIALOGS"); // the confirmation a user gets
    Gui::MainWindow window(anyPort());
    QVERIFY(prepare(window));
    QTableView *table = window.table();
    arrowToRow(table, 1);
    QTRY_COMPARE(targetShown(window), QStringLiteral("/kb/two"));

    // Delete asks first; No (Escape) keeps the request.
    QString question;
    bool handled = false;
    whenModal<QMessageBox>(
        [&question](QMessageBox *box) {
            question = box->text();
            QTest::keyClick(box, Qt::Key_Escape);
        },
        &handled);
    QTest::keyClick(table, Qt::Key_Delete);
    QVERIFY(handled);
    QVERIFY2(question.contains(QStringLiteral("Delete 1 request")), qPrintable(question));
    QCOMPARE(window.model()->rowCount(), 3);
    QVERIFY(reactivate(&window));
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(table)); // focus came back to the table

    // Yes, chosen with the keyboard, deletes it; the next one is selected and shown.
    whenModal<QMessageBox>(
        [](QMessageBox *box) {
            QAbstractButton *yes = box->button(QMessageBox::Yes);
            if (!yes)
                return box->reject();
            yes->setFocus();
            QTest::keyClick(yes, Qt::Key_Space);
        },
        &handled);
    QTest::keyClick(table, Qt::Key_Delete);
    QVERIFY(handled);
    QCOMPARE(window.model()->rowCount(), 2);
    QCOMPARE(window.model()->index(0, Gui::RequestTableModel::Target).data().toString(), QStringLiteral("/kb/one"));
    QCOMPARE(window.model()->index(1, Gui::RequestTableModel::Target).data().toString(), QStringLiteral("/kb/three"));
    QTRY_COMPARE(targetShown(window), QStringLiteral("/kb/three"));
    QTRY_COMPARE(countIn(window.sessions()->path()), 2);
    // Focus stayed in the table: Up goes on from there.
    QVERIFY(reactivate(&window));
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(table));
    QTest::keyClick(table, Qt::Key_Up);
    QTRY_COMPARE(targetShown(window), QStringLiteral("/kb/one"));
}

void TstKeyboard::ctrlDComparesAndEscapeCloses()
{
    Gui::MainWindow window(anyPort());
    QVERIFY(prepare(window));
    QTableView *table = window.table();
    arrowToRow(table, 0);
    QTest::keyClick(table, Qt::Key_Down, Qt::ShiftModifier);
    QCOMPARE(table->selectionModel()->selectedRows().size(), 2);

    QTest::keyClick(table, Qt::Key_D, Qt::ControlModifier);
    QPointer<Gui::DiffDialog> dialog;
    QTRY_VERIFY((dialog = window.findChild<Gui::DiffDialog *>()) != nullptr);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->headersText(false).startsWith("POST /kb/one HTTP/1.1\n"));
    QVERIFY(dialog->headersText(true).startsWith("POST /kb/two HTTP/1.1\n"));
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(!dialog || !dialog->isVisible());
    QVERIFY(reactivate(&window));
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(table));

    // With one row selected, Ctrl+D says what it needs instead of doing nothing.
    QTest::keyClick(table, Qt::Key_Up);
    QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
    QTest::keyClick(table, Qt::Key_D, Qt::ControlModifier);
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("Select two requests")));
}

void TstKeyboard::ctrlLAndCtrlNStartEmptySessions()
{
    Gui::MainWindow window(anyPort());
    QVERIFY(prepare(window));
    const QString first = window.sessions()->path();

    QTest::keyClick(window.table(), Qt::Key_L, Qt::ControlModifier);
    QTRY_VERIFY(window.sessions()->path() != first);
    QTRY_VERIFY(ready(window));
    QCOMPARE(window.model()->rowCount(), 0);
    QCOMPARE(countIn(first), 3); // cleared from view, kept in its file
    const QString second = window.sessions()->path();

    QVERIFY(send(window.engine()->url(), "GET", "/kb/four"));
    QTRY_COMPARE(window.model()->rowCount(), 1);
    QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : &window, Qt::Key_N,
                    Qt::ControlModifier);
    QTRY_VERIFY(window.sessions()->path() != second);
    QTRY_VERIFY(ready(window));
    QCOMPARE(window.model()->rowCount(), 0);
    QCOMPARE(countIn(second), 1);
}

void TstKeyboard::ctrlOAndCtrlSOpenFileDialogs()
{
    Gui::MainWindow window(anyPort());
    QVERIFY(prepare(window));
    const QString session = window.sessions()->path();

    for (const auto &[key, title] : {std::pair{Qt::Key_O, QStringLiteral("Open Session")},
                                     std::pair{Qt::Key_S, QStringLiteral("Save Session As")}}) {
        QString shown;
        bool handled = false;
        whenModal<QFileDialog>(
            [&shown](QFileDialog *dialog) {
                shown = dialog->windowTitle();
                QTest::keyClick(dialog, Qt::Key_Escape);
                if (dialog->isVisible())
                    dialog->reject();
            },
            &handled);
        QTest::keyClick(window.table(), key, Qt::ControlModifier);
        QVERIFY2(handled, qPrintable(title));
        QCOMPARE(shown, title);
        QVERIFY(!QApplication::activeModalWidget());
        QCOMPARE(window.sessions()->path(), session); // Escape changed nothing
        QCOMPARE(window.model()->rowCount(), 3);
        QVERIFY(reactivate(&window));
    }
}

void TstKeyboard::tabLeavesTheTable()
{
    Gui::MainWindow window(anyPort());
    QVERIFY(prepare(window));
    QTableView *table = window.table();
    arrowToRow(table, 0);
    QTRY_COMPARE(targetShown(window), QStringLiteral("/kb/one"));

    // Tab goes on to the next part of the window (the request below, the filter, the toolbar)
    // however many cells the table has; otherwise a keyboard user cannot get out of it.
    // One press takes the keyboard to the request's tabs below; Shift+Tab comes back.
    QTest::keyClick(table, Qt::Key_Tab);
    QWidget *focus = QApplication::focusWidget();
    QVERIFY(focus && focus != table);
    QVERIFY2(window.detail()->isAncestorOf(focus), focus->metaObject()->className());
    QTest::keyClick(focus, Qt::Key_Backtab, Qt::ShiftModifier);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(table));
    // And from the filter, Tab goes into the table.
    QTest::keyClick(table, Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(window.filterBar()->edit()));
    QTest::keyClick(window.filterBar()->edit(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(table));
}

QTEST_MAIN(TstKeyboard)
#include "tst_keyboard.moc"
