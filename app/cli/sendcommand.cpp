#include "sendcommand.h"
#include "deliveryresult.h"
#include "secretoptions.h"
#include "sendrepeat.h"
#include "terminal.h"

#include "delivery/sender.h"
#include "delivery/template.h"
#include "session/sessionwriter.h"
#include "signing/signing.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <cstdio>
#include <memory>

namespace Cli::SendCommand {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli::SendCommand", text);
}

/// A template by id ("github-push") or a .http file in that format.
bool loadTemplate(const QString &name, Delivery::Template *out, QString *error)
{
    if (QFileInfo(name).isFile()) {
        QFile f(name);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = tr("cannot read the template %1: %2").arg(name, f.errorString());
            return false;
        }
        return Delivery::Template::parse(QFileInfo(name).completeBaseName(), f.readAll(), out, error);
    }
    QStringList ids;
    for (const Delivery::Template &t : Delivery::Template::builtIn()) {
        if (t.id == name) {
            *out = t;
            return true;
        }
        ids << t.id;
    }
    *error = tr("no template '%1'; built in: %2 (or give a .http file)").arg(name, ids.join(QLatin1String(", ")));
    return false;
}

/// "Name: value" as curl takes it; "Name;" sends the header with an empty value, and so does
/// "Name:" (which, for Host, Content-Length and User-Agent, leaves that default out).
bool parseHeader(const QString &spec, QPair<QByteArray, QByteArray> *out)
{
    const QByteArray bytes = spec.toUtf8();
    qsizetype colon = bytes.indexOf(':');
    if (colon < 0 && bytes.endsWith(';'))
        colon = bytes.size() - 1;
    if (colon <= 0)
        return false;
    out->first = bytes.first(colon).trimmed();
    out->second = bytes.sliced(colon + 1).trimmed();
    return !out->first.isEmpty();
}

