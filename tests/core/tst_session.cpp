// The session file: schema, the writer and reader round trip, and every kind of bad file.

#include "filter/filterevaluator.h"
#include "http/requestreader.h"
#include "session/journal.h"
#include "session/schema.h"
#include "session/sessionfile.h"
#include "session/sessionreader.h"
#include "session/sessionwriter.h"
#include "session/sqlite.h"
#include "session/summarystore.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace Session;

namespace {

CapturedRequestPtr capture(qint64 id, const QByteArray &bytes, int status = 200)
{
    Http::RequestReader reader;
    auto r = std::make_shared<CapturedRequest>();
    const Http::RequestReader::Step step = reader.feed(bytes);
    r->id = id;
    r->receivedAtMs = 1'780'000'000'000 + id;
    r->remoteAddress = QHostAddress(QStringLiteral("127.0.0.1"));
    r->remotePort = quint16(40000 + id);
    r->localPort = 8080;
    if (step.event == Http::RequestReader::Event::MessageComplete) {
        r->request = reader.takeRequest();
        r->responseStatus = status;
        r->responseHeaders = {{"Content-Type", "application/json"}};
        r->responseBody = R"({"ok":true})";
    } else {
        r->rejected = true;
        r->errorStatus = reader.error().status;
        r->errorReason = reader.error().reason;
        r->errorOffset = reader.error().offset;
        r->raw = bytes;
        r->request = reader.takePartial();
        r->responseStatus = r->errorStatus;
    }
    return r;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

/// Writes records through a real writer and waits for every commit.
bool writeAll(const QString &path, const CapturedBatch &records, QString *error = nullptr, qint64 keep = 0)
{
    SessionWriter writer;
    const SessionFile::Info info = writer.open(path);
    if (info.problem != FileProblem::None) {
        if (error)
            *error = info.error;
        return false;
    }
    QString commitError;
    writer.setCommitHandler([&commitError](const CapturedBatch &, const QString &e) {
        if (!e.isEmpty())
            commitError = e;
    });
    writer.setRetention(keep);
    writer.start();
    for (const CapturedRequestPtr &r : records)
        writer.submit(r);
    writer.stop();
    if (error)
        *error = commitError;
    return commitError.isEmpty();
}

/// A request that came over TLS, with what its handshake agreed.
CapturedRequestPtr overTls(qint64 id, const QByteArray &bytes, const Http::TlsInfo &info)
{
    auto r = std::make_shared<CapturedRequest>(*capture(id, bytes));
    r->tls = true;
    r->tlsInfo = info;
    return r;
}

const Http::TlsInfo kTls13 = {QStringLiteral("TLSv1.3"), QStringLiteral("TLS_AES_256_GCM_SHA384"),
                              QStringLiteral("localhost"), QStringLiteral("http/1.1")};

/// The ids whose summary rows (as the table loads them from `file`) match `filter`.
QList<qint64> summaryMatches(const QString &file, const char *filter)
{
    SessionReader reader;
    SummaryStore store;
    if (reader.open(file).problem != FileProblem::None || !reader.loadSummaries(store))
        return {-1};
    const FilterEvaluator evaluator(Filter::parse(QString::fromUtf8(filter)));
    const std::vector<qint64> ids = FilterEvaluator::idsOf(store, evaluator.evaluate(store).rows);
    return QList<qint64>(ids.begin(), ids.end());
}

QByteArray headersOf(const Http::Request &r)
{
    QByteArray out;
    for (qsizetype i = 0; i < r.headerCount(); ++i)
        out += r.header(i).name.toByteArray() + ": " + r.header(i).value.toByteArray() + '\n';
    return out;
}

} // namespace

class TstSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void createsSchema();
    void roundTrip();
    void appendsAfterReopen();
    void eventsAreSaved();
    void tlsInfoIsSaved();
    void tlsInfoBeforeVersion6();
    void answersStoredOnce();
    void retentionKeepsNewest();
    void summariesAreCompact();
    void summariesAcrossBlocks();
    void customValuesFollowTheirRows();
    void badFiles_data();
    void badFiles();
    void damagedPayloadIsReported();
    void readOnlyPlaces();
    void diskFullIsReported();
    void noMigrationFromUnknownVersion();
    void journalRoundTrip();
    void journalTornTailIsDropped();
    void journalReplayedAfterCrash();
    void oneWriterPerSession();

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
};

void TstSession::init()
{
    QVERIFY(m_dir.isValid());
}

