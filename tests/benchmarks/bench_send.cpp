// The sender's figures, run by hand (see bench_send.sh and README.md in this folder).
//
//   bench_send fanout [--destinations 100] [--rounds 5] [--body FILE]
//       One 1 KB message to N local destinations at once through Delivery::Sender, wall time from
//       send() to the last answer; then the same fan-out by `curl --parallel` as the reference.
//   bench_send load --url URL [--messages 10000] [--connections 32] [--rounds 5] [--body FILE]
//       N messages through the delivery engine with C connections against a running listener, R
//       times over one engine; prints messages per second for each round and the median (compare
//       with wrk -cC against the same listener).

#include "../integration/scriptedserver.h"

#include "delivery/sender.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTemporaryFile>

#include <algorithm>
#include <cstdio>

#include <sys/resource.h>

namespace {

QByteArray kilobyteBody()
{
    QByteArray body = R"({"id":"evt_1OaBcDeFgHiJkLmN","object":"event","type":"invoice.paid","pad":")";
    body += QByteArray(1024 - body.size() - 2, 'x');
    body += "\"}";
    return body;
}

QString argValue(const QStringList &args, const QString &name, const QString &fallback)
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

/// CPU time of this process so far (every thread, user and system).
double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval &t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

/// Runs `message` through `sender` and waits for it; returns ms, or -1 when a destination failed.
double timeOneSend(Delivery::Sender &sender, const Delivery::Message &message)
{
    int failures = 0;
    QEventLoop loop;
    const auto a =
        QObject::connect(&sender, &Delivery::Sender::attemptFinished, &sender,
                         [&](const Delivery::AttemptReport &r) { failures += r.exchange.response.status() != 200; });
    const auto b = QObject::connect(&sender, &Delivery::Sender::messageFinished, &loop, &QEventLoop::quit);
    QElapsedTimer t;
    t.start();
    sender.send(message);
    loop.exec();
    const double ms = double(t.nsecsElapsed()) / 1e6;
    QObject::disconnect(a);
    QObject::disconnect(b);
    return failures ? -1 : ms;
}

int fanout(const QStringList &args, const QByteArray &body)
{
    const int count = argValue(args, QStringLiteral("--destinations"), QStringLiteral("100")).toInt();
    const int rounds = argValue(args, QStringLiteral("--rounds"), QStringLiteral("5")).toInt();
    std::vector<std::unique_ptr<ScriptedServer>> servers;
    Delivery::Message message;
    message.headers = {{"Content-Type", "application/json"}};
    message.body = body;
    for (int i = 0; i < count; ++i) {
        servers.push_back(std::make_unique<ScriptedServer>());
        message.destinations << QUrl(QStringLiteral("http://127.0.0.1:%1/hooks").arg(servers.back()->serverPort()));
    }
    QList<double> ours, curls;
    for (int round = 0; round < rounds; ++round) {
        // A fresh engine each round: new connections, as curl makes them.
        Delivery::Sender sender;
        sender.setMaxConnections(count);
        const double ms = timeOneSend(sender, message);
        if (ms < 0) {
            std::fprintf(stderr, "a destination did not answer 200\n");
            return 1;
        }
        ours << ms;
    }

    QTemporaryFile bodyFile;
    bodyFile.open();
    bodyFile.write(body);
    bodyFile.flush();
    QStringList curlArgs{QStringLiteral("--parallel"),
                         QStringLiteral("--parallel-immediate"),
                         QStringLiteral("--parallel-max"),
                         QString::number(count),
                         QStringLiteral("-s"),
                         QStringLiteral("-H"),
                         QStringLiteral("Content-Type: application/json"),
                         QStringLiteral("--data-binary"),
                         QLatin1Char('@') + bodyFile.fileName()};
    for (const QUrl &url : std::as_const(message.destinations))
        curlArgs << url.toString() << QStringLiteral("-o") << QStringLiteral("/dev/null");
    for (int round = 0; round < rounds; ++round) {
        QProcess curl;
        QEventLoop loop;
        QObject::connect(&curl, &QProcess::finished, &loop, &QEventLoop::quit);
        QElapsedTimer t;
        t.start();
        curl.start(QStringLiteral("curl"), curlArgs);
        loop.exec();
        curls << double(t.nsecsElapsed()) / 1e6;
    }
    qsizetype received = 0;
    for (const auto &s : servers)
        received += s->requests().size();
    std::printf("fan-out of one %lld-byte message to %d local destinations, median of %d rounds:\n",
                qlonglong(body.size()), count, rounds);
    std::printf("  hookscope (Delivery::Sender)  %8.1f ms\n", median(ours));
    std::printf("  curl --parallel (reference)   %8.1f ms   (curl process start included)\n", median(curls));
    std::printf("  requests received by the destinations: %lld (expected %d)\n", qlonglong(received),
                count * rounds * 2);
    return received == count * rounds * 2 ? 0 : 1;
}

int load(const QStringList &args, const QByteArray &body)
{
    const QUrl url(argValue(args, QStringLiteral("--url"), {}));
    const int messages = argValue(args, QStringLiteral("--messages"), QStringLiteral("10000")).toInt();
    const int connections = argValue(args, QStringLiteral("--connections"), QStringLiteral("32")).toInt();
    const int rounds = argValue(args, QStringLiteral("--rounds"), QStringLiteral("5")).toInt();
    if (!url.isValid() || url.host().isEmpty() || messages < 1 || rounds < 1) {
        std::fprintf(stderr, "load needs --url URL, and positive --messages and --rounds\n");
        return 2;
    }
    // One engine for every round: its connections stay open between rounds, as wrk's do.
    Delivery::Sender sender;
    sender.setMaxConnections(connections);
    Delivery::Message message;
    message.destinations = {url};
    message.headers = {{"Content-Type", "application/json"}};
    message.body = body;
    int finished = 0, ok = 0;
    QEventLoop loop;
    QObject::connect(&sender, &Delivery::Sender::attemptFinished, &sender,
                     [&](const Delivery::AttemptReport &r) { ok += r.exchange.response.status() == 200; });
    QObject::connect(&sender, &Delivery::Sender::messageFinished, &loop, [&] {
        if (++finished == messages)
            loop.quit();
    });
    QList<double> rates, cpus;
    for (int round = 1; round <= rounds; ++round) {
        finished = 0;
        const double cpuBefore = cpuSeconds();
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < messages; ++i)
            sender.send(message);
        loop.exec();
        const double seconds = double(t.nsecsElapsed()) / 1e9;
        rates << messages / seconds;
        cpus << (cpuSeconds() - cpuBefore) * 1e6 / messages;
        std::printf("round %d: %d messages, %d connections: %.2f s, %.0f messages/s, %.1f us CPU per message\n", round,
                    messages, connections, seconds, rates.last(), cpus.last());
    }
    std::printf("median of %d rounds: %.0f messages/s, %.1f us CPU per message, %d of %d answered 200\n", rounds,
                median(rates), median(cpus), ok, messages * rounds);
    return ok == messages * rounds ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QByteArray body = kilobyteBody();
    if (const QString path = argValue(args, QStringLiteral("--body"), {}); !path.isEmpty()) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return 2;
        body = f.readAll();
    }
    if (args.size() > 1 && args.at(1) == QLatin1String("fanout"))
        return fanout(args, body);
    if (args.size() > 1 && args.at(1) == QLatin1String("load"))
        return load(args, body);
    std::fprintf(stderr, "usage: bench_send fanout [--destinations N] [--rounds N] | load --url URL [--messages N] "
                         "[--connections N]\n");
    return 2;
}
