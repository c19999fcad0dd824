// What chose each request's answer (issue 12, section 2), as the session keeps it: in the log,
// in the SQLite file (schema version 5, migrated from 4 and read unmigrated), and in the summary
// rows of the table.

#include "capture/responserules.h"
#include "http/requestreader.h"
#include "session/journal.h"
#include "session/schema.h"
#include "session/sessionfile.h"
#include "session/sessionreader.h"
#include "session/sessionwriter.h"
#include "session/sqlite.h"
#include "session/summarystore.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Session;

namespace {

CapturedRequestPtr answered(qint64 id, AnswerChoice choice, const QString &rule = {})
{
    auto r = std::make_shared<CapturedRequest>();
    r->id = id;
    r->receivedAtMs = 1'780'000'000'000 + id;
    r->remoteAddress = QHostAddress(QStringLiteral("127.0.0.1"));
    r->request =
        Http::RequestReader::restore("POST /hooks/" + QByteArray::number(id) + " HTTP/1.1\r\nHost: h\r\n\r\n", {}, {});
    r->responseStatus = choice == AnswerChoice::Rule ? 500 : 200;
    r->answerChoice = choice;
    r->answerRule = rule;
    return r;
}

bool writeAll(const QString &path, const CapturedBatch &records)
{
    SessionWriter writer;
    if (writer.open(path).problem != FileProblem::None)
        return false;
    writer.start();
    for (const CapturedRequestPtr &r : records)
        writer.submit(r);
    writer.stop();
    return true;
}

/// Every request of the file as (choice, rule), in id order.
QList<QPair<AnswerChoice, QString>> choicesIn(const QString &path)
{
    QList<QPair<AnswerChoice, QString>> out;
    SessionReader reader;
    if (reader.open(path).problem != FileProblem::None)
        return out;
    reader.forEach([&out](CapturedRequestPtr r) {
        out.append({r->answerChoice, r->answerRule});
        return true;
    });
    return out;
}

/// The Rule column's text of every row, from the summaries as the table loads them.
QStringList summaryRules(const QString &path)
{
    SummaryStore store;
    SessionReader reader;
    if (reader.open(path).problem != FileProblem::None || !reader.loadSummaries(store))
        return {QStringLiteral("(unreadable)")};
    QStringList out;
    for (qsizetype i = 0; i < store.size(); ++i)
        out << QString::fromUtf8(store.answerRule(store.at(i)).toByteArray());
    return out;
}

} // namespace

class TstAnswerChoice : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }
    void ruleLabels();
    void changesAnswers();
    void journalKeepsTheChoice();
    void fileKeepsTheChoice();
    void migratesVersion4();

private:
    QTemporaryDir m_dir;
};

void TstAnswerChoice::ruleLabels()
{
    Capture::ResponseRule r;
    r.methods = {QStringLiteral("POST"), QStringLiteral("PUT")};
    r.pathPattern = QStringLiteral("/github/*");
    QCOMPARE(r.label(), QStringLiteral("POST,PUT /github/*"));
    r.methods.clear();
    r.pathPattern.clear();
    r.signature = QStringLiteral("invalid");
    QCOMPARE(r.label(), QStringLiteral("any * (signature invalid)"));
    r.name = QStringLiteral("flaky stripe");
    QCOMPARE(r.label(), QStringLiteral("flaky stripe")); // a name says it best
}

void TstAnswerChoice::changesAnswers()
{
    Capture::ResponseRules rules;
    QVERIFY(!rules.changesAnswers()); // what a fresh Hookscope answers
    Capture::ResponseRule rule;
    rule.answers = {Capture::AnswerSpec()};
    rule.enabled = false;
    rules.rules = {rule};
    QVERIFY(!rules.changesAnswers()); // a rule that is off answers nothing
    rules.rules[0].enabled = true;
    QVERIFY(rules.changesAnswers());
    rules.rules.clear();
    rules.fallback.status = 500;
    QVERIFY(rules.changesAnswers()); // the default answer itself changed
}

void TstAnswerChoice::journalKeepsTheChoice()
{
    for (const CapturedRequestPtr &original :
         {answered(1, AnswerChoice::Default), answered(2, AnswerChoice::Rule, QStringLiteral("flaky “é”")),
          answered(3, AnswerChoice::Challenge, QStringLiteral("Zoom URL validation")),
          answered(4, AnswerChoice::Unknown)}) {
        const CapturedRequestPtr back = Journal::decode(Journal::encode(*original));
        QVERIFY(back);
        QCOMPARE(back->answerChoice, original->answerChoice);
        QCOMPARE(back->answerRule, original->answerRule);
    }
    // A log written before the choice was kept ends after the signature: read as not known. (After
    // the choice come the TLS details: four empty strings, 16 bytes, for plain HTTP.)
    const QByteArray full = Journal::encode(*answered(5, AnswerChoice::Rule, QStringLiteral("r")));
    const CapturedRequestPtr old = Journal::decode(full.first(full.size() - 16 - 4 - 4 - 1));
    QVERIFY(old);
    QCOMPARE(old->answerChoice, AnswerChoice::Unknown);
    QCOMPARE(old->request.target(), QByteArrayView("/hooks/5"));
}

