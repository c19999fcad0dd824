// The sender panel driven as a user drives it: composing headers (order, duplicates, rows switched
// off, the default rows), the body forms (JSON checked as typed, pretty and compact that keep
// number spellings, a form table, multipart with a file), templates, and the workspaces of the
// window with their keys.

#include "fieldsmodel.h"
#include "mainwindow.h"
#include "requestdetail.h"
#include "requesttablemodel.h"
#include "send/bodyeditor.h"
#include "send/composer.h"
#include "send/exchangeview.h"
#include "send/headerseditor.h"
#include "send/historymodel.h"
#include "send/resultsmodel.h"
#include "send/rowtable.h"
#include "send/senderpanel.h"
#include "send/templatelibrary.h"
#include "send/workspaces.h"
#include "windowtesting.h"

#include "delivery/template.h"
#include "payload/multipart.h"
#include "session/sessionreader.h"
#include "session/sessionwriter.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using WindowTesting::anyPort;
using WindowTesting::ready;

namespace {

Http::HeaderList headersOf(std::initializer_list<std::pair<const char *, const char *>> list)
{
    Http::HeaderList out;
    for (const auto &[name, value] : list)
        out.append({QByteArray(name), QByteArray(value)});
    return out;
}

/// The row of the headers table whose name is `name` (case as shown), -1 if none.
int rowNamed(Gui::RowTable *rows, const QString &name)
{
    for (int row = 0; row < rows->rowCount(); ++row) {
        if (rows->cell(row, 0) == name)
            return row;
    }
    return -1;
}

} // namespace

class TstSendPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void headersKeepOrderDuplicatesAndSwitchedOffRows();
    void defaultRowsAreShownAndOverridable();
    void jsonIsCheckedAsTyped();
    void prettyAndCompactKeepNumberSpellings();
    void formTableBecomesTheBody();
    void multipartCarriesValuesAndFiles();
    void templatesFillTheComposerAndSaveRoundTrips();
    void resultsAndHistoryModels();
    void workspacesSwitchWithTheirKeys();
    void capturedRequestOpensInTheSender();
    void pastedCurlFillsTheComposer();
    void ctrlEnterSendsToTheListenerAndAClosedPort();
    void sentMessagesAreKeptInTheSessionAndListedAgain();

private:
    QTemporaryDir m_home;
};

