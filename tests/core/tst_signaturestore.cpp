// Signature results on their way through Hookscope: the log, the session file, the summary rows,
// NDJSON and HAR, the filter language, and the background pass that re-verifies a session.

#include "capture/reverifier.h"
#include "filter/filter.h"
#include "filter/filterevaluator.h"
#include "http/requestreader.h"
#include "session/har.h"
#include "session/journal.h"
#include "session/ndjson.h"
#include "session/sessionreader.h"
#include "session/sessionwriter.h"
#include "session/summarystore.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTemporaryDir>
#include <QtTest>

#include <condition_variable>
#include <functional>
#include <mutex>

using namespace Session;
using Signing::Verdict;

namespace {

constexpr qint64 kReceivedAtMs = 1'780'000'000'000;
const QByteArray kSecret = "It's a Secret to Everybody";

/// GitHub's signature, computed here independently of the signing code.
QByteArray githubSignature(const QByteArray &secret, const QByteArray &body)
{
    return "sha256=" + QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

CapturedRequestPtr capture(qint64 id, const QByteArray &bytes, Signing::Result signature = {})
{
    Http::RequestReader reader;
    auto r = std::make_shared<CapturedRequest>();
    if (reader.feed(bytes).event != Http::RequestReader::Event::MessageComplete)
        return nullptr;
    r->id = id;
    r->receivedAtMs = kReceivedAtMs + id;
    r->remoteAddress = QHostAddress(QStringLiteral("127.0.0.1"));
    r->remotePort = 40000;
    r->localPort = 8080;
    r->request = reader.takeRequest();
    r->responseStatus = 200;
    r->signature = std::move(signature);
    return r;
}

QByteArray githubRequest(const QByteArray &body, const QByteArray &signature)
{
    return "POST /hooks/github HTTP/1.1\r\nHost: h\r\nX-GitHub-Event: push\r\nX-Hub-Signature-256: " + signature +
           "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" +
           body;
}

Signing::Result result(const QString &scheme, Verdict verdict, qint64 skew = 0, const QString &secret = {},
                       const QString &detail = {})
{
    Signing::Result r;
    r.scheme = scheme;
    r.verdict = verdict;
    r.skewSeconds = skew;
    r.secretLabel = secret;
    r.detail = detail;
    return r;
}

bool writeAll(const QString &path, const CapturedBatch &records)
{
    SessionWriter writer;
    if (writer.open(path).problem != FileProblem::None)
        return false;
    bool ok = true;
    writer.setCommitHandler([&ok](const CapturedBatch &, const QString &e) { ok = ok && e.isEmpty(); });
    writer.start();
    writer.submit(records);
    writer.stop();
    return ok;
}

Signing::Config githubConfig(const QByteArray &secret)
{
    Signing::Config config;
    config.secrets.append({QStringLiteral("github"), secret, {}, QStringLiteral("repo hook")});
    return config;
}

/// Runs a re-verification pass to its end and returns what it delivered.
struct Pass
{
    SignatureUpdates updates;
    int deliveries = 0;
    bool done = false;
};
Pass runPass(const QString &path, const Signing::Config &config, qint64 upTo = 0,
             const std::function<void()> &meanwhile = {})
{
    Capture::Reverifier reverifier;
    Pass pass;
    std::mutex mutex;
    std::condition_variable finished;
    reverifier.start(path, Signing::Verifier(config), upTo, [&](const SignatureUpdates &updates, bool done) {
        std::lock_guard lock(mutex);
        pass.updates += updates;
        ++pass.deliveries;
        pass.done = done;
        if (done)
            finished.notify_one();
    });
    if (meanwhile)
        meanwhile();
    std::unique_lock lock(mutex);
    finished.wait_for(lock, std::chrono::seconds(20), [&pass] { return pass.done; });
    return pass;
}

} // namespace

class TstSignatureStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void journalKeepsTheVerdict();
    void journalFromBeforeSignaturesStillReplays();
    void sessionFileKeepsTheVerdict();
    void updatesReachFileAndSummaries();
    void reverifyFindsNewResultsOnce();
    void reverifyOfOldSession();
    void reverifyWaitsForRequestsOnTheirWay();
    void ndjsonAndHarCarryIt();
    void filterBySignature_data();
    void filterBySignature();
    void filterErrors();

private:
    QTemporaryDir m_dir;
};

