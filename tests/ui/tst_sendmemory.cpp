// What the sender panel keeps for the user: a certificate accepted for a destination (remembered
// in the settings, used by every later send there, forgettable); the composition of a sent
// message, which brings back rows switched off and the body's tables when it is opened again
// (from the history, from a session file); every retry switch, which reaches the sender.

#include "requesttablemodel.h"
#include "send/bodyeditor.h"
#include "send/composer.h"
#include "send/composition.h"
#include "send/exchangeview.h"
#include "send/headerseditor.h"
#include "send/historymodel.h"
#include "send/resultsmodel.h"
#include "send/rowtable.h"
#include "send/senderpanel.h"
#include "send/sendoptions.h"
#include "send/signingpicker.h"
#include "send/workspaces.h"
#include "windowtesting.h"

#include "integration/clienttestservers.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {

/// Answers every request that has fully arrived on a connection (requests without a body) with `answer`.
ScriptedServer::Handler answerEveryRequest(QByteArray answer)
{
    auto answered = std::make_shared<QHash<QTcpSocket *, qsizetype>>();
    return [=](QTcpSocket *socket, const QByteArray &received) {
        qsizetype &count = (*answered)[socket];
        for (const qsizetype complete = received.count("\r\n\r\n"); count < complete; ++count)
            socket->write(answer);
    };
}

/// A GET without a body to each of `urls`.
void compose(Gui::SenderPanel &panel, const QList<QUrl> &urls)
{
    Gui::Composer *composer = panel.composer();
    composer->methodBox()->setCurrentText(QStringLiteral("GET"));
    composer->body()->setKind(Gui::BodyEditor::Text);
    composer->body()->setText({});
    composer->destinations()->clearRows();
    for (const QUrl &url : urls)
        composer->destinations()->addRow({url.toString()});
}

/// Sends what is composed and waits for every destination's final attempt; the status of the
/// last results row ("204 No Content", "tls-failed").
QString sendAndWait(Gui::SenderPanel &panel)
{
    if (!panel.send())
        return QStringLiteral("not sent: ") + panel.statusText();
    if (!QTest::qWaitFor([&panel] { return !panel.isSending(); }, 10000))
        return QStringLiteral("still sending");
    const int rows = panel.results()->rowCount();
    return rows == 0 ? QStringLiteral("no result")
                     : panel.results()->index(rows - 1, Gui::ResultsModel::Status).data().toString();
}

/// The button of `box` with `role`.
QAbstractButton *buttonOf(QMessageBox *box, QMessageBox::ButtonRole role)
{
    for (QAbstractButton *button : box->buttons()) {
        if (box->buttonRole(button) == role)
            return button;
    }
    return nullptr;
}

/// The row of `rows` whose first cell is `text`, -1 if none.
int rowOf(const Gui::RowTable *rows, const QString &text)
{
    for (int row = 0; row < rows->rowCount(); ++row) {
        if (rows->cell(row, 0) == text)
            return row;
    }
    return -1;
}

/// A composition a user would have to build again by hand if it were lost: a destination and a
/// header switched off, the User-Agent default left out, a form table with a row switched off,
/// variables in their order, signing with a typed secret, three attempts without retrying 5xx.
void composeEverything(Gui::SenderPanel &panel, const QUrl &to)
{
    Gui::Composer *composer = panel.composer();
    composer->methodBox()->setCurrentText(QStringLiteral("PUT"));
    composer->destinations()->clearRows();
    composer->destinations()->addRow({to.toString()});
    composer->destinations()->addRow({QStringLiteral("http://127.0.0.1:9/switched-off")}, false);
    composer->body()->setKind(Gui::BodyEditor::Form);
    composer->body()->formRows()->addRow({QStringLiteral("event"), QStringLiteral("paid")});
    composer->body()->formRows()->addRow({QStringLiteral("skip"), QStringLiteral("me")}, false);
    composer->body()->formRows()->addRow({QStringLiteral("id"), QStringLiteral("{{uuid}}")});
    composer->headers()->setHeaders({{"Content-Type", "application/x-www-form-urlencoded"}});
    Gui::RowTable *headers = composer->headers()->rows();
    headers->addRow({QStringLiteral("X-On"), QStringLiteral("1")});
    headers->addRow({QStringLiteral("X-Off"), QStringLiteral("0")}, false);
    headers->setEnabled(rowOf(headers, QStringLiteral("User-Agent")), false);
    composer->variables()->addRow({QStringLiteral("zeta"), QStringLiteral("last")});
    composer->variables()->addRow({QStringLiteral("alpha"), QStringLiteral("first")});
    panel.signing()->setScheme(QStringLiteral("github"));
    panel.signing()->setTypedSecret("never-stored-secret");
    panel.options()->attemptsBox()->setValue(3);
    panel.options()->retryOnBox(Gui::SendOptions::Status5xx)->setChecked(false);
}

