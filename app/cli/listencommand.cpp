#include "listencommand.h"
#include "secretoptions.h"
#include "sessiontarget.h"
#include "signalwatcher.h"
#include "terminal.h"
#include "tlsoptions.h"
#include "tunneloptions.h"

#include "capture/captureengine.h"
#include "capture/forwarder.h"
#include "config/settings.h"
#include "http/bindaddress.h"
#include "session/jsontext.h"
#include "session/ndjson.h"
#include "session/sessionfile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <memory>

namespace Cli::ListenCommand {

namespace {

void usageError(const QString &message)
{
    printError("listen", message);
}

/// Parses "1024", "64K", "100M", "1G" (binary multiples).
bool parseSize(const QString &text, qint64 *out)
{
    QString digits = text.trimmed();
    qint64 multiplier = 1;
    if (!digits.isEmpty()) {
        const QChar suffix = digits.back().toUpper();
        const qint64 m = suffix == QLatin1Char('K')   ? 1024
                         : suffix == QLatin1Char('M') ? 1024 * 1024
                         : suffix == QLatin1Char('G') ? 1024LL * 1024 * 1024
                                                      : 1;
        if (m != 1) {
            multiplier = m;
            digits.chop(1);
        }
    }
    bool ok = false;
    const qint64 value = digits.toLongLong(&ok);
    if (!ok || value <= 0 || value > (qint64(1) << 40) / multiplier)
        return false;
    *out = value * multiplier;
    return true;
}

bool parseInt(const QString &text, int min, int max, int *out)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < min || value > max)
        return false;
    *out = value;
    return true;
}

/// `"forwards":[{"url","status","duration_ms","error"}...]`, members to end a JSON line with.
QByteArray forwardsJson(const QList<Capture::ForwardResult> &results)
{
    QByteArray out = ",\"forwards\":[";
    for (qsizetype i = 0; i < results.size(); ++i) {
        const Capture::ForwardResult &f = results.at(i);
        out += i ? ",{\"url\":" : "{\"url\":";
        Session::appendJsonString(out, f.url.toEncoded());
        out += ",\"status\":" + (f.status ? QByteArray::number(f.status) : QByteArray("null"));
        out += ",\"duration_ms\":" + QByteArray::number(f.durationMs) + ",\"error\":";
        if (f.error.isEmpty())
            out += "null";
        else
            Session::appendJsonString(out, f.error.toUtf8());
        out += '}';
    }
    return out + ']';
}

