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

// Version 2: what the sender sent. A message as composed (what History lists and reopens), each
// attempt to deliver it with the bytes as sent, and the response that came back. Attempts name
// their message by uid, so an attempt stored before its message (or without one) is still kept.
const char kSchemaV2[] = R"sql(
CREATE TABLE outbound_messages(
    id INTEGER PRIMARY KEY,
    uid BLOB NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,  -- ms since the epoch, UTC
    name TEXT,
    method BLOB NOT NULL,
    destinations TEXT NOT NULL,   -- JSON array of the URLs, in order
    headers BLOB NOT NULL,        -- "Name: value\r\n" lines as composed, in order
    body BLOB,
    body_file TEXT,
    sign_scheme TEXT,
    composition BLOB              -- the panel's JSON, opaque here
);
CREATE INDEX outbound_messages_by_time ON outbound_messages(created_at, id);

-- Request bodies as sent. Retries and fan-out send the same bytes again and again: each distinct
-- body is stored once (unlike received responses, which are kept per attempt).
CREATE TABLE outbound_bodies(
    id INTEGER PRIMARY KEY,
    digest BLOB NOT NULL UNIQUE,  -- SHA-256 of body
    body BLOB NOT NULL            -- last: a large one is written in place
);

CREATE TABLE outbound_attempts(
    id INTEGER PRIMARY KEY,
    message_uid BLOB NOT NULL,
    destination INTEGER NOT NULL, -- index into the message's destinations
    url TEXT NOT NULL,
    attempt INTEGER NOT NULL,     -- 1 for the first try
    final INTEGER NOT NULL,
    started_at INTEGER NOT NULL,  -- ms since the epoch, UTC
    duration_ms INTEGER NOT NULL,
    peer TEXT,
    request_head BLOB NOT NULL,   -- exactly as written
    request_body_id INTEGER REFERENCES outbound_bodies(id), -- NULL: no body
    request_body_size INTEGER NOT NULL, -- the whole body's size (a file body may be larger)
    status INTEGER,               -- NULL: no response
    outcome TEXT NOT NULL,
    error TEXT,
    retry_in_ms INTEGER           -- NULL when final
);
CREATE INDEX outbound_attempts_by_message ON outbound_attempts(message_uid, destination, attempt);

-- What came back, one per attempt that got a response.
CREATE TABLE outbound_responses(
    attempt_id INTEGER PRIMARY KEY REFERENCES outbound_attempts(id) ON DELETE CASCADE,
    truncated INTEGER NOT NULL DEFAULT 0, -- the body was cut at the body limit
    head BLOB NOT NULL,           -- as received
    body BLOB NOT NULL            -- de-chunked, up to the body limit (last: written in place)
);
)sql";

// Version 3: a sent message knows what it was made from, so a captured request lists its replays
// (and later its forwards). Older messages keep NULL in both.
const char kSchemaV3[] = R"sql(
ALTER TABLE outbound_messages ADD COLUMN kind TEXT;         -- 'send', 'replay', 'forward'...
ALTER TABLE outbound_messages ADD COLUMN source_id INTEGER; -- the captured request (requests.id); NULL: none
CREATE INDEX outbound_messages_by_source ON outbound_messages(source_id, created_at) WHERE source_id IS NOT NULL;
)sql";

// Version 4: an answer chosen after its request was logged (the downstream answer of a forward, or
// the configured one after the forward timed out): the request's row keeps what was planned, this
// row says what its sender got. One per request at most; it goes when its request goes.
const char kSchemaV4[] = R"sql(
CREATE TABLE late_answers(
    request_id INTEGER PRIMARY KEY, -- requests.id
    answered_at INTEGER NOT NULL,   -- ms since the epoch, UTC
    source TEXT NOT NULL,           -- 'forward', 'timeout', 'failed'
    status INTEGER NOT NULL,
    reason BLOB,
    headers BLOB NOT NULL,          -- "Name: value\r\n" lines, in order
    body BLOB NOT NULL,
    note TEXT
);
CREATE TRIGGER late_answers_follow_requests AFTER DELETE ON requests
BEGIN
    DELETE FROM late_answers WHERE request_id = old.id;
END;
)sql";

// Version 5: what a webhook says it is about (Payload::webhookEvent), worked out once when it is
// saved so the table's Event column and event: filters need no payload; and what chose each
// request's answer, as it was called then: rules are renamed and deleted, so the request keeps
// the rule's label, not its place in a list. Older rows keep NULL (not known); a default answer
// stores only its choice (a one-byte integer), NULL costs nothing.
const char kSchemaV5[] = R"sql(
ALTER TABLE requests ADD COLUMN event TEXT;
ALTER TABLE requests ADD COLUMN answer_choice INTEGER; -- AnswerChoice: 1 default, 2 rule, 3 challenge
ALTER TABLE requests ADD COLUMN answer_rule TEXT;      -- the rule's label (ResponseRule::label())
)sql";

// Version 6: what a request's TLS handshake agreed (Http::TlsInfo), as compact JSON without its
// empty members (Stored::encodeTlsInfo); NULL for plain HTTP and for rows saved before it was
// kept, which read as nothing known. One nullable column: the Overview reads it for one request
// at a time, and the table's tls: filter needs only the old tls column.
const char kSchemaV6[] = R"sql(
ALTER TABLE requests ADD COLUMN tls_info TEXT; -- {"version":..,"cipher":..,"sni":..,"alpn":..}
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
    if (!transaction.isActive() || !db.exec(kSchemaV1) || !db.exec(kSchemaV2) || !db.exec(kSchemaV3) ||
        !db.exec(kSchemaV4) || !db.exec(kSchemaV5) || !db.exec(kSchemaV6) || !stamp(db, kSchemaVersion))
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
    // Each step takes version N to N+1, falling through to the next.
    switch (fromVersion) {
    case 1:
        if (!db.exec(kSchemaV2))
            return false;
        [[fallthrough]];
    case 2:
        if (!db.exec(kSchemaV3))
            return false;
        [[fallthrough]];
    case 3:
        if (!db.exec(kSchemaV4))
            return false;
        [[fallthrough]];
    case 4:
        if (!db.exec(kSchemaV5))
            return false;
        [[fallthrough]];
    case 5:
        if (!db.exec(kSchemaV6))
            return false;
        break; // the newest step: add `[[fallthrough]];` when a version 7 comes
    default:
        db.setError(
            QCoreApplication::translate("Session::Schema", "no migration from schema version %1").arg(fromVersion));
        return false;
    }
    return stamp(db, kSchemaVersion) && transaction.commit();
}

} // namespace Session
