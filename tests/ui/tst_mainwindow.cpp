// The real window, headless: its listener on a free port, requests over loopback, rows in the
// table, and the session file behind it.

#include "capture/answerrules.h"
#include "diffdialog.h"
#include "fieldsmodel.h"
#include "filterbar.h"
#include "mainwindow.h"
#include "requestdetail.h"
#include "requesttablemodel.h"
#include "rulesdialog.h"
#include "windowtesting.h"

#include "capture/captureengine.h"
#include "capture/sessioncontroller.h"
#include "http/requestreader.h"
#include "session/scratch.h"
#include "session/sessionreader.h"
#include "session/sessionwriter.h"
#include "session/writerhub.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

namespace {

using WindowTesting::answerTo;
using WindowTesting::anyPort;
using WindowTesting::countIn;
using WindowTesting::post;
using WindowTesting::ready;
using WindowTesting::statusOf;

/// File ▸ Open Recent, as the menu bar offers it.
QMenu *recentMenu(Gui::MainWindow &window)
{
    for (QAction *top : window.menuBar()->actions()) {
        if (top->text() != QStringLiteral("&File") || !top->menu())
            continue;
        for (QAction *item : top->menu()->actions()) {
            if (item->menu() && item->text() == QStringLiteral("Open &Recent"))
                return item->menu();
        }
    }
    return nullptr;
}

/// The entry of File ▸ Open Recent that opens `path`, or null.
QAction *recentEntry(Gui::MainWindow &window, const QString &path)
{
    QMenu *menu = recentMenu(window);
    const QList<QAction *> entries = menu ? menu->actions() : QList<QAction *>();
    for (QAction *entry : entries) {
        if (entry->toolTip() == QDir::toNativeSeparators(path) || entry->text() == QDir::toNativeSeparators(path))
            return entry;
    }
    return nullptr;
}

/// The text of the status bar's request count ("2 requests", "1 of 3 requests").
QString countText(Gui::MainWindow &window)
{
    static const QRegularExpression count(QStringLiteral("^\\d+ (of \\d+ )?request"));
    for (const QLabel *label : window.statusBar()->findChildren<QLabel *>()) {
        if (label->isVisible() && count.match(label->text()).hasMatch())
            return label->text();
    }
    return {};
}

int get(const QUrl &base, const QString &path)
{
    QNetworkAccessManager nam;
    return statusOf(nam.get(QNetworkRequest(base.resolved(QUrl(path)))));
}

} // namespace

class TstMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void showsUrlAndCapturesIntoScratchSession();
    void takesNextFreePortWhenBusy();
    void saveAsWhileCapturing();
    void openSwitchesSession();
    void sessionWithSentMessagesOpens();
    void badFileIsRefusedAndUntouched();
    void scratchSessionOfferedAgain();
    void emptyScratchSessionRemovedOnLeaving();
    void scratchSessionWithRequestsKeptInRecent();
    void countSaysRequestsInEnglish();
    void selectingShowsTheRequest();
    void emptyStateShowsWhereToSend();
    void listenerOffAndOn();
    void importHarIntoSession();
    void answerRulesApplyAtOnce();
    void filterTheTable();
    void copyAsCurlSendsTheSameBytes();
    void deleteRemovesFromTableAndFile();
    void compareTwoRequests();
    void exportHarFromTheWindow();

private:
    QTemporaryDir m_dir;
};

void TstMainWindow::initTestCase()
{
    WindowTesting::setUpWindowTests();
}

void TstMainWindow::init()
{
    WindowTesting::clearScratchSessions();
}

