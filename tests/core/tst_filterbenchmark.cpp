// Benchmarks of the filter language (split from tst_filter): the fast path over a million summary
// rows, and the payload scan over a real session file. They print figures and run only with
// HOOKSCOPE_BENCHMARKS=1 (use a Release build); otherwise they skip.

#include "filtertesting.h"

#include "filter/filter.h"
#include "filter/filterevaluator.h"
#include "session/sessionwriter.h"
#include "session/storedrecord.h"
#include "session/summarystore.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>
#include <numeric>
#include <random>

using namespace Session;
using FilterTesting::capture;
using FilterTesting::post;

class TstFilterBenchmark : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void benchmark();
    void benchmarkPayloadScan();

private:
    QTemporaryDir m_dir;
};

void TstFilterBenchmark::benchmark()
{
    if (qEnvironmentVariableIntValue("HOOKSCOPE_BENCHMARKS") != 1)
        QSKIP("set HOOKSCOPE_BENCHMARKS=1 (and use a Release build) to run the benchmark");

    const qsizetype rows = 1'000'000;
    SummaryStore store;
    std::mt19937 random(42);
    const QByteArray methods[] = {"POST", "POST", "POST", "POST",  "POST",   "POST", "POST",
                                  "GET",  "GET",  "PUT",  "PATCH", "DELETE", "HEAD", "OPTIONS"};
    QList<QByteArray> types = {"application/json",
                               "application/vnd.github+json",
                               "application/x-www-form-urlencoded",
                               "multipart/form-data",
                               "text/plain",
                               "text/xml",
                               "application/xml",
                               "application/cloudevents+json",
                               "application/octet-stream",
                               "application/atom+xml",
                               "application/soap+xml",
                               "text/html",
                               "text/csv",
                               "application/ld+json",
                               "application/problem+json",
                               "application/x-ndjson",
                               "application/graphql",
                               "application/javascript",
                               "application/yaml",
                               "application/x-yaml",
                               "text/yaml",
                               "application/msgpack",
                               "application/protobuf",
                               "application/x-protobuf",
                               "image/png",
                               "application/pdf",
                               "application/zip",
                               "application/gzip",
                               "text/event-stream",
                               ""};
    const QByteArray sources[] = {"/hooks/github", "/hooks/gitlab", "/hooks/stripe/events", "/api/v1/webhooks/slack",
                                  "/hooks/gitea",  "/callback",     "/hooks/github/app",    "/twilio/sms"};
    const int statuses[] = {200, 200, 200, 200, 200, 200, 201, 202, 204, 400, 401, 404, 413, 500, 502, 0};
    QList<QString> remotes;
    for (int i = 0; i < 300; ++i)
        remotes.append(QStringLiteral("10.%1.%2.%3").arg(i / 100).arg(i % 100).arg(i % 7));
    QElapsedTimer build;
    build.start();
    for (qsizetype i = 0; i < rows; ++i) {
        const quint32 r = random();
        const QByteArray target = sources[r % 8] + "?id=" + QByteArray::number(i);
        qint64 flags = 0;
        if (r % 97 == 0)
            flags |= FlagRejected;
        if (r % 31 == 0)
            flags |= qint64(Http::Warning::MissingHost);
        store.append(i + 1, 1'780'000'000'000 + i, methods[(r >> 3) % 14], target, types[(r >> 7) % types.size()],
                     qint64((r >> 12) % 20000), remotes[(r >> 5) % remotes.size()], quint16(40000 + r % 20000), flags,
                     statuses[(r >> 17) % 16], 0);
    }
    std::printf("built %lld rows in %lld ms (%lld MB)\n", qlonglong(rows), qlonglong(build.elapsed()),
                qlonglong(store.memoryUsage() >> 20));

    const char *filters[] = {"method:POST",
                             "status:>=400",
                             "path:/hooks/git*",
                             "type:json",
                             "method:POST status:>=400 path:/hooks/git* type:json",
                             "-method:GET",
                             "-(type:json OR type:xml) size:>1k",
                             "status:4xx OR rejected:yes OR warning:any",
                             "remote:10.1.*",
                             "github",
                             "stripe/events",
                             "id=99999",
                             "path:*/events -status:2xx"};
    std::printf("%-56s %9s %12s %12s\n", "filter", "matches", "1 thread ms", "auto ms");
    for (const char *text : filters) {
        const FilterEvaluator evaluator(Filter::parse(QString::fromUtf8(text)));
        size_t matches = 0;
        double best[2] = {1e9, 1e9};
        for (int pass = 0; pass < 2; ++pass) {
            for (int run = 0; run < 5; ++run) {
                QElapsedTimer t;
                t.start();
                const FilterEvaluator::Matches m = evaluator.evaluate(store, 0, -1, pass == 0 ? 1 : 0);
                best[pass] = std::min(best[pass], double(t.nsecsElapsed()) / 1e6);
                matches = m.rows.size();
            }
        }
        std::printf("%-56s %9zu %12.1f %12.1f\n", text, matches, best[0], best[1]);
    }
}