void TstSession::createsSchema()
{
    const QString file = path(QStringLiteral("new.hookscope"));
    const auto journalMode = [&file] {
        Sql::Database db;
        if (!db.open(file, Sql::Database::Mode::ReadOnly))
            return QString();
        Sql::Statement mode(db, "PRAGMA journal_mode");
        return mode.step() ? mode.text(0) : QString();
    };
    {
        SessionWriter writer;
        QCOMPARE(writer.open(file).problem, FileProblem::None);
        writer.start();
        QCOMPARE(journalMode(), QStringLiteral("wal")); // readers never wait for the writer
        writer.stop();
    }
    // At rest the session is one self-contained file: no -wal or -shm beside it.
    QCOMPARE(journalMode(), QStringLiteral("delete"));
    QVERIFY(!QFileInfo::exists(file + QStringLiteral("-wal")));
    Sql::Database db;
    QVERIFY(db.open(file, Sql::Database::Mode::ReadOnly));
    QCOMPARE(db.queryInt("PRAGMA application_id"), kApplicationId);
    QCOMPARE(db.queryInt("PRAGMA user_version"), qint64(kSchemaVersion));
    for (const char *table : {"requests", "payloads", "answers", "session_info"}) {
        const QByteArray sql = "SELECT count(*) FROM " + QByteArray(table);
        QVERIFY2(db.queryInt(sql.constData()) >= 0, table);
    }
    Sql::Statement creator(db, "SELECT value FROM session_info WHERE key = 'created_by'");
    QVERIFY(creator.step());
    QVERIFY(creator.text(0).startsWith(QStringLiteral("Hookscope ")));
    QCOMPARE(SessionFile::inspect(file).problem, FileProblem::None);
}

void TstSession::roundTrip()
{
    const QString file = path(QStringLiteral("trip.hookscope"));
    const QByteArray binary = QByteArray("\x00\x01\x02\xff\xfe\r\n", 7);
    const QByteArray plain = "POST /github?x=1 HTTP/1.1\r\nHost: h\r\nX-Dup: 1\r\nx-dup:  2 \r\n"
                             "Content-Type: application/JSON; charset=utf-8\r\nContent-Length: 7\r\n\r\n" +
                             binary;
    const QByteArray chunked = "PUT /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                               "4;ext=\"q\"\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: t\r\n\r\n";
    const QByteArray noHost = "GET /nohost HTTP/1.1\r\n\r\n";
    const QByteArray bad = "GET / HTTP/1.1\r\nHost: h\r\nBad Name: x\r\n\r\n";
    const CapturedBatch records = {capture(1, plain), capture(2, chunked, 201), capture(3, noHost), capture(4, bad)};
    QVERIFY(writeAll(file, records));

    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None);
    QCOMPARE(reader.count(), 4);
    for (const CapturedRequestPtr &original : records) {
        const CapturedRequestPtr loaded = reader.load(original->id);
        QVERIFY(loaded);
        QCOMPARE(loaded->id, original->id);
        QCOMPARE(loaded->receivedAtMs, original->receivedAtMs);
        QCOMPARE(loaded->remoteAddress, original->remoteAddress);
        QCOMPARE(loaded->remotePort, original->remotePort);
        QCOMPARE(loaded->localPort, original->localPort);
        QCOMPARE(loaded->rejected, original->rejected);
        QCOMPARE(loaded->responseStatus, original->responseStatus);
        QCOMPARE(loaded->request.rawHead(), original->request.rawHead());
        QCOMPARE(loaded->request.body(), original->request.body());
        QCOMPARE(loaded->request.wireBytes(), original->request.wireBytes());
        QCOMPARE(headersOf(loaded->request), headersOf(original->request));
        QCOMPARE(loaded->request.trailerCount(), original->request.trailerCount());
        QCOMPARE(loaded->request.warnings(), original->request.warnings());
        QCOMPARE(loaded->responseHeaders, original->responseHeaders);
        QCOMPARE(loaded->responseBody, original->responseBody);
        if (original->rejected) {
            QCOMPARE(loaded->raw, original->raw);
            QCOMPARE(loaded->errorStatus, original->errorStatus);
            QCOMPARE(loaded->errorReason, original->errorReason);
            QCOMPARE(loaded->errorOffset, original->errorOffset);
            QCOMPARE(loaded->request.method(), "GET"); // what was parsed before the failure
        }
    }
    QCOMPARE(reader.load(2)->request.trailer(0).value, "t");
    QCOMPARE(reader.load(1)->request.body(), binary);

    SummaryStore store;
    QVERIFY(reader.loadSummaries(store));
    QCOMPARE(store.size(), 4);
    QCOMPARE(store.target(store.at(0)), "/github?x=1");
    QCOMPARE(store.method(store.at(1)), "PUT");
    QCOMPARE(store.contentType(store.at(0)), "application/json");
    QCOMPARE(store.at(1).status, quint16(201));
    QCOMPARE(store.at(0).bodySize, 7);
    QCOMPARE(store.remoteAddress(store.at(2)), QStringLiteral("127.0.0.1"));
    QVERIFY(store.at(2).flags & qint64(Http::Warning::MissingHost));
    QCOMPARE(store.at(3).errorStatus, quint16(400));
    QCOMPARE(store.rowOfId(3), 2);
    QCOMPARE(store.rowOfId(99), -1);

    qint64 seen = 0;
    QVERIFY(reader.forEach([&seen](CapturedRequestPtr r) {
        seen += r->id;
        return true;
    }));
    QCOMPARE(seen, 1 + 2 + 3 + 4);
}

