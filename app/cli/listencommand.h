#pragma once

#include <QStringList>

namespace Cli::ListenCommand {

/// `hookscope listen ...`: args[0] is the program name, the rest are the options.
int run(const QStringList &args);

} // namespace Cli::ListenCommand