void TstSendPanel::initTestCase()
{
    QVERIFY(m_home.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_sendpanel"));
    qputenv("HOOKSCOPE_NO_DIALOGS", "1");
}

void TstSendPanel::init()
{
    QSettings().clear();
    WindowTesting::clearScratchSessions();
}

void TstSendPanel::headersKeepOrderDuplicatesAndSwitchedOffRows()
{
    Gui::Composer composer;
    composer.destinations()->addRow({QStringLiteral("http://127.0.0.1:9/hook")});
    Gui::HeadersEditor *headers = composer.headers();
    headers->setHeaders(headersOf({{"X-Event", "push"}, {"x-dup", "1"}, {"X-Off", "gone"}, {"x-dup", "2"}}));
    Gui::RowTable *rows = headers->rows();
    rows->setEnabled(rowNamed(rows, QStringLiteral("X-Off")), false);
    // X-Event moved below the first x-dup: the order shown is the order sent.
    QVERIFY(rows->moveRow(rowNamed(rows, QStringLiteral("X-Event")), 1));

    const Delivery::Message m = composer.message();
    QCOMPARE(m.headers, headersOf({{"x-dup", "1"}, {"X-Event", "push"}, {"x-dup", "2"}}));
    QCOMPARE(m.destinations, QList<QUrl>{QUrl(QStringLiteral("http://127.0.0.1:9/hook"))});
    QCOMPARE(m.method, QByteArray("POST"));

    // A destination switched off is not sent to.
    composer.destinations()->addRow({QStringLiteral("http://127.0.0.1:10/other")}, false);
    QCOMPARE(composer.message().destinations.size(), 1);
}

void TstSendPanel::defaultRowsAreShownAndOverridable()
{
    Gui::Composer composer;
    composer.destinations()->addRow({QStringLiteral("http://127.0.0.1:8123/hook")});
    composer.body()->setKind(Gui::BodyEditor::Text);
    composer.body()->setText("hello");
    Gui::RowTable *rows = composer.headers()->rows();
    // Shown with the values they will have, but not part of the message: the sender fills them
    // in for each destination.
    QCOMPARE(rows->cell(rowNamed(rows, QStringLiteral("Host")), 1), QStringLiteral("127.0.0.1:8123"));
    QCOMPARE(rows->cell(rowNamed(rows, QStringLiteral("Content-Length")), 1), QStringLiteral("5"));
    QVERIFY(rows->cell(rowNamed(rows, QStringLiteral("User-Agent")), 1).startsWith(QLatin1String("Hookscope/")));
    QCOMPARE(composer.message().headers, headersOf({{"Content-Type", "application/json"}}));

    // Typing into the Content-Length row sends that value (a wrong length on purpose); unticking
    // User-Agent leaves it out altogether.
    QTableWidget *table = rows->table();
    table->item(rowNamed(rows, QStringLiteral("Content-Length")), 2)->setText(QStringLiteral("99"));
    rows->setEnabled(rowNamed(rows, QStringLiteral("User-Agent")), false);
    QCOMPARE(composer.message().headers,
             headersOf({{"Content-Length", "99"}, {"Content-Type", "application/json"}, {"User-Agent", ""}}));

    // Chunked: Transfer-Encoding takes the place of the Content-Length default.
    Gui::Composer chunked;
    chunked.destinations()->addRow({QStringLiteral("http://127.0.0.1:8123/")});
    chunked.setChunked(true);
    QCOMPARE(rowNamed(chunked.headers()->rows(), QStringLiteral("Content-Length")), -1);
    QVERIFY(rowNamed(chunked.headers()->rows(), QStringLiteral("Transfer-Encoding")) >= 0);

    // A GET without a body says no Content-Length (RFC 9110 §8.6); a POST without one says 0.
    Gui::Composer get;
    get.destinations()->addRow({QStringLiteral("http://127.0.0.1:8123/")});
    get.body()->setKind(Gui::BodyEditor::Text);
    get.body()->setText({});
    get.methodBox()->setCurrentText(QStringLiteral("GET"));
    QCOMPARE(rowNamed(get.headers()->rows(), QStringLiteral("Content-Length")), -1);
    get.methodBox()->setCurrentText(QStringLiteral("POST"));
    const int zero = rowNamed(get.headers()->rows(), QStringLiteral("Content-Length"));
    QVERIFY(zero >= 0);
    QCOMPARE(get.headers()->rows()->cell(zero, 1), QStringLiteral("0"));

    // Signature headers are shown greyed and never become part of the message.
    composer.headers()->setSignatureHeaders(headersOf({{"X-Hub-Signature-256", "sha256=00"}}));
    const int sig = rowNamed(rows, QStringLiteral("X-Hub-Signature-256"));
    QVERIFY(sig >= 0);
    QVERIFY(!(table->item(sig, 2)->flags() & Qt::ItemIsEditable));
    QVERIFY(!composer.message().headers.contains({"X-Hub-Signature-256", "sha256=00"}));
}

void TstSendPanel::jsonIsCheckedAsTyped()
{
    Gui::BodyEditor body;
    body.setKind(Gui::BodyEditor::Json);
    QTest::keyClicks(body.textEdit(), QStringLiteral("{\"a\": 1,"));
    QCOMPARE(body.jsonStatus().left(7), QStringLiteral("Line 1,")); // incomplete as it is typed
    QTest::keyClick(body.textEdit(), Qt::Key_Return);
    QTest::keyClicks(body.textEdit(), QStringLiteral("  \"b\": }"));
    QVERIFY2(body.jsonStatus().startsWith(QLatin1String("Line 2, column 8")), qPrintable(body.jsonStatus()));
    body.setText(R"({"a": 1, "b": [true, null]})");
    QCOMPARE(body.jsonStatus(), QStringLiteral("Valid JSON"));
}

void TstSendPanel::prettyAndCompactKeepNumberSpellings()
{
    Gui::BodyEditor body;
    body.setKind(Gui::BodyEditor::Json);
    const QByteArray compact = R"({"n":1.0e3,"m":-0.50,"s":"a  b \" c","e":[]})";
    body.setText(compact);
    body.pretty();
    QVERIFY(body.text().contains('\n'));
    QVERIFY(body.text().contains("1.0e3"));
    QVERIFY(body.text().contains("-0.50"));
    body.compact();
    QCOMPARE(body.text(), compact); // only whitespace outside strings went and came back
    // Not JSON: both leave the text as it is.
    body.setText("{\"n\": 1.0e3,");
    body.compact();
    QCOMPARE(body.text(), QByteArray("{\"n\": 1.0e3,"));
}

