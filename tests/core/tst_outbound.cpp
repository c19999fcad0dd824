// What the sender sent, in the session file: messages and attempts through the writer and back,
// request bodies stored once, the move from schema version 1, the hub that hands records to
// whichever writer is current, and HAR / NDJSON export of attempts.

#include "capture/captureengine.h"
#include "http/requestreader.h"
#include "session/har.h"
#include "session/ndjson.h"
#include "session/schema.h"
#include "session/scratch.h"
#include "session/sessionfile.h"
#include "session/sessionreader.h"
#include "session/sessionwriter.h"
#include "session/sqlite.h"
#include "session/writerhub.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Session;

namespace {

const QByteArray kBody = R"({"action":"opened","number":7})";

OutboundMessagePtr message(const QByteArray &uid, qint64 createdAtMs, int destinations = 2)
{
    auto m = std::make_shared<OutboundMessage>();
    m->uid = uid;
    m->createdAtMs = createdAtMs;
    m->name = QStringLiteral("GitHub pull_request");
    m->method = "POST";
    for (int i = 0; i < destinations; ++i)
        m->destinations.append(QStringLiteral("http://127.0.0.1:%1/hooks").arg(9000 + i));
    m->headers = {{"Content-Type", "application/json"}, {"X-GitHub-Event", "pull_request"}, {"X-Id", "{{uuid}}"}};
    m->body = kBody;
    m->signScheme = QStringLiteral("github");
    m->composition = R"({"mode":"json","retry":{"attempts":3}})";
    return m;
}

QByteArray requestHead(const QString &url, qsizetype bodySize, const QByteArray &signature = "sha256=ab12")
{
    const QUrl u(url);
    return "POST " + u.path().toUtf8() + " HTTP/1.1\r\nHost: " + u.authority().toUtf8() +
           "\r\nContent-Type: application/json\r\nX-Hub-Signature-256: " + signature +
           "\r\nCookie: a=1; b=two\r\nContent-Length: " + QByteArray::number(bodySize) + "\r\n\r\n";
}

/// An attempt to destination `destination`: answered `status` (0: refused, nothing came back).
OutboundAttempt attempt(const OutboundMessage &m, int destination, int number, int status, bool final,
                        const QByteArray &body = kBody)
{
    OutboundAttempt a;
    a.messageUid = m.uid;
    a.destination = destination;
    a.url = m.destinations.at(destination);
    a.attempt = number;
    a.final = final;
    a.startedAtMs = m.createdAtMs + 10 * number;
    a.durationMs = 3 + number;
    a.peer = QStringLiteral("127.0.0.1:%1").arg(9000 + destination);
    a.requestHead = requestHead(a.url, body.size(), "sha256=" + QByteArray::number(number));
    a.requestBody = body;
    a.requestBodyBytes = body.size();
    a.status = status;
    if (status) {
        a.outcome = QStringLiteral("response");
        a.responseHead = "HTTP/1.1 " + QByteArray::number(status) +
                         " Whatever You Say\r\nContent-Type: text/plain\r\n"
                         "Location: /next\r\nContent-Length: 5\r\n\r\n";
        a.responseBody = "hello";
    } else {
        a.outcome = QStringLiteral("connect-failed");
        a.error = QStringLiteral("Connection refused");
    }
    if (!final)
        a.retryInMs = 1000 * number;
    return a;
}

void compareAttempts(const OutboundAttempt &got, const OutboundAttempt &want)
{
    QCOMPARE(got.messageUid, want.messageUid);
    QCOMPARE(got.destination, want.destination);
    QCOMPARE(got.url, want.url);
    QCOMPARE(got.attempt, want.attempt);
    QCOMPARE(got.final, want.final);
    QCOMPARE(got.startedAtMs, want.startedAtMs);
    QCOMPARE(got.durationMs, want.durationMs);
    QCOMPARE(got.peer, want.peer);
    QCOMPARE(got.requestHead, want.requestHead);
    QCOMPARE(got.requestBody, want.requestBody);
    QCOMPARE(got.requestBodyBytes, want.requestBodyBytes);
    QCOMPARE(got.status, want.status);
    QCOMPARE(got.outcome, want.outcome);
    QCOMPARE(got.error, want.error);
    QCOMPARE(got.responseHead, want.responseHead);
    QCOMPARE(got.responseBody, want.responseBody);
    QCOMPARE(got.responseTruncated, want.responseTruncated);
    QCOMPARE(got.retryInMs, want.retryInMs);
}

CapturedRequestPtr capture(qint64 id, const QByteArray &bytes)
{
    Http::RequestReader reader;
    reader.feed(bytes);
    auto r = std::make_shared<CapturedRequest>();
    r->id = id;
    r->receivedAtMs = 1'780'000'000'000 + id;
    r->remoteAddress = QHostAddress(QStringLiteral("127.0.0.1"));
    r->remotePort = 40000;
    r->localPort = 8080;
    r->request = reader.takeRequest();
    r->responseStatus = 200;
    return r;
}

/// Writes sent records into `file` through a real writer, as the sender reports them: messages,
/// then each list of attempts as one submission.
bool writeSent(const QString &file, const QList<OutboundMessagePtr> &messages,
               const QList<OutboundAttempts> &reports = {})
{
    SessionWriter writer;
    if (writer.open(file).problem != FileProblem::None)
        return false;
    writer.start();
    for (const OutboundMessagePtr &m : messages)
        writer.submit(m);
    for (const OutboundAttempts &r : reports)
        writer.submit(r);
    writer.stop();
    return true;
}

qint64 countRows(const QString &file, const char *sql)
{
    Sql::Database db;
    return db.open(file, Sql::Database::Mode::ReadOnly) ? db.queryInt(sql) : -1;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TstOutbound : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void roundTripAfterReopen();
    void requestBodiesStoredOnce();
    void sameUidReplacesTheMessage();
    void migratesVersion1();
    void migratesVersion2();
    void messagesListedBySource();
    void newerVersionIsRefused();
    void hubHoldsUntilAWriterIsAttached();
    void engineHandsRecordsToTheOpenSession();
    void saveAsCopiesWhatWasSentMeanwhile();
    void scratchThatOnlySentIsKept();
    void harEntryPerAttempt();
    void harImportSkipsSentAttempts();
    void ndjsonLinePerAttempt();

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
};

void TstOutbound::init()
{
    QVERIFY(m_dir.isValid());
}

void TstOutbound::roundTripAfterReopen()
{
    const QString file = path(QStringLiteral("roundtrip.hookscope"));
    const OutboundMessagePtr first = message("5b8e0f0e-0001", 1'780'000'000'000);
    const OutboundMessagePtr second = message("5b8e0f0e-0002", 1'780'000'100'000, 1);
    OutboundAttempts firstAttempts = {attempt(*first, 0, 1, 200, true), attempt(*first, 1, 1, 503, false),
                                      attempt(*first, 1, 2, 0, false), attempt(*first, 1, 3, 200, true)};
    firstAttempts[3].responseTruncated = true;
    firstAttempts[3].requestBodyBytes = 10'000'000; // a file body larger than what is kept of it
    {
        SessionWriter writer;
        QCOMPARE(writer.open(file).problem, FileProblem::None);
        writer.start();
        writer.submit(first);
        writer.submit(firstAttempts.mid(0, 2)); // as the sender reports them, a few at a time
        writer.submit(firstAttempts.mid(2));
        writer.submit(capture(1, "POST /in HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}"));
        writer.stop();
    }
    // A second run of the app: the file is appended to, nothing before is lost.
    QVERIFY(writeSent(file, {second}, {{attempt(*second, 0, 1, 0, true)}}));
    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None);
    QCOMPARE(reader.count(), 1); // captured requests stay where they were
    QCOMPARE(reader.messageCount(), 2);
    const QList<OutboundSummary> listed = reader.listMessages();
    QCOMPARE(listed.size(), 2);
    QCOMPARE(listed.at(0).uid, second->uid); // newest first
    QCOMPARE(listed.at(0).finalStatuses, QList<int>{0});
    QCOMPARE(listed.at(0).finalOutcomes, QStringList{QStringLiteral("connect-failed")});
    QCOMPARE(listed.at(1).uid, first->uid);
    QCOMPARE(listed.at(1).name, first->name);
    QCOMPARE(listed.at(1).method, first->method);
    QCOMPARE(listed.at(1).destinations, first->destinations);
    QCOMPARE(listed.at(1).signScheme, first->signScheme);
    QCOMPARE(listed.at(1).attempts, 4);
    QCOMPARE(listed.at(1).finalStatuses, (QList<int>{200, 200}));
    QCOMPARE(reader.listMessages(1).size(), 1);

