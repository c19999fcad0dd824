#pragma once

#include "signing/signing.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

class QCommandLineOption;
class QCommandLineParser;

namespace Cli {

/**
 * The signature options of `listen`: secrets given as `SCHEME=SECRET` or `SCHEME:PATTERN=SECRET`
 * (the pattern a glob on the request path), from the command line or from a file with one such
 * line each (blank lines and lines starting with '#' skipped); the public URL; and tolerances as
 * `SCHEME=SECONDS`. Errors name the option and the line, never the secret.
 */
struct SecretOptions
{
    Q_DECLARE_TR_FUNCTIONS(Cli::SecretOptions)

public:
    QStringList secrets;
    QString secretFile;
    QString publicUrl;
    QStringList tolerances;

    bool toConfig(Signing::Config *config, QString *error) const;

private:
    /// One `SCHEME[:PATTERN]=SECRET`; `where` names it in errors.
    static bool parseSecret(const QByteArray &spec, const QString &where, Signing::Secret *out, QString *error);
};

/// --secret S and --secret-file FILE, in that order, as the commands that sign offer them (read
/// them with readSigningSecret).
QList<QCommandLineOption> signingSecretOptions();

/// The signing secret from --secret, the first line of --secret-file, or HOOKSCOPE_SECRET, so
/// that it need not show in `ps`; never printed. False (the problem printed for `command`) when
/// none is given or both options are.
bool readSigningSecret(const QCommandLineParser &parser, const QCommandLineOption &inline_,
                       const QCommandLineOption &file, const char *command, QByteArray *secret);

} // namespace Cli
