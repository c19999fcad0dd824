#pragma once

#include <QStringList>

namespace Cli::ReplayCommand {

/// `hookscope replay SESSION --id N[,N...] --to URL [--to URL]... [--resign SCHEME --secret S |
/// --secret-file F] [--parallel] [--json]`: sends captured requests again, exactly as captured
/// but for the hop-by-hop fields and a Host and Content-Length made per destination, one after
/// the other in id order (or all at once), prints one result per request and destination, and
/// stores each replay in the session linked to its request. Exit 0 when every destination finally
/// answered 2xx, 1 otherwise, 2 for bad options.
int run(const QStringList &args);

} // namespace Cli::ReplayCommand
