#pragma once

#include "capturedrequest.h"

#include <QList>
#include <QString>

#include <functional>

namespace Session {

class SessionReader;

/**
 * Which requests of an import a session holds already (issue 12: importing the same HAR twice
 * appended every entry again). Two records are one delivery when they arrived at the same
 * millisecond with the same method, URL and body (compared by SHA-256).
 */
namespace ImportDuplicates {

/// What two records must share to be one delivery.
QByteArray keyOf(const CapturedRequest &r);

/// Sets (*present)[i] when the session `reader` has open holds a request with the key of
/// records[i]. It reads the time, method and target of the requests that arrived within the
/// import's time span from the small requests table, and heads and bodies only of those that
/// match a record in all three: a big session costs one pass over that table, not its bodies.
/// False with `*error` when the file cannot be read, or when `cancelled` says so.
bool findPresent(SessionReader &reader, const QList<CapturedRequest> &records, QList<bool> *present, QString *error,
                 const std::function<bool()> &cancelled = {});

} // namespace ImportDuplicates

} // namespace Session