void TstSession::eventsAreSaved()
{
    // A version-1 file (no event column) is read as it is, then migrated by a writer: its rows
    // name no event, a new one does, and both the summaries and whole records say so.
    const QString file = path(QStringLiteral("events.hookscope"));
    QVERIFY(QFile::copy(QStringLiteral(HOOKSCOPE_TEST_DATA "/session/v1.hookscope"), file));
    QVERIFY(QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner));
    {
        SessionReader reader;
        QCOMPARE(reader.open(file).problem, FileProblem::None);
        SummaryStore store;
        QVERIFY(reader.loadSummaries(store));
        QCOMPARE(store.size(), 3);
        QVERIFY(store.event(store.at(0)).isEmpty());
        QCOMPARE(reader.load(1)->event, QString(QLatin1String("")));
    }
    const QByteArray github = "POST /github HTTP/1.1\r\nHost: h\r\nX-GitHub-Event: issues\r\n"
                              "Content-Type: application/json\r\nContent-Length: 20\r\n\r\n"
                              "{\"action\":\"opened\"}";
    // Made without one (as a crashed writer's log gives them back): the writer works it out.
    const CapturedRequestPtr record = capture(4, github);
    QVERIFY(record->event.isNull());
    QVERIFY(writeAll(file, {record}));
    QCOMPARE(SessionFile::inspect(file).schemaVersion, kSchemaVersion);
    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None);
    SummaryStore store;
    QVERIFY(reader.loadSummaries(store));
    QCOMPARE(store.size(), 4);
    QVERIFY(store.event(store.at(0)).isEmpty());
    QCOMPARE(store.event(store.at(3)), "issues.opened");
    QCOMPARE(reader.load(4)->event, QStringLiteral("issues.opened"));
    QCOMPARE(reader.load(2)->event, QString(QLatin1String("")));
}

void TstSession::tlsInfoIsSaved()
{
    const QString file = path(QStringLiteral("tls.hookscope"));
    // A failed handshake: the name the client asked for, no version.
    const CapturedRequestPtr failed =
        overTls(2, "\x16\x03\x01\x00\x05", {{}, {}, QStringLiteral("hooks.example.test"), {}});
    QVERIFY(failed->rejected);
    QVERIFY(writeAll(file, {overTls(1, "POST /a HTTP/1.1\r\nHost: localhost\r\n\r\n", kTls13), failed,
                            capture(3, "GET /plain HTTP/1.1\r\nHost: h\r\n\r\n")}));
    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None);
    QCOMPARE(reader.load(1)->tlsInfo, kTls13);
    QCOMPARE(reader.load(2)->tlsInfo.serverName, QStringLiteral("hooks.example.test"));
    QVERIFY(reader.load(2)->tlsInfo.version.isEmpty());
    QVERIFY(reader.load(2)->tls);
    QCOMPARE(reader.load(3)->tlsInfo, Http::TlsInfo());
    QList<Http::TlsInfo> all; // the path exports take
    QVERIFY(reader.forEach([&all](CapturedRequestPtr r) {
        all.append(r->tlsInfo);
        return true;
    }));
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.first(), kTls13);
    // Plain requests cost nothing: NULL, and no empty members in the others.
    Sql::Database db;
    QVERIFY(db.open(file, Sql::Database::Mode::ReadOnly));
    QCOMPARE(db.queryInt("SELECT count(*) FROM requests WHERE tls_info IS NULL"), 1);
    QCOMPARE(db.queryInt("SELECT count(*) FROM requests WHERE tls_info = "
                         "'{\"version\":\"TLSv1.3\",\"cipher\":\"TLS_AES_256_GCM_SHA384\",\"sni\":\"localhost\","
                         "\"alpn\":\"http/1.1\"}'"),
             1);
    QCOMPARE(db.queryInt("SELECT count(*) FROM requests WHERE tls_info = '{\"sni\":\"hooks.example.test\"}'"), 1);
    QCOMPARE(summaryMatches(file, "tls:yes"), (QList<qint64>{1, 2}));
    QCOMPARE(summaryMatches(file, "tls:no"), QList<qint64>{3});
}