    const OutboundMessagePtr back = reader.loadMessage(first->uid);
    QVERIFY(back);
    QCOMPARE(back->createdAtMs, first->createdAtMs);
    QCOMPARE(back->headers, first->headers);
    QCOMPARE(back->body, first->body);
    QCOMPARE(back->composition, first->composition);
    QCOMPARE(back->destinations, first->destinations);
    QVERIFY(!reader.loadMessage("no-such-uid"));

    const OutboundAttempts attempts = reader.loadAttempts(first->uid);
    QCOMPARE(attempts.size(), firstAttempts.size());
    for (qsizetype i = 0; i < attempts.size(); ++i)
        compareAttempts(attempts.at(i), firstAttempts.at(i));
    QCOMPARE(reader.loadAttempts(second->uid).size(), 1);
}

void TstOutbound::requestBodiesStoredOnce()
{
    // Three attempts to each of three destinations with the same body, and one other body: the
    // file holds two bodies, while every attempt keeps its own response.
    const QString file = path(QStringLiteral("dedupe.hookscope"));
    const OutboundMessagePtr m = message("uid-dedupe", 1'780'000'000'000, 3);
    const QByteArray other = QByteArray(3 * 1024 * 1024, 'z'); // large: written into its row in place
    OutboundAttempts all;
    for (int d = 0; d < 3; ++d) {
        for (int n = 1; n <= 3; ++n)
            all.append(attempt(*m, d, n, n == 3 ? 200 : 500, n == 3));
    }
    all.append(attempt(*m, 0, 4, 200, true, other));
    all.append(attempt(*m, 1, 4, 200, true, other));
    QList<OutboundAttempts> oneByOne; // one transaction each, as at rest
    for (const OutboundAttempt &a : std::as_const(all))
        oneByOne.append({a});
    QVERIFY(writeSent(file, {m}, oneByOne));
    QCOMPARE(countRows(file, "SELECT count(*) FROM outbound_bodies"), 2);
    QCOMPARE(countRows(file, "SELECT count(*) FROM outbound_attempts"), all.size());
    QCOMPARE(countRows(file, "SELECT count(*) FROM outbound_responses"), all.size());
    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None);
    const OutboundAttempts back = reader.loadAttempts(m->uid);
    QCOMPARE(back.size(), all.size());
    int large = 0;
    for (const OutboundAttempt &a : back) {
        QVERIFY(a.requestBody == kBody || a.requestBody == other);
        large += a.requestBody == other ? 1 : 0;
    }
    QCOMPARE(large, 2);
}

