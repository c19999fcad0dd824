// Repeat in the sender panel, driven as a user drives it: 200 messages through 4 connections to the
// window's own listener (every one captured, each with its own id), the counts, percentiles and
// histogram shown, the summary copied, a run of a million stopped, and every repeated message and
// attempt in the session file.

#include "mainwindow.h"
#include "requesttablemodel.h"
#include "send/bodyeditor.h"
#include "send/composer.h"
#include "send/historymodel.h"
#include "send/latencychart.h"
#include "send/repeatpanel.h"
#include "send/senderpanel.h"
#include "send/workspaces.h"
#include "windowtesting.h"

#include "session/sessionreader.h"
#include "session/sessionwriter.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QSet>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using WindowTesting::anyPort;
using WindowTesting::ready;

class TstRepeatPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void repeatsToTheListenerAndShowsTheFigures();
    void stoppingALongRunStopsIt();
    void aMessageThatCannotBeSentDoesNotStart();

private:
    /// The window's sender, shown, with the listener as destination and a body whose id is new
    /// for every message.
    static Gui::SenderPanel *composeToListener(Gui::MainWindow &window);

    QTemporaryDir m_home;
};

void TstRepeatPanel::initTestCase()
{
    QVERIFY(m_home.isValid());
    WindowTesting::setUpWindowTests();
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_repeatpanel"));
}

void TstRepeatPanel::init()
{
    QSettings().clear();
    WindowTesting::clearScratchSessions();
}

Gui::SenderPanel *TstRepeatPanel::composeToListener(Gui::MainWindow &window)
{
    auto *workspaces = window.findChild<Gui::Workspaces *>();
    workspaces->show(Gui::Workspaces::Sender);
    Gui::SenderPanel *panel = workspaces->panel();
    panel->composer()->addListenerDestination("/repeat");
    panel->composer()->body()->setKind(Gui::BodyEditor::Json);
    panel->composer()->body()->setText(R"({"id":"{{uuid}}","type":"load.test"})");
    return panel;
}

void TstRepeatPanel::repeatsToTheListenerAndShowsTheFigures()
{
    const QString path = m_home.filePath(QStringLiteral("repeat.hookscope"));
    {
        Session::SessionWriter made;
        QCOMPARE(made.open(path).problem, Session::FileProblem::None);
    }
    Gui::WindowOptions options = anyPort();
    options.sessionPath = path;
    {
        Gui::MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTRY_VERIFY2(ready(window), qPrintable(window.statusText()));
        Gui::SenderPanel *panel = composeToListener(window);
        Gui::RepeatPanel *repeat = panel->repeat();
        Delivery::RepeatPlan plan;
        plan.count = 200;
        plan.concurrency = 4;
        repeat->setPlan(plan);
        QCOMPARE(repeat->plan().count, 200);
        QCOMPARE(repeat->plan().concurrency, 4);
        QAction *copy = window.findChild<QAction *>(QStringLiteral("copyRepeatSummary"));
        QVERIFY(!copy->isEnabled()); // nothing to copy before the first run

        // Ctrl+Shift+Enter starts it, from wherever the focus is in the window.
        QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY2(repeat->run(), qPrintable(repeat->statusText()));
        QTRY_VERIFY_WITH_TIMEOUT(!repeat->isRunning(), 30000);

        QCOMPARE(repeat->countsText(), QStringLiteral("200: 200"));
        QVERIFY2(repeat->statusText().startsWith(QLatin1String("Done: 200 messages")),
                 qPrintable(repeat->statusText()));
        QVERIFY2(repeat->speedText().contains(QLatin1String("(200 requests)")), qPrintable(repeat->speedText()));
        QVERIFY2(repeat->latencyText().contains(QLatin1String("p99")), qPrintable(repeat->latencyText()));
        QCOMPARE(repeat->chart()->total(), 200); // every answer has its bar
        QVERIFY(repeat->chart()->bucketNs() > 0);

        QVERIFY(copy->isEnabled());
        copy->trigger();
        const QString summary = QGuiApplication::clipboard()->text();
        QVERIFY2(summary.startsWith(QLatin1String("200 requests in ")), qPrintable(summary));
        QVERIFY2(summary.contains(QLatin1String("  200: 200\n")), qPrintable(summary));
        QVERIFY2(summary.contains(QLatin1String("latency p50 ")), qPrintable(summary));

        // The listener got every one; the history has the run, once, with how it went.
        QTRY_COMPARE_WITH_TIMEOUT(window.model()->rowCount(), 200, 10000);
        QCOMPARE(panel->history()->rowCount(), 1);
        const QString outcome = panel->history()->entry(0).outcome;
        QVERIFY2(outcome.contains(QLatin1String("200 of 200")) && outcome.contains(QLatin1String("200: 200")),
                 qPrintable(outcome));
    }

    // The session holds every repeated message and its attempt, each with an id of its own.
    Session::SessionReader reader;
    QCOMPARE(reader.open(path).problem, Session::FileProblem::None);
    const QList<Session::OutboundSummary> messages = reader.listMessages();
    QCOMPARE(messages.size(), 200);
    QSet<QByteArray> bodies;
    for (const Session::OutboundSummary &m : messages) {
        QCOMPARE(m.finalStatuses, QList<int>{200});
        const Session::OutboundAttempts attempts = reader.loadAttempts(m.uid);
        QCOMPARE(attempts.size(), 1);
        bodies.insert(attempts.first().requestBody);
    }
    QCOMPARE(bodies.size(), 200);
}