void TstSignatureStore::journalKeepsTheVerdict()
{
    const QByteArray body = R"({"zen":"Keep it logically awesome."})";
    const CapturedRequestPtr r = capture(
        3, githubRequest(body, "sha256=00"),
        result(QStringLiteral("github"), Verdict::TimestampTooOld, 301, {}, QStringLiteral("signed 301 s before")));
    const CapturedRequestPtr back = Journal::decode(Journal::encode(*r));
    QVERIFY(back);
    QCOMPARE(back->signature, r->signature);
    QCOMPARE(back->request.body(), body);
}

void TstSignatureStore::journalFromBeforeSignaturesStillReplays()
{
    // A log written before signatures existed ends where the signature fields now start
    // (verdict u32, scheme, skew i64, label, detail: 24 bytes when all are empty), which are
    // followed by an import's recorded version and note (8 bytes when empty), what chose the
    // answer (choice u32, rule: 8 bytes when no rule answered) and the TLS details (four strings:
    // 16 bytes for plain HTTP).
    const CapturedRequestPtr r = capture(4, githubRequest("{}", "sha256=00"));
    const QByteArray old = Journal::encode(*r).chopped(24 + 8 + 8 + 16);
    const CapturedRequestPtr back = Journal::decode(old);
    QVERIFY(back);
    QCOMPARE(back->signature.verdict, Verdict::NotChecked);
    QCOMPARE(back->request.body(), QByteArray("{}"));
    // A record cut inside the signature fields is damaged, not silently shortened.
    QVERIFY(!Journal::decode(Journal::encode(*r).chopped(3)));
}

void TstSignatureStore::sessionFileKeepsTheVerdict()
{
    const QString file = m_dir.filePath(QStringLiteral("kept.hookscope"));
    const CapturedBatch records = {
        capture(1, githubRequest("{}", githubSignature(kSecret, "{}")),
                result(QStringLiteral("github"), Verdict::Valid, 0, QStringLiteral("repo hook"))),
        capture(2, githubRequest("{}", "sha256=bad"),
                result(QStringLiteral("github"), Verdict::Mismatch, 0, {}, QStringLiteral("no secret matches"))),
        capture(3, "GET /plain HTTP/1.1\r\nHost: h\r\n\r\n", result({}, Verdict::Unsigned)),
        capture(4, "GET /old HTTP/1.1\r\nHost: h\r\n\r\n")};
    QVERIFY(writeAll(file, records));
    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None);
    for (const CapturedRequestPtr &r : records)
        QCOMPARE(reader.load(r->id)->signature, r->signature);
    SummaryStore store;
    QVERIFY(reader.loadSummaries(store));
    QCOMPARE(store.size(), 4);
    QCOMPARE(SummaryStore::schemeId(store.at(0)), QStringLiteral("github"));
    QCOMPARE(Verdict(store.at(0).signature), Verdict::Valid);
    QCOMPARE(Verdict(store.at(1).signature), Verdict::Mismatch);
    QCOMPARE(SummaryStore::schemeId(store.at(2)), QString());
    QCOMPARE(Verdict(store.at(2).signature), Verdict::Unsigned);
    QCOMPARE(Verdict(store.at(3).signature), Verdict::NotChecked);
    // Live capture fills the same fields as loading does.
    SummaryStore live;
    for (const CapturedRequestPtr &r : records)
        live.append(*r);
    for (qsizetype i = 0; i < live.size(); ++i) {
        QCOMPARE(live.at(i).signature, store.at(i).signature);
        QCOMPARE(live.at(i).signatureScheme, store.at(i).signatureScheme);
    }
}

