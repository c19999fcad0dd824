// The promise behind a 2xx: a request that was logged and answered is in the session file on
// every path — SQLite refusing it for a while (a full disk), a clean stop, a crash, a reopen — and
// only one writer ever captures into a file, whatever name it is reached by.

#include "http/requestreader.h"
#include "session/journal.h"
#include "session/scratch.h"
#include "session/sessionfile.h"
#include "session/sessionreader.h"
#include "session/sessionwriter.h"
#include "session/sqlite.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <mutex>
#include <sys/wait.h>
#include <unistd.h>

using namespace Session;

namespace {

CapturedRequestPtr request(qint64 id, qsizetype bodySize = 20'000)
{
    Http::RequestReader reader;
    const QByteArray body(bodySize, char('a' + id % 26));
    const QByteArray bytes = "POST /n/" + QByteArray::number(id) +
                             " HTTP/1.1\r\nHost: h\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" +
                             body;
    reader.feed(bytes);
    auto r = std::make_shared<CapturedRequest>();
    r->id = id;
    r->receivedAtMs = 1'780'000'000'000 + id;
    r->remoteAddress = QHostAddress(QStringLiteral("127.0.0.1"));
    r->remotePort = quint16(40000 + id);
    r->request = reader.takeRequest();
    r->responseStatus = 200;
    return r;
}

/// A session writer driven the way the capture service drives it: each request is logged (after
/// which its sender may get a 2xx), then handed over for SQLite.
class Capture
{
public:
    explicit Capture(const QString &file)
    {
        opened = writer.open(file).problem == FileProblem::None;
        writer.setCommitHandler([this](const CapturedBatch &batch, const QString &error) {
            std::lock_guard lock(mutex);
            (error.isEmpty() ? committed : failed) += batch.size();
        });
        writer.setHealthHandler([this](const QString &error) {
            std::lock_guard lock(mutex);
            (error.isEmpty() ? recoveries : failures) += 1;
        });
        writer.start();
    }
    /// Logs and submits; false if the log refused (the sender would get 503).
    bool take(qint64 id, qsizetype bodySize = 20'000)
    {
        const CapturedRequestPtr r = request(id, bodySize);
        QString error;
        if (!writer.journal({r}, &error))
            return false;
        writer.submit(r);
        return true;
    }
    int count(const int &field)
    {
        std::lock_guard lock(mutex);
        return field;
    }

    SessionWriter writer;
    bool opened = false;
    std::mutex mutex;
    int committed = 0;
    int failed = 0;
    int failures = 0;
    int recoveries = 0;
};

QList<qint64> idsIn(const QString &file)
{
    SessionReader reader;
    if (reader.open(file).problem != FileProblem::None)
        return {};
    QList<qint64> ids;
    reader.forEach(
        [&ids](CapturedRequestPtr r) {
            ids.append(r->id);
            return true;
        },
        {});
    return ids;
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> out;
    for (qint64 id = first; id <= last; ++id)
        out.append(id);
    return out;
}

/// Fills the session until SQLite refuses a commit: a page cap stands in for a full disk (SQLite
/// fails with SQLITE_FULL either way), while the log beside it still takes writes.
bool fillUntilRefused(Capture &capture, qint64 *nextId)
{
    for (qint64 id = 1; id <= 5; ++id)
        capture.take((*nextId)++);
    if (!QTest::qWaitFor([&] { return capture.count(capture.committed) == 5; }, 5000))
        return false;
    capture.writer.setMaxPageCount(1); // no page beyond what the file has now
    capture.take((*nextId)++);
    capture.take((*nextId)++);
    return QTest::qWaitFor([&] { return capture.count(capture.failed) == 2 && capture.count(capture.failures) == 1; },
                           5000);
}

} // namespace

class TstDurability : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }
    void spaceReturns_data();
    void spaceReturns();
    void stopWhileFullKeepsTheLog();
    void crash_data();
    void crash();
    void deletedWhileWaiting();
    void waitingIsBounded();
    void saveAsWhileRefusedTakesTheLog();
    void scratchWithALogIsKept();
    void danglingLinkNamesTheRealLog();
    void liveScratchIsNeitherDeletedNorResumed();
    void secondWriterThroughSymlink();
    void secondWriterThroughHardLink();

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
};

void TstDurability::spaceReturns_data()
{
    QTest::addColumn<bool>("newRequest");
    QTest::newRow("the next request after space returned") << true;
    QTest::newRow("nothing more arrives") << false;
}

