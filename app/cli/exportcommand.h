#pragma once

#include <QStringList>

namespace Cli::ExportCommand {

/// `hookscope export SESSION --har OUT.har | --ndjson OUT`
int run(const QStringList &args);

} // namespace Cli::ExportCommand
