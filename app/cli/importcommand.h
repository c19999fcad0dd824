#pragma once

#include <QStringList>

namespace Cli::ImportCommand {

/// `hookscope import IN.har --session OUT.hookscope`
int run(const QStringList &args);

} // namespace Cli::ImportCommand