void TstMainWindow::showsUrlAndCapturesIntoScratchSession()
{
    Gui::MainWindow window(anyPort());
    QAbstractItemModelTester tester(window.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(ready(window));
    const QUrl url = window.engine()->url();
    QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(window.statusText().contains(url.toString()));
    QCOMPARE(window.model()->rowCount(), 0);
    QVERIFY(window.sessions()->isScratch());
    QVERIFY(window.windowTitle().contains(QStringLiteral("Unsaved session")));

    QCOMPARE(post(url, QStringLiteral("/stripe/events"), R"({"type":"invoice.paid"})"), 200);
    const QByteArray bad = answerTo(url, "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: x\r\n\r\n");
    QVERIFY2(bad.startsWith("HTTP/1.1 400"), bad.constData());

    QTRY_COMPARE(window.model()->rowCount(), 2);
    const auto cell = [&](int row, int column) { return window.model()->index(row, column).data().toString(); };
    QCOMPARE(cell(0, Gui::RequestTableModel::Method), QStringLiteral("POST"));
    QCOMPARE(cell(0, Gui::RequestTableModel::Target), QStringLiteral("/stripe/events"));
    QCOMPARE(cell(0, Gui::RequestTableModel::Status), QStringLiteral("200"));
    QCOMPARE(cell(0, Gui::RequestTableModel::BodySize), QStringLiteral("23 B"));
    QCOMPARE(cell(0, Gui::RequestTableModel::ContentType), QStringLiteral("application/json"));
    QVERIFY(cell(0, Gui::RequestTableModel::Remote).startsWith(QStringLiteral("127.0.0.1:")));
    QCOMPARE(cell(1, Gui::RequestTableModel::Status), QStringLiteral("400"));
    QVERIFY(cell(1, Gui::RequestTableModel::Notes).contains(QStringLiteral("rejected")));
    // Rejected rows look different on screen: the same spot of an empty cell differs in colour.
    window.table()->resize(900, 300);
    const QImage shot = window.table()->viewport()->grab().toImage();
    const QRect accepted = window.table()->visualRect(window.model()->index(0, Gui::RequestTableModel::Target));
    const QRect rejected = window.table()->visualRect(window.model()->index(1, Gui::RequestTableModel::Target));
    QVERIFY(!accepted.isEmpty() && !rejected.isEmpty());
    const qreal ratio = shot.devicePixelRatio();
    const auto pixel = [&](const QRect &r) { return shot.pixel(QPoint(r.right() - 3, r.center().y()) * ratio); };
    QVERIFY(pixel(accepted) != pixel(rejected));

    // Both are in the scratch file: a user who never saves loses nothing.
    QCOMPARE(countIn(window.sessions()->path()), 2);
    window.table()->selectRow(0);
    QCOMPARE(window.table()->selectionModel()->selectedRows().size(), 1);
}

void TstMainWindow::takesNextFreePortWhenBusy()
{
    QTcpServer busy;
    QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
    Gui::WindowOptions options = anyPort();
    options.port = busy.serverPort();
    options.portAttempts = 100;
    Gui::MainWindow window(options);
    QTRY_VERIFY(window.engine()->isListening());
    QVERIFY(window.engine()->port() > busy.serverPort());
    QVERIFY(window.engine()->port() <= busy.serverPort() + 100);
}

void TstMainWindow::saveAsWhileCapturing()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    const QUrl url = window.engine()->url();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(post(url, QStringLiteral("/before/%1").arg(i), "{}"), 200);
    const QString scratch = window.sessions()->path();
    const QString target = m_dir.filePath(QStringLiteral("saved.hookscope"));

    QSignalSpy changed(window.sessions(), &Capture::SessionController::sessionChanged);
    window.saveSessionAs(target);
    QCOMPARE(post(url, QStringLiteral("/during"), "{}"), 200); // capture goes on while it copies
    // The switch may already have come while post() waited for its answer: a spy's wait() would
    // then wait for a second one.
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 10000);
    QCOMPARE(window.sessions()->path(), target);
    QVERIFY(!window.sessions()->isScratch());
    QVERIFY(window.windowTitle().contains(QStringLiteral("saved.hookscope")));
    QVERIFY(!QFileInfo::exists(scratch)); // saved elsewhere, so the scratch copy is gone

    QCOMPARE(post(url, QStringLiteral("/after"), "{}"), 200);
    QTRY_COMPARE(countIn(target), 5); // before, during and after: nothing lost in the switch
    QTRY_VERIFY(ready(window));
    QTRY_COMPARE(window.model()->rowCount(), 5);
    QCOMPARE(window.model()->index(4, Gui::RequestTableModel::Target).data().toString(), QStringLiteral("/after"));
}

