#include "importcommand.h"
#include "progressline.h"
#include "sessiontarget.h"
#include "terminal.h"

#include "session/har.h"
#include "session/importduplicates.h"
#include "session/sessionreader.h"
#include "session/sessionwriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

namespace Cli::ImportCommand {

namespace {

void usageError(const QString &message)
{
    printError("import", message);
}

QString tr(const char *text, int n)
{
    return QCoreApplication::translate("Cli::ImportCommand", text, nullptr, n);
}

// Importing the same file twice adds nothing the second time: entries the session holds already
// (same time, method, URL and body) are left out and counted.
bool dropPresent(const QString &sessionPath, QList<Session::CapturedRequest> *entries, qint64 *dropped, QString *error)
{
    Session::SessionReader reader;
    const Session::SessionFile::Info info = reader.open(sessionPath);
    if (info.problem != Session::FileProblem::None) {
        *error = info.error;
        return false;
    }
    QList<bool> present;
    if (!Session::ImportDuplicates::findPresent(reader, *entries, &present, error))
        return false;
    QList<Session::CapturedRequest> kept;
    for (qsizetype i = 0; i < entries->size(); ++i) {
        if (present.at(i))
            ++*dropped;
        else
            kept.append(std::move((*entries)[i]));
    }
    *entries = std::move(kept);
    return true;
}

// What the user should know beyond the count imported, one line each.
QStringList summaryLines(const Session::HarReadSummary &summary, qint64 duplicates)
{
    QStringList lines;
    if (duplicates > 0)
        lines << tr("skipped %n requests already in the session", int(duplicates));
    if (summary.skippedSent > 0) // sent messages are not imported (yet): say so rather than drop them silently
        lines << tr("skipped %n attempts sent by Hookscope's sender", int(summary.skippedSent));
    if (summary.splitValues > 0)
        lines << tr("%n requests had header values of several lines, split into header lines",
                    int(summary.splitValues));
    if (summary.bodiesNotInHar > 0)
        lines << tr("%n requests have no body in the file (body not in HAR)", int(summary.bodiesNotInHar));
    if (summary.withNotes > 0)
        lines << tr("%n requests carry a note on what was added or changed (see the request's Overview)",
                    int(summary.withNotes));
    return lines;
}

} // namespace

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("Cli::ImportCommand", "Read a HAR file into a session."));
    parser.addHelpOption();
    parser.addPositionalArgument(QCoreApplication::translate("Cli::ImportCommand", "IN"),
                                 QCoreApplication::translate("Cli::ImportCommand", "The .har file."));
    const QCommandLineOption session(
        QStringLiteral("session"),
        QCoreApplication::translate("Cli::ImportCommand",
                                    "The session file to add the requests to (created if absent)."),
        QCoreApplication::translate("Cli::ImportCommand", "OUT"));
    parser.addOption(session);
    if (const int exit = parseArguments(parser, args, "import"); exit >= 0)
        return exit;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        usageError(
            positional.isEmpty()
                ? QCoreApplication::translate("Cli::ImportCommand", "name the HAR file to import")
                : QCoreApplication::translate("Cli::ImportCommand", "unexpected argument '%1'").arg(positional.at(1)));
        return 2;
    }
    if (!parser.isSet(session)) {
        usageError(QCoreApplication::translate("Cli::ImportCommand",
                                               "name the session to import into: --session OUT.hookscope"));
        return 2;
    }
    const QString sessionPath = parser.value(session);
    const QString problem = checkSessionTarget(sessionPath);
    if (!problem.isEmpty()) {
        usageError(problem);
        return 2;
    }

    // Read and check the whole document first: a broken file adds nothing to the session.
    QFile in(positional.first());
    if (!in.open(QIODevice::ReadOnly)) {
        usageError(QCoreApplication::translate("Cli::ImportCommand", "cannot read %1: %2")
                       .arg(in.fileName(), in.errorString()));
        return 2;
    }
    QList<Session::CapturedRequest> entries;
    QString error;
    Session::HarReadSummary summary;
    if (!Session::readHar(
            &in,
            [&entries](Session::CapturedRequest &&entry) {
                entries.append(std::move(entry));
                return true;
            },
            &error, &summary)) {
        usageError(QCoreApplication::translate("Cli::ImportCommand", "%1: %2").arg(in.fileName(), error));
        return 2;
    }

    const bool created = !QFileInfo::exists(sessionPath);
    qint64 duplicates = 0;
    if (!created && !dropPresent(sessionPath, &entries, &duplicates, &error)) {
        usageError(QCoreApplication::translate("Cli::ImportCommand", "cannot read %1: %2").arg(sessionPath, error));
        return 2;
    }
    Session::SessionWriter writer;
    const Session::SessionFile::Info info = writer.open(sessionPath);
    if (info.problem != Session::FileProblem::None) {
        usageError(info.error);
        return 2;
    }
    QString commitError;
    qint64 committed = 0;
    ProgressLine progress(QCoreApplication::translate("Cli::ImportCommand", "importing"));
    const qint64 total = entries.size();
    writer.setCommitHandler([&](const Session::CapturedBatch &batch, const QString &e) {
        if (!e.isEmpty() && commitError.isEmpty())
            commitError = e;
        committed += batch.size();
    });
    writer.start();
    // Ids from a Hookscope export are kept when they fit after what the session holds.
    qint64 nextId = writer.nextId();
    // Signature results come from this machine's settings, never from the file: with no secrets
    // here, signed requests are "no-secret" until the window, which has the secrets, checks them.
    const Signing::Verifier verifier;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        Session::CapturedRequest &entry = entries[i];
        if (!entry.rejected)
            entry.signature = verifier.verify(entry.request, entry.receivedAtMs / 1000);
        entry.id = entry.id >= nextId ? entry.id : nextId;
        nextId = entry.id + 1;
        writer.submit(std::make_shared<Session::CapturedRequest>(std::move(entry)));
        if (i % 1024 == 0)
            progress.update(i, total);
    }
    writer.stop();
    progress.finish();
    if (!commitError.isEmpty()) {
        printError("import", QCoreApplication::translate("Cli::ImportCommand", "could not save into %1: %2")
                                 .arg(sessionPath, commitError));
        if (created) {
            QFile::remove(sessionPath);
            QFile::remove(sessionPath + QStringLiteral("-wal"));
            QFile::remove(sessionPath + QStringLiteral("-shm"));
        }
        return 1;
    }
    std::fprintf(stderr, "%s\n",
                 qUtf8Printable(QCoreApplication::translate("Cli::ImportCommand", "imported %n requests into %1",
                                                            nullptr, int(total))
                                    .arg(sessionPath)));
    for (const QString &line : summaryLines(summary, duplicates))
        std::fprintf(stderr, "%s\n", qUtf8Printable(line));
    return 0;
}

} // namespace Cli::ImportCommand