/// Everything composeEverything() set is shown again; `where` names the way it was opened.
void verifyEverything(Gui::SenderPanel &panel, const QUrl &to, const char *where)
{
    qInfo("opened from %s", where);
    Gui::Composer *composer = panel.composer();
    QCOMPARE(composer->methodBox()->currentText(), QStringLiteral("PUT"));
    Gui::RowTable *destinations = composer->destinations();
    QCOMPARE(destinations->rowCount(), 2);
    QCOMPARE(destinations->cell(0, 0), to.toString());
    QVERIFY(destinations->isEnabled(0));
    QCOMPARE(destinations->cell(1, 0), QStringLiteral("http://127.0.0.1:9/switched-off"));
    QVERIFY(!destinations->isEnabled(1));

    Gui::RowTable *headers = composer->headers()->rows();
    const int on = rowOf(headers, QStringLiteral("X-On"));
    const int off = rowOf(headers, QStringLiteral("X-Off"));
    const int agent = rowOf(headers, QStringLiteral("User-Agent"));
    QVERIFY(on >= 0 && off == on + 1 && agent >= 0);
    QVERIFY(headers->isEnabled(on));
    QVERIFY(!headers->isEnabled(off));
    QCOMPARE(headers->cell(off, 1), QStringLiteral("0"));
    QVERIFY(!headers->isEnabled(agent));
    QCOMPARE(headers->kind(agent), int(Gui::HeadersEditor::Default)); // still the default row, left out

    Gui::BodyEditor *body = composer->body();
    QCOMPARE(body->kind(), Gui::BodyEditor::Form);
    Gui::RowTable *form = body->formRows();
    QCOMPARE(form->rowCount(), 3);
    QCOMPARE(form->cell(1, 0), QStringLiteral("skip"));
    QVERIFY(form->isEnabled(0) && !form->isEnabled(1) && form->isEnabled(2));
    QCOMPARE(form->cell(2, 1), QStringLiteral("{{uuid}}")); // as composed, not as resolved

    Gui::RowTable *variables = composer->variables();
    QCOMPARE(variables->rowCount(), 2);
    QCOMPARE(variables->cell(0, 0), QStringLiteral("zeta"));
    QCOMPARE(variables->cell(1, 0), QStringLiteral("alpha"));
    QCOMPARE(panel.signing()->scheme(), QStringLiteral("github"));
    QCOMPARE(panel.options()->attemptsBox()->value(), 3);
    QVERIFY(!panel.options()->retryOnBox(Gui::SendOptions::Status5xx)->isChecked());
    QVERIFY(panel.options()->retryOnBox(Gui::SendOptions::Status429)->isChecked());
}

} // namespace

class TstSendMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void acceptedCertificateIsTrustedFromThenOn();
    void compositionComesBackFromTheHistory();
    void compositionComesBackFromTheSessionFile();
    void brokenCompositionStillOpensTheMessage();
    void everyRetrySwitchReachesTheMessage();

private:
    QTemporaryDir m_home;
};

void TstSendMemory::initTestCase()
{
    QVERIFY(m_home.isValid());
    QStandardPaths::setTestModeEnabled(true);
    // The settings of this run in a file of its own, never the user's.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home.path());
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_sendmemory"));
    QVERIFY(QSettings().fileName().startsWith(m_home.path()));
    WindowTesting::setUpWindowTests();
}

void TstSendMemory::init()
{
    QSettings().clear();
    WindowTesting::clearScratchSessions();
}