void TstMainWindow::openSwitchesSession()
{
    const QString other = m_dir.filePath(QStringLiteral("other.hookscope"));
    QVERIFY(WindowTesting::writeSession(other, {"/old/1", "/old/2", "/old/3", "/old/4"}));
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    window.openSession(other);
    QTRY_COMPARE(window.sessions()->path(), other);
    QTRY_VERIFY(ready(window));
    QCOMPARE(window.model()->rowCount(), 4);
    QCOMPARE(window.model()->index(0, Gui::RequestTableModel::Target).data().toString(), QStringLiteral("/old/1"));
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/new"), "{}"), 200);
    QTRY_COMPARE(window.model()->rowCount(), 5);
    QCOMPARE(window.model()->idAt(4), 5); // numbering goes on from the file's last request
    QCOMPARE(countIn(other), 5);
}

void TstMainWindow::sessionWithSentMessagesOpens()
{
    // A session that holds sent messages beside its captures (schema 2) opens like any other,
    // and what the sender hands the window's engine goes into it.
    const QString file = m_dir.filePath(QStringLiteral("sent.hookscope"));
    QVERIFY(WindowTesting::writeSession(file, {"/in/1", "/in/2", "/in/3"}));
    const auto sentMessage = [](const QByteArray &uid) {
        auto m = std::make_shared<Session::OutboundMessage>();
        m->uid = uid;
        m->createdAtMs = 1'780'000'000'000;
        m->method = "POST";
        m->destinations = {QStringLiteral("http://127.0.0.1:9/hook")};
        return Session::OutboundMessagePtr(m);
    };
    {
        Session::SessionWriter writer;
        QCOMPARE(writer.open(file).problem, Session::FileProblem::None);
        writer.start();
        writer.submit(sentMessage("sent-before"));
        Session::OutboundAttempt attempt;
        attempt.messageUid = "sent-before";
        attempt.url = QStringLiteral("http://127.0.0.1:9/hook");
        attempt.requestHead = "POST /hook HTTP/1.1\r\nHost: 127.0.0.1:9\r\n\r\n";
        attempt.outcome = QStringLiteral("connect-failed");
        writer.submit(Session::OutboundAttempts{attempt});
        writer.stop();
    }
    {
        Gui::MainWindow window(anyPort());
        QTRY_VERIFY(ready(window));
        window.openSession(file);
        QTRY_COMPARE(window.sessions()->path(), file);
        QTRY_VERIFY(ready(window));
        QVERIFY(!window.sessions()->isReadOnly());
        QCOMPARE(window.model()->rowCount(), 3);
        QCOMPARE(window.model()->index(2, Gui::RequestTableModel::Target).data().toString(), QStringLiteral("/in/3"));
        window.engine()->outbound()->submit(sentMessage("sent-from-window"));
    }
    Session::SessionReader reader;
    QCOMPARE(reader.open(file).problem, Session::FileProblem::None);
    QCOMPARE(reader.count(), 3);
    const QList<Session::OutboundSummary> sent = reader.listMessages();
    QCOMPARE(sent.size(), 2);
    QCOMPARE(reader.loadAttempts("sent-before").size(), 1);
    QVERIFY(reader.loadMessage("sent-from-window"));
}

void TstMainWindow::badFileIsRefusedAndUntouched()
{
    const QString bad = m_dir.filePath(QStringLiteral("notes.hookscope"));
    {
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("shopping list\n");
    }
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    const QString before = window.sessions()->path();
    QSignalSpy failed(window.sessions(), &Capture::SessionController::failed);
    window.openSession(bad);
    QVERIFY(failed.wait(5000));
    QVERIFY2(window.lastError().contains(QStringLiteral("not a Hookscope session")), qPrintable(window.lastError()));
    QCOMPARE(window.sessions()->path(), before); // still capturing where it was
    QFile f(bad);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), "shopping list\n");
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/still"), "{}"), 200);
    QTRY_COMPARE(countIn(before), 1);
}