// The reproduction: requests logged and answered, SQLite full, space back, one more
// request. The ones SQLite refused must not be dropped from the log by the next commit; with no
// request after, the writer tries again by itself.
void TstDurability::spaceReturns()
{
    QFETCH(bool, newRequest);
    const QString file = path(QStringLiteral("full-%1.hookscope").arg(int(newRequest)));
    qint64 next = 1;
    {
        Capture capture(file);
        QVERIFY(capture.opened);
        QVERIFY(fillUntilRefused(capture, &next));
        capture.writer.setMaxPageCount(1'000'000); // space comes back
        if (newRequest)
            QVERIFY(capture.take(next++));
        QTRY_COMPARE_WITH_TIMEOUT(capture.count(capture.recoveries), 1, 10000);
        QCOMPARE(capture.writer.backlog(), 0);
        QCOMPARE(capture.writer.committedRequests(), quint64(next - 1));
    }
    QVERIFY(Journal::logFiles(file).isEmpty()); // a clean stop after all reached SQLite
    QCOMPARE(idsIn(file), range(1, next - 1));
}

void TstDurability::stopWhileFullKeepsTheLog()
{
    const QString file = path(QStringLiteral("stopped.hookscope"));
    qint64 next = 1;
    {
        Capture capture(file);
        QVERIFY(capture.opened);
        QVERIFY(fillUntilRefused(capture, &next));
    } // stopped while SQLite still refuses
    QVERIFY(!Journal::logFiles(file).isEmpty());
    QCOMPARE(idsIn(file), range(1, next - 1)); // the next open moves the log in
    QVERIFY(Journal::logFiles(file).isEmpty());
}

void TstDurability::crash_data()
{
    QTest::addColumn<bool>("spaceBack");
    QTest::newRow("killed while full") << false;
    QTest::newRow("killed after space came back") << true;
}

// A child process captures and dies without stopping its writer, as a killed Hookscope would.
void TstDurability::crash()
{
    QFETCH(bool, spaceBack);
    const QString file = path(QStringLiteral("crash-%1.hookscope").arg(int(spaceBack)));
    constexpr qint64 kLogged = 8;
    std::fflush(nullptr);
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        auto *capture = new Capture(file); // never destroyed: no stop, no cleanup
        qint64 next = 1;
        if (!capture->opened || !fillUntilRefused(*capture, &next))
            ::_exit(3);
        if (spaceBack)
            capture->writer.setMaxPageCount(1'000'000);
        if (!capture->take(next++))
            ::_exit(4);
        if (spaceBack && !QTest::qWaitFor([&] { return capture->count(capture->recoveries) == 1; }, 10000))
            ::_exit(5);
        ::_exit(next - 1 == kLogged ? 0 : 6);
    }
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), 0);
    QCOMPARE(idsIn(file), range(1, kLogged));
}

// The user deletes requests that wait for SQLite: they never go in, not even at the next open,
// and once none waits the window hears that saving is whole again.
void TstDurability::deletedWhileWaiting()
{
    const QString file = path(QStringLiteral("deleted.hookscope"));
    qint64 next = 1;
    {
        Capture capture(file);
        QVERIFY(capture.opened);
        QVERIFY(fillUntilRefused(capture, &next)); // 6 and 7 wait
        capture.writer.remove({6, 7});
        QTRY_COMPARE(capture.count(capture.recoveries), 1);
        QCOMPARE(capture.writer.backlog(), 0);
    } // stopped while SQLite would still refuse
    QCOMPARE(idsIn(file), range(1, 5));
}

// While SQLite refuses, what waits is held in memory as well as in the log: past a bound new
// requests are refused (503) instead of memory growing without end.
void TstDurability::waitingIsBounded()
{
    const QString file = path(QStringLiteral("bounded.hookscope"));
    qint64 next = 1;
    Capture capture(file);
    QVERIFY(capture.opened);
    QVERIFY(fillUntilRefused(capture, &next));
    constexpr qsizetype kBody = 8 * 1024 * 1024;
    int taken = 0;
    while (taken < 40 && capture.take(next, kBody)) {
        ++next;
        ++taken;
        QTRY_COMPARE(capture.count(capture.failed), 2 + taken); // it joined the wait
    }
    QVERIFY2(taken < 40, "nothing bounds what waits for SQLite");
    QVERIFY2(qint64(taken) * kBody <= 160LL * 1024 * 1024, qPrintable(QString::number(taken)));
    QString error;
    QVERIFY(!capture.writer.journal({request(next)}, &error));
    QVERIFY2(error.contains(QStringLiteral("wait for the session file")), qPrintable(error));
    capture.writer.setMaxPageCount(1'000'000); // room again: everything that waited goes in
    QTRY_COMPARE_WITH_TIMEOUT(capture.count(capture.recoveries), 1, 10000);
    QVERIFY(capture.take(next++));
    capture.writer.stop();
    QCOMPARE(idsIn(file), range(1, next - 1));
}