void TstSignatureStore::updatesReachFileAndSummaries()
{
    const QString file = m_dir.filePath(QStringLiteral("updated.hookscope"));
    QVERIFY(writeAll(
        file, {capture(1, githubRequest("{}", "sha256=00"), result(QStringLiteral("github"), Verdict::NoSecret))}));
    {
        SessionWriter writer;
        QCOMPARE(writer.open(file).problem, FileProblem::None);
        writer.start();
        writer.updateSignatures({{1, result(QStringLiteral("github"), Verdict::Mismatch)}}, "fingerprint-1");
        writer.stop();
    }
    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None);
    QCOMPARE(reader.load(1)->signature.verdict, Verdict::Mismatch);
    QCOMPARE(reader.verifiedWith(), QByteArray("fingerprint-1"));
    SummaryStore store;
    QVERIFY(reader.loadSummaries(store));
    QCOMPARE(Verdict(store.at(0).signature), Verdict::Mismatch);
    store.setSignature(0, SummaryStore::signatureOf(result(QStringLiteral("stripe"), Verdict::Valid)));
    QCOMPARE(SummaryStore::schemeId(store.at(0)), QStringLiteral("stripe"));
    QCOMPARE(Verdict(store.at(0).signature), Verdict::Valid);
}

void TstSignatureStore::reverifyFindsNewResultsOnce()
{
    const QString file = m_dir.filePath(QStringLiteral("reverify.hookscope"));
    const QByteArray body = R"({"action":"opened"})";
    CapturedBatch records;
    // Captured before any secret was set: signed, but nothing to check against.
    for (qint64 id = 1; id <= 600; ++id) {
        const bool good = id % 3 != 0;
        records.append(
            capture(id, githubRequest(body, good ? githubSignature(kSecret, body) : githubSignature("wrong", body)),
                    result(QStringLiteral("github"), Verdict::NoSecret)));
    }
    // Unsigned, as the verifier itself says it (with its detail): nothing for a pass to change.
    const CapturedRequestPtr plain = capture(601, "GET /plain HTTP/1.1\r\nHost: h\r\n\r\n");
    auto unsignedRecord = std::make_shared<CapturedRequest>(*plain);
    unsignedRecord->signature = Signing::Verifier().verify(plain->request, plain->receivedAtMs / 1000);
    QCOMPARE(unsignedRecord->signature.verdict, Verdict::Unsigned);
    records.append(unsignedRecord);
    QVERIFY(writeAll(file, records));

    const Signing::Config config = githubConfig(kSecret);
    const Pass first = runPass(file, config);
    QVERIFY(first.done);
    QCOMPARE(first.updates.size(), 600); // every signed one changed; the unsigned one did not
    for (const SignatureUpdate &u : first.updates)
        QCOMPARE(u.result.verdict, u.id % 3 != 0 ? Verdict::Valid : Verdict::Mismatch);
    QCOMPARE(first.updates.first().result.secretLabel, QStringLiteral("repo hook"));

    // The owner stores them, with the fingerprint; the next pass with the same settings is a no-op.
    {
        SessionWriter writer;
        QCOMPARE(writer.open(file).problem, FileProblem::None);
        writer.start();
        writer.updateSignatures(first.updates, Capture::Reverifier::fingerprint(config));
        writer.stop();
    }
    const Pass second = runPass(file, config);
    QVERIFY(second.done);
    QCOMPARE(second.updates.size(), 0);
    QCOMPARE(second.deliveries, 1);

    // The window verifies with Hookscope's test secret too, `listen` does not: taking turns on the
    // session does not make either go through it all again.
    Signing::Config window = config;
    window.secrets << Signing::testWebhookSecret();
    QCOMPARE(Capture::Reverifier::fingerprint(window), Capture::Reverifier::fingerprint(config));
    const Pass inTheWindow = runPass(file, window);
    QVERIFY(inTheWindow.done);
    QCOMPARE(inTheWindow.updates.size(), 0);

    // A changed secret is a changed fingerprint: everything valid before is a mismatch now.
    const Signing::Config rotated = githubConfig("a new secret");
    QVERIFY(Capture::Reverifier::fingerprint(rotated) != Capture::Reverifier::fingerprint(config));
    const Pass third = runPass(file, rotated);
    QVERIFY(third.done);
    QCOMPARE(third.updates.size(), 400);
    for (const SignatureUpdate &u : third.updates)
        QCOMPARE(u.result.verdict, Verdict::Mismatch);
}