void TstSendPanel::formTableBecomesTheBody()
{
    Gui::BodyEditor body;
    body.setKind(Gui::BodyEditor::Form);
    body.formRows()->addRow({QStringLiteral("event"), QStringLiteral("order paid")});
    body.formRows()->addRow({QStringLiteral("skip"), QStringLiteral("me")}, false);
    body.formRows()->addRow({QStringLiteral("a&b"), QStringLiteral("x=y")});
    body.formRows()->addRow({QStringLiteral("event"), QStringLiteral("twice")});
    QCOMPARE(body.body(), QByteArray("event=order%20paid&a%26b=x%3Dy&event=twice"));
    QCOMPARE(body.contentType(), QByteArray("application/x-www-form-urlencoded"));

    // A form message opens as its table again.
    Gui::Composer composer;
    Delivery::Message m;
    m.destinations = {QUrl(QStringLiteral("http://127.0.0.1:9/"))};
    m.headers = headersOf({{"Content-Type", "application/x-www-form-urlencoded"}});
    m.body = "a=1&b=two%20words";
    composer.setMessage(m);
    QCOMPARE(composer.body()->kind(), Gui::BodyEditor::Form);
    QCOMPARE(composer.body()->formRows()->rowCount(), 2);
    QCOMPARE(composer.message().body, m.body);
}

void TstSendPanel::multipartCarriesValuesAndFiles()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("invoice.bin")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray bytes("\x00\x01\xff binary\r\n--not-a-boundary", 30);
    file.write(bytes);
    file.close();

    Gui::BodyEditor body;
    body.setKind(Gui::BodyEditor::Multipart);
    body.partRows()->addRow({QStringLiteral("note"), QStringLiteral("hello")});
    body.partRows()->addRow({QStringLiteral("invoice"), QString(), file.fileName()});
    QString error;
    const QByteArray sent = body.body(&error);
    QVERIFY(error.isEmpty());
    const QByteArray type = body.contentType();
    QVERIFY(type.startsWith("multipart/form-data; boundary="));
    const Payload::MultipartResult parts = Payload::parseMultipart(sent, type.sliced(type.indexOf('=') + 1));
    QCOMPARE(parts.parts.size(), 2);
    QCOMPARE(parts.parts.at(0).body, QByteArray("hello"));
    QCOMPARE(parts.parts.at(1).body, bytes);
    QCOMPARE(parts.parts.at(1).filename, QStringLiteral("invoice.bin"));
}

void TstSendPanel::templatesFillTheComposerAndSaveRoundTrips()
{
    QTemporaryDir folder;
    auto *library = new Gui::TemplateLibrary(folder.path());
    Gui::SenderPanel panel(nullptr, nullptr, library);
    panel.setListenerUrl(QUrl(QStringLiteral("http://127.0.0.1:8080/")));
    const QList<Delivery::Template> builtIn = Delivery::Template::builtIn();
    const auto github = std::find_if(builtIn.cbegin(), builtIn.cend(),
                                     [](const Delivery::Template &t) { return t.id == QLatin1String("github-push"); });
    QVERIFY(github != builtIn.cend());
    panel.applyTemplate(*github);
    const Delivery::Message m = panel.message();
    QCOMPARE(m.headers, github->headers);
    QCOMPARE(m.body, github->body);
    QCOMPARE(m.signScheme, QStringLiteral("github"));
    QCOMPARE(m.destinations, QList<QUrl>{QUrl(QStringLiteral("http://127.0.0.1:8080/github"))});
    QCOMPARE(panel.composer()->body()->kind(), Gui::BodyEditor::Json);

    QString error;
    QVERIFY2(panel.saveAsTemplate(QStringLiteral("My push"), &error), qPrintable(error));
    const QList<Gui::TemplateLibrary::Saved> own = library->userTemplates();
    QCOMPARE(own.size(), 1);
    QCOMPARE(own.first().t.name, QStringLiteral("My push"));
    QCOMPARE(own.first().t.sign, QStringLiteral("github"));
    QCOMPARE(own.first().t.headers, github->headers);
    QCOMPARE(own.first().t.body, github->body);
    QCOMPARE(own.first().destinations, m.destinations);
    // And the Templates menu offers it beside Hookscope's own.
    Q_EMIT panel.templatesMenu()->aboutToShow();
    bool listed = false;
    for (QAction *a : panel.templatesMenu()->actions())
        listed = listed || a->text() == QLatin1String("My push");
    QVERIFY(listed);
}