// Save As while SQLite refuses: the copy is made from the file, and the requests only the log
// holds come along, with their ids, instead of staying behind.
void TstDurability::saveAsWhileRefusedTakesTheLog()
{
    const QString source = path(QStringLiteral("source.hookscope"));
    const QString target = path(QStringLiteral("target.hookscope"));
    qint64 next = 1;
    {
        Capture capture(source);
        QVERIFY(capture.opened);
        QVERIFY(fillUntilRefused(capture, &next));
        Sql::Database db; // the snapshot Save As takes while capture goes on
        QVERIFY(db.open(source, Sql::Database::Mode::ReadOnly));
        Sql::Statement vacuum(db, "VACUUM INTO ?1");
        const QByteArray name = target.toUtf8();
        vacuum.bindText(1, name);
        QVERIFY(vacuum.exec());
    } // the old writer stops, still refused: 6 and 7 are only in its log
    QVERIFY(!Journal::logFiles(source).isEmpty());
    SessionWriter saved;
    QCOMPARE(saved.open(target).problem, FileProblem::None);
    QString error;
    QVERIFY2(saved.copyNewerFrom(source, &error), qPrintable(error));
    QCOMPARE(saved.nextId(), next);
    saved.stop();
    QCOMPARE(idsIn(target), range(1, next - 1));
}

// Save As removes the scratch session it copied; what only its log holds (SQLite refused it, the
// copy could not see it) must not go with it.
void TstDurability::scratchWithALogIsKept()
{
    const QString file = path(QStringLiteral("scratch.hookscope"));
    qint64 next = 1;
    {
        Capture capture(file);
        QVERIFY(capture.opened);
        QVERIFY(fillUntilRefused(capture, &next));
    }
    Scratch::remove(file);
    QVERIFY(QFile::exists(file));
    QCOMPARE(idsIn(file), range(1, next - 1));
    Scratch::remove(file); // moved in by that open: now it may go
    QVERIFY(!QFile::exists(file));
}

// A second window looks for a scratch session to continue and deletes empty ones: not the one
// the first window has just started capturing into.
void TstDurability::liveScratchIsNeitherDeletedNorResumed()
{
    QStandardPaths::setTestModeEnabled(true);
    QDir(Scratch::directory()).removeRecursively();
    const QString live = Scratch::newPath();
    SessionWriter first;
    QCOMPARE(first.open(live).problem, FileProblem::None);
    first.start();
    QCOMPARE(Scratch::latest(), QString());
    QVERIFY(QFile::exists(live));
    first.stop();
    QCOMPARE(Scratch::latest(), QString()); // now it is an empty leftover, and goes
    QVERIFY(!QFile::exists(live));
}

// A session reached through a link to a file not made yet: its log is named after the file the
// link points to, where the next open (by either name) looks for it after a crash.
void TstDurability::danglingLinkNamesTheRealLog()
{
    const QString real = path(QStringLiteral("later.hookscope"));
    const QString link = path(QStringLiteral("early-link.hookscope"));
    QVERIFY(QFile::link(real, link));
    QCOMPARE(Journal::canonicalPath(link), Journal::canonicalPath(real));
    {
        Journal journal;
        QString error;
        QVERIFY(journal.lock(link, &error));
        QVERIFY(journal.append({request(1)}, &error));
    } // a crash: the log stays
    QCOMPARE(Journal::logFiles(real).size(), 1);
    QVERIFY(Journal::logFiles(real).constFirst().startsWith(real));
}

void TstDurability::secondWriterThroughSymlink()
{
    const QString file = path(QStringLiteral("real.hookscope"));
    const QString link = path(QStringLiteral("link.hookscope"));
    SessionWriter first;
    QCOMPARE(first.open(file).problem, FileProblem::None);
    first.start();
    QVERIFY(QFile::link(file, link));
    SessionWriter second;
    const SessionFile::Info refused = second.open(link);
    QCOMPARE(refused.problem, FileProblem::Locked);
    QVERIFY2(refused.error.contains(QStringLiteral("being captured into")), qPrintable(refused.error));
    QVERIFY(Journal::isLive(link));
    // Nothing was made beside the link: its log and lock are the real file's.
    QVERIFY(!QFile::exists(link + QStringLiteral("-log.lock")));
    first.stop();
    QVERIFY(!Journal::isLive(link));
    QCOMPARE(second.open(link).problem, FileProblem::None);
}

void TstDurability::secondWriterThroughHardLink()
{
    const QString file = path(QStringLiteral("one.hookscope"));
    const QString other = path(QStringLiteral("two.hookscope"));
    SessionWriter first;
    QCOMPARE(first.open(file).problem, FileProblem::None);
    first.start();
    QCOMPARE(::link(QFile::encodeName(file).constData(), QFile::encodeName(other).constData()), 0);
    SessionWriter second;
    const SessionFile::Info refused = second.open(other);
    QCOMPARE(refused.problem, FileProblem::Locked);
    QVERIFY2(refused.error.contains(QStringLiteral("being captured into")), qPrintable(refused.error));
    QVERIFY(!QFile::exists(other + QStringLiteral("-log.lock"))); // refused leaves nothing behind
    first.stop();
    QCOMPARE(second.open(other).problem, FileProblem::None);
}

QTEST_GUILESS_MAIN(TstDurability)
#include "tst_durability.moc"
