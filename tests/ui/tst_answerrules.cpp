// Answer rules made visible (issue 12, section 2), driven as a user drives them: the rules dialog
// whose lists follow the typing; the status-bar badge while a rule is on — also after a restart,
// when a rule from an earlier day would otherwise answer unseen — which opens the rules when
// clicked; the last answer named beside it; and per request, the rule that answered in the Rule
// column and the Overview, live and read back from the session file.

#include "capture/answerrules.h"
#include "capture/ruleindicator.h"
#include "mainwindow.h"
#include "requestdetail.h"
#include "requesttablemodel.h"
#include "rulesdialog.h"
#include "settings.h"
#include "windowtesting.h"

#include "capture/captureengine.h"
#include "session/sessionwriter.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using WindowTesting::anyPort;
using WindowTesting::post;
using WindowTesting::ready;

namespace {

/// Whether the Overview of the request shown says what chose its answer, and that it is this.
bool overviewSays(Gui::MainWindow &window, const QString &chosenBy)
{
    const QStringList lines = window.detail()->overviewText().split(QLatin1Char('\n'));
    const qsizetype label = lines.indexOf(QStringLiteral("Chosen by"));
    return label >= 0 && lines.value(label + 1) == chosenBy;
}

} // namespace

class TstAnswerRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void dialogListsFollowTheTyping();
    void ruleStaysInSightAfterARestart();

private:
    QTemporaryDir m_home;
};

void TstAnswerRules::initTestCase()
{
    QVERIFY(m_home.isValid());
    WindowTesting::setUpWindowTests();
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_answerrules"));
}

void TstAnswerRules::init()
{
    QSettings().clear();
    WindowTesting::clearScratchSessions();
}