void TstSendMemory::acceptedCertificateIsTrustedFromThenOn()
{
    const SelfSigned identity = SelfSigned::make("Hookscope panel test");
    QVERIFY(!identity.certificate.isNull());
    const QByteArray sha256 = identity.certificate.digest(QCryptographicHash::Sha256);
    ScriptedServer server(answerEveryRequest("HTTP/1.1 204 No Content\r\n\r\n"));
    server.setTls(identity.certificate, identity.key);
    QVERIFY(server.start());
    const QUrl url = server.url(QStringLiteral("/tls"), QStringLiteral("https"));
    const QString destination = QStringLiteral("127.0.0.1:%1").arg(server.serverPort());

    {
        Gui::SenderPanel panel(nullptr);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        compose(panel, {url});
        QCOMPARE(sendAndWait(panel), QStringLiteral("tls-failed"));
        // The failed row is selected: its certificate is shown with the way to accept it.
        QPushButton *accept = panel.exchange()->acceptCertificateButton();
        QVERIFY(accept->isVisibleTo(&panel));
        QVERIFY(panel.acceptCertificateAction()->isEnabled());
        QVERIFY(!panel.forgetCertificatesAction()->isEnabled());

        // Declined: nothing is remembered.
        bool seen = false;
        WindowTesting::whenModal<QMessageBox>([](QMessageBox *box) { buttonOf(box, QMessageBox::RejectRole)->click(); },
                                              &seen);
        QTest::mouseClick(accept, Qt::LeftButton);
        QTRY_VERIFY(seen);
        QVERIFY(panel.certificatePins().pins(destination).isEmpty());

        // Accepted: the question names the certificate by its subject and fingerprint.
        QString question;
        WindowTesting::whenModal<QMessageBox>(
            [&question](QMessageBox *box) {
                question = box->text() + QLatin1Char('\n') + box->informativeText();
                buttonOf(box, QMessageBox::AcceptRole)->click();
            },
            &seen);
        QTest::mouseClick(accept, Qt::LeftButton);
        QTRY_VERIFY(seen);
        QVERIFY2(question.contains(destination), qPrintable(question));
        QVERIFY2(question.contains(QLatin1String("Hookscope panel test")), qPrintable(question));
        QVERIFY2(question.contains(Gui::ExchangeView::fingerprintText(sha256)), qPrintable(question));
        QCOMPARE(panel.certificatePins().pins(destination), QList<QByteArray>{sha256});
        QVERIFY(panel.forgetCertificatesAction()->isEnabled());
        QVERIFY(!accept->isEnabled()); // accepted: what is left is to send again

        // Sent again, the same destination answers.
        QCOMPARE(sendAndWait(panel), QStringLiteral("204 No Content"));
        QVERIFY(panel.message().client.tls.pinnedSha256.contains(sha256));
    }

    // Remembered in the settings: a new panel trusts it from its first send.
    Gui::SenderPanel again(nullptr);
    compose(again, {url});
    QCOMPARE(sendAndWait(again), QStringLiteral("204 No Content"));
    // A destination on another port shares no pin with it.
    compose(again, {server.url(QStringLiteral("/tls"), QStringLiteral("https")).adjusted(QUrl::RemovePort)});
    QVERIFY(again.message().client.tls.pinnedSha256.isEmpty());

    // Forgotten from the results' menu: refused again.
    compose(again, {url});
    again.resultsView()->selectRow(0);
    QVERIFY(again.forgetCertificatesAction()->isEnabled());
    again.forgetCertificatesAction()->trigger();
    QVERIFY(again.certificatePins().pins(destination).isEmpty());
    QVERIFY(!again.forgetCertificatesAction()->isEnabled());
    QCOMPARE(sendAndWait(again), QStringLiteral("tls-failed"));
    // And the action taking the user's answer accepts it without a dialog.
    QVERIFY(again.acceptCertificate(again.results()->rowCount() - 1, Gui::SenderPanel::Confirm::Accepted));
    QCOMPARE(sendAndWait(again), QStringLiteral("204 No Content"));
}

