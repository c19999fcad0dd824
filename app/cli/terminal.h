#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace Session {
struct CapturedRequest;
}

namespace Cli {

/// One line for a person watching `hookscope listen`: time, method, target, answer, size,
/// content type, remote address, and what went wrong if anything did.
QByteArray humanLine(const Session::CapturedRequest &request);
/// Whether stdout/stderr is an interactive terminal.
bool isTerminal(int fd);

/// "hookscope COMMAND: message" on stderr.
void printError(const char *command, const QString &message);
/// Parses a command's arguments. A bad option is printed (exit code 2); --help prints the help
/// naming the command (exit code 0). Returns that exit code, or -1 when the command goes on.
int parseArguments(QCommandLineParser &parser, const QStringList &args, const char *command);

} // namespace Cli
