#pragma once

#include <QStringList>

namespace Cli::SendCommand {

/// `hookscope send URL [URL...] [-X METHOD] [-H 'Name: value']... [--data TEXT | --data @FILE]
/// [--template NAME] [--sign SCHEME --secret S] [--retries N] [--timeout MS] [--insecure]
/// [--session FILE] [--json]`: sends one message to every URL in parallel and prints one result
/// per destination. Exit 0 when every destination finally answered 2xx, 1 otherwise, 2 for bad
/// options.
int run(const QStringList &args);

} // namespace Cli::SendCommand