void TstSendMemory::compositionComesBackFromTheHistory()
{
    ScriptedServer server(answerEveryRequest("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    QVERIFY(server.start());
    const QUrl to = server.url(QStringLiteral("/kept"));
    Gui::SenderPanel panel(nullptr);
    composeEverything(panel, to);
    const QByteArray composition = panel.message().composition;
    QVERIFY(!composition.contains("never-stored-secret"));
    QVERIFY(panel.send());
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isSending(), 10000);
    QCOMPARE(panel.results()->rowCount(), 1); // the switched-off destination was not sent to
    QTRY_VERIFY(server.connectionCount() == 1 && server.received(0).contains("\r\n\r\nevent=paid&id="));
    QVERIFY(!server.received(0).contains("X-Off"));

    // Something else composed, then the sent message opened from the history.
    compose(panel, {QUrl(QStringLiteral("http://127.0.0.1:9/other"))});
    panel.options()->retryOnBox(Gui::SendOptions::Status5xx)->setChecked(true);
    QCOMPARE(panel.history()->rowCount(), 1);
    QCOMPARE(panel.history()->entry(0).message.composition, composition);
    Q_EMIT panel.historyView()->activated(panel.historyView()->model()->index(0, 0));
    verifyEverything(panel, to, "the history");
    QVERIFY2(!panel.statusText().contains(QLatin1String("could not be read")), qPrintable(panel.statusText()));
}

void TstSendMemory::compositionComesBackFromTheSessionFile()
{
    const QString path = m_home.filePath(QStringLiteral("composed.hookscope"));
    {
        Session::SessionWriter made; // an existing session, as `hookscope FILE` opens one
        QCOMPARE(made.open(path).problem, Session::FileProblem::None);
    }
    Gui::WindowOptions options = WindowTesting::anyPort();
    options.sessionPath = path;
    QUrl to;
    {
        Gui::MainWindow window(options);
        window.show();
        QTRY_VERIFY2(WindowTesting::ready(window), qPrintable(window.statusText()));
        Gui::SenderPanel *panel = window.findChild<Gui::Workspaces *>()->panel();
        panel->composer()->destinations()->clearRows();
        panel->composer()->addListenerDestination("/composed");
        to = QUrl(panel->composer()->destinations()->cell(0, 0));
        composeEverything(*panel, to);
        QVERIFY2(panel->send(), qPrintable(panel->statusText()));
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isSending(), 10000);
        QTRY_COMPARE(window.model()->rowCount(), 1); // the listener got it
    }
    Gui::MainWindow again(options);
    again.show();
    QTRY_VERIFY(WindowTesting::ready(again));
    Gui::SenderPanel *panel = again.findChild<Gui::Workspaces *>()->panel();
    QTRY_COMPARE(panel->history()->rowCount(), 1);
    QVERIFY(panel->history()->entry(0).message.signSecret.isEmpty());
    Q_EMIT panel->historyView()->activated(panel->historyView()->model()->index(0, 0));
    verifyEverything(*panel, to, "the session file");
}

void TstSendMemory::brokenCompositionStillOpensTheMessage()
{
    Delivery::Message m;
    m.method = "PATCH";
    m.destinations = {QUrl(QStringLiteral("http://127.0.0.1:9/broken"))};
    m.headers = {{"Content-Type", "text/plain"}, {"X-Kept", "yes"}};
    m.body = "the body";
    for (const QByteArray &broken : {QByteArray("{\"composition\": 1, \"method\": \"PUT\", \"destinations\": 5,"),
                                     QByteArray("{\"composition\": 1, \"method\": \"PUT\", \"body\": {\"kind\": "
                                                "\"json\"}, \"destinations\": [{\"cells\": 7}]}"),
                                     QByteArray("{\"composition\": 99, \"method\": \"PUT\"}")}) {
        Gui::SenderPanel panel(nullptr);
        m.composition = broken;
        panel.openMessage(m);
        // Opened from the message's own fields, and the user is told the layout is gone.
        QVERIFY2(panel.statusText().contains(QLatin1String("could not be read")), qPrintable(panel.statusText()));
        const Delivery::Message shown = panel.message();
        QCOMPARE(shown.method, QByteArray("PATCH"));
        QCOMPARE(shown.destinations, m.destinations);
        QCOMPARE(shown.body, QByteArray("the body"));
        QVERIFY(shown.headers.contains({"X-Kept", "yes"}));
    }
    QString error;
    QVERIFY(!Gui::Composition::fromJson("{\"composition\": 99, \"method\": \"PUT\"}", &error));
    QVERIFY2(error.contains(QLatin1String("newer")), qPrintable(error));
}