void TstMainWindow::scratchSessionOfferedAgain()
{
    QString scratch;
    {
        Gui::MainWindow first(anyPort());
        QTRY_VERIFY(ready(first));
        QCOMPARE(post(first.engine()->url(), QStringLiteral("/one"), "{}"), 200);
        QCOMPARE(post(first.engine()->url(), QStringLiteral("/two"), "{}"), 200);
        scratch = first.sessions()->path();
    } // closed without saving
    Gui::MainWindow second(anyPort());
    QTRY_VERIFY(ready(second));
    QCOMPARE(second.sessions()->path(), scratch);
    QCOMPARE(second.model()->rowCount(), 2);
    QCOMPARE(second.model()->index(1, Gui::RequestTableModel::Target).data().toString(), QStringLiteral("/two"));
}

void TstMainWindow::emptyScratchSessionRemovedOnLeaving()
{
    Gui::MainWindow window(anyPort());
    window.show();
    QTRY_VERIFY(ready(window));
    const QString untouched = window.sessions()->path();
    QVERIFY(window.sessions()->isScratch());
    QVERIFY(QFileInfo::exists(untouched));

    window.action(QStringLiteral("new"))->trigger();
    QTRY_VERIFY(window.sessions()->path() != untouched);
    QTRY_VERIFY(ready(window));
    // Nothing was kept in it: no file left behind, and nothing to find under Open Recent.
    QTRY_VERIFY(!QFileInfo::exists(untouched));
    QVERIFY(!QFileInfo::exists(untouched + QStringLiteral("-wal")));
    QVERIFY(!QFileInfo::exists(untouched + QStringLiteral("-shm")));
    QVERIFY(!recentEntry(window, untouched));
    QCOMPARE(QDir(Session::Scratch::directory()).entryList({QStringLiteral("*.hookscope")}, QDir::Files).size(), 1);
    // The new one is where capture goes on.
    QVERIFY(QFileInfo::exists(window.sessions()->path()));
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/after"), "{}"), 200);
    QTRY_COMPARE(countIn(window.sessions()->path()), 1);
}

void TstMainWindow::scratchSessionWithRequestsKeptInRecent()
{
    Gui::MainWindow window(anyPort());
    window.show();
    QTRY_VERIFY(ready(window));
    const QString used = window.sessions()->path();
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/kept/1"), "{}"), 200);
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/kept/2"), "{}"), 200);
    QTRY_COMPARE(countIn(used), 2);

    window.action(QStringLiteral("new"))->trigger();
    QTRY_VERIFY(window.sessions()->path() != used);
    QTRY_VERIFY(ready(window));
    const QString fresh = window.sessions()->path();
    // Kept whole, and File ▸ Open Recent offers it as an unsaved session.
    QTRY_VERIFY(recentEntry(window, used));
    QCOMPARE(countIn(used), 2);
    QAction *entry = recentEntry(window, used);
    QVERIFY2(entry->text().contains(QStringLiteral("Unsaved session")), qPrintable(entry->text()));
    QCOMPARE(recentMenu(window)->actions().constFirst(), entry); // newest first

    // Choosing it brings its requests back; the new session, left empty, is removed in turn.
    entry->trigger();
    QTRY_COMPARE(window.sessions()->path(), used);
    QTRY_VERIFY(ready(window));
    QCOMPARE(window.model()->rowCount(), 2);
    QCOMPARE(window.model()->index(1, Gui::RequestTableModel::Target).data().toString(), QStringLiteral("/kept/2"));
    QTRY_VERIFY(!QFileInfo::exists(fresh));
    QVERIFY(!recentEntry(window, fresh));
}

void TstMainWindow::countSaysRequestsInEnglish()
{
    Gui::MainWindow window(anyPort());
    window.show();
    QTRY_VERIFY(ready(window));
    QCOMPARE(countText(window), QStringLiteral("0 requests"));
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/one"), "{}"), 200);
    QTRY_COMPARE(countText(window), QStringLiteral("1 request"));
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/two"), "{}"), 200);
    QTRY_COMPARE(countText(window), QStringLiteral("2 requests"));
}

