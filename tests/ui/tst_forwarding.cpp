// Forwarding in the window, driven as a user drives it: rules edited in their dialog (the list
// follows the typing, an unusable rule cannot be saved), kept in the settings for the next start
// (and a broken saved value says so and leaves forwarding off), and a request captured by the
// window forwarded to a second real listener, its outcome in the Forwarded column — live, and
// again after the session file is opened anew.

#include "forward/forwarding.h"
#include "forward/forwardrulesdialog.h"
#include "forward/forwardrulesjson.h"
#include "mainwindow.h"
#include "replay/madefromview.h"
#include "replay/replaysetup.h"
#include "requesttablemodel.h"
#include "settings.h"
#include "windowtesting.h"

#include "capture/captureengine.h"
#include "session/sessionwriter.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using WindowTesting::anyPort;
using WindowTesting::ready;

class TstForwarding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void theDialogEditsRulesAsTheyAreTyped();
    void rulesOutliveTheWindowAndABrokenValueSaysSo();
    void theWindowForwardsAndShowsTheOutcome();

private:
    QTemporaryDir m_home;
};

void TstForwarding::initTestCase()
{
    QVERIFY(m_home.isValid());
    WindowTesting::setUpWindowTests();
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_forwarding"));
}

void TstForwarding::init()
{
    QSettings().clear();
    WindowTesting::clearScratchSessions();
}

static QPushButton *button(QWidget *dialog, const QString &text)
{
    for (QPushButton *b : dialog->findChildren<QPushButton *>()) {
        if (b->text() == text)
            return b;
    }
    return nullptr;
}

void TstForwarding::theDialogEditsRulesAsTheyAreTyped()
{
    Gui::ForwardRulesDialog dialog({});
    QSignalSpy applied(&dialog, &Gui::ForwardRulesDialog::applied);
    QCOMPARE(dialog.list()->count(), 0);
    QVERIFY(dialog.canAccept()); // no rules: forwarding off

    button(&dialog, QStringLiteral("&Add"))->click();
    QCOMPARE(dialog.list()->count(), 1);
    QTest::keyClicks(dialog.nameEdit(), QStringLiteral("dev server"));
    QTest::keyClicks(dialog.pathEdit(), QStringLiteral("/hooks/*"));
    // The list shows the rule as typed, before anything is applied.
    QVERIFY2(
        dialog.list()->item(0)->text().startsWith(QStringLiteral("dev server — any /hooks/* → http://127.0.0.1:3000")),
        qPrintable(dialog.list()->item(0)->text()));

    dialog.destinationsEdit()->setPlainText(QStringLiteral("ftp://nowhere"));
    QVERIFY(!dialog.canAccept());
    QVERIFY2(dialog.problemLabel()->text().contains(QLatin1String("ftp://nowhere is not an http:// or https:// URL")),
             qPrintable(dialog.problemLabel()->text()));
    dialog.destinationsEdit()->setPlainText(QStringLiteral("http://127.0.0.1:3000/dev\nhttp://127.0.0.1:3001"));
    QVERIFY(dialog.canAccept());
    dialog.answerFromForwardBox()->setChecked(true);

    dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(applied.size(), 1);
    const Capture::ForwardRules rules = applied.first().first().value<Capture::ForwardRules>();
    QCOMPARE(rules.rules.size(), 1);
    const Capture::ForwardRule &r = rules.rules.first();
    QCOMPARE(r.name, QStringLiteral("dev server"));
    QCOMPARE(r.pathPattern, QStringLiteral("/hooks/*"));
    QCOMPARE(r.destinations, (QList<QUrl>{QUrl(QStringLiteral("http://127.0.0.1:3000/dev")),
                                          QUrl(QStringLiteral("http://127.0.0.1:3001"))}));
    QVERIFY(r.answerFromForward);
}

