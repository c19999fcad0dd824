#include "schema.h"
#include "sqlite.h"

#include <QByteArray>
#include <QCoreApplication>

namespace Session {

namespace {

// Version 1. Summary columns (what the request table shows and filters on) live in `requests`,
// the large bytes in `payloads`, so listing a million requests reads only the small table.
const char kSchemaV1[] = R"sql(
CREATE TABLE session_info(
    key TEXT PRIMARY KEY,
    value
) WITHOUT ROWID;

-- Answers are few and repeat: each distinct one is stored once.
CREATE TABLE answers(
    id INTEGER PRIMARY KEY,
    digest BLOB NOT NULL UNIQUE,
    status INTEGER NOT NULL,
    reason BLOB,
    headers BLOB NOT NULL,  -- "Name: value\r\n" lines, in order
    body BLOB NOT NULL
);

CREATE TABLE requests(
    id INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,   -- ms since the epoch, UTC
    method BLOB,
    target BLOB,
    http_version BLOB,
    content_type BLOB,
    body_size INTEGER NOT NULL,
    remote_addr TEXT,
    remote_port INTEGER,
    local_port INTEGER,
    tls INTEGER NOT NULL DEFAULT 0,
    flags INTEGER NOT NULL DEFAULT 0,  -- reader warnings, plus the bits in sessionformat.h
    response_status INTEGER,           -- NULL: no answer reached the client
    answer_id INTEGER REFERENCES answers(id),
    error_status INTEGER,
    error_offset INTEGER,
    error_reason TEXT,
    signature_scheme TEXT,             -- filled by signature verification
    signature_state INTEGER,
    signature_detail TEXT,
    note TEXT
);

CREATE TABLE payloads(
    id INTEGER PRIMARY KEY REFERENCES requests(id) ON DELETE CASCADE,
    head BLOB,     -- the raw request head (accepted requests)
    body BLOB,     -- the body after de-chunking
    framing BLOB,  -- chunked only: chunk-size lines and the trailer section
    raw BLOB       -- rejected only: the bytes received, up to the head limit
);
)sql";

bool stamp(Sql::Database &db, int version)
{
    const QByteArray sql = "PRAGMA application_id = " + QByteArray::number(kApplicationId) +
                           "; PRAGMA user_version = " + QByteArray::number(version) + ';';
    return db.exec(sql.constData());
}

} // namespace

bool createSchema(Sql::Database &db)
{
    Sql::Transaction transaction(db);
    if (!transaction.isActive() || !db.exec(kSchemaV1) || !stamp(db, kSchemaVersion))
        return false;
    Sql::Statement info(db, "INSERT INTO session_info(key, value) VALUES ('created_by', ?1), ('created_at', "
                            "CAST(strftime('%s','now') AS INTEGER) * 1000)");
    const QByteArray creator = QByteArrayLiteral("Hookscope " HOOKSCOPE_VERSION);
    info.bindText(1, creator);
    return info.exec() && transaction.commit();
}

bool migrateSchema(Sql::Database &db, int fromVersion)
{
    if (fromVersion == kSchemaVersion)
        return true;
    Sql::Transaction transaction(db);
    if (!transaction.isActive())
        return false;
    // Each step takes version N to N+1. There is only version 1 so far; a future step looks like
    //   case 1: if (!db.exec("ALTER TABLE ...")) return false; [[fallthrough]];
    switch (fromVersion) {
    default:
        db.setError(
            QCoreApplication::translate("Session::Schema", "no migration from schema version %1").arg(fromVersion));
        return false;
    }
    return stamp(db, kSchemaVersion) && transaction.commit();
}

} // namespace Session
