// The public URL in the window, driven as a user drives it, with a stand-in cloudflared that
// prints what the real one prints (integration/faketunnels.h): the first switch-on explains the
// privacy trade-off, the status bar and the empty state show the public URL with Copy, Copy URL
// copies it, a request that came through the tunnel names its client, the tunnel follows the
// listener and the next start, and a missing or failing tool is shown with why.

#include "emptystate.h"
#include "integration/faketunnels.h"
#include "mainwindow.h"
#include "requestdetail.h"
#include "requesttablemodel.h"
#include "requesttableview.h"
#include "settings.h"
#include "tunnel/tunnelcontrols.h"
#include "tunnel/tunneldialog.h"
#include "windowtesting.h"

#include "capture/captureengine.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using Tunnel::TunnelManager;
using WindowTesting::anyPort;
using WindowTesting::ready;

namespace {

const QString Run1 = QStringLiteral("https://run1-quiet-lake-tunnel.trycloudflare.com");
const QString Run2 = QStringLiteral("https://run2-quiet-lake-tunnel.trycloudflare.com");

Gui::TunnelControls *tunnelOf(Gui::MainWindow &window)
{
    return window.findChild<Gui::TunnelControls *>();
}

QAction *actionOf(Gui::MainWindow &window, const char *name)
{
    return window.findChild<QAction *>(QLatin1String(name));
}

/// Triggers the Public URL switch and answers the privacy note with `accept`; whether it came.
bool switchOn(Gui::MainWindow &window, bool accept)
{
    auto handled = std::make_shared<bool>(false);
    auto text = std::make_shared<QString>();
    WindowTesting::whenModal<QMessageBox>(
        [accept, text](QMessageBox *box) {
            *text = box->text() + box->informativeText();
            for (QAbstractButton *b : box->buttons())
                if ((box->buttonRole(b) == QMessageBox::AcceptRole) == accept)
                    b->click();
        },
        handled.get());
    actionOf(window, "publicUrl")->trigger(); // the note is answered inside its exec()
    return *handled && text->contains(QStringLiteral("anyone on the internet")) &&
           text->contains(QStringLiteral("Cloudflare"));
}

} // namespace

class TstTunnelWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void publicUrlInOneClick();
    void privacyNoteCancelledRunsNothing();
    void followsTheListenerAndTheNextStart();
    void missingToolSaysWhereToGetIt();
    void failingToolShowsItsLastLines();

private:
    QTemporaryDir m_tools;
    QString m_tool;
};

void TstTunnelWindow::initTestCase()
{
    QVERIFY(m_tools.isValid());
    WindowTesting::setUpWindowTests();
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_tunnel_window"));
}

void TstTunnelWindow::init()
{
    QSettings().clear();
    WindowTesting::clearScratchSessions();
    QFile::remove(m_tools.filePath(QStringLiteral("runs")));
    m_tool = FakeTunnels::write(m_tools.path(), QStringLiteral("cloudflared"), FakeTunnels::cloudflared());
    // Where the tool is, as set in Settings (PATH is not searched then).
    Gui::Settings().set(Gui::Settings::TunnelCloudflaredProgram, m_tool);
}