void TstOutbound::sameUidReplacesTheMessage()
{
    const QString file = path(QStringLiteral("rename.hookscope"));
    auto renamed = std::make_shared<OutboundMessage>(*message("uid-1", 1'780'000'000'000));
    renamed->name = QStringLiteral("renamed");
    QVERIFY(writeSent(file, {message("uid-1", 1'780'000'000'000), renamed}));
    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None);
    QCOMPARE(reader.messageCount(), 1);
    QCOMPARE(reader.loadMessage("uid-1")->name, QStringLiteral("renamed"));
}

void TstOutbound::migratesVersion1()
{
    // A session written by the version-1 code (main before the sender): three captured requests.
    const QString file = path(QStringLiteral("v1.hookscope"));
    QVERIFY(QFile::copy(QStringLiteral(HOOKSCOPE_TEST_DATA "/session/v1.hookscope"), file));
    QVERIFY(QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner));
    QCOMPARE(SessionFile::inspect(file).schemaVersion, 1);
    QList<QByteArray> before;
    {
        // Read as it is: a reader does not migrate, and sees no sent messages.
        SessionReader reader;
        QCOMPARE(reader.open(file).problem, FileProblem::None);
        QCOMPARE(reader.messageCount(), 0);
        QVERIFY(reader.listMessages().isEmpty());
        QVERIFY(reader.forEach([&before](CapturedRequestPtr r) {
            before.append(r->request.rawHead() + r->request.body());
            return true;
        }));
    }
    QCOMPARE(before.size(), 3);
    QCOMPARE(SessionFile::inspect(file).schemaVersion, 1); // reading changed nothing

    auto replay = std::make_shared<OutboundMessage>(*message("after-migration", 1'780'000'000'000, 1));
    replay->kind = QStringLiteral("replay");
    replay->sourceId = 2; // one of the version-1 captures
    const OutboundMessagePtr m = replay;
    {
        SessionWriter writer;
        const SessionFile::Info opened = writer.open(file);
        QCOMPARE(opened.problem, FileProblem::None);
        QCOMPARE(opened.schemaVersion, kSchemaVersion);
        QCOMPARE(writer.nextId(), 4);
        writer.start();
        writer.submit(m);
        writer.submit(OutboundAttempts{attempt(*m, 0, 1, 204, true)});
        writer.stop();
    }
    QCOMPARE(SessionFile::inspect(file).schemaVersion, kSchemaVersion);
    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None);
    QList<QByteArray> after;
    QVERIFY(reader.forEach([&after](CapturedRequestPtr r) {
        after.append(r->request.rawHead() + r->request.body());
        return true;
    }));
    QCOMPARE(after, before);
    QCOMPARE(reader.listMessages().size(), 1);
    QCOMPARE(reader.loadAttempts(m->uid).size(), 1);
    QCOMPARE(reader.messagesMadeFrom(2).size(), 1);
    QCOMPARE(reader.messagesMadeFrom(2).constFirst().finalStatuses, QList<int>{204});
}