void TstForwarding::rulesOutliveTheWindowAndABrokenValueSaysSo()
{
    Capture::ForwardRule rule;
    rule.name = QStringLiteral("to dev");
    rule.methods = {QStringLiteral("POST")};
    rule.destinations = {QUrl(QStringLiteral("http://127.0.0.1:3000"))};
    rule.rewriteFrom = QStringLiteral("/hooks/*");
    rule.rewriteTo = QStringLiteral("/api/*");
    rule.retry.maxAttempts = 3;
    rule.answerFromForward = true;
    rule.answerTimeoutMs = 2500;
    Capture::ForwardRules rules;
    rules.rules = {rule};
    {
        Gui::MainWindow window(anyPort());
        QTRY_VERIFY2(ready(window), qPrintable(window.statusText()));
        auto *forwarding = window.findChild<Gui::Forwarding *>();
        QVERIFY(forwarding);
        QVERIFY(forwarding->badge()->isHidden());
        forwarding->apply(rules);
        QVERIFY(!forwarding->badge()->isHidden());
        QVERIFY2(forwarding->badge()->text().contains(QLatin1String("http://127.0.0.1:3000")),
                 qPrintable(forwarding->badge()->text()));
    }
    {
        Gui::MainWindow window(anyPort());
        QTRY_VERIFY2(ready(window), qPrintable(window.statusText()));
        const Capture::ForwardRules again = window.findChild<Gui::Forwarding *>()->rules();
        QCOMPARE(again.rules.size(), 1);
        const Capture::ForwardRule &r = again.rules.first();
        QCOMPARE(r.name, rule.name);
        QCOMPARE(r.methods, rule.methods);
        QCOMPARE(r.destinations, rule.destinations);
        QCOMPARE(r.rewriteTo, rule.rewriteTo);
        QCOMPARE(r.retry.maxAttempts, 3);
        QVERIFY(r.answerFromForward);
        QCOMPARE(r.answerTimeoutMs, 2500);
    }
    Gui::Settings().set(Gui::Settings::ForwardRules, QByteArray("{\"version\":1,\"rules\":[{\"destinations\":"));
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY2(ready(window), qPrintable(window.statusText()));
    auto *forwarding = window.findChild<Gui::Forwarding *>();
    QVERIFY(forwarding->rules().isEmpty());
    QVERIFY2(forwarding->loadProblem().contains(QLatin1String("cannot be read")),
             qPrintable(forwarding->loadProblem()));
    QVERIFY(forwarding->badge()->isHidden());
}

void TstForwarding::theWindowForwardsAndShowsTheOutcome()
{
    // The destination: a second real listener, answering 201.
    Capture::CaptureEngine downstream;
    Capture::ListenConfig config;
    config.answer.status = 201;
    QSignalSpy started(&downstream, &Capture::CaptureEngine::started);
    downstream.start(config);
    QVERIFY(started.wait(5000));
    QSignalSpy forwardedTo(&downstream, &Capture::CaptureEngine::captured);

    const QString path = m_home.filePath(QStringLiteral("forwarded.hookscope"));
    {
        Session::SessionWriter made;
        QCOMPARE(made.open(path).problem, Session::FileProblem::None);
    }
    Gui::WindowOptions options = anyPort();
    options.sessionPath = path;
    {
        Gui::MainWindow window(options);
        window.show();
        QTRY_VERIFY2(ready(window), qPrintable(window.statusText()));
        QVERIFY(window.table()->isColumnHidden(Gui::RequestTableModel::Forwarded)); // nothing forwarded yet
        Capture::ForwardRule rule;
        rule.destinations = {downstream.url()};
        Capture::ForwardRules rules;
        rules.rules = {rule};
        window.findChild<Gui::Forwarding *>()->apply(rules);
        QVERIFY(!window.table()->isColumnHidden(Gui::RequestTableModel::Forwarded));

        QCOMPARE(WindowTesting::post(window.engine()->url(), QStringLiteral("/hooks/a"), "{\"n\":1}"), 200);
        QTRY_VERIFY(!forwardedTo.isEmpty());
        Gui::RequestTableModel *model = window.model();
        QTRY_COMPARE(model->rowCount(), 1);
        window.table()->selectRow(0);
        QTRY_COMPARE(model->index(0, Gui::RequestTableModel::Forwarded).data().toString(), QStringLiteral("→ 201"));
        // The request's detail lists the forward with the destination's answer.
        Gui::MadeFromView *madeFrom = window.findChild<Gui::ReplaySetup *>()->madeFrom();
        QTRY_COMPARE(madeFrom->list()->topLevelItemCount(), 1);
        QStringList cells;
        for (int c = 0; c < madeFrom->list()->columnCount(); ++c)
            cells << madeFrom->list()->topLevelItem(0)->text(c);
        const QString row = cells.join(QLatin1Char('|'));
        QVERIFY2(row.contains(QLatin1String("orward")) && row.contains(QLatin1String("201")), qPrintable(row));
    }
    // Opened again: the outcome comes from the file.
    Gui::MainWindow window(options);
    QTRY_VERIFY2(ready(window), qPrintable(window.statusText()));
    Gui::RequestTableModel *model = window.model();
    QTRY_COMPARE(model->rowCount(), 1);
    QTRY_COMPARE(model->index(0, Gui::RequestTableModel::Forwarded).data().toString(), QStringLiteral("→ 201"));
    // The rules were kept and apply from the start: a new request is forwarded too.
    QCOMPARE(WindowTesting::post(window.engine()->url(), QStringLiteral("/hooks/b"), "{\"n\":2}"), 200);
    QTRY_COMPARE(forwardedTo.size(), 2);
    QTRY_COMPARE(model->rowCount(), 2);
    QTRY_COMPARE(model->index(1, Gui::RequestTableModel::Forwarded).data().toString(), QStringLiteral("→ 201"));
    // Sorting by the column keeps working.
    window.table()->sortByColumn(Gui::RequestTableModel::Forwarded, Qt::DescendingOrder);
    QCOMPARE(model->index(0, Gui::RequestTableModel::Forwarded).data().toString(), QStringLiteral("→ 201"));
}

QTEST_MAIN(TstForwarding)
#include "tst_forwarding.moc"