void TstAnswerRules::dialogListsFollowTheTyping()
{
    Gui::RulesDialog dialog(Capture::ResponseRules{});
    dialog.addRule();
    QListWidget *rules = dialog.ruleList();
    QListWidget *answers = dialog.stepList();
    QCOMPARE(rules->currentRow(), 0);
    QCOMPARE(rules->item(0)->text(), QStringLiteral("any /*"));

    // Typed, not applied: both lists show it at once, and the selection stays where it was.
    dialog.pathEdit()->clear();
    QTest::keyClicks(dialog.pathEdit(), QStringLiteral("/stripe/*"));
    QCOMPARE(rules->item(0)->text(), QStringLiteral("any /stripe/*"));
    QTest::keyClicks(dialog.methodsEdit(), QStringLiteral("post"));
    QCOMPARE(rules->item(0)->text(), QStringLiteral("POST /stripe/*"));
    QTest::keyClicks(dialog.nameEdit(), QStringLiteral("stripe retries"));
    QCOMPARE(rules->item(0)->text(), QStringLiteral("stripe retries"));
    dialog.statusEdit()->setValue(503);
    QCOMPARE(answers->item(0)->text(), QStringLiteral("1. 503"));
    dialog.delayEdit()->setValue(250);
    QCOMPARE(answers->item(0)->text(), QStringLiteral("1. 503 after 250 ms"));
    dialog.enabledEdit()->setChecked(false);
    QCOMPARE(rules->item(0)->text(), QStringLiteral("stripe retries (off)"));
    QCOMPARE(rules->currentRow(), 0);
    QCOMPARE(answers->currentRow(), 0);

    // A second answer: only its own line changes.
    dialog.addStep();
    dialog.statusEdit()->setValue(200);
    QCOMPARE(answers->count(), 2);
    QCOMPARE(answers->item(0)->text(), QStringLiteral("1. 503 after 250 ms"));
    QCOMPARE(answers->item(1)->text(), QStringLiteral("2. 200 after 250 ms"));
    QCOMPARE(answers->currentRow(), 1);

    // A header line still being typed is not a header yet: it says so, and the rest still follows.
    dialog.headersEdit()->moveCursor(QTextCursor::End); // after the Content-Type line the answer has
    QTest::keyClicks(dialog.headersEdit(), QStringLiteral("Retry-After"));
    const QLabel *problem = nullptr;
    for (const QLabel *label : dialog.findChildren<QLabel *>()) {
        if (label->text().contains(QLatin1String("Retry-After")))
            problem = label;
    }
    QVERIFY2(problem, qPrintable(dialog.headersEdit()->toPlainText()));
    dialog.statusEdit()->setValue(201);
    QCOMPARE(answers->item(1)->text(), QStringLiteral("2. 201 after 250 ms"));
    QTest::keyClicks(dialog.headersEdit(), QStringLiteral(": 5"));
    QVERIFY(!problem->text().contains(QLatin1String("Retry-After")));

    // The default answer too.
    rules->setCurrentRow(1);
    QCOMPARE(rules->item(1)->text(), QStringLiteral("Default answer"));
    dialog.statusEdit()->setValue(204);
    QCOMPARE(answers->item(0)->text(), QStringLiteral("1. 204"));

    // And what the lists showed is what Apply hands on.
    QString error;
    QVERIFY2(dialog.commit(&error), qPrintable(error));
    const Capture::ResponseRules applied = dialog.rules();
    QCOMPARE(applied.rules.size(), 1);
    QCOMPARE(applied.rules.first().name, QStringLiteral("stripe retries"));
    QVERIFY(!applied.rules.first().enabled);
    QCOMPARE(applied.rules.first().answers.at(1).status, 201);
    QCOMPARE(applied.rules.first().answers.at(1).headers,
             (Http::HeaderList{{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
                               {QByteArrayLiteral("Retry-After"), QByteArrayLiteral("5")}}));
    QCOMPARE(applied.fallback.status, 204);
}

void TstAnswerRules::ruleStaysInSightAfterARestart()
{
    const QString path = m_home.filePath(QStringLiteral("rules.hookscope"));
    {
        Session::SessionWriter made;
        QCOMPARE(made.open(path).problem, Session::FileProblem::None);
    }
    Gui::WindowOptions options = anyPort();
    options.sessionPath = path;
    Capture::ResponseRule rule;
    rule.name = QStringLiteral("always 500");
    rule.methods = {QStringLiteral("POST")};
    rule.pathPattern = QStringLiteral("/orders*");
    Capture::AnswerSpec failing;
    failing.status = 500;
    rule.answers = {failing};
    Capture::ResponseRules rules;
    rules.rules = {rule};
    {
        Gui::MainWindow window(options);
        window.show();
        QTRY_VERIFY2(ready(window), qPrintable(window.statusText()));
        Gui::RuleIndicator *indicator = window.findChild<Gui::RuleIndicator *>();
        QVERIFY(indicator);
        // A fresh Hookscope: nothing to point out, no Rule column.
        QVERIFY(indicator->badge()->isHidden());
        QVERIFY(indicator->lastAnswer()->isHidden());
        QVERIFY(window.table()->isColumnHidden(Gui::RequestTableModel::Rule));
        QCOMPARE(post(window.engine()->url(), QStringLiteral("/orders"), "{}"), 200);

        window.findChild<Gui::AnswerRules *>()->apply(rules);
        QVERIFY(!indicator->badge()->isHidden());
        QVERIFY2(indicator->badge()->text().contains(QLatin1String("always 500")),
                 qPrintable(indicator->badge()->text()));
        QVERIFY(!window.table()->isColumnHidden(Gui::RequestTableModel::Rule));
        QCOMPARE(post(window.engine()->url(), QStringLiteral("/orders"), "{}"), 500);
        QTRY_COMPARE(indicator->lastAnswer()->text(), QStringLiteral("Last answer 500: rule “always 500”"));
        QVERIFY(!indicator->lastAnswer()->isHidden());
        QCOMPARE(post(window.engine()->url(), QStringLiteral("/health"), "{}"), 200);
        QTRY_COMPARE(indicator->lastAnswer()->text(), QStringLiteral("Last answer 200: the default"));

        Gui::RequestTableModel *model = window.model();
        QTRY_COMPARE(model->rowCount(), 3);
        QCOMPARE(model->headerData(Gui::RequestTableModel::Rule, Qt::Horizontal).toString(), QStringLiteral("Rule"));
        QCOMPARE(model->index(0, Gui::RequestTableModel::Rule).data().toString(), QString());
        QCOMPARE(model->index(1, Gui::RequestTableModel::Rule).data().toString(), QStringLiteral("always 500"));
        QCOMPARE(model->index(2, Gui::RequestTableModel::Rule).data().toString(), QString());
        window.table()->selectRow(1);
        QTRY_VERIFY(window.isDetailReady());
        QVERIFY2(overviewSays(window, QStringLiteral("answer rule “always 500”")),
                 qPrintable(window.detail()->overviewText()));
    }

    // The next day: the rule is still on, and the window says so before any request comes.
    Gui::MainWindow window(options);
    window.show();
    QTRY_VERIFY2(ready(window), qPrintable(window.statusText()));
    Gui::RuleIndicator *indicator = window.findChild<Gui::RuleIndicator *>();
    QVERIFY(!indicator->badge()->isHidden());
    QVERIFY2(indicator->badge()->text().contains(QLatin1String("always 500")), qPrintable(indicator->badge()->text()));
    QVERIFY(indicator->badge()->toolTip().contains(QLatin1String("always 500: 500")));

    // Per request, read back from the session file: the column, sortable, and the Overview.
    Gui::RequestTableModel *model = window.model();
    QTRY_COMPARE(model->rowCount(), 3);
    QCOMPARE(model->index(1, Gui::RequestTableModel::Rule).data().toString(), QStringLiteral("always 500"));
    window.table()->sortByColumn(Gui::RequestTableModel::Rule, Qt::DescendingOrder);
    QCOMPARE(model->index(0, Gui::RequestTableModel::Rule).data().toString(), QStringLiteral("always 500"));
    QCOMPARE(model->idAt(0), qint64(2));
    window.table()->selectRow(0);
    QTRY_VERIFY(window.isDetailReady());
    QVERIFY2(overviewSays(window, QStringLiteral("answer rule “always 500”")),
             qPrintable(window.detail()->overviewText()));
    window.table()->sortByColumn(Gui::RequestTableModel::Id, Qt::AscendingOrder);
    window.table()->selectRow(2);
    QTRY_VERIFY(window.isDetailReady());
    QVERIFY2(overviewSays(window, QStringLiteral("the default answer (no answer rule matched)")),
             qPrintable(window.detail()->overviewText()));

    // Clicking the badge opens the rules.
    QTest::mouseClick(indicator->badge(), Qt::LeftButton);
    Gui::RulesDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<Gui::RulesDialog *>()) && dialog->isVisible());
    QCOMPARE(dialog->ruleList()->item(0)->text(), QStringLiteral("always 500"));
    dialog->close();

    // Rules off: the badge goes; the column stays while the session holds requests a rule answered.
    window.findChild<Gui::AnswerRules *>()->apply({});
    QVERIFY(indicator->badge()->isHidden());
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/orders"), "{}"), 200);
    QTRY_COMPARE(model->rowCount(), 4);
    QVERIFY(indicator->lastAnswer()->isHidden()); // the default answered with no rule on: nothing to say
    QVERIFY(!window.table()->isColumnHidden(Gui::RequestTableModel::Rule));
}

QTEST_MAIN(TstAnswerRules)
#include "tst_answerrules.moc"