void TstSession::tlsInfoBeforeVersion6()
{
    // A file as version 5 left it: made from a current one by taking away what version 6 added.
    const QString file = path(QStringLiteral("v5.hookscope"));
    QVERIFY(writeAll(file, {overTls(1, "GET /old HTTP/1.1\r\nHost: h\r\n\r\n", kTls13),
                            capture(2, "GET /plain HTTP/1.1\r\nHost: h\r\n\r\n")}));
    {
        Sql::Database db;
        QVERIFY(db.open(file, Sql::Database::Mode::ReadWrite));
        // Version 5 kept no TLS bit in flags (1 << 42, Session::FlagTls) either: only the tls column.
        QVERIFY(db.exec("ALTER TABLE requests DROP COLUMN tls_info; UPDATE requests SET flags = flags & ~(1 << 42); "
                        "PRAGMA user_version = 5;"));
    }
    // Read as it is: TLS known, its details not.
    {
        SessionReader reader;
        QCOMPARE(reader.open(file).problem, FileProblem::None);
        QVERIFY(reader.load(1)->tls);
        QCOMPARE(reader.load(1)->tlsInfo, Http::TlsInfo());
    }
    QCOMPARE(summaryMatches(file, "tls:yes"), QList<qint64>{1});
    QCOMPARE(SessionFile::inspect(file).schemaVersion, 5); // reading changed nothing
    // Captured into: migrated, and the new request keeps its details.
    QVERIFY(writeAll(file, {overTls(3, "GET /new HTTP/1.1\r\nHost: h\r\n\r\n", kTls13)}));
    QCOMPARE(SessionFile::inspect(file).schemaVersion, 6);
    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None);
    QCOMPARE(reader.load(1)->tlsInfo, Http::TlsInfo());
    QCOMPARE(reader.load(3)->tlsInfo, kTls13);
    QCOMPARE(summaryMatches(file, "tls:yes"), (QList<qint64>{1, 3}));
}

void TstSession::appendsAfterReopen()
{
    const QString file = path(QStringLiteral("append.hookscope"));
    QVERIFY(writeAll(file, {capture(1, "GET /a HTTP/1.1\r\nHost: h\r\n\r\n")}));
    SessionWriter writer;
    QCOMPARE(writer.open(file).problem, FileProblem::None);
    QCOMPARE(writer.nextId(), 2); // ids go on where the file left off
    writer.start();
    writer.submit(capture(2, "GET /b HTTP/1.1\r\nHost: h\r\n\r\n"));
    writer.stop();
    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None);
    QCOMPARE(reader.count(), 2);
    QCOMPARE(reader.load(2)->request.target(), "/b");
}

void TstSession::answersStoredOnce()
{
    const QString file = path(QStringLiteral("answers.hookscope"));
    CapturedBatch records;
    for (int i = 1; i <= 50; ++i)
        records.append(capture(i, "GET / HTTP/1.1\r\nHost: h\r\n\r\n", i % 2 ? 200 : 202));
    QVERIFY(writeAll(file, records));
    Sql::Database db;
    QVERIFY(db.open(file, Sql::Database::Mode::ReadOnly));
    QCOMPARE(db.queryInt("SELECT count(*) FROM answers"), 2);
    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None);
    QCOMPARE(reader.load(50)->responseStatus, 202);
    QCOMPARE(reader.load(49)->responseBody, R"({"ok":true})");
}

void TstSession::retentionKeepsNewest()
{
    const QString file = path(QStringLiteral("keep.hookscope"));
    CapturedBatch records;
    for (int i = 1; i <= 30; ++i)
        records.append(capture(i, "GET /" + QByteArray::number(i) + " HTTP/1.1\r\nHost: h\r\n\r\n"));
    QVERIFY(writeAll(file, records, nullptr, 10));
    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None);
    QCOMPARE(reader.count(), 10);
    QVERIFY(!reader.load(20));
    QCOMPARE(reader.load(21)->request.target(), "/21");
    Sql::Database db;
    QVERIFY(db.open(file, Sql::Database::Mode::ReadOnly));
    QCOMPARE(db.queryInt("SELECT count(*) FROM payloads"), 10);
}