void TstOutbound::migratesVersion2()
{
    // A file as version 2 left it: sent messages that know nothing of a source. Made here from a
    // current file by taking away what versions 3 to 6 added.
    const QString file = path(QStringLiteral("v2.hookscope"));
    const OutboundMessagePtr sent = message("sent-in-v2", 1'780'000'000'000, 1);
    QVERIFY(writeSent(file, {sent}, {{attempt(*sent, 0, 1, 200, true)}}));
    {
        Sql::Database db;
        QVERIFY(db.open(file, Sql::Database::Mode::ReadWrite));
        QVERIFY(db.exec("ALTER TABLE requests DROP COLUMN event; ALTER TABLE requests DROP COLUMN answer_rule; "
                        "ALTER TABLE requests DROP COLUMN answer_choice; ALTER TABLE requests DROP COLUMN tls_info; "
                        "DROP TRIGGER late_answers_follow_requests; DROP TABLE late_answers; "
                        "DROP INDEX outbound_messages_by_source; ALTER TABLE outbound_messages DROP COLUMN kind; "
                        "ALTER TABLE outbound_messages DROP COLUMN source_id; PRAGMA user_version = 2;"));
    }
    QCOMPARE(SessionFile::inspect(file).schemaVersion, 2);
    {
        // Read unmigrated: everything sent is there, made from nothing.
        SessionReader reader;
        QCOMPARE(reader.open(file).problem, FileProblem::None);
        QCOMPARE(reader.listMessages().size(), 1);
        QCOMPARE(reader.loadMessage(sent->uid)->body, sent->body);
        QVERIFY(reader.messagesMadeFrom(1).isEmpty());
    }
    auto replay = std::make_shared<OutboundMessage>(*message("replay-in-v3", 1'780'000'100'000, 1));
    replay->kind = QStringLiteral("replay");
    replay->sourceId = 1;
    QVERIFY(writeSent(file, {replay}));
    QCOMPARE(SessionFile::inspect(file).schemaVersion, kSchemaVersion);
    QCOMPARE(countRows(file, "SELECT count(*) FROM outbound_messages WHERE kind IS NULL AND source_id IS NULL"), 1);
    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None);
    const OutboundMessagePtr old = reader.loadMessage(sent->uid);
    QVERIFY(old);
    QCOMPARE(old->kind, QString());
    QCOMPARE(old->sourceId, 0);
    QCOMPARE(old->body, sent->body);
    QCOMPARE(reader.loadAttempts(sent->uid).size(), 1);
    const QList<OutboundSummary> replays = reader.messagesMadeFrom(1);
    QCOMPARE(replays.size(), 1);
    QCOMPARE(replays.constFirst().uid, replay->uid);
}

