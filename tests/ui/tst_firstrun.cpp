// The first minutes with the window: the Help menu lists every shortcut the window has (read from
// its actions, so never out of date), says the version and Qt in About, points at the data folder
// the unsaved session lives in, and the listener says which port it took when the first is busy.

#include "emptystate.h"
#include "firstrun/testwebhook.h"
#include "help/helpmenu.h"
#include "mainwindow.h"
#include "translations.h"
#include "windowtesting.h"

#include "capture/captureengine.h"
#include "capture/sessioncontroller.h"
#include "requesttablemodel.h"
#include "session/sessionreader.h"
#include "signing/signing.h"

#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QStatusBar>
#include <QSysInfo>
#include <QTableWidget>
#include <QTcpServer>
#include <QToolButton>
#include <QTranslator>
#include <QUrlQuery>
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
    void testWebhookArrivesSignedAndValid();
    void testWebhookToAListenerOnEveryAddress();
    void germanWindow(); // last: it changes the application's language
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

    // Report a Bug opens a new issue that already says what it runs on.
    const QUrl report = Gui::HelpMenu::bugReportUrl();
    QCOMPARE(report.host(), QStringLiteral("github.com"));
    QCOMPARE(report.path(), QStringLiteral("/hookscope/hookscope/issues/new"));
    const QString body = QUrlQuery(report).queryItemValue(QStringLiteral("body"), QUrl::FullyDecoded);
    QVERIFY2(body.contains(QStringLiteral("Hookscope " HOOKSCOPE_VERSION ", Qt ") + QString::fromLatin1(qVersion())),
             qPrintable(body));
    QVERIFY(body.contains(QSysInfo::prettyProductName()));
    QVERIFY(body.contains(QStringLiteral("**How to make it happen**")));
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

void TstFirstRun::testWebhookArrivesSignedAndValid()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    auto *empty = window.findChild<Gui::EmptyState *>();
    QVERIFY(empty && empty->isVisibleTo(&window));
    // The Public URL switch is there too, the same action as the toolbar's.
    auto *publicSwitch = empty->findChild<QToolButton *>(QStringLiteral("publicUrlSwitch"));
    QVERIFY(publicSwitch);
    QCOMPARE(publicSwitch->defaultAction(), window.findChild<QAction *>(QStringLiteral("publicUrl")));

    auto *send = empty->findChild<QPushButton *>(QStringLiteral("sendTestWebhook"));
    QVERIFY(send);
    send->click();
    QTRY_COMPARE(window.model()->rowCount(), 1);
    QTRY_VERIFY(window.statusBar()->currentMessage().startsWith(QStringLiteral("Sent a signed GitHub push to ")));
    QVERIFY2(window.statusBar()->currentMessage().endsWith(QStringLiteral("Hookscope answered 200 OK")),
             qPrintable(window.statusBar()->currentMessage()));
    QVERIFY(!empty->isVisibleTo(&window)); // the table shows it
    Session::SessionReader reader;
    QVERIFY(reader.open(window.sessions()->path()).problem == Session::FileProblem::None);
    const Session::CapturedRequestPtr r = reader.load(window.model()->idAt(0));
    QVERIFY(r);
    QCOMPARE(r->request.headerValue("X-GitHub-Event"), QByteArrayView("push"));
    QVERIFY(!r->request.headerValue("X-Hub-Signature-256").isNull());
    QVERIFY(!r->request.body().contains("{{")); // placeholders filled in
    QCOMPARE(r->signature.scheme, QStringLiteral("github"));
    QCOMPARE(r->signature.verdict, Signing::Verdict::Valid);
    QCOMPARE(r->signature.secretLabel, QStringLiteral("Hookscope test webhook"));

    // Elsewhere the test secret does not count: a GitHub delivery on another path has no secret set.
    const Signing::Secret test = Signing::testWebhookSecret();
    const QByteArray body = R"({"zen":"Design for failure."})";
    const Signing::Signed signature = Signing::sign(test.scheme, test.secret, body);
    QVERIFY(signature.error.isEmpty());
    QByteArray other = "POST /github HTTP/1.1\r\nHost: 127.0.0.1\r\nX-GitHub-Event: push\r\n";
    for (const auto &[name, value] : signature.headers)
        other += name + ": " + value + "\r\n";
    other += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    QVERIFY(WindowTesting::answerTo(window.engine()->url(), other).startsWith("HTTP/1.1 200"));
    QTRY_COMPARE(window.model()->rowCount(), 2);
    const Session::CapturedRequestPtr elsewhere = reader.load(window.model()->idAt(1));
    QCOMPARE(elsewhere->signature.verdict, Signing::Verdict::NoSecret);
    QCOMPARE(elsewhere->signature.detail, QStringLiteral("no GitHub secret is set"));
}

