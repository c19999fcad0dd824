#pragma once

#include <QString>

namespace Session {

namespace Sql {
class Database;
}

/// The schema version this build writes. Older files are migrated forward when opened for
/// writing; newer ones are refused.
constexpr int kSchemaVersion = 6;
/// PRAGMA application_id of a Hookscope session: "HKSP".
constexpr qint64 kApplicationId = 0x484B5350;

/// Creates every table in an empty database and stamps application_id and user_version.
bool createSchema(Sql::Database &db);
/// Brings a schema from `fromVersion` to kSchemaVersion, one step per version, in one transaction.
bool migrateSchema(Sql::Database &db, int fromVersion);

} // namespace Session
