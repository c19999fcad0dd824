#include "exportcommand.h"
#include "progressline.h"
#include "terminal.h"

#include "session/har.h"
#include "session/ndjson.h"
#include "session/sessionreader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

#include <cstdio>
#include <memory>

namespace Cli::ExportCommand {

namespace {

void usageError(const QString &message)
{
    printError("export", message);
}

} // namespace

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "Cli::ExportCommand",
        "Write a session's requests, and the attempts of the messages it sent, as HAR 1.2 or NDJSON."));
    parser.addHelpOption();
    parser.addPositionalArgument(QCoreApplication::translate("Cli::ExportCommand", "SESSION"),
                                 QCoreApplication::translate("Cli::ExportCommand", "The .hookscope session file."));
    const QCommandLineOption har(
        QStringLiteral("har"),
        QCoreApplication::translate("Cli::ExportCommand", "Write HAR 1.2 to this file ('-': stdout)."),
        QCoreApplication::translate("Cli::ExportCommand", "OUT"));
    const QCommandLineOption ndjson(
        QStringLiteral("ndjson"),
        QCoreApplication::translate("Cli::ExportCommand",
                                    "Write one JSON object per request, as `listen --json` prints "
                                    "them ('-': stdout)."),
        QCoreApplication::translate("Cli::ExportCommand", "OUT"));
    parser.addOptions({har, ndjson});
    if (const int exit = parseArguments(parser, args, "export"); exit >= 0)
        return exit;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        usageError(
            positional.isEmpty()
                ? QCoreApplication::translate("Cli::ExportCommand", "name the session file to export")
                : QCoreApplication::translate("Cli::ExportCommand", "unexpected argument '%1'").arg(positional.at(1)));
        return 2;
    }
    if (parser.isSet(har) == parser.isSet(ndjson)) {
        usageError(QCoreApplication::translate("Cli::ExportCommand", "choose one output: --har OUT or --ndjson OUT"));
        return 2;
    }
    const bool asHar = parser.isSet(har);
    const QString outPath = parser.value(asHar ? har : ndjson);

    Session::SessionReader reader;
    const Session::SessionFile::Info info = reader.open(positional.first());
    if (info.problem != Session::FileProblem::None) {
        usageError(info.error);
        return 2;
    }

    // Written whole or not at all: a failed export never leaves half a file where a good one was.
    std::unique_ptr<QIODevice> out;
    if (outPath == QLatin1String("-")) {
        auto file = std::make_unique<QFile>();
        if (!file->open(stdout, QIODevice::WriteOnly)) {
            usageError(QCoreApplication::translate("Cli::ExportCommand", "cannot write to stdout"));
            return 1;
        }
        out = std::move(file);
    } else {
        auto file = std::make_unique<QSaveFile>(outPath);
        if (!file->open(QIODevice::WriteOnly)) {
            usageError(QCoreApplication::translate("Cli::ExportCommand", "cannot write %1: %2")
                           .arg(outPath, file->errorString()));
            return 2;
        }
        out = std::move(file);
    }

    ProgressLine progress(QCoreApplication::translate("Cli::ExportCommand", "exporting"));
    const auto onProgress = [&progress](qint64 done, qint64 total) {
        progress.update(done, total);
        return true;
    };
    QString error;
    qint64 written = 0;
    qint64 sent = 0; // attempts the sender made, after the captured requests
    bool ok = true;
    if (asHar) {
        Session::HarWriter writer(out.get());
        ok = writer.begin();
        ok = ok && reader.forEach(
                       [&](Session::CapturedRequestPtr r) {
                           ++written;
                           return writer.write(*r);
                       },
                       onProgress);
        ok = ok && reader.forEachAttempt([&](const Session::OutboundAttempt &a) {
            ++sent;
            return writer.write(a);
        });
        ok = ok && writer.finish();
        if (!ok)
            error = writer.error().isEmpty() ? reader.error() : writer.error();
    } else {
        const auto sink = [&out](QByteArrayView piece) {
            return out->write(piece.data(), piece.size()) == piece.size();
        };
        ok = reader.forEach(
            [&](Session::CapturedRequestPtr r) {
                ++written;
                return Session::writeNdjsonLine(*r, sink);
            },
            onProgress);
        ok = ok && reader.forEachAttempt([&](const Session::OutboundAttempt &a) {
            ++sent;
            return Session::writeNdjsonLine(a, sink);
        });
        if (!ok)
            error = out->errorString().isEmpty() ? reader.error() : out->errorString();
    }
    progress.finish();
    if (ok) {
        if (auto *save = dynamic_cast<QSaveFile *>(out.get())) {
            ok = save->commit();
            if (!ok)
                error = save->errorString();
        } else {
            static_cast<QFile *>(out.get())->flush();
        }
    }
    if (!ok) {
        printError("export", error);
        return 1;
    }
    if (outPath != QLatin1String("-") && sent == 0)
        std::fprintf(stderr, "%s\n",
                     qUtf8Printable(QCoreApplication::translate("Cli::ExportCommand", "exported %n requests to %1",
                                                                nullptr, int(written))
                                        .arg(outPath)));
    else if (outPath != QLatin1String("-"))
        std::fprintf(stderr, "%s\n",
                     qUtf8Printable(QCoreApplication::translate("Cli::ExportCommand",
                                                                "exported %1 requests and %n sent attempts to %2",
                                                                nullptr, int(sent))
                                        .arg(written)
                                        .arg(outPath)));
    return 0;
}

} // namespace Cli::ExportCommand
