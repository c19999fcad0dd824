#include "terminal.h"

#include "session/capturedrequest.h"
#include "tunnel/forwardedclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

#include <unistd.h>

namespace Cli {

bool isTerminal(int fd)
{
    return ::isatty(fd) == 1;
}

static QString text(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes.data(), bytes.size());
}

QByteArray humanLine(const Session::CapturedRequest &c)
{
    const Http::Request &r = c.request;
    QString line = Session::localTimeText(c.receivedAtMs) + QStringLiteral("  ");
    if (c.rejected) {
        line += QCoreApplication::translate("Cli::Terminal", "REJECTED") + QLatin1Char(' ');
        line += c.responseStatus ? QString::number(c.responseStatus) : QStringLiteral("---");
        if (r.hasRequestLine())
            line += QLatin1Char(' ') + text(r.method()) + QLatin1Char(' ') + text(r.target());
        line += QStringLiteral("  ") + QCoreApplication::translate("Cli::Terminal", "%1 (at byte %2)")
                                           .arg(c.errorReason, QString::number(c.errorOffset));
    } else {
        const QByteArrayView type = r.headerValue("Content-Type");
        line += text(r.method()) + QLatin1Char(' ') + text(r.target());
        line += QStringLiteral("  → %1  %2  %3")
                    .arg(c.responseStatus)
                    .arg(Session::humanSize(r.body().size()), type.isNull() ? QStringLiteral("-") : text(type));
    }
    line += QStringLiteral("  ") + c.remote();
    if (const std::optional<Tunnel::ForwardedClient> client = Tunnel::forwardedClient(r))
        line += QStringLiteral(" (") + QCoreApplication::translate("Cli::Terminal", "for %1").arg(client->address) +
                QLatin1Char(')');
    const Signing::Result &sig = c.signature;
    if (!sig.scheme.isEmpty()) {
        const QString reason = Signing::reasonName(sig.verdict);
        line += QStringLiteral("  %1:%2").arg(sig.scheme, reason.isEmpty() ? Signing::statusName(sig.verdict) : reason);
    }
    const QStringList warnings = r.warnings();
    if (!warnings.isEmpty())
        line += QStringLiteral("  [") + warnings.join(QStringLiteral(", ")) + QLatin1Char(']');
    QByteArray out = line.toUtf8();
    out += '\n';
    return out;
}

void printError(const char *command, const QString &message)
{
    std::fprintf(stderr, "hookscope %s: %s\n", command, qUtf8Printable(message));
}

int parseArguments(QCommandLineParser &parser, const QStringList &args, const char *command)
{
    if (!parser.parse(args)) {
        printError(command, parser.errorText());
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // not translated: matches the usage line QCommandLineParser writes, to put the command in
        const QString usage = QStringLiteral("hookscope %1 [options]").arg(QLatin1String(command));
        std::fputs(qUtf8Printable(parser.helpText().replace(QStringLiteral("hookscope [options]"), usage)), stdout);
        return 0;
    }
    return -1;
}

} // namespace Cli