void TstSession::summariesAcrossBlocks()
{
    // Enough rows and text to fill several blocks of each, with targets of many lengths.
    SummaryStore store;
    const auto target = [](qint64 id) -> QByteArray {
        return "/t/" + QByteArray::number(id) + '/' + QByteArray(int(id * 7919 % 3001), char('a' + id % 26));
    };
    const qint64 rows = 3 * (SummaryStore::kRowMask + 1) + 123;
    for (qint64 id = 1; id <= rows; ++id)
        store.append(id, id, "POST", target(id), "text/plain", id, QStringLiteral("::1"), 1, 0, 200, 0);
    QCOMPARE(store.size(), rows);
    QVERIFY(store.memoryUsage() > 3 * SummaryStore::kTextBlock); // the text did cross blocks
    for (qint64 id = 1; id <= rows; ++id) {
        const qsizetype row = store.rowOfId(id);
        QCOMPARE(row, qsizetype(id - 1));
        if (store.target(store.at(row)) != target(id))
            QFAIL(qPrintable(QStringLiteral("target of %1 differs").arg(id)));
    }
    QCOMPARE(store.rowOfId(rows + 1), -1);

    // Deleting every third request keeps the rest, in order, across the blocks.
    QList<qint64> gone;
    for (qint64 id = 3; id <= rows; id += 3)
        gone.append(id);
    store.removeIds(gone);
    QCOMPARE(store.size(), rows - gone.size());
    for (qint64 id = 1; id <= rows; ++id) {
        const qsizetype row = store.rowOfId(id);
        QCOMPARE(row < 0, id % 3 == 0);
        if (row >= 0 && (store.at(row).id != id || store.target(store.at(row)) != target(id)))
            QFAIL(qPrintable(QStringLiteral("request %1 changed by deleting others").arg(id)));
    }
    store.append(rows + 1, 0, "GET", "/after", {}, 0, QStringLiteral("::1"), 1, 0, 200, 0);
    QCOMPARE(store.target(store.at(store.size() - 1)), "/after");

    // A target longer than the table needs is kept cut; the next one is whole.
    const QByteArray huge(SummaryStore::kMaxTarget + 10, 'x');
    store.append(rows + 2, 0, "GET", huge, {}, 0, QStringLiteral("::1"), 1, 0, 200, 0);
    store.append(rows + 3, 0, "GET", "/next", {}, 0, QStringLiteral("::1"), 1, 0, 200, 0);
    QCOMPARE(store.target(store.at(store.rowOfId(rows + 2))), huge.first(SummaryStore::kMaxTarget));
    QCOMPARE(store.target(store.at(store.rowOfId(rows + 3))), "/next");
}

void TstSession::customValuesFollowTheirRows()
{
    // Values only from the second block on: deleting the first block's rows moves them into a
    // block that never held one, and a row appended after the deletion starts without a value.
    SummaryStore store;
    const qint64 rows = 3 * (SummaryStore::kRowMask + 1);
    for (qint64 id = 1; id <= rows; ++id)
        store.append(id, id, "POST", "/x", "", 0, QStringLiteral("127.0.0.1"), 1, 0, 200, 0);
    store.setCustomColumnCount(2);
    const auto value = [](qint64 id) { return QByteArray("v" + QByteArray::number(id)); };
    for (qint64 id = SummaryStore::kRowMask + 2; id <= rows; ++id)
        store.setCustomValue(1, id - 1, value(id));
    QCOMPARE(store.customValue(1, 0), QByteArrayView());
    QCOMPARE(store.customValue(1, rows - 1), value(rows));
    QList<qint64> gone;
    for (qint64 id = 1; id <= SummaryStore::kRowMask + 100; ++id)
        gone.append(id);
    store.removeIds(gone);
    QCOMPARE(store.size(), rows - gone.size());
    for (qsizetype row = 0; row < store.size(); ++row) {
        if (store.customValue(1, row) != value(store.at(row).id))
            QFAIL(qPrintable(QStringLiteral("row %1 lost its value").arg(row)));
        if (!store.customValue(0, row).isEmpty())
            QFAIL("a value appeared in the column that has none");
    }
    store.append(rows + 1, rows + 1, "POST", "/x", "", 0, QStringLiteral("127.0.0.1"), 1, 0, 200, 0);
    QCOMPARE(store.customValue(1, store.size() - 1), QByteArrayView());
    // Dropping a column moves the next one down.
    store.removeCustomColumn(0);
    QCOMPARE(store.customColumnCount(), 1);
    QCOMPARE(store.customValue(0, 0), value(store.at(0).id));
}