/// Prints each captured request; with forwarding, once its forwards have their answers.
class Printer : public QObject
{
public:
    Printer(bool json, const Capture::ForwardRules &forwards)
        : m_json(json)
        , m_forwards(forwards)
    {
    }
    void print(const Session::CapturedBatch &batch)
    {
        for (const Session::CapturedRequestPtr &r : batch) {
            if (Capture::Forwarder::ruleFor(m_forwards, *r))
                m_held.insert(r->id, r); // its forwards come after it (CaptureEngine::forwarded)
            else
                write(*r, {});
        }
    }
    void forwarded(qint64 id, const QList<Capture::ForwardResult> &results)
    {
        if (const Session::CapturedRequestPtr r = m_held.take(id))
            write(*r, results);
    }
    void answeredLate(const Session::LateAnswer &answer) { m_late.insert(answer.requestId, answer); }
    /// At the end: what still waits for a forward is printed with what is known.
    void printHeld()
    {
        QList<qint64> ids = m_held.keys();
        std::sort(ids.begin(), ids.end());
        for (qint64 id : ids)
            write(*m_held.take(id), {}, QStringLiteral("stopped before an answer came"));
    }

private:
    void write(const Session::CapturedRequest &r, const QList<Capture::ForwardResult> &results,
               const QString &unfinished = {})
    {
        const auto out = [](QByteArrayView bytes) {
            return std::fwrite(bytes.data(), 1, size_t(bytes.size()), stdout) == size_t(bytes.size());
        };
        const std::optional<Session::LateAnswer> late =
            m_late.contains(r.id) ? std::optional(m_late.take(r.id)) : std::nullopt;
        Session::CapturedRequest withLate;
        if (late) { // the record as the session now has it
            withLate = r;
            withLate.lateAnswer = std::make_shared<const Session::LateAnswer>(*late);
        }
        bool ok = true;
        if (m_json) {
            QByteArray more;
            if (!m_forwards.isEmpty()) {
                more = forwardsJson(results);
                if (!unfinished.isEmpty()) {
                    more += ",\"forward_error\":";
                    Session::appendJsonString(more, unfinished.toUtf8());
                }
            }
            ok = Session::writeNdjsonLine(late ? withLate : r, out, more);
        } else {
            QByteArray text = humanLine(r);
            for (const Capture::ForwardResult &f : results) {
                text += "    forwarded \u2192 " + (f.status ? QByteArray::number(f.status) : QByteArray("---")) + ' ' +
                        f.url.toEncoded() + " (" + QByteArray::number(f.durationMs) + " ms)";
                text += (f.error.isEmpty() ? QByteArray() : ": " + f.error.toUtf8()) + '\n';
            }
            if (!unfinished.isEmpty())
                text += "    forwarded: " + unfinished.toUtf8() + '\n';
            if (late)
                text += "    answered " + QByteArray::number(late->response.status) + ": " + late->note.toUtf8() + '\n';
            ok = out(text);
        }
        if (!ok || std::fflush(stdout) != 0) {
            // Whoever read our output went away (`| head`): stop as if asked to.
            QCoreApplication::exit(0);
        }
    }