void TstMainWindow::selectingShowsTheRequest()
{
    Gui::MainWindow window(anyPort());
    QAbstractItemModelTester headersTester(window.detail()->headersModel(),
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(ready(window));
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/github/push?ref=main&n=1"), R"({"zen":"Keep it"})"), 200);
    QTRY_COMPARE(window.model()->rowCount(), 1);
    window.table()->selectRow(0);
    QTRY_VERIFY(window.isDetailReady());
    Gui::RequestDetail *detail = window.detail();
    QVERIFY(detail->overviewText().contains(QStringLiteral("POST /github/push?ref=main&n=1 HTTP/1.1")));
    QVERIFY(detail->bodyText().contains(QStringLiteral("\"zen\"")));
    QVERIFY(detail->rawText().startsWith(QStringLiteral("POST /github/push")));
    // The answer that went back: status, headers and body.
    QVERIFY2(detail->overviewText().contains(QStringLiteral("200 OK")), qPrintable(detail->overviewText()));
    QVERIFY(detail->overviewText().contains(QStringLiteral("Content-Type: application/json")));
    QVERIFY(detail->overviewText().contains(QStringLiteral("{\"ok\":true}")));
    // Headers in wire order, with the value as sent.
    Gui::FieldsModel *headers = detail->headersModel();
    QVERIFY(headers->rowCount() >= 2);
    bool sawType = false;
    for (int i = 0; i < headers->rowCount(); ++i) {
        if (headers->index(i, Gui::FieldsModel::Name).data().toString() == QLatin1String("Content-Type"))
            sawType = headers->index(i, Gui::FieldsModel::Value).data().toString() == QLatin1String("application/json");
    }
    QVERIFY(sawType);
    QCOMPARE(detail->queryModel()->rowCount(), 2);
    QCOMPARE(detail->queryModel()->index(0, Gui::FieldsModel::Name).data().toString(), QStringLiteral("ref"));
    QCOMPARE(detail->queryModel()->index(0, Gui::FieldsModel::Value).data().toString(), QStringLiteral("main"));
    window.action(QStringLiteral("copyHeaders"))->trigger();
    QVERIFY(QGuiApplication::clipboard()->text().contains(QStringLiteral("Content-Type: application/json")));
}

void TstMainWindow::emptyStateShowsWhereToSend()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    auto *stack = window.findChild<QStackedWidget *>(QStringLiteral("tableStack"));
    QVERIFY(stack);
    QVERIFY(stack->currentWidget() != window.table()); // a new session shows where to send
    const QString url = window.engine()->url().toString();
    QTRY_VERIFY(!stack->currentWidget()->findChildren<QPlainTextEdit *>().isEmpty());
    QVERIFY(stack->currentWidget()->findChildren<QPlainTextEdit *>().first()->toPlainText().contains(url));
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/first"), "{}"), 200);
    QTRY_COMPARE(stack->currentWidget(), static_cast<QWidget *>(window.table()));
}

void TstMainWindow::listenerOffAndOn()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    const QUrl url = window.engine()->url();
    QAction *listen = window.action(QStringLiteral("listen"));
    QVERIFY(listen->isChecked());
    listen->trigger(); // off
    QTRY_VERIFY(!window.engine()->isListening());
    QVERIFY(!listen->isChecked());
    QTcpSocket refused;
    refused.connectToHost(url.host(), quint16(url.port()));
    QVERIFY(!refused.waitForConnected(1000));
    listen->trigger(); // on again, at the address shown
    QTRY_VERIFY(window.engine()->isListening());
    QCOMPARE(window.engine()->port(), quint16(url.port()));
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/back"), "{}"), 200);
    QTRY_COMPARE(window.model()->rowCount(), 1);
}

void TstMainWindow::importHarIntoSession()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/live"), "{}"), 200);
    QTRY_COMPARE(window.model()->rowCount(), 1);
    window.importHar(QStringLiteral(HOOKSCOPE_TEST_DATA "/har/firefox.har"));
    QTRY_VERIFY(window.model()->rowCount() > 1);
    const int rows = window.model()->rowCount();
    QCOMPARE(window.model()->idAt(rows - 1), qint64(rows)); // numbered after what the session had
    QTRY_COMPARE(countIn(window.sessions()->path()), qint64(rows));
}

