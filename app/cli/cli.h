#pragma once

namespace Cli {

/// True when argv names a headless command (or --help/--version) rather than opening the window.
bool isHeadless(int argc, char **argv);
/// Runs a headless command and returns the process exit code: 0 ok, 1 failure, 2 usage error.
int run(int argc, char **argv);

} // namespace Cli