void TstSendMemory::everyRetrySwitchReachesTheMessage()
{
    ScriptedServer server(answerEveryRequest("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"));
    QVERIFY(server.start());
    Gui::SenderPanel panel(nullptr);
    compose(panel, {server.url(QStringLiteral("/busy"))});
    Gui::SendOptions *options = panel.options();
    options->attemptsBox()->setValue(3);
    options->firstDelayBox()->setValue(0); // no wait before a retry
    options->jitterBox()->setValue(0);

    // 5xx ticked (the default): a 503 is tried three times.
    QCOMPARE(sendAndWait(panel), QStringLiteral("503 Service Unavailable"));
    QCOMPARE(panel.results()->rowCount(), 3);
    // Unticked: one attempt, and no more.
    options->retryOnBox(Gui::SendOptions::Status5xx)->setChecked(false);
    QCOMPARE(sendAndWait(panel), QStringLiteral("503 Service Unavailable"));
    QCOMPARE(panel.results()->rowCount(), 1);

    // Every switch, each away from its default, reaches the message and comes back with its
    // composition.
    const Delivery::RetryPolicy defaults;
    options->retryOnBox(Gui::SendOptions::ConnectionError)->setChecked(!defaults.onConnectionError);
    options->retryOnBox(Gui::SendOptions::Timeout)->setChecked(!defaults.onTimeout);
    options->retryOnBox(Gui::SendOptions::Status429)->setChecked(!defaults.on429);
    options->retryOnBox(Gui::SendOptions::Status408)->setChecked(!defaults.on408);
    options->retryAfterBox()->setChecked(!defaults.honourRetryAfter);
    options->maxDelayBox()->setValue(7'000);
    options->jitterBox()->setValue(35);
    const Delivery::Message m = panel.message();
    QCOMPARE(m.retry.maxAttempts, 3);
    QCOMPARE(m.retry.initialDelayMs, 0);
    QCOMPARE(m.retry.maxDelayMs, 7'000);
    QCOMPARE(m.retry.jitter, 0.35);
    QCOMPARE(m.retry.onConnectionError, !defaults.onConnectionError);
    QCOMPARE(m.retry.onTimeout, !defaults.onTimeout);
    QCOMPARE(m.retry.on5xx, false);
    QCOMPARE(m.retry.on429, !defaults.on429);
    QCOMPARE(m.retry.on408, !defaults.on408);
    QCOMPARE(m.retry.honourRetryAfter, !defaults.honourRetryAfter);

    // Shown again when the message is opened from this run's history, and from its composition
    // alone when it comes from a session file (which keeps no retry policy of its own).
    Delivery::Message fromFile = m;
    fromFile.retry = {};
    fromFile.client = {};
    for (const Delivery::Message &opened : {m, fromFile}) {
        Gui::SenderPanel other(nullptr);
        other.openMessage(opened);
        const Delivery::RetryPolicy reopened = other.message().retry;
        QCOMPARE(reopened.maxAttempts, 3);
        QCOMPARE(reopened.initialDelayMs, 0);
        QCOMPARE(reopened.maxDelayMs, 7'000);
        QCOMPARE(reopened.jitter, 0.35);
        QCOMPARE(reopened.onConnectionError, !defaults.onConnectionError);
        QCOMPARE(reopened.onTimeout, !defaults.onTimeout);
        QCOMPARE(reopened.on5xx, false);
        QCOMPARE(reopened.on429, !defaults.on429);
        QCOMPARE(reopened.on408, !defaults.on408);
        QCOMPARE(reopened.honourRetryAfter, !defaults.honourRetryAfter);
        QCOMPARE(other.options()->retryAfterBox()->isChecked(), !defaults.honourRetryAfter);
    }
}

QTEST_MAIN(TstSendMemory)
#include "tst_sendmemory.moc"
