#include "replaycommand.h"
#include "deliveryresult.h"
#include "secretoptions.h"
#include "sendrepeat.h"
#include "terminal.h"

#include "delivery/replay.h"
#include "delivery/sender.h"
#include "session/sessionreader.h"
#include "session/sessionwriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QUrl>

#include <algorithm>
#include <memory>

namespace Cli::ReplayCommand {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli::ReplayCommand", text);
}

/// One captured request being replayed, and how its destinations fared.
struct Job
{
    qint64 id = 0;
    Delivery::Replay replay;
    QList<DeliveryOutcome> outcomes;
    QString prepareError;
};

bool parseIds(const QStringList &values, QList<qint64> *ids)
{
    for (const QString &value : values) {
        for (const QString &part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const qint64 id = part.trimmed().toLongLong(&ok);
            if (!ok || id <= 0)
                return false;
            if (!ids->contains(id))
                ids->append(id);
        }
    }
    std::sort(ids->begin(), ids->end());
    return !ids->isEmpty();
}

/// The captured requests by id, made into replays; false (the problem in `error`) when one is
/// not in the session or cannot be replayed.
bool loadJobs(const QString &path, const QList<qint64> &ids, const Delivery::ReplayOptions &options, QList<Job> *jobs,
              QString *error)
{
    Session::SessionReader reader;
    const Session::SessionFile::Info info = reader.open(path);
    if (info.problem != Session::FileProblem::None) {
        *error = info.error;
        return false;
    }
    for (qint64 id : ids) {
        const Session::CapturedRequestPtr captured = reader.load(id);
        if (!captured) {
            *error = tr("there is no captured request %1 in %2").arg(id).arg(path);
            return false;
        }
        if (!captured->request.hasRequestLine()) {
            *error = tr("request %1 was rejected before its request line was read: there is nothing to replay").arg(id);
            return false;
        }
        Delivery::ReplayOptions o = options;
        o.sourceId = id;
        Job job{id, Delivery::replayOf(captured->request, o), {}, {}};
        if (!job.replay.error.isEmpty()) {
            *error = job.replay.error;
            return false;
        }
        job.outcomes.resize(options.destinations.size());
        jobs->append(std::move(job));
    }
    return true;
}

} // namespace

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Send captured requests again to every URL: the same method, target, header lines (names, order, "
           "duplicates) and body, without the hop-by-hop headers, with Host and Content-Length made for the "
           "destination. The changes are printed on stderr first. Requests go one after the other in id order "
           "(--parallel: all at once); each replay is stored in the session, linked to its request. Exit status 0 "
           "when every destination finally answered 2xx, 1 otherwise, 2 for bad options."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("SESSION"), tr("The session file the requests were captured into."));
    const auto option = [](const QStringList &names, const char *help, const char *value = nullptr) {
        return value ? QCommandLineOption(names, tr(help), QString::fromLatin1(value))
                     : QCommandLineOption(names, tr(help));
    };
    const QCommandLineOption id =
        option({QStringLiteral("id")},
               QT_TRANSLATE_NOOP("Cli::ReplayCommand", "The captured requests to replay, by id."), "N[,N...]");
    const QCommandLineOption to = option(
        {QStringLiteral("to")},
        QT_TRANSLATE_NOOP("Cli::ReplayCommand", "Where to send them (http:// or https://); repeat for more."), "URL");
    const QCommandLineOption resign = option(
        {QStringLiteral("resign")},
        QT_TRANSLATE_NOOP("Cli::ReplayCommand",
                          "Sign afresh with this scheme (new timestamp), dropping the captured signature headers; "
                          "without it they go as captured."),
        "SCHEME");
    const QList<QCommandLineOption> secretOptions = signingSecretOptions();
    const QCommandLineOption &secret = secretOptions.at(0);
    const QCommandLineOption &secretFile = secretOptions.at(1);
    const QCommandLineOption parallel =
        option({QStringLiteral("parallel")}, QT_TRANSLATE_NOOP("Cli::ReplayCommand", "Send every request at once."));
    const QCommandLineOption timeout =
        option({QStringLiteral("timeout")},
               QT_TRANSLATE_NOOP("Cli::ReplayCommand", "Give up on an attempt after this long (default 30000)."), "MS");
    const QCommandLineOption json =
        option({QStringLiteral("json")},
               QT_TRANSLATE_NOOP("Cli::ReplayCommand",
                                 "Print one JSON object per request and destination: id, url, status, attempts, "
                                 "duration_ms, error."));
    parser.addOptions({id, to, resign, secret, secretFile, parallel, timeout, json});
    if (const int exit = parseArguments(parser, args, "replay"); exit >= 0)
        return exit;
    const auto usage = [](const QString &message) {
        printError("replay", message);
        return 2;
    };

    if (parser.positionalArguments().size() != 1)
        return usage(tr("give one session file"));
    const QString path = parser.positionalArguments().constFirst();
    QList<qint64> ids;
    if (!parseIds(parser.values(id), &ids))
        return usage(tr("--id takes the ids of captured requests: N or N,M,..."));
    Delivery::ReplayOptions options;
    for (const QString &text : parser.values(to)) {
        const QUrl url = QUrl::fromUserInput(text);
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            return usage(tr("'%1' is not an http:// or https:// URL").arg(text));
        options.destinations << url;
    }
    if (options.destinations.isEmpty())
        return usage(tr("give at least one --to URL to replay to"));
    if (parser.isSet(resign)) {
        options.resignScheme = parser.value(resign);
        if (Signing::schemeTitle(options.resignScheme).isEmpty())
            return usage(tr("unknown scheme '%1'; known: %2")
                             .arg(options.resignScheme, Signing::schemeIds().join(QLatin1String(", "))));
        if (!readSigningSecret(parser, secret, secretFile, "replay", &options.resignSecret))
            return 2;
    } else if (parser.isSet(secret) || parser.isSet(secretFile)) {
        return usage(tr("a secret without --resign SCHEME: say which scheme to sign with"));
    }
    bool ok = true;
    const int timeoutMs = parser.isSet(timeout) ? parser.value(timeout).toInt(&ok) : 30'000;
    if (!ok || timeoutMs < 1)
        return usage(tr("--timeout takes milliseconds, at least 1"));

    QList<Job> jobs;
    QString error;
    if (!loadJobs(path, ids, options, &jobs, &error))
        return usage(error);
    for (Job &job : jobs) {
        job.replay.message.client.totalTimeoutMs = timeoutMs;
        job.replay.message.client.connectTimeoutMs = std::min(timeoutMs, job.replay.message.client.connectTimeoutMs);
        for (const QString &change : std::as_const(job.replay.changes))
            writeOut(tr("request %1: %2\n").arg(job.id).arg(change).toUtf8(), stderr);
    }

    Session::SessionWriter writer;
    if (const Session::SessionFile::Info info = writer.open(path); info.problem != Session::FileProblem::None)
        return usage(info.error);
    QString saveError;
    writer.setHealthHandler([&saveError](const QString &e) { saveError = e; });
    writer.start();

    Delivery::Sender sender;
    SendCommand::storeInto(&writer, &sender);
    QHash<qint64, qsizetype> jobOf; // the Sender's message number → index into jobs
    QElapsedTimer clock;
    clock.start();
    const bool asJson = parser.isSet(json);
    qsizetype next = 0;
    const auto sendNext = [&]() {
        const qsizetype i = next++;
        QString why;
        const qint64 number = sender.send(jobs.at(i).replay.message, &why);
        if (number == 0) {
            jobs[i].prepareError = why;
            return false;
        }
        jobOf.insert(number, i);
        return true;
    };
    qsizetype finished = 0;
    QObject::connect(&sender, &Delivery::Sender::prepared, &sender, [&](const Delivery::Prepared &p) {
        if (!p.error.isEmpty())
            jobs[jobOf.value(p.messageId)].prepareError = p.error;
    });
    QObject::connect(&sender, &Delivery::Sender::attemptFinished, &sender, [&](const Delivery::AttemptReport &r) {
        Job &job = jobs[jobOf.value(r.messageId)];
        DeliveryOutcome &o = job.outcomes[r.destination];
        o.attempts = r.attempt;
        o.done = r.final;
        o.last = r.exchange;
        if (r.final)
            o.finishedAtMs = clock.elapsed();
    });
    QObject::connect(&sender, &Delivery::Sender::messageFinished, &sender, [&](qint64 number) {
        const Job &job = jobs.at(jobOf.value(number));
        for (qsizetype d = 0; d < job.outcomes.size(); ++d) {
            const QString url = options.destinations.at(d).toString();
            const QJsonObject extra{{QStringLiteral("id"), job.id}};
            const QByteArray line = resultLine(url, job.outcomes.at(d), asJson, extra);
            writeOut(asJson ? line : QByteArray("#" + QByteArray::number(job.id) + "  " + line), stdout);
        }
        if (++finished == jobs.size() || (!parser.isSet(parallel) && !sendNext()))
            QCoreApplication::exit(0); // all done, or the next one could not be sent (said below)
    });
    bool started = true;
    if (parser.isSet(parallel)) {
        while (started && next < jobs.size())
            started = sendNext();
    } else {
        started = sendNext();
    }
    if (started)
        QCoreApplication::exec();
    writer.stop();
    if (!saveError.isEmpty())
        printError("replay", tr("could not save into %1: %2").arg(path, saveError));
    bool allOk = started && saveError.isEmpty();
    for (const Job &job : std::as_const(jobs)) {
        if (!job.prepareError.isEmpty())
            printError("replay", tr("request %1: %2").arg(job.id).arg(job.prepareError));
        allOk = allOk && job.prepareError.isEmpty() &&
                std::all_of(job.outcomes.cbegin(), job.outcomes.cend(),
                            [](const DeliveryOutcome &o) { return finallyOk(o); });
    }
    return allOk ? 0 : 1;
}

} // namespace Cli::ReplayCommand