void TstMainWindow::answerRulesApplyAtOnce()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    Gui::RulesDialog dialog(Capture::ResponseRules{});
    dialog.addRule();
    dialog.pathEdit()->setText(QStringLiteral("/flaky*"));
    dialog.methodsEdit()->setText(QStringLiteral("post"));
    dialog.statusEdit()->setValue(500);
    dialog.addStep();                   // a second answer...
    dialog.statusEdit()->setValue(200); // ...that succeeds
    QString error;
    QVERIFY2(dialog.commit(&error), qPrintable(error));
    const Capture::ResponseRules rules = dialog.rules();
    QCOMPARE(rules.rules.size(), 1);
    QCOMPARE(rules.rules.first().methods, QStringList{QStringLiteral("POST")});
    QCOMPARE(rules.rules.first().answers.size(), 2);
    QCOMPARE(rules.rules.first().answers.at(0).status, 500);
    QCOMPARE(rules.rules.first().answers.at(1).status, 200);
    window.findChild<Gui::AnswerRules *>()->apply(rules); // queued to the capture thread ahead of the next request
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/flaky/x"), "{}"), 500);
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/flaky/x"), "{}"), 200);
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/other"), "{}"), 200);
    // A header line that is not a header is refused, with a message.
    dialog.headersEdit()->setPlainText(QStringLiteral("Bad Name: x"));
    QVERIFY(!dialog.commit(&error));
    QVERIFY(error.contains(QStringLiteral("Bad Name")));
}

void TstMainWindow::filterTheTable()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    const QUrl url = window.engine()->url();
    {
        QNetworkAccessManager nam;
        QNetworkRequest push(url.resolved(QUrl(QStringLiteral("/github"))));
        push.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        push.setRawHeader("X-GitHub-Event", "push");
        QCOMPARE(statusOf(nam.post(push, R"({"ref":"refs/heads/dev"})")), 200);
    }
    QCOMPARE(post(url, QStringLiteral("/stripe"), R"({"branch":"main"})"), 200);
    QCOMPARE(get(url, QStringLiteral("/health")), 200);
    QTRY_COMPARE(window.model()->rowCount(), 3);
    Gui::FilterBar *bar = window.filterBar();

    bar->setText(QStringLiteral("method:POST"));
    QCOMPARE(window.model()->rowCount(), 2);
    bar->setText(QStringLiteral("header:X-GitHub-Event=push")); // needs the heads: searched in the file
    QTRY_VERIFY(!window.isFiltering());
    QCOMPARE(window.model()->rowCount(), 1);
    QCOMPARE(window.model()->index(0, Gui::RequestTableModel::Target).data().toString(), QStringLiteral("/github"));
    bar->setText(QStringLiteral("body:\"main\""));
    QTRY_VERIFY(!window.isFiltering());
    QCOMPARE(window.model()->rowCount(), 1);
    QCOMPARE(window.model()->index(0, Gui::RequestTableModel::Target).data().toString(), QStringLiteral("/stripe"));

    // A mistake is shown where it is, and the table keeps the last good filter.
    bar->setText(QStringLiteral("stauts:200"));
    QVERIFY2(bar->errorText().contains(QStringLiteral("status")), qPrintable(bar->errorText()));
    QCOMPARE(window.model()->rowCount(), 1);

    // New requests join the filtered table only when they match.
    bar->setText(QStringLiteral("method:POST"));
    QCOMPARE(window.model()->rowCount(), 2);
    QCOMPARE(post(url, QStringLiteral("/more"), "{}"), 200);
    QCOMPARE(get(url, QStringLiteral("/skip")), 200);
    QTRY_COMPARE(window.model()->store().size(), 5);
    QCOMPARE(window.model()->rowCount(), 3);
    bar->setText(QString());
    QCOMPARE(window.model()->rowCount(), 5);
}