void TstOutbound::messagesListedBySource()
{
    // "The captured request's detail lists its replays": by source id, oldest first, each with
    // how its destinations fared; a plain send belongs to no request.
    const QString file = path(QStringLiteral("sources.hookscope"));
    const auto made = [](const QByteArray &uid, qint64 at, const char *kind, qint64 source) {
        auto m = std::make_shared<OutboundMessage>(*message(uid, at, 1));
        m->kind = QString::fromLatin1(kind);
        m->sourceId = source;
        return OutboundMessagePtr(m);
    };
    const OutboundMessagePtr second = made("replay-b", 1'780'000'200'000, "replay", 7);
    const OutboundMessagePtr first = made("replay-a", 1'780'000'100'000, "replay", 7);
    const OutboundMessagePtr other = made("replay-c", 1'780'000'150'000, "replay", 8);
    const OutboundMessagePtr send = made("send-d", 1'780'000'000'000, "send", 0);
    QVERIFY(writeSent(file, {second, first, other, send},
                      {{attempt(*first, 0, 1, 0, true), attempt(*second, 0, 1, 202, true)}}));
    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None);
    const QList<OutboundSummary> of7 = reader.messagesMadeFrom(7);
    QCOMPARE(of7.size(), 2);
    QCOMPARE(of7.at(0).uid, first->uid);
    QCOMPARE(of7.at(0).kind, QStringLiteral("replay"));
    QCOMPARE(of7.at(0).sourceId, 7);
    QCOMPARE(of7.at(0).finalStatuses, QList<int>{0});
    QCOMPARE(of7.at(1).uid, second->uid);
    QCOMPARE(of7.at(1).finalStatuses, QList<int>{202});
    QCOMPARE(reader.messagesMadeFrom(8).size(), 1);
    QVERIFY(reader.messagesMadeFrom(9).isEmpty());
    const OutboundMessagePtr plain = reader.loadMessage(send->uid);
    QCOMPARE(plain->kind, QStringLiteral("send"));
    QCOMPARE(plain->sourceId, 0);
    QCOMPARE(reader.loadMessage(other->uid)->sourceId, 8);
}

void TstOutbound::newerVersionIsRefused()
{
    const QString file = path(QStringLiteral("v3.hookscope"));
    {
        SessionWriter writer;
        QCOMPARE(writer.open(file).problem, FileProblem::None);
        writer.start();
        writer.submit(capture(1, "GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
        writer.stop();
    }
    {
        Sql::Database db;
        QVERIFY(db.open(file, Sql::Database::Mode::ReadWrite));
        const QByteArray sql = "PRAGMA user_version = " + QByteArray::number(kSchemaVersion + 1);
        QVERIFY(db.exec(sql.constData()));
    }
    const QByteArray bytes = readFile(file);
    SessionWriter writer;
    const SessionFile::Info info = writer.open(file);
    QCOMPARE(info.problem, FileProblem::NewerVersion);
    QVERIFY2(info.error.contains(QStringLiteral("newer Hookscope")), qPrintable(info.error));
    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::NewerVersion);
    QCOMPARE(readFile(file), bytes);
}

void TstOutbound::hubHoldsUntilAWriterIsAttached()
{
    const QString file = path(QStringLiteral("hub.hookscope"));
    WriterHub hub;
    const OutboundMessagePtr early = message("early", 1'780'000'000'000, 1);
    QVERIFY(hub.submit(early));
    QVERIFY(hub.submit(OutboundAttempts{attempt(*early, 0, 1, 200, true)}));
    QCOMPARE(hub.held(), 2);

    SessionWriter writer;
    QCOMPARE(writer.open(file).problem, FileProblem::None);
    writer.start();
    hub.attach(&writer);
    QCOMPARE(hub.held(), 0);
    // From another thread, as the delivery engine does.
    const OutboundMessagePtr later = message("later", 1'780'000'000'500, 1);
    std::thread delivery([&hub, later] {
        hub.submit(later);
        hub.submit(OutboundAttempts{attempt(*later, 0, 1, 202, true)});
    });
    delivery.join();
    hub.attach(nullptr);
    writer.stop();
    // Detached: held for the next writer, not lost in the stopped one.
    QVERIFY(hub.submit(message("next", 1'780'000'001'000, 1)));
    QCOMPARE(hub.held(), 1);

    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None);
    const QList<OutboundSummary> listed = reader.listMessages();
    QCOMPARE(listed.size(), 2);
    QCOMPARE(listed.at(0).uid, QByteArray("later"));
    QCOMPARE(listed.at(0).finalStatuses, QList<int>{202});
    QCOMPARE(listed.at(1).uid, QByteArray("early"));
    QCOMPARE(listed.at(1).finalStatuses, QList<int>{200});

    // Past the bound, records are refused and counted rather than held without end.
    WriterHub full;
    OutboundAttempts many(WriterHub::kMaxHeld, attempt(*early, 0, 1, 200, true));
    QVERIFY(full.submit(many));
    QVERIFY(!full.submit(early));
    QCOMPARE(full.dropped(), 1);
}