void TstFirstRun::testWebhookToAListenerOnEveryAddress()
{
    // Listening on 0.0.0.0, the test webhook goes to (and names in Host) the loopback address;
    // straight there, whatever proxy the environment names.
    qputenv("http_proxy", "http://127.0.0.1:1");
    const auto noProxy = qScopeGuard([] { qunsetenv("http_proxy"); });
    Gui::WindowOptions options = anyPort();
    options.address = QHostAddress(QHostAddress::AnyIPv4);
    Gui::MainWindow window(options);
    QTRY_VERIFY(ready(window));
    window.findChild<QPushButton *>(QStringLiteral("sendTestWebhook"))->click();
    QTRY_COMPARE(window.model()->rowCount(), 1);
    Session::SessionReader reader;
    QVERIFY(reader.open(window.sessions()->path()).problem == Session::FileProblem::None);
    const Session::CapturedRequestPtr r = reader.load(window.model()->idAt(0));
    QVERIFY(r);
    const QByteArray host = "127.0.0.1:" + QByteArray::number(window.engine()->port());
    QCOMPARE(r->request.headerValue("Host"), QByteArrayView(host));
    QCOMPARE(r->signature.verdict, Signing::Verdict::Valid);
    QTRY_VERIFY2(window.statusBar()->currentMessage().endsWith(QStringLiteral("Hookscope answered 200 OK")),
                 qPrintable(window.statusBar()->currentMessage()));
}

void TstFirstRun::germanWindow()
{
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/hookscope_de.qm")));
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    Gui::installTranslations(); // as main() does, for a user whose language is German
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    QStringList menus;
    for (QAction *top : window.menuBar()->actions())
        menus << top->text();
    QCOMPARE(menus,
             (QStringList{QStringLiteral("&Datei"), QStringLiteral("&Bearbeiten"), QStringLiteral("&Ansicht"),
                          QStringLiteral("Auf&zeichnung"), QStringLiteral("Se&nder"), QStringLiteral("&Hilfe")}));
    auto *empty = window.findChild<Gui::EmptyState *>();
    QVERIFY(empty);
    bool waiting = false;
    for (QLabel *label : empty->findChildren<QLabel *>())
        waiting = waiting || label->text() == QStringLiteral("Warte auf den ersten Webhook");
    QVERIFY(waiting);
    QCOMPARE(window.findChild<QAction *>(QStringLiteral("publicUrl"))->text(), QStringLiteral("&Öffentliche URL"));
    // German plurals, and English for what is not translated yet.
    QCOMPARE(QCoreApplication::translate("Gui::MainWindow", "%n request(s)", nullptr, 1), QStringLiteral("1 Anfrage"));
    QCOMPARE(QCoreApplication::translate("Gui::MainWindow", "%n request(s)", nullptr, 2), QStringLiteral("2 Anfragen"));
    QCOMPARE(QCoreApplication::translate("Gui::SettingsDialog", "Not a translated sentence"),
             QStringLiteral("Not a translated sentence"));
    // Qt's own strings too (packaging/install-deps.sh installs qt6-translations-l10n).
    QCOMPARE(QKeySequence(Qt::CTRL | Qt::Key_F).toString(QKeySequence::NativeText), QStringLiteral("Strg+F"));
    // A plural German does not have yet reads as English, not as "request(s)".
    QCOMPARE(QCoreApplication::translate("Gui::ReplayDialog", "Replay %n Request(s)", nullptr, 2),
             QStringLiteral("Replay 2 Requests"));

    // Back to English for whatever runs after.
    for (QTranslator *t : QCoreApplication::instance()->findChildren<QTranslator *>()) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

QTEST_MAIN(TstFirstRun)
#include "tst_firstrun.moc"