void TstRepeatPanel::stoppingALongRunStopsIt()
{
    Gui::MainWindow window(anyPort());
    window.show();
    QTRY_VERIFY(ready(window));
    Gui::SenderPanel *panel = composeToListener(window);
    Gui::RepeatPanel *repeat = panel->repeat();
    Delivery::RepeatPlan plan;
    plan.count = 1'000'000;
    plan.concurrency = 4;
    repeat->setPlan(plan);
    QAction *start = window.findChild<QAction *>(QStringLiteral("repeat"));
    QAction *stop = window.findChild<QAction *>(QStringLiteral("stopRepeat"));
    QVERIFY(!stop->isEnabled());
    start->trigger();
    QVERIFY(repeat->isRunning());
    QVERIFY(stop->isEnabled());
    QVERIFY(!start->isEnabled()); // one run at a time

    // Live while it runs: the counts come on the refresh, not only at the end.
    QTRY_VERIFY_WITH_TIMEOUT(repeat->countsText().startsWith(QLatin1String("200: ")), 10000);
    QVERIFY(repeat->statusText().startsWith(QStringLiteral("Repeating…")));
    QTRY_VERIFY(repeat->chart()->total() > 0);

    stop->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!repeat->isRunning(), 10000);
    const Delivery::RepeatSummary summary = repeat->run()->summary();
    QVERIFY(summary.stopped);
    QVERIFY(summary.finished < 1'000'000);
    QVERIFY2(repeat->statusText().startsWith(QLatin1String("Stopped after ")), qPrintable(repeat->statusText()));
    QVERIFY(start->isEnabled());
    QVERIFY(!stop->isEnabled());
    QVERIFY(panel->history()->entry(0).outcome.endsWith(QLatin1String(", stopped")));
    window.findChild<QAction *>(QStringLiteral("copyRepeatSummary"))->trigger();
    QVERIFY2(QGuiApplication::clipboard()->text().contains(QLatin1String(", stopped)")),
             qPrintable(QGuiApplication::clipboard()->text()));
}

void TstRepeatPanel::aMessageThatCannotBeSentDoesNotStart()
{
    Gui::MainWindow window(anyPort());
    window.show();
    QTRY_VERIFY(ready(window));
    auto *workspaces = window.findChild<Gui::Workspaces *>();
    workspaces->show(Gui::Workspaces::Sender);
    Gui::RepeatPanel *repeat = workspaces->panel()->repeat();
    QVERIFY(!repeat->start()); // no destination
    QVERIFY2(repeat->statusText().contains(QLatin1String("destination")), qPrintable(repeat->statusText()));
    QVERIFY(!repeat->run());
    QCOMPARE(workspaces->panel()->history()->rowCount(), 0);
}

QTEST_MAIN(TstRepeatPanel)
#include "tst_repeatpanel.moc"
