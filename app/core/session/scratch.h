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
bool isScratch(const QString &path);
/// Deletes a session file with its -wal and -shm companions, unless a log beside it still holds
/// requests that are not in the file yet (see Journal).
void remove(const QString &path);

} // namespace Session::Scratch
