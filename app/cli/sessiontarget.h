#pragma once

#include <QString>

namespace Cli {

/// Whether `path` can be captured or imported into: an existing, writable Hookscope session, or
/// a new file in a writable folder. Returns the problem in one sentence, or an empty string.
QString checkSessionTarget(const QString &path);

} // namespace Cli
