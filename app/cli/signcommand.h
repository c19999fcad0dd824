#pragma once

#include <QStringList>

namespace Cli::SignCommand {

/// `hookscope sign SCHEME --secret S [--url URL] [--id ID] [--timestamp UNIX] [--content-type T] < body`:
/// the signature header lines for the body on stdin.
int run(const QStringList &args);

} // namespace Cli::SignCommand