void TstAnswerChoice::fileKeepsTheChoice()
{
    const QString file = m_dir.filePath(QStringLiteral("choices.hookscope"));
    QVERIFY(
        writeAll(file, {answered(1, AnswerChoice::Default), answered(2, AnswerChoice::Rule, QStringLiteral("flaky")),
                        answered(3, AnswerChoice::Rule, QStringLiteral("POST /github/*")),
                        answered(4, AnswerChoice::Challenge, QStringLiteral("Zoom URL validation")),
                        answered(5, AnswerChoice::Unknown), answered(6, AnswerChoice::Rule, QStringLiteral("flaky"))}));
    const QList<QPair<AnswerChoice, QString>> expected = {
        {AnswerChoice::Default, {}},
        {AnswerChoice::Rule, QStringLiteral("flaky")},
        {AnswerChoice::Rule, QStringLiteral("POST /github/*")},
        {AnswerChoice::Challenge, QStringLiteral("Zoom URL validation")},
        {AnswerChoice::Unknown, {}},
        {AnswerChoice::Rule, QStringLiteral("flaky")}};
    QCOMPARE(choicesIn(file), expected);
    QCOMPARE(summaryRules(file), (QStringList{{},
                                              QStringLiteral("flaky"),
                                              QStringLiteral("POST /github/*"),
                                              QStringLiteral("Zoom URL validation"),
                                              {},
                                              QStringLiteral("flaky")}));
    // Rows of the same rule share one pool entry; default rows take none.
    SummaryStore store;
    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None);
    QVERIFY(reader.loadSummaries(store));
    QVERIFY(store.hasAnswerRules());
    QCOMPARE(store.at(1).answerRule, store.at(5).answerRule);
    QCOMPARE(store.at(0).answerRule, quint16(0));
    // Live rows get the same as loaded ones.
    SummaryStore live;
    live.append(*answered(7, AnswerChoice::Rule, QStringLiteral("flaky")));
    QCOMPARE(live.answerRule(live.at(0)), QByteArrayView("flaky"));
}

void TstAnswerChoice::migratesVersion4()
{
    // A file as version 4 left it: made here from a current one by taking away what version 5 added.
    const QString file = m_dir.filePath(QStringLiteral("v4.hookscope"));
    QVERIFY(
        writeAll(file, {answered(1, AnswerChoice::Rule, QStringLiteral("gone")), answered(2, AnswerChoice::Default)}));
    {
        Sql::Database db;
        QVERIFY(db.open(file, Sql::Database::Mode::ReadWrite));
        QVERIFY(db.exec("ALTER TABLE requests DROP COLUMN event; ALTER TABLE requests DROP COLUMN answer_rule; "
                        "ALTER TABLE requests DROP COLUMN answer_choice; ALTER TABLE requests DROP COLUMN tls_info; "
                        "PRAGMA user_version = 4;"));
    }
    QCOMPARE(SessionFile::inspect(file).schemaVersion, 4);
    // Read unmigrated: every request there, none with a choice known.
    const QList<QPair<AnswerChoice, QString>> unknown = {{AnswerChoice::Unknown, {}}, {AnswerChoice::Unknown, {}}};
    QCOMPARE(choicesIn(file), unknown);
    QCOMPARE(summaryRules(file), (QStringList{{}, {}}));
    QCOMPARE(SessionFile::inspect(file).schemaVersion, 4); // reading changed nothing

    // Captured into: migrated, and the new request keeps its rule beside the old ones.
    SessionWriter writer;
    const SessionFile::Info opened = writer.open(file);
    QCOMPARE(opened.problem, FileProblem::None);
    QCOMPARE(opened.schemaVersion, kSchemaVersion);
    writer.start();
    writer.submit(answered(writer.nextId(), AnswerChoice::Rule, QStringLiteral("after")));
    writer.stop();
    QCOMPARE(SessionFile::inspect(file).schemaVersion, kSchemaVersion);
    const QList<QPair<AnswerChoice, QString>> after = {
        {AnswerChoice::Unknown, {}}, {AnswerChoice::Unknown, {}}, {AnswerChoice::Rule, QStringLiteral("after")}};
    QCOMPARE(choicesIn(file), after);
    QCOMPARE(summaryRules(file), (QStringList{{}, {}, QStringLiteral("after")}));
}

QTEST_GUILESS_MAIN(TstAnswerChoice)
#include "tst_answerchoice.moc"
