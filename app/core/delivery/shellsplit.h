#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Delivery::Shell {

/// One simple command of a pasted command line: its words after quote removal, and whether its
/// output is piped into the next command (`a | b`).
struct Command
{
    QList<QByteArray> words;
    bool pipesToNext = false;
};

/// A pasted command line split as a POSIX shell splits it, without running anything.
struct SplitResult
{
    QList<Command> commands;
    QStringList warnings; ///< what a shell would have done that was not done (expansions, redirections)
    QString error;        ///< empty when the text could be split (an unbalanced quote is an error)
};

/**
 * Splits `text` into commands and words as a POSIX shell (and bash, for $'...') does:
 * 'single quotes', "double quotes" (where \" \\ \$ \` and backslash-newline are escapes), a
 * backslash outside quotes, backslash-newline continuations, bash's ANSI-C $'...' (\n \t \r \e
 * \xHH \NNN \uHHHH \UHHHHHHHH \cX \' \\ ...), `#` comments, and the operators | ; & && || and
 * newline between commands. Nothing is expanded: $VAR, ${...}, $(...) and `...` stay as written,
 * with a warning; redirections are dropped with a warning. A `^` or backtick at the end of a
 * line (the Windows cmd and PowerShell line continuations) ends the command, with a warning
 * that says so. A leading "$ " prompt as copied from documentation is dropped.
 */
SplitResult split(QByteArrayView text);

/// What `printf FORMAT` prints for a format without conversions: \\ \n \t \r \a \b \f \v \"
/// and \NNN octal (one to three digits) decoded, %% as %. False when the format has a
/// conversion (%s, %d...) whose output depends on arguments.
bool printfOutput(QByteArrayView format, QByteArray *out);

} // namespace Delivery::Shell