void TstSignatureStore::reverifyOfOldSession()
{
    // Requests saved before verification existed are checked when the session is opened.
    const QString file = m_dir.filePath(QStringLiteral("old.hookscope"));
    const QByteArray body = "{}";
    QVERIFY(writeAll(file, {capture(1, githubRequest(body, githubSignature(kSecret, body))),
                            capture(2, "GET / HTTP/1.1\r\nHost: h\r\n\r\n")}));
    const Pass pass = runPass(file, Signing::Config{});
    QVERIFY(pass.done);
    QCOMPARE(pass.updates.size(), 2);
    QCOMPARE(pass.updates.at(0).result.verdict, Verdict::NoSecret);
    QCOMPARE(pass.updates.at(0).result.scheme, QStringLiteral("github"));
    QCOMPARE(pass.updates.at(1).result.verdict, Verdict::Unsigned);
}

void TstSignatureStore::reverifyWaitsForRequestsOnTheirWay()
{
    // Requests captured just before the secret changed may reach the file after the pass read its
    // end: the pass reads on to the newest of them, so none keeps the old verdict.
    const QString file = m_dir.filePath(QStringLiteral("tail.hookscope"));
    const QByteArray body = "{}";
    const auto signedRecord = [&body](qint64 id) {
        return capture(id, githubRequest(body, githubSignature(kSecret, body)),
                       result(QStringLiteral("github"), Verdict::NoSecret));
    };
    QVERIFY(writeAll(file, {signedRecord(1)}));
    SessionWriter writer;
    QCOMPARE(writer.open(file).problem, FileProblem::None);
    writer.start();
    const Pass pass = runPass(file, githubConfig(kSecret), 3, [&writer, &signedRecord] {
        QThread::msleep(200); // the pass has read request 1 and found nothing after it
        writer.submit({signedRecord(2), signedRecord(3)});
    });
    writer.stop();
    QVERIFY(pass.done);
    QCOMPARE(pass.updates.size(), 3);
    QCOMPARE(pass.updates.last().id, 3);
    QCOMPARE(pass.updates.last().result.verdict, Verdict::Valid);
}

void TstSignatureStore::ndjsonAndHarCarryIt()
{
    const CapturedRequestPtr r = capture(
        5, githubRequest("{}", "sha256=00"),
        result(QStringLiteral("stripe"), Verdict::TimestampTooOld, 301, {}, QStringLiteral("signed 301 s before")));
    const QJsonObject line = QJsonDocument::fromJson(toNdjsonLine(*r)).object();
    const QJsonObject sig = line.value(QLatin1String("signature")).toObject();
    QCOMPARE(sig.value(QLatin1String("scheme")).toString(), QStringLiteral("stripe"));
    QCOMPARE(sig.value(QLatin1String("status")).toString(), QStringLiteral("invalid"));
    QCOMPARE(sig.value(QLatin1String("reason")).toString(), QStringLiteral("timestamp-too-old"));
    QCOMPARE(sig.value(QLatin1String("skew_seconds")).toInt(), 301);

    const CapturedRequestPtr valid = capture(6, githubRequest("{}", "sha256=00"),
                                             result(QStringLiteral("github"), Verdict::Valid, 0, QStringLiteral("k")));
    const QJsonObject v =
        QJsonDocument::fromJson(toNdjsonLine(*valid)).object().value(QLatin1String("signature")).toObject();
    QCOMPARE(v.value(QLatin1String("status")).toString(), QStringLiteral("valid"));
    QVERIFY(v.value(QLatin1String("reason")).isNull());
    QCOMPARE(v.value(QLatin1String("secret")).toString(), QStringLiteral("k"));
    // No verification ran: null, not a made-up status.
    const CapturedRequestPtr unchecked = capture(7, "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
    QVERIFY(QJsonDocument::fromJson(toNdjsonLine(*unchecked)).object().value(QLatin1String("signature")).isNull());

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    HarWriter har(&buffer);
    QVERIFY(har.begin());
    QVERIFY(har.write(*r));
    QVERIFY(har.finish());
    const QJsonObject entry = QJsonDocument::fromJson(buffer.data())
                                  .object()
                                  .value(QLatin1String("log"))
                                  .toObject()
                                  .value(QLatin1String("entries"))
                                  .toArray()
                                  .first()
                                  .toObject();
    QCOMPARE(entry.value(QLatin1String("_signature")).toObject(), sig);
}

void TstSignatureStore::filterBySignature_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QList<qint64>>("ids");
    QTest::newRow("valid") << "signature:valid" << QList<qint64>{1};
    QTest::newRow("invalid") << "signature:invalid" << QList<qint64>{2, 3};
    QTest::newRow("reason") << "signature:mismatch" << QList<qint64>{2};
    QTest::newRow("stale") << "signature:timestamp-too-old" << QList<qint64>{3};
    QTest::newRow("scheme") << "signature:github" << QList<qint64>{1, 2};
    QTest::newRow("scheme, any case") << "signature:Stripe" << QList<qint64>{3, 4};
    QTest::newRow("no secret") << "signature:no-secret" << QList<qint64>{4};
    QTest::newRow("unsigned") << "signature:unsigned" << QList<qint64>{5};
    QTest::newRow("signed") << "signature:signed" << QList<qint64>{1, 2, 3, 4};
    QTest::newRow("combined") << "signature:stripe -signature:invalid" << QList<qint64>{4};
    QTest::newRow("with a payload term") << "signature:invalid body:zen" << QList<qint64>{2, 3};
    QTest::newRow("with a payload term, narrower") << "signature:github body:zen" << QList<qint64>{2};
}