void TstTunnelWindow::publicUrlInOneClick()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    Gui::TunnelControls *tunnel = tunnelOf(window);
    QVERIFY(tunnel);
    QVERIFY(tunnel->statusLabel()->isHidden());
    QVERIFY(window.findChild<QToolButton *>(QStringLiteral("publicUrlButton"))); // on the toolbar
    QVERIFY(!actionOf(window, "copyPublicUrl")->isEnabled());

    QVERIFY(switchOn(window, true));
    QTRY_COMPARE(tunnel->manager()->state(), TunnelManager::State::Up);
    QCOMPARE(tunnel->publicUrl().toString(), Run1);
    QVERIFY(Gui::Settings().get(Gui::Settings::TunnelPrivacyAccepted));
    QVERIFY(Gui::Settings().get(Gui::Settings::TunnelEnabled));
    QCOMPARE(FakeTunnels::args(m_tools.path()),
             "tunnel --url http://127.0.0.1:" + QByteArray::number(window.engine()->port()) + " --no-autoupdate");
    // The status bar, with Copy.
    QCOMPARE(tunnel->statusLabel()->text(), QStringLiteral("Public URL ") + Run1);
    auto *copyButton = window.findChild<QToolButton *>(QStringLiteral("copyPublicUrlButton"));
    QVERIFY(copyButton && copyButton->isVisibleTo(&window));
    QGuiApplication::clipboard()->clear();
    copyButton->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), Run1);
    // Copy URL copies the public one now.
    QGuiApplication::clipboard()->clear();
    actionOf(window, "copyUrl")->trigger();
    QTRY_COMPARE(QGuiApplication::clipboard()->text(), Run1);
    // The empty state shows it, with its own Copy.
    auto *empty = window.findChild<Gui::EmptyState *>();
    QVERIFY(empty && empty->isVisibleTo(&window)); // no request yet
    auto *publicLabel = empty->findChild<QLabel *>(QStringLiteral("publicUrlLabel"));
    QVERIFY(publicLabel->isVisibleTo(&window));
    QCOMPARE(publicLabel->text(), Run1);

    // A request as cloudflared delivers it: captured as usual, its client named beside the remote.
    const QByteArray answer = WindowTesting::answerTo(
        window.engine()->url(), "POST /hook HTTP/1.1\r\nHost: run1-quiet-lake-tunnel.trycloudflare.com\r\n"
                                "Cf-Connecting-Ip: 203.0.113.7\r\nX-Forwarded-For: 203.0.113.7\r\n"
                                "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    QTRY_COMPARE(window.model()->rowCount(), 1);
    window.table()->selectRow(0);
    QTRY_VERIFY2(window.detail()->overviewText().contains(QStringLiteral("for 203.0.113.7 (as Cf-Connecting-Ip says")),
                 qPrintable(window.detail()->overviewText()));
    QVERIFY(window.detail()->overviewText().contains(QStringLiteral("127.0.0.1:")));

    // Off: the tool ends, the URL goes everywhere.
    const qint64 pid = FakeTunnels::readPid(m_tools.path());
    actionOf(window, "publicUrl")->trigger();
    QCOMPARE(tunnel->manager()->state(), TunnelManager::State::Off);
    QVERIFY(tunnel->statusLabel()->isHidden());
    QVERIFY(!copyButton->isVisibleTo(&window));
    QVERIFY(!publicLabel->isVisibleTo(&window));
    QVERIFY(FakeTunnels::waitGone(pid));
    QVERIFY(!Gui::Settings().get(Gui::Settings::TunnelEnabled));
}

void TstTunnelWindow::privacyNoteCancelledRunsNothing()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    QVERIFY(switchOn(window, false));
    QVERIFY(!actionOf(window, "publicUrl")->isChecked());
    QCOMPARE(tunnelOf(window)->manager()->state(), TunnelManager::State::Off);
    QTest::qWait(200);
    QCOMPARE(FakeTunnels::runs(m_tools.path()), 0);
    QVERIFY(!Gui::Settings().get(Gui::Settings::TunnelPrivacyAccepted));
}

void TstTunnelWindow::followsTheListenerAndTheNextStart()
{
    Gui::Settings().set(Gui::Settings::TunnelEnabled, true);
    Gui::Settings().set(Gui::Settings::TunnelPrivacyAccepted, true);
    qint64 pid = 0;
    {
        Gui::MainWindow window(anyPort());
        QTRY_VERIFY(ready(window));
        Gui::TunnelControls *tunnel = tunnelOf(window);
        QTRY_COMPARE(tunnel->publicUrl().toString(), Run1); // the next start brings it back, no question
        QVERIFY(actionOf(window, "publicUrl")->isChecked());
        pid = FakeTunnels::readPid(m_tools.path());
        // The listener stops: so does the tunnel; it comes back with the listener (a new quick tunnel).
        actionOf(window, "listen")->trigger();
        QTRY_VERIFY(!window.engine()->isListening());
        QTRY_COMPARE(tunnel->manager()->state(), TunnelManager::State::Off);
        QCOMPARE(tunnel->statusLabel()->text(), QStringLiteral("Public URL waits for the listener"));
        QVERIFY(FakeTunnels::waitGone(pid));
        actionOf(window, "listen")->trigger();
        QTRY_COMPARE(tunnel->publicUrl().toString(), Run2);
        pid = FakeTunnels::readPid(m_tools.path());
        QVERIFY(FakeTunnels::alive(pid));
    }
    QVERIFY(!FakeTunnels::alive(pid)); // the window closed: the tool is gone
}