void TstOutbound::engineHandsRecordsToTheOpenSession()
{
    // The capture engine owns the writer and swaps it on Open; the hub it exposes takes records
    // before any session is open and after a switch, and each lands in the session open then.
    const QString a = path(QStringLiteral("engine-a.hookscope"));
    const QString b = path(QStringLiteral("engine-b.hookscope"));
    Capture::CaptureEngine engine;
    const std::shared_ptr<WriterHub> hub = engine.outbound();
    const OutboundMessagePtr before = message("before-open", 1'780'000'000'000, 1);
    hub->submit(before);
    hub->submit(OutboundAttempts{attempt(*before, 0, 1, 200, true)});
    QSignalSpy opened(&engine, &Capture::CaptureEngine::sessionOpened);
    engine.openSession(a);
    QVERIFY(opened.wait());
    const OutboundMessagePtr inA = message("in-a", 1'780'000'000'100, 1);
    hub->submit(inA);
    engine.openSession(b);
    QVERIFY(opened.wait());
    const OutboundMessagePtr inB = message("in-b", 1'780'000'000'200, 1);
    hub->submit(inB);
    engine.stop();

    const auto uids = [](const QString &file) {
        SessionReader reader;
        QList<QByteArray> out;
        if (reader.open(file).problem != FileProblem::None)
            return out;
        for (const OutboundSummary &s : reader.listMessages())
            out.append(s.uid);
        return out;
    };
    QCOMPARE(uids(a), (QList<QByteArray>{"in-a", "before-open"}));
    QCOMPARE(uids(b), QList<QByteArray>{"in-b"});
    SessionReader reader;
    QCOMPARE(reader.open(a).problem, FileProblem::None);
    QCOMPARE(reader.loadAttempts("before-open").size(), 1);
}

void TstOutbound::saveAsCopiesWhatWasSentMeanwhile()
{
    // Save As: a snapshot, then what the source gained after it is copied over.
    const QString source = path(QStringLiteral("source.hookscope"));
    const QString copy = path(QStringLiteral("copy.hookscope"));
    const OutboundMessagePtr old = message("old", 1'780'000'000'000, 1);
    const OutboundMessagePtr fresh = message("fresh", 1'780'000'000'100, 1);
    QVERIFY(writeSent(source, {old}, {{attempt(*old, 0, 1, 200, true)}}));
    {
        Sql::Database db;
        QVERIFY(db.open(source, Sql::Database::Mode::ReadOnly));
        Sql::Statement vacuum(db, "VACUUM INTO ?1");
        const QByteArray name = copy.toUtf8();
        vacuum.bindText(1, name);
        QVERIFY(vacuum.exec());
    }
    QVERIFY(writeSent(source, {fresh}, {{attempt(*fresh, 0, 1, 0, false), attempt(*fresh, 0, 2, 201, true)}}));
    SessionWriter writer;
    QCOMPARE(writer.open(copy).problem, FileProblem::None);
    QString error;
    QVERIFY2(writer.copyNewerFrom(source, &error), qPrintable(error));
    writer.stop();
    SessionReader reader;
    QCOMPARE(reader.open(copy).problem, FileProblem::None);
    QCOMPARE(reader.messageCount(), 2);
    QCOMPARE(reader.loadAttempts("old").size(), 1);
    const OutboundAttempts back = reader.loadAttempts("fresh");
    QCOMPARE(back.size(), 2);
    QCOMPARE(back.at(1).responseBody, QByteArray("hello"));
    QCOMPARE(back.at(1).requestBody, kBody);
}

void TstOutbound::scratchThatOnlySentIsKept()
{
    // A scratch session used only to send is offered again at the next start, not deleted as
    // empty; one with nothing at all still is.
    QStandardPaths::setTestModeEnabled(true);
    const QString sentOnly = Scratch::newPath();
    QVERIFY(writeSent(sentOnly, {message("only-sent", 1'780'000'000'000, 1)}));
    const QString empty = Scratch::newPath();
    QVERIFY(writeSent(empty, {}));
    QCOMPARE(Scratch::latest(), sentOnly);
    QVERIFY(QFile::exists(sentOnly));
    QVERIFY(!QFile::exists(empty));
    Scratch::remove(sentOnly);
}