void TstFilterBenchmark::benchmarkPayloadScan()
{
    if (qEnvironmentVariableIntValue("HOOKSCOPE_BENCHMARKS") != 1)
        QSKIP("set HOOKSCOPE_BENCHMARKS=1 (and use a Release build) to run the benchmark");

    // 100,000 GitHub-like requests with 1 KB JSON bodies, through the real writer.
    const qint64 count = 100'000;
    const QString file = m_dir.filePath(QStringLiteral("scan.hookscope"));
    {
        SessionWriter writer;
        QCOMPARE(writer.open(file).problem, FileProblem::None);
        writer.start();
        CapturedBatch batch;
        for (qint64 id = 1; id <= count; ++id) {
            const QByteArray event = id % 4 ? "push" : "pull_request";
            QByteArray body = R"({"ref":"refs/heads/)" + QByteArray(id % 10 ? "main" : "dev") + R"(","n":)" +
                              QByteArray::number(id) + ",\"pad\":\"";
            body += QByteArray(1024 - body.size() - 2, 'p') + "\"}";
            batch.append(capture(id,
                                 post("/hooks/github?id=" + QByteArray::number(id),
                                      "Host: localhost\r\nUser-Agent: GitHub-Hookshot/1\r\nX-GitHub-Event: " + event +
                                          "\r\nX-GitHub-Delivery: " + QByteArray::number(id * 7919) +
                                          "\r\nContent-Type: application/json\r\n",
                                      body),
                                 200, QStringLiteral("127.0.0.1")));
            if (batch.size() == 5000) {
                writer.submit(batch);
                batch.clear();
            }
        }
        writer.submit(batch);
        writer.stop();
    }
    std::vector<qint64> all(static_cast<size_t>(count));
    std::iota(all.begin(), all.end(), qint64(1));
    std::vector<qint64> sparse;
    for (qint64 id = 1; id <= count; id += 100)
        sparse.push_back(id);
    struct Case
    {
        const char *filter;
        const std::vector<qint64> *ids;
        const char *candidates;
    };
    const Case cases[] = {
        {"header:X-GitHub-Event=push", &all, "all"},
        {"body:\"heads/dev\"", &all, "all"},
        {"8675309", &all, "all"},
        {"header:X-GitHub-Event=push", &sparse, "1 in 100"},
        {"body:\"heads/dev\"", &sparse, "1 in 100"},
    };
    std::printf("payload scan over %lld requests (1 KB bodies)\n", qlonglong(count));
    std::printf("%-32s %-10s %9s %10s\n", "filter", "candidates", "matches", "best ms");
    for (const Case &c : cases) {
        const FilterEvaluator evaluator(Filter::parse(QString::fromUtf8(c.filter)));
        double best = 1e9;
        size_t matches = 0;
        for (int run = 0; run < 3; ++run) {
            QElapsedTimer t;
            t.start();
            const FilterEvaluator::ScanResult r = evaluator.scanPayloads(file, *c.ids);
            best = std::min(best, double(t.nsecsElapsed()) / 1e6);
            QVERIFY(r.ok());
            matches = r.ids.size();
        }
        std::printf("%-32s %-10s %9zu %10.1f\n", c.filter, c.candidates, matches, best);
    }
}

QTEST_GUILESS_MAIN(TstFilterBenchmark)
#include "tst_filterbenchmark.moc"
