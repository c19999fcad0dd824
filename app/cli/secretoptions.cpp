#include "secretoptions.h"
#include "terminal.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QUrl>

namespace Cli {

bool SecretOptions::parseSecret(const QByteArray &spec, const QString &where, Signing::Secret *out, QString *error)
{
    const qsizetype equals = spec.indexOf('=');
    if (equals <= 0) {
        *error = tr("%1: expected SCHEME=SECRET or SCHEME:PATH=SECRET").arg(where);
        return false;
    }
    const QString lhs = QString::fromUtf8(spec.first(equals)).trimmed();
    const qsizetype colon = lhs.indexOf(QLatin1Char(':'));
    out->scheme = (colon < 0 ? lhs : lhs.first(colon)).toLower();
    out->pathPattern = colon < 0 ? QString() : lhs.sliced(colon + 1);
    out->secret = spec.sliced(equals + 1);
    if (!Signing::schemeIds().contains(out->scheme)) {
        *error = tr("%1: unknown scheme '%2'; schemes are %3")
                     .arg(where, out->scheme, Signing::schemeIds().join(QStringLiteral(", ")));
        return false;
    }
    if (out->secret.isEmpty()) {
        *error = tr("%1: the secret for %2 is empty").arg(where, out->scheme);
        return false;
    }
    return true;
}

bool SecretOptions::toConfig(Signing::Config *config, QString *error) const
{
    Signing::Config c;
    for (const QString &spec : secrets) {
        Signing::Secret secret;
        if (!parseSecret(spec.toUtf8(), QStringLiteral("--secret"), &secret, error))
            return false;
        c.secrets.append(secret);
    }
    if (!secretFile.isEmpty()) {
        QFile file(secretFile);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = tr("cannot read --secret-file '%1': %2").arg(secretFile, file.errorString());
            return false;
        }
        int lineNumber = 0;
        while (!file.atEnd()) {
            ++lineNumber;
            QByteArray line = file.readLine();
            while (line.endsWith('\n') || line.endsWith('\r'))
                line.chop(1);
            if (line.trimmed().isEmpty() || line.trimmed().startsWith('#'))
                continue;
            Signing::Secret secret;
            if (!parseSecret(line, QStringLiteral("%1:%2").arg(secretFile).arg(lineNumber), &secret, error))
                return false;
            c.secrets.append(secret);
        }
    }
    if (!publicUrl.isEmpty()) {
        const QUrl url(publicUrl, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
            url.host().isEmpty()) {
            *error = tr("invalid --public-url '%1': expected http:// or https:// and a host").arg(publicUrl);
            return false;
        }
        c.publicUrl = publicUrl;
    }
    for (const QString &spec : tolerances) {
        const qsizetype equals = spec.indexOf(QLatin1Char('='));
        const QString scheme = spec.first(qMax<qsizetype>(equals, 0)).trimmed().toLower();
        bool ok = false;
        const int seconds = equals > 0 ? spec.sliced(equals + 1).toInt(&ok) : 0;
        if (!ok || seconds < 0 || !Signing::schemeIds().contains(scheme)) {
            *error = tr("invalid --tolerance '%1': expected SCHEME=SECONDS, schemes are %2")
                         .arg(spec, Signing::schemeIds().join(QStringLiteral(", ")));
            return false;
        }
        if (Signing::defaultToleranceSeconds(scheme) == 0) {
            *error = tr("invalid --tolerance '%1': %2 signs no timestamp").arg(spec, scheme);
            return false;
        }
        c.toleranceSeconds.insert(scheme, seconds);
    }
    *config = c;
    return true;
}

QList<QCommandLineOption> signingSecretOptions()
{
    return {
        QCommandLineOption({QStringLiteral("secret")},
                           SecretOptions::tr("The signing secret (visible in the process list: prefer --secret-file "
                                             "or HOOKSCOPE_SECRET)."),
                           QStringLiteral("S")),
        QCommandLineOption({QStringLiteral("secret-file")},
                           SecretOptions::tr("Read the signing secret from the first line of this file."),
                           QStringLiteral("FILE"))};
}

bool readSigningSecret(const QCommandLineParser &parser, const QCommandLineOption &inline_,
                       const QCommandLineOption &file, const char *command, QByteArray *secret)
{
    if (parser.isSet(inline_) && parser.isSet(file)) {
        printError(command, SecretOptions::tr("give the secret once: --secret or --secret-file"));
        return false;
    }
    if (parser.isSet(file)) {
        QFile f(parser.value(file));
        if (!f.open(QIODevice::ReadOnly)) {
            printError(
                command,
                SecretOptions::tr("cannot read the secret file %1: %2").arg(parser.value(file), f.errorString()));
            return false;
        }
        QByteArray line = f.readLine();
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        *secret = line;
    } else if (parser.isSet(inline_)) {
        *secret = parser.value(inline_).toUtf8();
    } else {
        *secret = qgetenv("HOOKSCOPE_SECRET");
    }
    if (secret->isEmpty()) {
        printError(command, SecretOptions::tr("give the secret: --secret S, --secret-file FILE or HOOKSCOPE_SECRET "
                                              "in the environment"));
        return false;
    }
    return true;
}

} // namespace Cli
