// Session file at scale, run by hand (see README.md):
//   bench_session [--requests N] [--keep] [--export-har N] DIR
// Writes N captured requests with 1 KB JSON bodies through the real SessionWriter, then measures
// what a user waits for: opening the file and having every summary row ready, the memory that
// takes, the file size against the raw bytes captured, and (with --export-har) HAR export speed.

#include "benchmark.h"

#include "http/requestreader.h"
#include "session/har.h"
#include "session/sessionfile.h"
#include "session/sessionreader.h"
#include "session/sessionwriter.h"
#include "session/summarystore.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QThread>

#include <cstdio>

namespace {

using Benchmark::residentKb;

QByteArray body(qint64 i)
{
    QByteArray json = R"({"id":"evt_)" + QByteArray::number(i) + R"(","type":"invoice.paid","data":{"amount":)" +
                      QByteArray::number(i % 100000) + R"(,"currency":"eur"},"pad":")";
    json += QByteArray(1024 - json.size() - 2, 'x');
    json += "\"}";
    return json;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments();
    args.removeFirst();
    qint64 requests = 1'000'000;
    qint64 exportCount = 0;
    bool keep = false;
    QString dir;
    while (!args.isEmpty()) {
        const QString a = args.takeFirst();
        if (a == QLatin1String("--requests") && !args.isEmpty())
            requests = args.takeFirst().toLongLong();
        else if (a == QLatin1String("--export-har") && !args.isEmpty())
            exportCount = args.takeFirst().toLongLong();
        else if (a == QLatin1String("--keep"))
            keep = true;
        else
            dir = a;
    }
    if (dir.isEmpty()) {
        std::fprintf(stderr, "usage: bench_session [--requests N] [--keep] [--export-har N] DIR\n");
        return 2;
    }
    QDir().mkpath(dir);
    const QString path = dir + QStringLiteral("/bench-%1.hookscope").arg(requests);

    qint64 rawBytes = 0;
    if (!keep || !QFileInfo::exists(path)) {
        QFile::remove(path);
        Session::SessionWriter writer;
        const Session::SessionFile::Info info = writer.open(path);
        if (info.problem != Session::FileProblem::None) {
            std::fprintf(stderr, "%s\n", qUtf8Printable(info.error));
            return 1;
        }
        writer.start();
        QElapsedTimer t;
        t.start();
        for (qint64 i = 1; i <= requests; ++i) {
            const QByteArray b = body(i);
            const QByteArray head =
                "POST /hooks/stripe?attempt=" + QByteArray::number(i % 7) +
                " HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: Stripe/1.0 (+https://stripe.com/docs/webhooks)\r\n"
                "Content-Type: application/json; charset=utf-8\r\nStripe-Signature: t=1700000000,v1=" +
                QByteArray(64, 'a') + "\r\nContent-Length: " + QByteArray::number(b.size()) + "\r\n\r\n";
            rawBytes += head.size() + b.size();
            auto r = std::make_shared<Session::CapturedRequest>();
            r->id = i;
            r->receivedAtMs = 1'780'000'000'000 + i;
            r->remoteAddress = QHostAddress(QStringLiteral("127.0.0.1"));
            r->remotePort = quint16(40000 + i % 20000);
            r->localPort = 8080;
            r->request = Http::RequestReader::restore(head, b, {});
            r->responseStatus = 200;
            r->responseHeaders = {{"Content-Type", "application/json"}};
            r->responseBody = R"({"ok":true})";
            writer.submit(std::move(r));
            // Keep the queue bounded, as the capture rate would.
            while (qint64(writer.committedRequests()) < i - 20000)
                QThread::usleep(200);
        }
        writer.stop();
        std::printf("write      %lld requests in %.2f s (%.1f us each, %llu transactions)\n", requests,
                    t.elapsed() / 1000.0, t.nsecsElapsed() / 1000.0 / double(requests), writer.transactions());
    }
    const qint64 fileSize = QFileInfo(path).size();
    if (rawBytes > 0)
        std::printf("size       %.1f MB file for %.1f MB captured (%.2f x)\n", fileSize / 1e6, rawBytes / 1e6,
                    double(fileSize) / double(rawBytes));
    else
        std::printf("size       %.1f MB file\n", fileSize / 1e6);

    const qint64 rssBefore = residentKb();
    QElapsedTimer open;
    open.start();
    Session::SessionReader reader;
    const Session::SessionFile::Info info = reader.open(path);
    if (info.problem != Session::FileProblem::None) {
        std::fprintf(stderr, "%s\n", qUtf8Printable(info.error));
        return 1;
    }
    const qint64 inspected = open.elapsed();
    Session::SummaryStore store;
    if (!reader.loadSummaries(store)) {
        std::fprintf(stderr, "%s\n", qUtf8Printable(reader.error()));
        return 1;
    }
    const qint64 opened = open.elapsed();
    const qint64 rssAfter = residentKb();
    std::printf("open       %lld ms to all %lld summary rows ready (%lld ms checking the file)\n", opened,
                qint64(store.size()), inspected);
    std::printf("memory     %.1f MB resident in all, %.1f MB for the rows (%.0f bytes a row)\n", rssAfter / 1024.0,
                (rssAfter - rssBefore) / 1024.0, store.memoryUsage() / double(qMax<qsizetype>(1, store.size())));

    if (exportCount > 0) {
        QSaveFile out(dir + QStringLiteral("/export.har"));
        out.open(QIODevice::WriteOnly);
        QElapsedTimer t;
        t.start();
        Session::HarWriter har(&out);
        har.begin();
        qint64 n = 0;
        reader.forEach([&](Session::CapturedRequestPtr r) {
            har.write(*r);
            return ++n < exportCount;
        });
        har.finish();
        out.commit();
        const double seconds = t.nsecsElapsed() / 1e9;
        const qint64 bytes = QFileInfo(out.fileName()).size();
        std::printf("har export %lld requests, %.1f MB in %.2f s: %.0f MB/s\n", n, bytes / 1e6, seconds,
                    bytes / 1e6 / seconds);
    }
    return 0;
}