void TstSession::summariesAreCompact()
{
    SummaryStore store;
    for (int i = 1; i <= 10000; ++i)
        store.append(*capture(i, "POST /hooks/github HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
                                 "Content-Length: 2\r\n\r\n{}"));
    QCOMPARE(store.size(), 10000);
    // Rows and text in blocks, no allocation per row: at most the row and the target's bytes,
    // plus one block of each not yet full.
    const qint64 perRow = qint64(sizeof(RequestSummary)) + qint64(sizeof("/hooks/github") - 1);
    const qint64 slack = (SummaryStore::kRowMask + 1) * qint64(sizeof(RequestSummary)) + SummaryStore::kTextBlock;
    QVERIFY2(store.memoryUsage() <= 10000 * perRow + slack, qPrintable(QString::number(store.memoryUsage())));
    QCOMPARE(store.method(store.at(9999)), "POST");
}

void TstSession::badFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("problem");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("missing") << QStringLiteral("missing") << int(FileProblem::Missing) << QStringLiteral("no such");
    QTest::newRow("empty") << QStringLiteral("empty") << int(FileProblem::NotSqlite) << QStringLiteral("empty");
    QTest::newRow("text") << QStringLiteral("text") << int(FileProblem::NotSqlite) << QStringLiteral("not an SQLite");
    QTest::newRow("foreign sqlite") << QStringLiteral("foreign") << int(FileProblem::NotSession)
                                    << QStringLiteral("not a Hookscope session");
    QTest::newRow("newer version") << QStringLiteral("newer") << int(FileProblem::NewerVersion)
                                   << QStringLiteral("newer Hookscope");
    QTest::newRow("truncated") << QStringLiteral("truncated") << int(FileProblem::Damaged)
                               << QStringLiteral("truncated");
    QTest::newRow("corrupt") << QStringLiteral("corrupt") << int(FileProblem::Damaged) << QStringLiteral("damaged");
}

void TstSession::badFiles()
{
    QFETCH(QString, name);
    QFETCH(int, problem);
    QFETCH(QString, mentions);
    const QString file = path(name + QStringLiteral(".hookscope"));
    QFile::remove(file);

    // A good session of a few pages to break in various ways.
    const auto makeSession = [&](const QString &target) {
        CapturedBatch records;
        for (int i = 1; i <= 200; ++i)
            records.append(
                capture(i, "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 600\r\n\r\n" + QByteArray(600, 'x')));
        QVERIFY(writeAll(target, records));
    };
    if (name == QLatin1String("empty")) {
        writeFile(file, {});
    } else if (name == QLatin1String("text")) {
        writeFile(file, "this is a note, not a session\n");
    } else if (name == QLatin1String("foreign")) {
        Sql::Database db;
        QVERIFY(db.open(file, Sql::Database::Mode::Create));
        QVERIFY(db.exec("CREATE TABLE people(name TEXT); INSERT INTO people VALUES ('ada')"));
    } else if (name == QLatin1String("newer")) {
        makeSession(file);
        Sql::Database db;
        QVERIFY(db.open(file, Sql::Database::Mode::ReadWrite));
        QVERIFY(db.exec("PRAGMA user_version = 99"));
    } else if (name == QLatin1String("truncated")) {
        makeSession(file);
        const QByteArray bytes = readFile(file);
        QVERIFY(bytes.size() > 8192);
        writeFile(file, bytes.left(bytes.size() / 2));
    } else if (name == QLatin1String("corrupt")) {
        makeSession(file);
        qint64 root = 0;
        qint64 page = 0;
        {
            Sql::Database db;
            QVERIFY(db.open(file, Sql::Database::Mode::ReadOnly));
            root = db.queryInt("SELECT rootpage FROM sqlite_schema WHERE name = 'requests'");
            page = db.queryInt("PRAGMA page_size");
        }
        QVERIFY(root > 1);
        QByteArray bytes = readFile(file);
        // Scribble over the root page of the request table.
        for (qsizetype i = (root - 1) * page; i < root * page; ++i)
            bytes[i] = char(0xa5 ^ (i & 0xff));
        writeFile(file, bytes);
    }
    const QByteArray before = readFile(file);
    const bool existed = QFile::exists(file);

    const SessionFile::Info inspected = SessionFile::inspect(file);
    QCOMPARE(int(inspected.problem), problem);
    QVERIFY2(inspected.error.contains(mentions), qPrintable(inspected.error));
    QVERIFY(inspected.error.contains(file)); // names the file

    if (name != QLatin1String("missing")) {
        SessionWriter writer;
        const SessionFile::Info opened = writer.open(file);
        QCOMPARE(int(opened.problem), problem);
        SessionReader reader;
        QCOMPARE(int(reader.open(file).problem), problem);
    }
    // Never modified, never created.
    QCOMPARE(QFile::exists(file), existed);
    QCOMPARE(readFile(file), before);
}