void TstMainWindow::copyAsCurlSendsTheSameBytes()
{
    if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty() ||
        QStandardPaths::findExecutable(QStringLiteral("bash")).isEmpty())
        QSKIP("curl and bash are needed to run the copied command (packaging/install-deps.sh installs curl)");
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    const QUrl url = window.engine()->url();
    const QByteArray body("{\"sig\":\"$(rm -rf /)\",\"bin\":\"\xff\x00\"}", 30);
    const QByteArray answer =
        answerTo(url, "POST /hooks/pay?x=%2F&y=[1] HTTP/1.1\r\nHost: example.test\r\nX-Sig: t=1,v1='ab'\r\n"
                      "x-dup: 1\r\nx-dup: 2\r\nContent-Type: application/json\r\nContent-Length: 30\r\n\r\n" +
                          body);
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    QTRY_COMPARE(window.model()->rowCount(), 1);
    window.table()->selectRow(0);
    QTRY_VERIFY(window.isDetailReady());
    const Session::CapturedRequestPtr original = window.detail()->request();
    window.action(QStringLiteral("copyCurl"))->trigger();
    const QString command = QGuiApplication::clipboard()->text();
    QVERIFY(command.startsWith(QStringLiteral("curl ")) || command.startsWith(QStringLiteral("printf ")));
    QProcess bash;
    bash.start(QStringLiteral("bash"), {QStringLiteral("-c"), command + QStringLiteral(" > /dev/null")});
    QVERIFY(bash.waitForFinished(10000));
    QCOMPARE(bash.exitCode(), 0);
    QTRY_COMPARE(window.model()->rowCount(), 2);
    window.table()->selectRow(1);
    QTRY_VERIFY(window.isDetailReady());
    const Session::CapturedRequestPtr again = window.detail()->request();
    QCOMPARE(again->request.rawHead(), original->request.rawHead());
    QCOMPARE(again->request.body(), original->request.body());
}

void TstMainWindow::deleteRemovesFromTableAndFile()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    for (int i = 0; i < 4; ++i)
        QCOMPARE(post(window.engine()->url(), QStringLiteral("/n/%1").arg(i), "{}"), 200);
    QTRY_COMPARE(window.model()->rowCount(), 4);
    window.table()->selectRow(1);
    window.table()->selectionModel()->select(window.model()->index(2, 0),
                                             QItemSelectionModel::Select | QItemSelectionModel::Rows);
    window.action(QStringLiteral("delete"))->trigger();
    QCOMPARE(window.model()->rowCount(), 2);
    QCOMPARE(window.model()->index(0, Gui::RequestTableModel::Target).data().toString(), QStringLiteral("/n/0"));
    QCOMPARE(window.model()->index(1, Gui::RequestTableModel::Target).data().toString(), QStringLiteral("/n/3"));
    QTRY_COMPARE(countIn(window.sessions()->path()), 2);
    // Still gone after reopening the session.
    const QString path = window.sessions()->path();
    Session::SessionReader reader;
    QCOMPARE(reader.open(path).problem, Session::FileProblem::None);
    QVERIFY(!reader.load(2));
    QVERIFY(reader.load(4));
}

void TstMainWindow::compareTwoRequests()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/hook"), R"({"event":"push","ref":"main","n":1})"), 200);
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/hook"), R"({"event":"push","ref":"dev","n":1})"), 200);
    QTRY_COMPARE(window.model()->rowCount(), 2);
    window.table()->selectAll();
    window.action(QStringLiteral("compare"))->trigger();
    Gui::DiffDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<Gui::DiffDialog *>()) != nullptr);
    // Bodies pretty-printed; only the ref line differs.
    QCOMPARE(dialog->changedBodyLines(), QList<qsizetype>{2});
    QVERIFY(dialog->bodyText(false).contains("\"ref\": \"main\""));
    QVERIFY(dialog->bodyText(true).contains("\"ref\": \"dev\""));
    QVERIFY(dialog->headersText(false).startsWith("POST /hook HTTP/1.1\n"));
    dialog->close();
}

void TstMainWindow::exportHarFromTheWindow()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/a"), "{}"), 200);
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/b"), "{}"), 200);
    QTRY_COMPARE(countIn(window.sessions()->path()), 2);
    const QString har = m_dir.filePath(QStringLiteral("window.har"));
    window.exportHar(har);
    QTRY_VERIFY(QFileInfo::exists(har));
    QFile file(har);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray entries =
        QJsonDocument::fromJson(file.readAll()).object().value(u"log").toObject().value(u"entries").toArray();
    QCOMPARE(entries.size(), 2);
    QVERIFY(
        entries.at(1).toObject().value(u"request").toObject().value(u"url").toString().endsWith(QStringLiteral("/b")));
}

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
