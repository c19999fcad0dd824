// The first minutes with the window: the Help menu lists every shortcut the window has (read from
// its actions, so never out of date), says the version and Qt in About, points at the data folder
// the unsaved session lives in, and the listener says which port it took when the first is busy.

#include "help/helpmenu.h"
#include "mainwindow.h"
#include "windowtesting.h"

#include "capture/captureengine.h"
#include "capture/sessioncontroller.h"

#include <QAction>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTableWidget>
#include <QTcpServer>
#include <QtTest>

using WindowTesting::anyPort;
using WindowTesting::ready;

class TstFirstRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void helpMenuHasWhatItSays();
    void shortcutsAreEveryActionWithKeys();
    void aboutSaysVersionQtAndLicence();
    void dataFolderHoldsTheUnsavedSession();
    void busyPortIsSaidAndTheNextTaken();
};

void TstFirstRun::initTestCase()
{
    WindowTesting::setUpWindowTests();
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_firstrun"));
}

void TstFirstRun::init()
{
    QSettings().clear();
    WindowTesting::clearScratchSessions();
}

void TstFirstRun::helpMenuHasWhatItSays()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    QMenu *help = nullptr;
    for (QAction *top : window.menuBar()->actions())
        if (top->menu() && top->menu()->objectName() == QLatin1String("helpMenu"))
            help = top->menu();
    QVERIFY(help);
    QCOMPARE(window.menuBar()->actions().constLast()->menu(), help); // Help comes last
    QStringList names;
    for (QAction *a : help->actions())
        if (!a->isSeparator())
            names << a->objectName();
    QCOMPARE(names, (QStringList{QStringLiteral("keyboardShortcuts"), QStringLiteral("openDataFolder"),
                                 QStringLiteral("reportBug"), QStringLiteral("about"), QStringLiteral("aboutQt")}));
    QCOMPARE(help->actions().constFirst()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Slash));
}

void TstFirstRun::shortcutsAreEveryActionWithKeys()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    QTableWidget *table = Gui::HelpMenu::shortcutTable(&window, &window);
    QHash<QString, QString> keysOf; // action → keys
    for (int row = 0; row < table->rowCount(); ++row) {
        const QString action = table->item(row, 1)->text();
        QVERIFY2(!keysOf.contains(action + table->item(row, 2)->text()), qPrintable(action)); // listed once
        keysOf.insert(action, table->item(row, 2)->text());
    }
    QCOMPARE(keysOf.value(QStringLiteral("Quit")), QStringLiteral("Ctrl+Q"));
    QCOMPARE(keysOf.value(QStringLiteral("Filter")), QStringLiteral("Ctrl+F"));
    QCOMPARE(keysOf.value(QStringLiteral("Keyboard Shortcuts")), QStringLiteral("Ctrl+/"));
    // Every action of the window that has keys is in the list, by its text without '&' and '…'.
    int withKeys = 0;
    QSet<QAction *> counted;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->shortcuts().isEmpty() || counted.contains(action))
            continue;
        counted.insert(action);
        ++withKeys;
        QString text = action->text().remove(QLatin1Char('&'));
        if (text.endsWith(QChar(0x2026)))
            text.chop(1);
        QVERIFY2(keysOf.contains(text), qPrintable(text));
    }
    QVERIFY(withKeys >= 20);
    QCOMPARE(table->rowCount(), withKeys);
}

void TstFirstRun::aboutSaysVersionQtAndLicence()
{
    const QString about = Gui::HelpMenu::aboutText();
    QVERIFY(about.contains(QStringLiteral("Hookscope " HOOKSCOPE_VERSION)));
    QVERIFY(about.contains(QStringLiteral("Built with Qt " QT_VERSION_STR)));
    QVERIFY(about.contains(QStringLiteral("running on Qt ") + QString::fromLatin1(qVersion())));
    QVERIFY(about.contains(QStringLiteral("MIT License")));
}

void TstFirstRun::dataFolderHoldsTheUnsavedSession()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    const QString folder = Gui::HelpMenu::dataFolder();
    QVERIFY2(window.sessions()->path().startsWith(folder + QLatin1Char('/')),
             qPrintable(window.sessions()->path() + QStringLiteral(" not in ") + folder));
}

void TstFirstRun::busyPortIsSaidAndTheNextTaken()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    Gui::WindowOptions options;
    options.port = taken.serverPort();
    options.portAttempts = 100;
    Gui::MainWindow window(options);
    QTRY_VERIFY(ready(window));
    QVERIFY(window.engine()->port() != taken.serverPort());
    QVERIFY(window.engine()->port() > taken.serverPort());
    QTRY_COMPARE(window.statusBar()->currentMessage(), QStringLiteral("Port %1 is taken: listening on %2 instead")
                                                           .arg(taken.serverPort())
                                                           .arg(window.engine()->port()));
}

QTEST_MAIN(TstFirstRun)
#include "tst_firstrun.moc"