    bool m_json;
    Capture::ForwardRules m_forwards;
    QHash<qint64, Session::CapturedRequestPtr> m_held; // waiting for their forwards
    QHash<qint64, Session::LateAnswer> m_late;         // answers that waited for a forward
};

} // namespace

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("Cli::ListenCommand", "Capture webhooks headless and print each request."));
    parser.addHelpOption();
    const QCommandLineOption port(
        QStringLiteral("port"),
        QCoreApplication::translate("Cli::ListenCommand", "Port to listen on; 0 picks a free one."),
        QCoreApplication::translate("Cli::ListenCommand", "N"), QString::number(Config::Settings::Port.fallback));
    const QCommandLineOption bind(
        QStringLiteral("bind"),
        QCoreApplication::translate("Cli::ListenCommand", "Address to listen on (default 127.0.0.1; ::1 for IPv6; "
                                                          "0.0.0.0 or :: exposes Hookscope to the network)."),
        QCoreApplication::translate("Cli::ListenCommand", "ADDR"), Config::Settings::BindAddress.fallback);
    const QCommandLineOption json(
        QStringLiteral("json"),
        QCoreApplication::translate("Cli::ListenCommand", "Print one JSON object per request on stdout (NDJSON)."));
    const QCommandLineOption status(QStringLiteral("status"),
                                    QCoreApplication::translate("Cli::ListenCommand", "Answer status (default 200)."),
                                    QCoreApplication::translate("Cli::ListenCommand", "CODE"));
    const QCommandLineOption header(
        QStringLiteral("header"),
        QCoreApplication::translate("Cli::ListenCommand", "Answer header 'Name: value'; repeat for more."),
        QCoreApplication::translate("Cli::ListenCommand", "HEADER"));
    const QCommandLineOption body(
        QStringLiteral("body"),
        QCoreApplication::translate("Cli::ListenCommand",
                                    "Answer body, or @FILE to read it from a file. Without it, an "
                                    "answer given --status or --header has an empty body."),
        QCoreApplication::translate("Cli::ListenCommand", "TEXT"));
    const QCommandLineOption delay(
        QStringLiteral("delay"), QCoreApplication::translate("Cli::ListenCommand", "Wait this long before answering."),
        QCoreApplication::translate("Cli::ListenCommand", "MS"));
    const QCommandLineOption maxBody(
        QStringLiteral("max-body"),
        QCoreApplication::translate("Cli::ListenCommand", "Largest body accepted (default 100M); larger gets 413."),
        QCoreApplication::translate("Cli::ListenCommand", "BYTES"));
    const QCommandLineOption maxHead(
        QStringLiteral("max-head"),
        QCoreApplication::translate("Cli::ListenCommand",
                                    "Largest request head accepted (default 64K); larger gets 431."),
        QCoreApplication::translate("Cli::ListenCommand", "BYTES"));
    const QCommandLineOption session(
        QStringLiteral("session"),
        QCoreApplication::translate("Cli::ListenCommand", "Save every request in this session file (created if absent, "
                                                          "appended to if it exists)."),
        QCoreApplication::translate("Cli::ListenCommand", "FILE"));
    const QCommandLineOption fastAck(
        QStringLiteral("fast-ack"),
        QCoreApplication::translate("Cli::ListenCommand", "Answer before the request is committed to the session file "
                                                          "(lower latency; a crash can lose answered requests)."));
    const QCommandLineOption keep(
        QStringLiteral("keep"),
        QCoreApplication::translate("Cli::ListenCommand", "Keep only the newest N requests in the session file."),
        QCoreApplication::translate("Cli::ListenCommand", "N"));
    const QCommandLineOption secret(
        QStringLiteral("secret"),
        QCoreApplication::translate("Cli::ListenCommand",
                                    "Verify signatures of this scheme with this secret; SCHEME:PATH=SECRET only on "
                                    "paths matching the glob PATH. Repeat for more (any that matches is valid)."),
        QCoreApplication::translate("Cli::ListenCommand", "SCHEME=SECRET"));
    const QCommandLineOption secretFile(
        QStringLiteral("secret-file"),
        QCoreApplication::translate("Cli::ListenCommand",
                                    "Read secrets from a file, one SCHEME=SECRET or SCHEME:PATH=SECRET a line "
                                    "(keeps them out of the process list)."),
        QCoreApplication::translate("Cli::ListenCommand", "FILE"));
    const QCommandLineOption publicUrl(
        QStringLiteral("public-url"),
        QCoreApplication::translate("Cli::ListenCommand",
                                    "The URL the provider calls (e.g. a tunnel's), for schemes that sign the URL "
                                    "(twilio, square)."),
        QCoreApplication::translate("Cli::ListenCommand", "URL"));
    const QCommandLineOption tolerance(
        QStringLiteral("tolerance"),
        QCoreApplication::translate("Cli::ListenCommand",
                                    "Accept signed timestamps this far off for a scheme instead of its provider's "
                                    "default."),
        QCoreApplication::translate("Cli::ListenCommand", "SCHEME=SECONDS"));
    const QCommandLineOption onInvalid(
        QStringLiteral("on-invalid-signature"),
        QCoreApplication::translate("Cli::ListenCommand",
                                    "Answer requests whose signature is invalid with this status (e.g. 401, to test "
                                    "a sender's retries); others get the usual answer."),
        QCoreApplication::translate("Cli::ListenCommand", "CODE"));
    const QCommandLineOption forward(
        QStringLiteral("forward"),
        QCoreApplication::translate("Cli::ListenCommand",
                                    "Forward every captured request to this URL as it came (hop-by-hop headers "
                                    "dropped, Host and Content-Length made anew), after it is saved; repeat for "
                                    "more. Each request is printed once its forwards have answered."),
        QCoreApplication::translate("Cli::ListenCommand", "URL"));
    const QCommandLineOption forwardPath(
        QStringLiteral("forward-path"),
        QCoreApplication::translate("Cli::ListenCommand",
                                    "Rewrite the path of forwarded requests: each '*' of TO takes what the '*' of "
                                    "FROM matched (/hooks/*=/api/webhooks/*)."),
        QCoreApplication::translate("Cli::ListenCommand", "FROM=TO"));
    const QCommandLineOption answerFromForward(
        QStringLiteral("answer-from-forward"),
        QCoreApplication::translate("Cli::ListenCommand",
                                    "Answer each sender with what the first --forward destination answered (hop-by-hop "
                                    "headers dropped) instead of the configured answer, which goes out only when that "
                                    "destination fails or does not answer within --forward-timeout."));
    const QCommandLineOption forwardTimeout(
        QStringLiteral("forward-timeout"),
        QCoreApplication::translate("Cli::ListenCommand",
                                    "With --answer-from-forward: how long a sender waits for the destination's answer "
                                    "before it gets the configured one (default 10000)."),
        QCoreApplication::translate("Cli::ListenCommand", "MS"));
    parser.addOptions({port,          bind,      json,    status,      header,
                       body,          delay,     maxBody, maxHead,     session,
                       fastAck,       keep,      secret,  secretFile,  publicUrl,
                       tolerance,     onInvalid, forward, forwardPath, answerFromForward,
                       forwardTimeout});
    TlsOptions tlsOptions;
    parser.addOptions(tlsOptions.options());
    TunnelOptions tunnelOptions;
    parser.addOptions(tunnelOptions.options());

    if (const int exit = parseArguments(parser, args, "listen"); exit >= 0)
        return exit;
    if (!parser.positionalArguments().isEmpty()) {
        usageError(QCoreApplication::translate("Cli::ListenCommand", "unexpected argument '%1'")
                       .arg(parser.positionalArguments().constFirst()));
        return 2;
    }

    Capture::ListenConfig config;
    int portValue = 0;
    if (!parseInt(parser.value(port), 0, 65535, &portValue)) {
        usageError(QCoreApplication::translate("Cli::ListenCommand", "invalid --port '%1': expected 0 to 65535")
                       .arg(parser.value(port)));
        return 2;
    }
    config.port = quint16(portValue);
    const Http::BindAddress bindAddress = Http::parseBindAddress(parser.value(bind));
    if (!bindAddress.isValid()) {
        usageError(QCoreApplication::translate("Cli::ListenCommand", "invalid --bind: %1").arg(bindAddress.error));
        return 2;
    }
    config.address = bindAddress.address;
    // The default body and its Content-Type go together: an answer shaped here holds only what is given.
    if (parser.isSet(status) || parser.isSet(header) || parser.isSet(body))
        config.answer = Capture::AnswerSpec::blank();
    if (parser.isSet(status) && !parseInt(parser.value(status), 200, 599, &config.answer.status)) {
        usageError(QCoreApplication::translate("Cli::ListenCommand", "invalid --status '%1': expected 200 to 599")
                       .arg(parser.value(status)));
        return 2;
    }
    if (parser.isSet(header)) {
        for (const QString &h : parser.values(header)) {
            QPair<QByteArray, QByteArray> parsed;
            QString error;
            if (!Capture::AnswerSpec::parseHeader(h, &parsed, &error)) {
                usageError(QCoreApplication::translate("Cli::ListenCommand", "invalid --header: %1").arg(error));
                return 2;
            }
            config.answer.headers.append(parsed);
        }
    }
    if (parser.isSet(body)) {
        const QString value = parser.value(body);
        if (value.startsWith(QLatin1Char('@'))) {
            QFile file(value.mid(1));
            if (!file.open(QIODevice::ReadOnly)) {
                usageError(QCoreApplication::translate("Cli::ListenCommand", "cannot read --body file '%1': %2")
                               .arg(file.fileName(), file.errorString()));
                return 2;
            }
            config.answer.body = file.readAll();
        } else {
            config.answer.body = value.toUtf8();
        }
    }
    if (parser.isSet(delay) && !parseInt(parser.value(delay), 0, 3'600'000, &config.answer.delayMs)) {
        usageError(QCoreApplication::translate("Cli::ListenCommand", "invalid --delay '%1': expected 0 to 3600000 ms")
                       .arg(parser.value(delay)));
        return 2;
    }
    if (parser.isSet(maxBody) && !parseSize(parser.value(maxBody), &config.limits.maxBodyBytes)) {
        usageError(QCoreApplication::translate("Cli::ListenCommand",
                                               "invalid --max-body '%1': expected a size such as 1048576 or 10M")
                       .arg(parser.value(maxBody)));
        return 2;
    }
    if (parser.isSet(maxHead)) {
        qint64 value = 0;
        if (!parseSize(parser.value(maxHead), &value) || value < 64 || value > 64 * 1024 * 1024) {
            usageError(
                QCoreApplication::translate("Cli::ListenCommand", "invalid --max-head '%1': expected 64 bytes to 64M")
                    .arg(parser.value(maxHead)));
            return 2;
        }
        config.limits.maxHeadBytes = qsizetype(value);
    }
    if (parser.isSet(session)) {
        config.sessionPath = parser.value(session);
        // A file that is not a usable session is refused before anything listens or writes.
        const QString problem = checkSessionTarget(config.sessionPath);
        if (!problem.isEmpty()) {
            usageError(problem);
            return 2;
        }
    } else if (parser.isSet(fastAck) || parser.isSet(keep)) {
        usageError(QCoreApplication::translate("Cli::ListenCommand", "--fast-ack and --keep need --session"));
        return 2;
    }
    config.fastAck = parser.isSet(fastAck);
    if (parser.isSet(keep)) {
        bool ok = false;
        config.retention = parser.value(keep).toLongLong(&ok);
        if (!ok || config.retention <= 0) {
            usageError(
                QCoreApplication::translate("Cli::ListenCommand", "invalid --keep '%1': expected a positive number")
                    .arg(parser.value(keep)));
            return 2;
        }
    }

    SecretOptions signatures;
    signatures.secrets = parser.values(secret);
    signatures.secretFile = parser.value(secretFile);
    signatures.publicUrl = parser.value(publicUrl);
    signatures.tolerances = parser.values(tolerance);
    if (QString error; !signatures.toConfig(&config.signatures, &error)) {
        usageError(error);
        return 2;
    }
    if (parser.isSet(onInvalid)) {
        Capture::ResponseRule rule;
        rule.name = QStringLiteral("invalid signature");
        rule.signature = QStringLiteral("invalid");
        Capture::AnswerSpec answer = Capture::AnswerSpec::blank();
        if (!parseInt(parser.value(onInvalid), 200, 599, &answer.status)) {
            usageError(QCoreApplication::translate("Cli::ListenCommand",
                                                   "invalid --on-invalid-signature '%1': expected 200 to 599")
                           .arg(parser.value(onInvalid)));
            return 2;
        }
        answer.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
        answer.body = "invalid signature\n";
        rule.answers = {answer};
        config.rules.append(rule);
    }

    Capture::ForwardRules forwardRules;
    if (parser.isSet(forward)) {
        Capture::ForwardRule rule;
        for (const QString &text : parser.values(forward))
            rule.destinations << QUrl::fromUserInput(text);
        if (parser.isSet(forwardPath)) {
            const QString spec = parser.value(forwardPath);
            const qsizetype eq = spec.indexOf(QLatin1Char('='));
            rule.rewriteFrom = spec.left(eq);
            rule.rewriteTo = eq < 0 ? QString() : spec.mid(eq + 1);
        }
        rule.answerFromForward = parser.isSet(answerFromForward);
        if (parser.isSet(forwardTimeout) &&
            !parseInt(parser.value(forwardTimeout), 0, 24 * 3600 * 1000, &rule.answerTimeoutMs)) {
            usageError(QCoreApplication::translate("Cli::ListenCommand",
                                                   "invalid --forward-timeout '%1' (milliseconds, 0 to 86400000)")
                           .arg(parser.value(forwardTimeout)));
            return 2;
        }
        if (const QString problem = rule.problem(); !problem.isEmpty()) {
            usageError(QCoreApplication::translate("Cli::ListenCommand", "invalid --forward: %1").arg(problem));
            return 2;
        }
        forwardRules.rules = {rule};
    } else if (parser.isSet(forwardPath) || parser.isSet(answerFromForward) || parser.isSet(forwardTimeout)) {
        usageError(QCoreApplication::translate("Cli::ListenCommand", "%1 needs --forward")
                       .arg(parser.isSet(forwardPath)         ? QStringLiteral("--forward-path")
                            : parser.isSet(answerFromForward) ? QStringLiteral("--answer-from-forward")
                                                              : QStringLiteral("--forward-timeout")));
        return 2;
    }
    if (parser.isSet(forwardTimeout) && !parser.isSet(answerFromForward)) {
        usageError(QCoreApplication::translate("Cli::ListenCommand", "--forward-timeout needs --answer-from-forward"));
        return 2;
    }

    Capture::HttpsConfig https;
    if (const int exit = tlsOptions.read(parser, &https); exit != 0)
        return exit;
    config.https = https;
    if (const int exit = tunnelOptions.read(parser); exit != 0)
        return exit;

    std::signal(SIGPIPE, SIG_IGN);
    SignalWatcher signalWatcher;
    Capture::CaptureEngine engine;
    config.forwards = forwardRules;
    Printer printer(parser.isSet(json), forwardRules);
    int exitCode = 0;
    QObject::connect(&engine, &Capture::CaptureEngine::captured, &printer, &Printer::print);
    QObject::connect(&engine, &Capture::CaptureEngine::forwarded, &printer, &Printer::forwarded);
    QObject::connect(&engine, &Capture::CaptureEngine::answeredLate, &printer, &Printer::answeredLate);
    QObject::connect(&engine, &Capture::CaptureEngine::started, &printer, [](const QUrl &url) {
        std::fprintf(
            stderr, "%s\n",
            qUtf8Printable(QCoreApplication::translate("Cli::ListenCommand", "listening on %1").arg(url.toString())));
        std::fflush(stderr);
    });
    const auto printTls = [&tlsOptions](const QUrl &url) {
        std::fputs(qUtf8Printable(tlsOptions.startedText(url)), stderr);
        std::fflush(stderr);
    };
    QObject::connect(&engine, &Capture::CaptureEngine::started, &printer, [&https, printTls] {
        if (!https.enabled && https.plainPortTakesTls)
            printTls({}); // the plain port takes TLS too: its certificate
    });
    QObject::connect(&engine, &Capture::CaptureEngine::httpsStarted, &printer, printTls);
    QObject::connect(&engine, &Capture::CaptureEngine::httpsFailed, &printer, [&exitCode](const QString &error) {
        printError("listen", error);
        exitCode = 1;
        QCoreApplication::exit(1);
    });
    QObject::connect(&engine, &Capture::CaptureEngine::failed, &printer, [&exitCode](const QString &error) {
        printError("listen", error);
        exitCode = 1;
        QCoreApplication::exit(1);
    });
    QObject::connect(&engine, &Capture::CaptureEngine::saveProblemChanged, &printer, [](const QString &error) {
        printError("listen", error.isEmpty()
                                 ? QCoreApplication::translate("Cli::ListenCommand", "saving works again")
                                 : QCoreApplication::translate("Cli::ListenCommand", "not saving: %1").arg(error));
    });
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &printer, [] { QCoreApplication::exit(0); });
    std::unique_ptr<TunnelRunner> tunnel;
    if (tunnelOptions.enabled())
        tunnel = std::make_unique<TunnelRunner>(&engine, tunnelOptions.config(), config.signatures);
    engine.start(config);
    const int loopCode = QCoreApplication::exec();
    tunnel.reset(); // the tool ends before the listener does
    engine.stop();  // delivers the records still on their way, so they are printed
    printer.printHeld();
    return exitCode ? exitCode : loopCode;
}

} // namespace Cli::ListenCommand