void TstSession::damagedPayloadIsReported()
{
    // Damage in the large-payload table shows when that request is read, as an error, not a crash.
    const QString file = path(QStringLiteral("payload.hookscope"));
    CapturedBatch records;
    for (int i = 1; i <= 20; ++i)
        records.append(
            capture(i, "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3000\r\n\r\n" + QByteArray(3000, 'p')));
    QVERIFY(writeAll(file, records));
    qint64 root = 0;
    qint64 page = 0;
    {
        Sql::Database db;
        QVERIFY(db.open(file, Sql::Database::Mode::ReadOnly));
        root = db.queryInt("SELECT rootpage FROM sqlite_schema WHERE name = 'payloads'");
        page = db.queryInt("PRAGMA page_size");
    }
    QByteArray bytes = readFile(file);
    for (qsizetype i = (root - 1) * page + 100; i < root * page; ++i)
        bytes[i] = char(0x5a ^ (i & 0xff));
    writeFile(file, bytes);
    SessionReader reader;
    if (reader.open(file).problem == FileProblem::None) {
        QVERIFY(!reader.load(7));
        QVERIFY2(reader.error().contains(QStringLiteral("malformed")), qPrintable(reader.error()));
    } else {
        QCOMPARE(reader.open(file).problem, FileProblem::Damaged);
    }
}

void TstSession::readOnlyPlaces()
{
    if (::geteuid() == 0)
        QSKIP("running as root: file permissions do not stop root (tst_cli covers this as an unprivileged user)");
    const QString file = path(QStringLiteral("ro.hookscope"));
    QVERIFY(writeAll(file, {capture(1, "GET / HTTP/1.1\r\nHost: h\r\n\r\n")}));
    const QByteArray before = readFile(file);
    QFile::setPermissions(file, QFile::ReadOwner);
    SessionWriter writer;
    const SessionFile::Info info = writer.open(file);
    QCOMPARE(info.problem, FileProblem::ReadOnly);
    QVERIFY(info.error.contains(QStringLiteral("read-only")));
    QCOMPARE(readFile(file), before);
    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None); // still readable
    QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);

    QTemporaryDir roDir;
    QVERIFY(QFile::setPermissions(roDir.path(), QFile::ReadOwner | QFile::ExeOwner));
    SessionWriter inRoDir;
    QCOMPARE(inRoDir.open(roDir.filePath(QStringLiteral("new.hookscope"))).problem, FileProblem::ReadOnly);
    QFile::setPermissions(roDir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

void TstSession::diskFullIsReported()
{
    const QString file = path(QStringLiteral("full.hookscope"));
    QVERIFY(writeAll(file, {capture(1, "GET /fits HTTP/1.1\r\nHost: h\r\n\r\n")}));

    SessionWriter full;
    QCOMPARE(full.open(file).problem, FileProblem::None);
    // A page cap stands in for a full disk: SQLite fails the commit with SQLITE_FULL either way.
    full.setMaxPageCount(40);
    QString error;
    CapturedBatch failed;
    full.setCommitHandler([&](const CapturedBatch &batch, const QString &e) {
        if (!e.isEmpty()) {
            error = e;
            failed += batch;
        }
    });
    full.start();
    for (int i = 2; i <= 40; ++i)
        full.submit(
            capture(i, "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 100000\r\n\r\n" + QByteArray(100000, 'y')));
    full.stop();
    QVERIFY2(error.contains(QStringLiteral("full")), qPrintable(error));
    QVERIFY(!failed.isEmpty());

    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None);
    QVERIFY(reader.load(1)); // what was committed before stays
    QVERIFY(reader.count() < 40);
    // Every request the handler did not report as failed is in the file.
    QCOMPARE(reader.count(), 40 - failed.size());
}

void TstSession::noMigrationFromUnknownVersion()
{
    // Version 1 is the first format: there is nothing older to migrate, and a file claiming
    // version 0 with our application id is refused rather than guessed at.
    const QString file = path(QStringLiteral("v0.hookscope"));
    {
        Sql::Database db;
        QVERIFY(db.open(file, Sql::Database::Mode::Create));
        QVERIFY(db.exec("PRAGMA application_id = 1213878096; CREATE TABLE requests(id INTEGER PRIMARY KEY)"));
    }
    const QByteArray before = readFile(file);
    SessionWriter writer;
    QCOMPARE(writer.open(file).problem, FileProblem::NotSession);
    QCOMPARE(readFile(file), before);
}

