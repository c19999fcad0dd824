// Answer rules made visible (issue 12, section 2), driven as a user drives them: the rules dialog
// whose lists follow the typing.

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

class TstAnswerRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void dialogListsFollowTheTyping();

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

QTEST_MAIN(TstAnswerRules)
#include "tst_answerrules.moc"
