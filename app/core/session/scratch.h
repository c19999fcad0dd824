#pragma once

#include <QString>

namespace Session::Scratch {

/// Where unsaved sessions live: <XDG data>/Hookscope/scratch. Created on first use.
QString directory();
/// A new, unused scratch file name.
QString newPath();
/// The newest scratch session that holds requests or sent messages, to offer again; removes
/// empty ones.
QString latest();

/// What tidy() did with a scratch session.
enum class Tidied {
    Removed, ///< it held nothing: gone, with its companions
    Kept,    ///< it holds requests or sent messages (or a log of requests still to move in)
    Skipped, ///< another window captures into it, or it does not open as a session: not ours
};
/// Removes the scratch session at `path` if nothing was kept in it. Reads the file: not for the
/// GUI thread.
Tidied tidy(const QString &path);
bool isScratch(const QString &path);
/// Deletes a session file with its -wal and -shm companions, unless a log beside it still holds
/// requests that are not in the file yet (see Journal).
void remove(const QString &path);

} // namespace Session::Scratch
