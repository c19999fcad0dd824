#pragma once
// The dates of HAR files, as the tools that write them spell ISO 8601.

#include <QString>

namespace Session::HarDate {

/// "2024-03-05T10:15:30.123Z", "...30.1234567+01:00" (Fiddler): ms since the epoch (UTC).
/// Fractions past milliseconds are cut; a missing zone is read as UTC. False when not a date.
bool parse(const QString &text, qint64 *ms);

} // namespace Session::HarDate
