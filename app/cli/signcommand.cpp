#include "signcommand.h"
#include "secretoptions.h"
#include "terminal.h"

#include "signing/signing.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <cstdio>

namespace Cli::SignCommand {

namespace {

void usageError(const QString &message)
{
    printError("sign", message);
}

} // namespace

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "Cli::SignCommand",
        "Print the headers that sign the body read from stdin, one 'Name: value' line each, as the provider "
        "would send them."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("SCHEME"),
                                 QCoreApplication::translate("Cli::SignCommand", "One of: %1.")
                                     .arg(Signing::schemeIds().join(QLatin1String(", "))));
    const auto option = [](const char *name, const char *help, const char *value) {
        return QCommandLineOption(QString::fromLatin1(name), QCoreApplication::translate("Cli::SignCommand", help),
                                  QString::fromLatin1(value));
    };
    const QCommandLineOption secret =
        option("secret",
               QT_TRANSLATE_NOOP("Cli::SignCommand", "The signing secret, as the provider shows it (visible "
                                                     "in the process list: prefer --secret-file or "
                                                     "HOOKSCOPE_SECRET)."),
               "S");
    const QCommandLineOption secretFile =
        option("secret-file",
               QT_TRANSLATE_NOOP("Cli::SignCommand", "Read the secret from the first line of this file."), "FILE");
    const QCommandLineOption url =
        option("url", QT_TRANSLATE_NOOP("Cli::SignCommand", "The URL the request goes to (Twilio and Square sign it)."),
               "URL");
    const QCommandLineOption id = option(
        "id",
        QT_TRANSLATE_NOOP("Cli::SignCommand", "The message id, for schemes that sign one (default: a fresh one)."),
        "ID");
    const QCommandLineOption timestamp = option(
        "timestamp", QT_TRANSLATE_NOOP("Cli::SignCommand", "The signing time in unix seconds (default: now)."), "UNIX");
    const QCommandLineOption contentType =
        option("content-type",
               QT_TRANSLATE_NOOP("Cli::SignCommand", "The body's content type: Twilio signs the parameters of "
                                                     "application/x-www-form-urlencoded bodies."),
               "T");
    parser.addOptions({secret, secretFile, url, id, timestamp, contentType});
    if (const int exit = parseArguments(parser, args, "sign"); exit >= 0)
        return exit;

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        usageError(
            positional.isEmpty()
                ? QCoreApplication::translate("Cli::SignCommand", "name the scheme: %1")
                      .arg(Signing::schemeIds().join(QLatin1String(", ")))
                : QCoreApplication::translate("Cli::SignCommand", "unexpected argument '%1'").arg(positional.at(1)));
        return 2;
    }
    const QString scheme = positional.first();
    if (Signing::schemeTitle(scheme).isEmpty()) {
        usageError(QCoreApplication::translate("Cli::SignCommand", "unknown scheme '%1'; known: %2")
                       .arg(scheme, Signing::schemeIds().join(QLatin1String(", "))));
        return 2;
    }
    if (Signing::schemeSignsUrl(scheme) && parser.value(url).isEmpty()) {
        usageError(
            QCoreApplication::translate("Cli::SignCommand", "%1 signs the URL the request goes to: give --url URL")
                .arg(Signing::schemeTitle(scheme)));
        return 2;
    }
    Signing::SignOptions options;
    if (parser.isSet(timestamp)) {
        bool ok = false;
        options.nowSeconds = parser.value(timestamp).toLongLong(&ok);
        if (!ok || options.nowSeconds < 0) {
            usageError(
                QCoreApplication::translate("Cli::SignCommand", "--timestamp takes unix seconds, e.g. 1700000000"));
            return 2;
        }
    }
    options.id = parser.value(id).toUtf8();
    options.contentType = parser.value(contentType).toUtf8();
    QByteArray secretBytes;
    if (!readSigningSecret(parser, secret, secretFile, "sign", &secretBytes))
        return 2;

    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly)) {
        usageError(QCoreApplication::translate("Cli::SignCommand", "cannot read the body from stdin"));
        return 1;
    }
    const QByteArray body = in.readAll();
    const Signing::Signed result = Signing::sign(scheme, secretBytes, body, parser.value(url), options);
    if (!result.error.isEmpty()) {
        usageError(result.error);
        return 2;
    }
    QByteArray out;
    for (const auto &[name, value] : result.headers)
        out += name + ": " + value + '\n';
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
}

} // namespace Cli::SignCommand