void TstSendPanel::resultsAndHistoryModels()
{
    Gui::ResultsModel results;
    QAbstractItemModelTester resultsTester(&results, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Delivery::AttemptReport failed;
    failed.attempt = 2;
    failed.final = false;
    failed.retryInMs = 1500;
    failed.exchange.outcome = Http::ExchangeResult::Outcome::ConnectFailed;
    failed.exchange.error = QStringLiteral("Connection refused");
    failed.exchange.url = QUrl(QStringLiteral("http://127.0.0.1:1/"));
    failed.exchange.durationMs = 3;
    results.add(failed);
    QCOMPARE(results.rowCount(), 1);
    QCOMPARE(results.index(0, Gui::ResultsModel::Attempt).data().toInt(), 2);
    QCOMPARE(results.index(0, Gui::ResultsModel::Error).data().toString(), QStringLiteral("Connection refused"));
    QCOMPARE(results.index(0, Gui::ResultsModel::RetryIn).data().toString(), QStringLiteral("1.5 s"));
    QCOMPARE(results.index(0, Gui::ResultsModel::Destination).data().toString(), QStringLiteral("http://127.0.0.1:1/"));

    Gui::HistoryModel history;
    QAbstractItemModelTester historyTester(&history, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Delivery::Message first;
    first.destinations = {QUrl(QStringLiteral("http://a.test/one"))};
    Delivery::Message second;
    second.destinations = {QUrl(QStringLiteral("http://b.test/two"))};
    history.add({1, 1'780'000'000'000, first, QStringLiteral("sending…")});
    history.add({2, 1'780'000'001'000, second, QStringLiteral("sending…")});
    QVERIFY(history.index(0).data().toString().contains(QLatin1String("b.test"))); // newest first
    history.setOutcome(1, QStringLiteral("1 destination answered 2xx"));
    QVERIFY(history.index(1).data().toString().contains(QLatin1String("answered 2xx")));
}

void TstSendPanel::workspacesSwitchWithTheirKeys()
{
    Gui::MainWindow window(anyPort());
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto *workspaces = window.findChild<Gui::Workspaces *>();
    QVERIFY(workspaces);
    QCOMPARE(workspaces->current(), int(Gui::Workspaces::Captured));
    QVERIFY(window.findChild<QWidget *>(QStringLiteral("tableStack"))->isVisible());
    QVERIFY(!workspaces->panel()->isVisible());
    auto *send = window.findChild<QAction *>(QStringLiteral("send"));
    QVERIFY(send);
    QVERIFY(!send->isEnabled()); // Ctrl+Enter means nothing over the captured table

    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(workspaces->current(), int(Gui::Workspaces::Sender));
    QVERIFY(workspaces->panel()->isVisible());
    QVERIFY(!window.findChild<QWidget *>(QStringLiteral("tableStack"))->isVisible());
    QVERIFY(send->isEnabled());
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(workspaces->current(), int(Gui::Workspaces::Captured));
    QVERIFY(window.findChild<QWidget *>(QStringLiteral("tableStack"))->isVisible());
    QVERIFY(!workspaces->panel()->isVisible());

    // The listener's URL is offered as a destination.
    QTRY_VERIFY(ready(window));
    workspaces->show(Gui::Workspaces::Sender);
    workspaces->panel()->composer()->addListenerDestination();
    QCOMPARE(workspaces->panel()->message().destinations, QList<QUrl>{window.engine()->url()});
}

void TstSendPanel::capturedRequestOpensInTheSender()
{
    Gui::MainWindow window(anyPort());
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTRY_VERIFY(ready(window));
    const QByteArray request = "PUT /hooks/%2e%2e/in?x=%2F&v={v} HTTP/1.1\r\nHost: example.test\r\nx-Lower: a\r\n"
                               "X-Twice: 1\r\nX-Twice: 2\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";
    QVERIFY(WindowTesting::answerTo(window.engine()->url(), request).startsWith("HTTP/1.1 200"));
    QTRY_COMPARE(window.model()->rowCount(), 1);
    window.table()->selectRow(0);
    QTRY_VERIFY(window.isDetailReady());
    window.table()->setFocus();
    QTest::keyClick(window.table(), Qt::Key_E, Qt::ControlModifier);

    auto *workspaces = window.findChild<Gui::Workspaces *>();
    QCOMPARE(workspaces->current(), int(Gui::Workspaces::Sender));
    const Delivery::Message m = workspaces->panel()->message();
    QCOMPARE(m.method, QByteArray("PUT"));
    QCOMPARE(m.destinations.size(), 1);
    QCOMPARE(m.rawTarget, QByteArray("/hooks/%2e%2e/in?x=%2F&v={v}")); // byte for byte, not as QUrl spells it
    QCOMPARE(m.destinations.first().port(), window.engine()->url().port());
    QCOMPARE(m.headers, headersOf({{"Host", "example.test"},
                                   {"x-Lower", "a"},
                                   {"X-Twice", "1"},
                                   {"X-Twice", "2"},
                                   {"Content-Type", "text/plain"},
                                   {"Content-Length", "5"},
                                   {"User-Agent", ""}})); // ours left out: the request had none
    QCOMPARE(m.body, QByteArray("hello"));

    // Sent again (Ctrl+Enter), the listener receives the same bytes it captured the first time.
    QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(window.model()->rowCount(), 2);
    QTRY_VERIFY(!workspaces->panel()->isSending());
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    window.table()->selectionModel()->select(window.model()->index(1, 0), // not selectRow: no Ctrl held over
                                             QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QTRY_VERIFY(window.isDetailReady());
    QCOMPARE(window.detail()->request()->request.wireBytes(), request);
}

void TstSendPanel::pastedCurlFillsTheComposer()
{
    QTemporaryDir folder;
    Gui::SenderPanel panel(nullptr, nullptr, new Gui::TemplateLibrary(folder.path()));
    QString error;
    QVERIFY2(panel.fillFromCurl(QStringLiteral("curl -X PUT 'http://127.0.0.1:9/c?q=1' -H 'X-A: 1' -H 'x-a: 2' "
                                               "--data-raw '{\"n\":1.0e3}'"),
                                &error),
             qPrintable(error));
    const Delivery::Message m = panel.message();
    QCOMPARE(m.method, QByteArray("PUT"));
    QCOMPARE(m.destinations, QList<QUrl>{QUrl(QStringLiteral("http://127.0.0.1:9/c?q=1"))});
    QVERIFY(m.headers.contains({"X-A", "1"}));
    QVERIFY(m.headers.indexOf({"x-a", "2"}) > m.headers.indexOf({"X-A", "1"}));
    QCOMPARE(m.body, QByteArray("{\"n\":1.0e3}"));
    QVERIFY(!panel.fillFromCurl(QStringLiteral("curl 'unbalanced"), &error));
    QVERIFY(!error.isEmpty());
}

void TstSendPanel::ctrlEnterSendsToTheListenerAndAClosedPort()
{
    Gui::MainWindow window(anyPort());
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTRY_VERIFY(ready(window));
    // A port nothing listens on: bound, then let go.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 closedPort = closed.serverPort();
    closed.close();

    auto *workspaces = window.findChild<Gui::Workspaces *>();
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    Gui::SenderPanel *panel = workspaces->panel();
    Gui::Composer *composer = panel->composer();
    composer->addListenerDestination("/sent?from=panel");
    composer->destinations()->addRow({QStringLiteral("http://127.0.0.1:%1/nobody").arg(closedPort)});
    composer->headers()->rows()->addRow({QStringLiteral("X-Test"), QStringLiteral("yes")});
    composer->headers()->rows()->addRow({QStringLiteral("x-test"), QStringLiteral("again")});
    composer->body()->setKind(Gui::BodyEditor::Json);
    composer->body()->setText(R"({"n":1.0e3})");
    composer->tabs()->setCurrentIndex(Gui::Composer::Body);
    composer->body()->textEdit()->setFocus();
    QTRY_VERIFY(composer->body()->textEdit()->hasFocus());

    QTest::keyClick(composer->body()->textEdit(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY2(panel->isSending() || panel->results()->rowCount() > 0, qPrintable(panel->statusText()));
    QTRY_COMPARE_WITH_TIMEOUT(panel->results()->rowCount(), 2, 10000);
    QTRY_VERIFY(!panel->isSending());

    int ok = -1;
    int failed = -1;
    for (int row = 0; row < 2; ++row)
        (panel->results()->report(row).exchange.url.port() == closedPort ? failed : ok) = row;
    QVERIFY(ok >= 0 && failed >= 0);
    QCOMPARE(panel->results()->index(ok, Gui::ResultsModel::Status).data().toString(), QStringLiteral("200 OK"));
    QCOMPARE(panel->results()->index(failed, Gui::ResultsModel::Status).data().toString(),
             QStringLiteral("connect-failed"));
    QVERIFY(!panel->results()->index(failed, Gui::ResultsModel::Error).data().toString().isEmpty());

    // Selecting the listener's row shows what was sent and what came back.
    panel->resultsView()->selectRow(ok);
    const QByteArray sent = panel->exchange()->requestBytes();
    QVERIFY(sent.startsWith("POST /sent?from=panel HTTP/1.1\r\n"));
    QVERIFY(sent.contains("\r\nX-Test: yes\r\nx-test: again\r\n"));
    QVERIFY(sent.endsWith("\r\n\r\n{\"n\":1.0e3}"));
    QVERIFY(panel->exchange()->headersModel()->rowCount() > 0);

    // And the listener captured exactly those bytes.
    QTRY_COMPARE(window.model()->rowCount(), 1);
    window.table()->selectRow(0);
    QTRY_VERIFY(window.isDetailReady());
    QCOMPARE(window.detail()->request()->request.wireBytes(), sent);

    // The history lists it with its outcome; opening it restores the composition.
    QCOMPARE(panel->history()->rowCount(), 1);
    QVERIFY2(panel->history()->index(0).data().toString().contains(QLatin1String("1 of 2 destinations failed")),
             qPrintable(panel->history()->index(0).data().toString()));
    panel->historyFilterEdit()->setText(QStringLiteral("no such text"));
    QCOMPARE(panel->historyFilter()->rowCount(), 0);
    panel->historyFilterEdit()->setText(QStringLiteral("sent?from"));
    QCOMPARE(panel->historyFilter()->rowCount(), 1);
}

void TstSendPanel::sentMessagesAreKeptInTheSessionAndListedAgain()
{
    const QString path = m_home.filePath(QStringLiteral("sent.hookscope"));
    {
        Session::SessionWriter made; // an existing session, as `hookscope FILE` opens one
        QCOMPARE(made.open(path).problem, Session::FileProblem::None);
    }
    Gui::WindowOptions options = anyPort();
    options.sessionPath = path;
    QByteArray sentHead;
    {
        Gui::MainWindow window(options);
        window.show();
        QTRY_VERIFY2(ready(window), qPrintable(window.statusText()));
        Gui::SenderPanel *panel = window.findChild<Gui::Workspaces *>()->panel();
        panel->composer()->addListenerDestination("/kept");
        panel->composer()->body()->setKind(Gui::BodyEditor::Text);
        panel->composer()->body()->setText("kept in the file");
        QVERIFY2(panel->send(), qPrintable(panel->statusText()));
        QTRY_COMPARE_WITH_TIMEOUT(panel->results()->rowCount(), 1, 10000);
        QTRY_VERIFY(!panel->isSending());
        sentHead = panel->results()->report(0).exchange.requestHead;
        QTRY_COMPARE(window.model()->rowCount(), 1); // the listener got it too
    }

    // The file holds the message and its attempt, with the bytes sent and the answer.
    {
        Session::SessionReader reader;
        QCOMPARE(reader.open(path).problem, Session::FileProblem::None);
        const QList<Session::OutboundSummary> messages = reader.listMessages();
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.first().finalStatuses, QList<int>{200});
        const Session::OutboundAttempts attempts = reader.loadAttempts(messages.first().uid);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().requestHead, sentHead);
        QCOMPARE(attempts.first().requestBody, QByteArray("kept in the file"));
        QVERIFY(attempts.first().responseHead.startsWith("HTTP/1.1 200 OK\r\n"));
    }

    // Opened again, the session lists it in the history, ready to send again.
    Gui::MainWindow again(options);
    again.show();
    QTRY_VERIFY(ready(again));
    Gui::SenderPanel *panel = again.findChild<Gui::Workspaces *>()->panel();
    QTRY_COMPARE(panel->history()->rowCount(), 1);
    const Gui::HistoryModel::Entry &entry = panel->history()->entry(0);
    QCOMPARE(entry.message.body, QByteArray("kept in the file"));
    QCOMPARE(entry.message.destinations.size(), 1);
    QVERIFY(entry.message.destinations.first().path().endsWith(QLatin1String("/kept")));
    QVERIFY2(entry.outcome.contains(QLatin1String("1 of 1")), qPrintable(entry.outcome));
}

QTEST_MAIN(TstSendPanel)
#include "tst_sendpanel.moc"