void TstSignatureStore::filterBySignature()
{
    QFETCH(QString, filter);
    QFETCH(QList<qint64>, ids);
    const CapturedBatch records = {
        capture(1, githubRequest("{}", "sha256=1"), result(QStringLiteral("github"), Verdict::Valid)),
        capture(2, githubRequest(R"({"zen":1})", "sha256=2"), result(QStringLiteral("github"), Verdict::Mismatch)),
        capture(3, githubRequest(R"({"zen":1})", "sha256=3"),
                result(QStringLiteral("stripe"), Verdict::TimestampTooOld, 400)),
        capture(4, githubRequest("{}", "sha256=4"), result(QStringLiteral("stripe"), Verdict::NoSecret)),
        capture(5, "GET / HTTP/1.1\r\nHost: h\r\n\r\n", result({}, Verdict::Unsigned)),
        capture(6, "GET /unchecked HTTP/1.1\r\nHost: h\r\n\r\n")};
    FilterError error;
    const Filter f = Filter::parse(filter, &error);
    QVERIFY2(error.isNull(), qPrintable(error.message));
    const FilterEvaluator evaluator(f);
    QList<qint64> inMemory;
    for (const CapturedRequestPtr &r : records) {
        if (evaluator.matches(*r))
            inMemory.append(r->id);
    }
    QCOMPARE(inMemory, ids);

    // The summary rows decide it without payloads, and from the session file the same way.
    const QString file =
        m_dir.filePath(QStringLiteral("filter-%1.hookscope").arg(QLatin1String(QTest::currentDataTag())));
    QFile::remove(file);
    QVERIFY(writeAll(file, records));
    SessionReader reader;
    QCOMPARE(reader.open(file).problem, FileProblem::None);
    SummaryStore store;
    QVERIFY(reader.loadSummaries(store));
    const FilterEvaluator::Matches m = evaluator.evaluate(store);
    std::vector<qint64> found = FilterEvaluator::idsOf(store, m.rows);
    if (!m.undecided.empty()) {
        const FilterEvaluator::ScanResult scanned =
            evaluator.scanPayloads(file, FilterEvaluator::idsOf(store, m.undecided));
        QVERIFY2(scanned.error.isEmpty(), qPrintable(scanned.error));
        found.insert(found.end(), scanned.ids.begin(), scanned.ids.end());
        std::sort(found.begin(), found.end());
    }
    QCOMPARE(QList<qint64>(found.begin(), found.end()), ids);
}

void TstSignatureStore::filterErrors()
{
    FilterError error;
    Filter::parse(QStringLiteral("signature:mismach"), &error);
    QCOMPARE(error.message, QStringLiteral("unknown signature 'mismach' — did you mean mismatch?"));
    Filter::parse(QStringLiteral("signature:githb"), &error);
    QCOMPARE(error.message, QStringLiteral("unknown signature 'githb' — did you mean github?"));
    Filter::parse(QStringLiteral("signature:zzzzzzzzzz"), &error);
    QVERIFY2(error.message.startsWith(QStringLiteral("signature needs one of valid, invalid")),
             qPrintable(error.message));
}

QTEST_GUILESS_MAIN(TstSignatureStore)
#include "tst_signaturestore.moc"