bool readData(const QStringList &values, Delivery::Message *message, QString *error)
{
    QByteArrayList texts;
    for (const QString &value : values) {
        if (!value.startsWith(QLatin1Char('@'))) {
            texts << value.toUtf8();
            continue;
        }
        const QString path = value.sliced(1);
        if (path == QLatin1String("-")) {
            QFile in;
            if (!in.open(stdin, QIODevice::ReadOnly)) {
                *error = tr("cannot read the body from stdin");
                return false;
            }
            texts << in.readAll();
            continue;
        }
        if (values.size() > 1) {
            *error = tr("--data @FILE sends the file as the whole body: give it once, alone");
            return false;
        }
        QFileInfo info(path);
        if (!info.isFile() || !info.isReadable()) {
            *error = tr("cannot read the body file %1").arg(path);
            return false;
        }
        message->bodyFile = info.absoluteFilePath(); // streamed, byte for byte
        return true;
    }
    message->body = texts.join('&');
    return true;
}

} // namespace

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Send one message to every URL in parallel, signed if asked, retrying failures, and print one result "
           "per destination. Exit status 0 when every destination finally answered 2xx, 1 otherwise, 2 for bad "
           "options. What is sent is what you give: only Host, Content-Length and User-Agent are added, each "
           "unless you set it (-H 'Host:' leaves one out)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("URL"), tr("Where to send it (http:// or https://); several allowed."),
                                 QStringLiteral("URL [URL...]"));
    const auto option = [](const QStringList &names, const char *help, const char *value = nullptr) {
        return value ? QCommandLineOption(names, tr(help), QString::fromLatin1(value))
                     : QCommandLineOption(names, tr(help));
    };
    const QCommandLineOption method =
        option({QStringLiteral("X"), QStringLiteral("request")},
               QT_TRANSLATE_NOOP("Cli::SendCommand", "The method (default: POST with a body, GET without)."), "METHOD");
    const QCommandLineOption header =
        option({QStringLiteral("H"), QStringLiteral("header")},
               QT_TRANSLATE_NOOP("Cli::SendCommand", "A header line, sent in the order given; repeat for more."),
               "Name: value");
    const QCommandLineOption data = option(
        {QStringLiteral("d"), QStringLiteral("data")},
        QT_TRANSLATE_NOOP("Cli::SendCommand",
                          "The body: TEXT as given (several are joined with '&'), @FILE the file's bytes unchanged "
                          "(streamed), @- stdin."),
        "TEXT|@FILE");
    const QCommandLineOption templ = option(
        {QStringLiteral("template")},
        QT_TRANSLATE_NOOP("Cli::SendCommand",
                          "Start from a provider's delivery: a built-in template (github-push, stripe-payment-intent-"
                          "succeeded, ...) or a .http file; -X, -H and --data change it."),
        "NAME");
    const QCommandLineOption sign = option(
        {QStringLiteral("sign")},
        QT_TRANSLATE_NOOP("Cli::SendCommand", "Sign each attempt with this scheme (github, stripe, ...)."), "SCHEME");
    const QList<QCommandLineOption> secretOptions = signingSecretOptions();
    const QCommandLineOption &secret = secretOptions.at(0);
    const QCommandLineOption &secretFile = secretOptions.at(1);
    const QCommandLineOption retries = option(
        {QStringLiteral("retries")},
        QT_TRANSLATE_NOOP("Cli::SendCommand",
                          "Retry a destination up to N times after a connection error, a timeout, 5xx, 429 or "
                          "408 (default 0), waiting with exponential backoff and jitter, or as Retry-After says."),
        "N");
    const QCommandLineOption retryDelay =
        option({QStringLiteral("retry-delay")},
               QT_TRANSLATE_NOOP("Cli::SendCommand", "The wait before the first retry, doubled for each next one "
                                                     "(default 1000)."),
               "MS");
    const QCommandLineOption timeout =
        option({QStringLiteral("timeout")},
               QT_TRANSLATE_NOOP("Cli::SendCommand", "Give up on an attempt after this long (default 30000)."), "MS");
    const QCommandLineOption insecure = option({QStringLiteral("k"), QStringLiteral("insecure")},
                                               QT_TRANSLATE_NOOP("Cli::SendCommand", "Accept any https certificate."));
    const QCommandLineOption noProxy =
        option({QStringLiteral("no-proxy")},
               QT_TRANSLATE_NOOP("Cli::SendCommand", "Connect directly, ignoring http_proxy and https_proxy."));
    const QCommandLineOption session = option(
        {QStringLiteral("session")},
        QT_TRANSLATE_NOOP("Cli::SendCommand", "Store the message and every attempt in this session file."), "FILE");
    const QCommandLineOption json = option(
        {QStringLiteral("json")},
        QT_TRANSLATE_NOOP("Cli::SendCommand",
                          "Print one JSON object per destination: url, status, attempts, duration_ms (first attempt "
                          "to final answer, waits included), error."));
    const QCommandLineOption repeatCount =
        option({QStringLiteral("repeat")},
               QT_TRANSLATE_NOOP("Cli::SendCommand",
                                 "Send the message N times, each with its own placeholders and signature, and print a "
                                 "summary instead: answers by status, latency p50/p90/p99/max, requests/s."),
               "N");
    const QCommandLineOption concurrency = option(
        {QStringLiteral("concurrency")},
        QT_TRANSLATE_NOOP("Cli::SendCommand", "With --repeat or --rate: requests in flight at most (default 1)."), "C");
    const QCommandLineOption rate = option(
        {QStringLiteral("rate")},
        QT_TRANSLATE_NOOP("Cli::SendCommand", "Send R messages a second for --duration seconds, then summarise."), "R");
    const QCommandLineOption duration = option(
        {QStringLiteral("duration")}, QT_TRANSLATE_NOOP("Cli::SendCommand", "How long --rate sends, in seconds."), "S");
    parser.addOptions({method, header, data, templ, sign, secret, secretFile, retries, retryDelay, timeout, insecure,
                       noProxy, session, json, repeatCount, concurrency, rate, duration});
    if (const int exit = parseArguments(parser, args, "send"); exit >= 0)
        return exit;

    const auto usage = [](const QString &message) {
        printError("send", message);
        return 2;
    };
    Delivery::Message message;
    if (parser.isSet(templ)) {
        Delivery::Template t;
        QString error;
        if (!loadTemplate(parser.value(templ), &t, &error))
            return usage(error);
        message.name = t.name;
        message.method = t.method;
        message.headers = t.headers;
        message.body = t.body;
        message.signScheme = t.sign;
    }
    const QStringList urls = parser.positionalArguments();
    if (urls.isEmpty())
        return usage(tr("give at least one URL to send to"));
    for (const QString &text : urls) {
        const QUrl url = QUrl::fromUserInput(text);
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            return usage(tr("'%1' is not an http:// or https:// URL").arg(text));
        message.destinations << url;
    }
    for (const QString &spec : parser.values(header)) {
        QPair<QByteArray, QByteArray> h;
        if (!parseHeader(spec, &h))
            return usage(tr("-H takes 'Name: value', not '%1'").arg(spec));
        message.headers << h;
    }
    if (parser.isSet(data)) {
        message.body.clear();
        QString error;
        if (!readData(parser.values(data), &message, &error))
            return usage(error);
    }
    const bool hasBody = !message.body.isEmpty() || !message.bodyFile.isEmpty() || parser.isSet(data);
    if (parser.isSet(method))
        message.method = parser.value(method).toUtf8();
    else if (!parser.isSet(templ))
        message.method = hasBody ? "POST" : "GET";

    if (parser.isSet(sign))
        message.signScheme = parser.value(sign);
    if (!message.signScheme.isEmpty()) {
        if (Signing::schemeTitle(message.signScheme).isEmpty())
            return usage(tr("unknown scheme '%1'; known: %2")
                             .arg(message.signScheme, Signing::schemeIds().join(QLatin1String(", "))));
        if (!readSigningSecret(parser, secret, secretFile, "send", &message.signSecret))
            return 2;
    } else if (parser.isSet(secret) || parser.isSet(secretFile)) {
        return usage(tr("a secret without --sign SCHEME: say which scheme to sign with"));
    }
    const auto number = [&](const QCommandLineOption &o, int fallback, int min, int *out) {
        bool ok = true;
        *out = parser.isSet(o) ? parser.value(o).toInt(&ok) : fallback;
        return ok && *out >= min;
    };
    int retryCount = 0, delay = 0, timeoutMs = 0;
    if (!number(retries, 0, 0, &retryCount) || retryCount > 100)
        return usage(tr("--retries takes a number from 0 to 100"));
    if (!number(retryDelay, 1000, 0, &delay))
        return usage(tr("--retry-delay takes milliseconds"));
    if (!number(timeout, 30'000, 1, &timeoutMs))
        return usage(tr("--timeout takes milliseconds, at least 1"));
    message.retry.maxAttempts = retryCount + 1;
    message.retry.initialDelayMs = delay;
    message.client.totalTimeoutMs = timeoutMs;
    message.client.connectTimeoutMs = std::min(timeoutMs, message.client.connectTimeoutMs);
    message.client.tls.insecure = parser.isSet(insecure);
    message.client.useEnvironmentProxy = !parser.isSet(noProxy);
    const bool repeating = parser.isSet(repeatCount) || parser.isSet(rate);
    Delivery::RepeatPlan plan;
    if (parser.isSet(repeatCount) && parser.isSet(rate))
        return usage(tr("--repeat and --rate are two ways to repeat: give one"));
    if (!repeating && (parser.isSet(concurrency) || parser.isSet(duration)))
        return usage(tr("--concurrency and --duration go with --repeat or --rate"));
    if (repeating) {
        if (!number(concurrency, 1, 1, &plan.concurrency) || plan.concurrency > 10'000)
            return usage(tr("--concurrency takes a number from 1 to 10000"));
        if (parser.isSet(repeatCount) && !number(repeatCount, 1, 1, &plan.count))
            return usage(tr("--repeat takes a number, at least 1"));
        if (parser.isSet(rate)) {
            bool ok = false;
            plan.ratePerSecond = parser.value(rate).toDouble(&ok);
            if (!ok || plan.ratePerSecond <= 0)
                return usage(tr("--rate takes messages per second, more than 0"));
            const double seconds = parser.value(duration).toDouble(&ok);
            if (!parser.isSet(duration) || !ok || seconds <= 0 || seconds > 86'400)
                return usage(tr("--rate needs --duration: seconds, more than 0"));
            plan.durationMs = int(seconds * 1000);
        }
        if (const QString problem = plan.problem(); !problem.isEmpty())
            return usage(problem);
    }
    // Opened before anything is sent, so a session that cannot be used costs no delivery.
    std::unique_ptr<Session::SessionWriter> writer;
    QString saveError;
    if (parser.isSet(session)) {
        writer = std::make_unique<Session::SessionWriter>();
        const Session::SessionFile::Info info = writer->open(parser.value(session));
        if (info.problem != Session::FileProblem::None)
            return usage(info.error);
        // Empty again once commits recover; read after stop(), which joins the writer thread.
        writer->setHealthHandler([&saveError](const QString &error) { saveError = error; });
        writer->start();
    }

    if (repeating) {
        const int exit = repeat(message, plan, writer.get(), parser.isSet(json));
        if (writer) {
            writer->stop();
            if (!saveError.isEmpty()) {
                printError("send", tr("could not save into %1: %2").arg(parser.value(session), saveError));
                return 1;
            }
        }
        return exit;
    }

    Delivery::Sender sender;
    QList<DeliveryOutcome> outcomes(message.destinations.size());
    QElapsedTimer clock;
    clock.start();
    const bool asJson = parser.isSet(json);
    QString prepareError;
    storeInto(writer.get(), &sender);
    QObject::connect(&sender, &Delivery::Sender::prepared, &sender, [&](const Delivery::Prepared &p) {
        prepareError = p.error;
        if (!p.unresolved.isEmpty())
            printError("send",
                       tr("left as written, not known: {{%1}}").arg(p.unresolved.join(QLatin1String("}}, {{"))));
    });
    QObject::connect(&sender, &Delivery::Sender::attemptFinished, &sender, [&](const Delivery::AttemptReport &r) {
        DeliveryOutcome &o = outcomes[r.destination];
        o.attempts = r.attempt;
        o.done = r.final;
        o.last = r.exchange;
        if (r.final)
            o.finishedAtMs = clock.elapsed();
        else if (!asJson)
            writeOut(retryLine(message.destinations.at(r.destination).toString(), o, r.retryInMs), stderr);
    });
    QObject::connect(&sender, &Delivery::Sender::messageFinished, &sender, [] { QCoreApplication::exit(0); });
    QString error;
    if (sender.send(message, &error) == 0)
        return usage(error);
    QCoreApplication::exec();
    if (writer) {
        writer->stop();
        if (!saveError.isEmpty())
            printError("send", tr("could not save into %1: %2").arg(parser.value(session), saveError));
    }
    if (!prepareError.isEmpty()) {
        printError("send", prepareError);
        return 1;
    }

    bool allOk = true;
    for (int i = 0; i < outcomes.size(); ++i) {
        allOk = allOk && finallyOk(outcomes.at(i));
        writeOut(resultLine(message.destinations.at(i).toString(), outcomes.at(i), asJson), stdout);
    }
    return allOk && saveError.isEmpty() ? 0 : 1;
}

} // namespace Cli::SendCommand
