#include "cli.h"
#include "exportcommand.h"
#include "importcommand.h"
#include "listencommand.h"
#include "replaycommand.h"
#include "sendcommand.h"
#include "signcommand.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QString>

#include <cstdio>
#include <cstring>

namespace Cli {

namespace {

// Translated where it is printed.
const char kUsage[] = QT_TRANSLATE_NOOP(
    "Cli", "usage: hookscope [COMMAND] [OPTIONS]\n"
           "\n"
           "With no command, opens the Hookscope window (hookscope FILE.hookscope opens that session).\n"
           "\n"
           "Commands:\n"
           "  listen     capture webhooks headless and print each request\n"
           "  export     write a session as HAR 1.2 or NDJSON\n"
           "  import     read a HAR file into a session\n"
           "  send       send a message (signed, with retries) to one or more URLs and print each answer\n"
           "  replay     send captured requests again, exactly as captured, to one or more URLs\n"
           "  sign       print the headers that sign a body (read from stdin) for a provider's scheme\n"

           "\n"
           "Options:\n"
           "  -h, --help       show this help (hookscope COMMAND --help for a command)\n"
           "  -v, --version    print the version\n");

bool isOneOf(const char *arg, std::initializer_list<const char *> names)
{
    for (const char *n : names) {
        if (std::strcmp(arg, n) == 0)
            return true;
    }
    return false;
}

} // namespace

bool isHeadless(int argc, char **argv)
{
    if (argc < 2)
        return false;
    const char *first = argv[1];
    // `hookscope some.hookscope` opens that session in the window.
    if (first[0] != '-' && QFileInfo::exists(QString::fromLocal8Bit(first)))
        return false;
    return first[0] != '-' || isOneOf(first, {"-h", "--help", "-v", "--version"});
}

int run(int argc, char **argv)
{
    const char *command = argv[1];
    if (isOneOf(command, {"-v", "--version", "version"})) {
        std::printf("hookscope %s\n", HOOKSCOPE_VERSION);
        return 0;
    }
    if (isOneOf(command, {"-h", "--help", "help"})) {
        std::fputs(qUtf8Printable(QCoreApplication::translate("Cli", kUsage)), stdout);
        return 0;
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hookscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKSCOPE_VERSION));
    QStringList args = QCoreApplication::arguments();
    args.removeAt(1); // the command: each command parses its own options
    if (std::strcmp(command, "listen") == 0)
        return ListenCommand::run(args);
    if (std::strcmp(command, "export") == 0)
        return ExportCommand::run(args);
    if (std::strcmp(command, "import") == 0)
        return ImportCommand::run(args);
    if (std::strcmp(command, "send") == 0)
        return SendCommand::run(args);
    if (std::strcmp(command, "replay") == 0)
        return ReplayCommand::run(args);
    if (std::strcmp(command, "sign") == 0)
        return SignCommand::run(args);

    std::fprintf(stderr, "hookscope: %s\n",
                 qUtf8Printable(QCoreApplication::translate("Cli", "unknown command '%1' (see hookscope --help)")
                                    .arg(QString::fromLocal8Bit(command))));
    return 2;
}

} // namespace Cli