void TstTunnelWindow::missingToolSaysWhereToGetIt()
{
    Gui::Settings().set(Gui::Settings::TunnelCloudflaredProgram, m_tools.filePath(QStringLiteral("gone/cloudflared")));
    Gui::Settings().set(Gui::Settings::TunnelEnabled, true);
    Gui::Settings().set(Gui::Settings::TunnelPrivacyAccepted, true);
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    Gui::TunnelControls *tunnel = tunnelOf(window);
    QTRY_COMPARE(tunnel->manager()->state(), TunnelManager::State::Failed);
    const QString text = tunnel->statusLabel()->text();
    QVERIFY2(text.startsWith(QStringLiteral("Public URL off: ")) && text.contains(QStringLiteral("gone/cloudflared")) &&
                 text.contains(QStringLiteral("https://developers.cloudflare.com/")),
             qPrintable(text));
    QVERIFY(window.engine()->isListening()); // capture goes on

    // Tunnel Settings says it too, with the page as a link; a program that exists makes it go.
    Gui::TunnelDialog dialog(tunnel->setup(), tunnel->manager(), &window);
    auto *problem = dialog.findChild<QLabel *>(QStringLiteral("problem"));
    QVERIFY(problem->text().contains(QStringLiteral("<a href=\"https://developers.cloudflare.com/")));
    auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled()); // a tool can be installed later
    dialog.findChild<QLineEdit *>(QStringLiteral("cloudflaredProgram"))->setText(m_tool);
    QVERIFY(problem->isHidden());
    // A custom command that cannot run keeps OK disabled.
    auto *provider = dialog.findChild<QComboBox *>(QStringLiteral("provider"));
    provider->setCurrentIndex(int(Tunnel::Provider::Custom));
    dialog.findChild<QLineEdit *>(QStringLiteral("command"))->setText(QStringLiteral("bore local {port} | tee x"));
    QVERIFY(!ok->isEnabled());
    provider->setCurrentIndex(int(Tunnel::Provider::Cloudflared));
    QVERIFY(ok->isEnabled());
    tunnel->apply(dialog.setup());
    QTRY_COMPARE(tunnel->publicUrl().toString(), Run1);
    QCOMPARE(Gui::Settings().get(Gui::Settings::TunnelCloudflaredProgram), m_tool);
}

void TstTunnelWindow::failingToolShowsItsLastLines()
{
    FakeTunnels::write(m_tools.path(), QStringLiteral("cloudflared"),
                       "echo '2026-12-05T10:00:00Z ERR failed to request quick Tunnel: 429 Too Many Requests' >&2\n"
                       "exit 1\n");
    Gui::Settings().set(Gui::Settings::TunnelEnabled, true);
    Gui::Settings().set(Gui::Settings::TunnelPrivacyAccepted, true);
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    Gui::TunnelControls *tunnel = tunnelOf(window);
    QTRY_COMPARE(tunnel->manager()->state(), TunnelManager::State::Restarting);
    QCOMPARE(tunnel->statusLabel()->text(),
             QStringLiteral("Public URL: cloudflared exited with code 1; starting it again"));
    QVERIFY2(tunnel->statusLabel()->toolTip().contains(QStringLiteral("429 Too Many Requests")),
             qPrintable(tunnel->statusLabel()->toolTip()));
    Gui::TunnelDialog dialog(tunnel->setup(), tunnel->manager(), &window);
    auto *output = dialog.findChild<QPlainTextEdit *>(QStringLiteral("output"));
    QVERIFY(output->toPlainText().contains(QStringLiteral("429 Too Many Requests")));
}

QTEST_MAIN(TstTunnelWindow)
#include "tst_tunnel_window.moc"