void TstOutbound::harEntryPerAttempt()
{
    const OutboundMessagePtr m = message("uid-har", 1'780'000'000'000, 2);
    const OutboundAttempts attempts = {attempt(*m, 0, 1, 0, false), attempt(*m, 0, 2, 200, true),
                                       attempt(*m, 1, 1, 200, true, QByteArray("\xff\x00\x01", 3))};
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    HarWriter writer(&buffer);
    QVERIFY(writer.begin());
    QVERIFY(writer.write(*capture(1, "GET /in HTTP/1.1\r\nHost: h\r\n\r\n")));
    for (const OutboundAttempt &a : attempts)
        QVERIFY(writer.write(a));
    QVERIFY(writer.finish());
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(buffer.data(), &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    const QJsonArray entries =
        doc.object().value(QLatin1String("log")).toObject().value(QLatin1String("entries")).toArray();
    QCOMPARE(entries.size(), 4);
    QVERIFY(entries.at(0).toObject().contains(QLatin1String("_hookscope")));
    QVERIFY(!entries.at(0).toObject().contains(QLatin1String("_outbound")));

    const QJsonObject refused = entries.at(1).toObject();
    QVERIFY(!refused.contains(QLatin1String("_hookscope")));
    const QJsonObject refusedOwn = refused.value(QLatin1String("_outbound")).toObject();
    QCOMPARE(refusedOwn.value(QLatin1String("message_uid")).toString(), QStringLiteral("uid-har"));
    QCOMPARE(refusedOwn.value(QLatin1String("attempt")).toInt(), 1);
    QCOMPARE(refusedOwn.value(QLatin1String("final")).toBool(), false);
    QCOMPARE(refusedOwn.value(QLatin1String("outcome")).toString(), QStringLiteral("connect-failed"));
    QCOMPARE(refusedOwn.value(QLatin1String("error")).toString(), QStringLiteral("Connection refused"));
    QCOMPARE(refusedOwn.value(QLatin1String("retry_in_ms")).toInt(), 1000);
    QCOMPARE(refused.value(QLatin1String("response")).toObject().value(QLatin1String("status")).toInt(), 0);

    const QJsonObject ok = entries.at(2).toObject();
    const QJsonObject request = ok.value(QLatin1String("request")).toObject();
    QCOMPARE(request.value(QLatin1String("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(request.value(QLatin1String("url")).toString(), m->destinations.at(0));
    QCOMPARE(request.value(QLatin1String("httpVersion")).toString(), QStringLiteral("HTTP/1.1"));
    const QJsonArray headers = request.value(QLatin1String("headers")).toArray();
    QCOMPARE(headers.size(), 5);
    QCOMPARE(headers.at(2).toObject().value(QLatin1String("name")).toString(), QStringLiteral("X-Hub-Signature-256"));
    QCOMPARE(headers.at(2).toObject().value(QLatin1String("value")).toString(), QStringLiteral("sha256=2"));
    QCOMPARE(request.value(QLatin1String("cookies")).toArray().size(), 2);
    QCOMPARE(request.value(QLatin1String("postData")).toObject().value(QLatin1String("text")).toString(),
             QString::fromUtf8(kBody));
    QCOMPARE(request.value(QLatin1String("headersSize")).toInt(), attempts.at(1).requestHead.size());
    const QJsonObject response = ok.value(QLatin1String("response")).toObject();
    QCOMPARE(response.value(QLatin1String("status")).toInt(), 200);
    QCOMPARE(response.value(QLatin1String("statusText")).toString(), QStringLiteral("Whatever You Say"));
    QCOMPARE(response.value(QLatin1String("redirectURL")).toString(), QStringLiteral("/next"));
    QCOMPARE(response.value(QLatin1String("content")).toObject().value(QLatin1String("text")).toString(),
             QStringLiteral("hello"));
    QCOMPARE(ok.value(QLatin1String("time")).toInt(), 5);
    const QJsonObject own = ok.value(QLatin1String("_outbound")).toObject();
    QCOMPARE(QByteArray::fromBase64(own.value(QLatin1String("request_head_base64")).toString().toLatin1()),
             attempts.at(1).requestHead);
    QCOMPARE(QByteArray::fromBase64(own.value(QLatin1String("response_head_base64")).toString().toLatin1()),
             attempts.at(1).responseHead);
    QVERIFY(own.value(QLatin1String("error")).isNull());

    const QJsonObject binary = entries.at(3).toObject().value(QLatin1String("request")).toObject();
    const QJsonObject postData = binary.value(QLatin1String("postData")).toObject();
    QCOMPARE(postData.value(QLatin1String("encoding")).toString(), QStringLiteral("base64"));
    QCOMPARE(QByteArray::fromBase64(postData.value(QLatin1String("text")).toString().toLatin1()),
             QByteArray("\xff\x00\x01", 3));
    QCOMPARE(entries.at(3)
                 .toObject()
                 .value(QLatin1String("_outbound"))
                 .toObject()
                 .value(QLatin1String("destination"))
                 .toInt(),
             1);
}

void TstOutbound::harImportSkipsSentAttempts()
{
    const OutboundMessagePtr m = message("uid-import", 1'780'000'000'000, 1);
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    HarWriter writer(&buffer);
    QVERIFY(writer.begin());
    QVERIFY(writer.write(attempt(*m, 0, 1, 200, true)));
    QVERIFY(writer.write(*capture(1, "GET /captured HTTP/1.1\r\nHost: h\r\n\r\n")));
    QVERIFY(writer.write(attempt(*m, 0, 2, 200, true)));
    QVERIFY(writer.finish());
    buffer.close();
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    QList<CapturedRequest> read;
    QString error;
    Session::HarReadSummary summary;
    QVERIFY2(readHar(
                 &buffer,
                 [&read](CapturedRequest &&r) {
                     read.append(std::move(r));
                     return true;
                 },
                 &error, &summary),
             qPrintable(error));
    QCOMPARE(read.size(), 1);
    QCOMPARE(read.at(0).request.target(), "/captured");
    QCOMPARE(summary.skippedSent, 2);
}

void TstOutbound::ndjsonLinePerAttempt()
{
    const OutboundMessagePtr m = message("uid-ndjson", 1'780'000'000'000, 1);
    const OutboundAttempt sent = attempt(*m, 0, 2, 200, true);
    const QByteArray line = toNdjsonLine(sent);
    QVERIFY(line.endsWith("}\n"));
    QCOMPARE(line.count('\n'), 1);
    const QJsonObject o = QJsonDocument::fromJson(line).object();
    QCOMPARE(o.value(QLatin1String("direction")).toString(), QStringLiteral("outbound"));
    QCOMPARE(o.value(QLatin1String("message_uid")).toString(), QStringLiteral("uid-ndjson"));
    QCOMPARE(o.value(QLatin1String("attempt")).toInt(), 2);
    QCOMPARE(o.value(QLatin1String("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(o.value(QLatin1String("target")).toString(), QStringLiteral("/hooks"));
    QCOMPARE(o.value(QLatin1String("status")).toInt(), 200);
    QVERIFY(o.value(QLatin1String("error")).isNull());
    QCOMPARE(QByteArray::fromBase64(o.value(QLatin1String("body_base64")).toString().toLatin1()), kBody);
    QCOMPARE(QByteArray::fromBase64(o.value(QLatin1String("request_head_base64")).toString().toLatin1()),
             sent.requestHead);
    const QJsonObject response = o.value(QLatin1String("response")).toObject();
    QCOMPARE(response.value(QLatin1String("reason")).toString(), QStringLiteral("Whatever You Say"));
    QCOMPARE(QByteArray::fromBase64(response.value(QLatin1String("body_base64")).toString().toLatin1()),
             QByteArray("hello"));
    QCOMPARE(response.value(QLatin1String("headers")).toArray().size(), 3);

    const QJsonObject refused = QJsonDocument::fromJson(toNdjsonLine(attempt(*m, 0, 1, 0, false))).object();
    QVERIFY(refused.value(QLatin1String("status")).isNull());
    QVERIFY(refused.value(QLatin1String("response")).isNull());
    QCOMPARE(refused.value(QLatin1String("error")).toString(), QStringLiteral("Connection refused"));
    QCOMPARE(refused.value(QLatin1String("retry_in_ms")).toInt(), 1000);
    // Captured lines carry no direction: their format is what it was.
    QVERIFY(!QJsonDocument::fromJson(toNdjsonLine(*capture(1, "GET / HTTP/1.1\r\nHost: h\r\n\r\n")))
                 .object()
                 .contains(QLatin1String("direction")));
}

QTEST_GUILESS_MAIN(TstOutbound)
#include "tst_outbound.moc"