void TstSession::journalRoundTrip()
{
    const CapturedBatch records = {
        capture(7,
                "PUT /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\nWiki\r\n0\r\nT: 1\r\n\r\n"),
        capture(8, "GET / HTTP/1.1\r\nHost: h\r\nBad Name: x\r\n\r\n"),
        capture(9, "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\n" + QByteArray("\x00\xff\x01", 3))};
    for (const CapturedRequestPtr &original : records) {
        const CapturedRequestPtr back = Journal::decode(Journal::encode(*original));
        QVERIFY(back);
        QCOMPARE(back->id, original->id);
        QCOMPARE(back->receivedAtMs, original->receivedAtMs);
        QCOMPARE(back->remoteAddress, original->remoteAddress);
        QCOMPARE(back->remotePort, original->remotePort);
        QCOMPARE(back->rejected, original->rejected);
        QCOMPARE(back->request.wireBytes(), original->request.wireBytes());
        QCOMPARE(back->request.trailerCount(), original->request.trailerCount());
        QCOMPARE(back->raw, original->raw);
        QCOMPARE(back->errorReason, original->errorReason);
        QCOMPARE(back->responseHeaders, original->responseHeaders);
        QCOMPARE(back->responseBody, original->responseBody);
        QCOMPARE(back->tlsInfo, original->tlsInfo);
    }
    const CapturedRequestPtr tls = overTls(10, "GET / HTTP/1.1\r\nHost: h\r\n\r\n", kTls13);
    QCOMPARE(Journal::decode(Journal::encode(*tls))->tlsInfo, kTls13);
    QVERIFY(!Journal::decode("short"));
}

void TstSession::journalTornTailIsDropped()
{
    const QString file = path(QStringLiteral("torn.hookscope"));
    {
        Journal journal;
        QString error;
        QVERIFY(journal.lock(file, &error));
        QVERIFY(journal.append({capture(1, "GET /1 HTTP/1.1\r\nHost: h\r\n\r\n")}, &error));
        QVERIFY(journal.append({capture(2, "GET /2 HTTP/1.1\r\nHost: h\r\n\r\n")}, &error));
    } // dropped without close(), as a crash would: the log stays
    const QStringList logs = Journal::logFiles(file);
    QCOMPARE(logs.size(), 1);
    QFile log(logs.first());
    QVERIFY(log.open(QIODevice::ReadWrite));
    QVERIFY(log.resize(log.size() - 5)); // the last write never completed
    log.close();
    QList<qint64> ids;
    QString error;
    QVERIFY(Journal::replay(
        file, [&ids](CapturedRequestPtr r) { ids.append(r->id); }, &error));
    QCOMPARE(ids, QList<qint64>{1});
}

void TstSession::journalReplayedAfterCrash()
{
    const QString file = path(QStringLiteral("crashed.hookscope"));
    QVERIFY(writeAll(file, {capture(1, "GET /stored HTTP/1.1\r\nHost: h\r\n\r\n")}));
    {
        // A writer that logged (and answered) two requests, then died before SQLite had them.
        Journal journal;
        QString error;
        QVERIFY(journal.lock(file, &error));
        QVERIFY(journal.append({capture(2, "GET /logged HTTP/1.1\r\nHost: h\r\n\r\n"),
                                overTls(3, "GET /also HTTP/1.1\r\nHost: h\r\n\r\n", kTls13)},
                               &error));
    }
    QVERIFY(!Journal::logFiles(file).isEmpty());
    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None);
    QCOMPARE(reader.count(), 3);
    QCOMPARE(reader.load(3)->request.target(), "/also");
    QCOMPARE(reader.load(3)->tlsInfo, kTls13);  // what its handshake agreed came back from the log too
    QVERIFY(Journal::logFiles(file).isEmpty()); // moved in, then dropped
    SessionWriter writer;
    QCOMPARE(writer.open(file).problem, FileProblem::None);
    QCOMPARE(writer.nextId(), 4);
}

void TstSession::oneWriterPerSession()
{
    const QString file = path(QStringLiteral("shared.hookscope"));
    SessionWriter first;
    QCOMPARE(first.open(file).problem, FileProblem::None);
    first.start();
    SessionWriter second;
    const SessionFile::Info refused = second.open(file);
    QCOMPARE(refused.problem, FileProblem::Locked);
    QVERIFY2(refused.error.contains(QStringLiteral("another Hookscope")), qPrintable(refused.error));
    QVERIFY(Journal::isLive(file));
    first.stop();
    QVERIFY(!Journal::isLive(file));
    QCOMPARE(second.open(file).problem, FileProblem::None);
}

QTEST_GUILESS_MAIN(TstSession)
#include "tst_session.moc"
