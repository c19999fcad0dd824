#include "sqlite.h"

#include <QUrl>

#include <sqlite3.h>

namespace Session::Sql {

Database::~Database()
{
    close();
}

bool Database::open(const QString &path, Mode mode)
{
    close();
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    switch (mode) {
    case Mode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Mode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::Create:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    case Mode::Immutable:
        flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
        break;
    }
    const QByteArray name =
        mode == Mode::Immutable ? "file:" + QUrl::toPercentEncoding(path, "/") + "?immutable=1" : path.toUtf8();
    const int rc = sqlite3_open_v2(name.constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        setError(rc);
        close();
        return false;
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 5000);
    return true;
}

void Database::close()
{
    if (m_db)
        sqlite3_close_v2(m_db);
    m_db = nullptr;
}

void Database::setError(int code)
{
    m_errorCode = code;
    m_error = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString::fromUtf8(sqlite3_errstr(code));
}

void Database::setError(const QString &message, int code)
{
    m_errorCode = code;
    m_error = message;
}

bool Database::exec(const char *sql)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        m_errorCode = rc;
        m_error = QString::fromUtf8(message ? message : sqlite3_errstr(rc));
        sqlite3_free(message);
        return false;
    }
    return true;
}

bool Database::writeBlob(const char *table, const char *column, qint64 rowid, QByteArrayView bytes)
{
    constexpr qsizetype kPiece = 1 << 20;
    sqlite3_blob *blob = nullptr;
    int rc = sqlite3_blob_open(m_db, "main", table, column, rowid, 1, &blob);
    for (qsizetype done = 0; rc == SQLITE_OK && done < bytes.size(); done += kPiece) {
        const qsizetype n = qMin(kPiece, bytes.size() - done);
        rc = sqlite3_blob_write(blob, bytes.data() + done, int(n), int(done));
    }
    if (rc != SQLITE_OK)
        setError(rc);
    sqlite3_blob_close(blob);
    return rc == SQLITE_OK;
}

qint64 Database::queryInt(const char *sql, qint64 fallback)
{
    Statement s(*this, sql);
    if (s.isValid() && s.step())
        return s.int64(0);
    return fallback;
}

Statement::Statement(Database &db, const char *sql)
    : m_db(&db)
{
    const int rc = sqlite3_prepare_v3(db.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        db.setError(rc);
        m_stmt = nullptr;
    }
}

Statement::~Statement()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement &&other) noexcept
    : m_db(other.m_db)
    , m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_failed(other.m_failed)
{
}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        if (m_stmt)
            sqlite3_finalize(m_stmt);
        m_db = other.m_db;
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_failed = other.m_failed;
    }
    return *this;
}

void Statement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

void Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

void Statement::bindText(int index, QByteArrayView utf8)
{
    if (utf8.isNull())
        sqlite3_bind_null(m_stmt, index);
    else
        sqlite3_bind_text64(m_stmt, index, utf8.data(), sqlite3_uint64(utf8.size()), SQLITE_STATIC, SQLITE_UTF8);
}

void Statement::bindBlob(int index, QByteArrayView bytes)
{
    // A zero-length blob, not NULL: an empty body is still a body.
    static const char empty = 0;
    sqlite3_bind_blob64(m_stmt, index, bytes.isEmpty() ? &empty : bytes.data(), sqlite3_uint64(bytes.size()),
                        SQLITE_STATIC);
}

void Statement::bindZeroBlob(int index, qint64 size)
{
    sqlite3_bind_zeroblob64(m_stmt, index, sqlite3_uint64(size));
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    m_failed = rc != SQLITE_DONE;
    if (m_failed)
        m_db->setError(rc);
    return false;
}

bool Statement::exec()
{
    const int rc = sqlite3_step(m_stmt);
    sqlite3_reset(m_stmt);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return true;
    m_db->setError(rc);
    return false;
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

QByteArrayView Statement::view(int column) const
{
    const void *data = sqlite3_column_blob(m_stmt, column);
    const int size = sqlite3_column_bytes(m_stmt, column);
    return data ? QByteArrayView(static_cast<const char *>(data), size) : QByteArrayView();
}

QString Statement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return data ? QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column)) : QString();
}

Transaction::Transaction(Database &db)
    : m_db(db)
    , m_active(db.exec("BEGIN IMMEDIATE"))
{
}

Transaction::~Transaction()
{
    if (m_active) {
        // Keep the error that made us give up, not the rollback's.
        const QString error = m_db.error();
        const int code = m_db.errorCode();
        m_db.exec("ROLLBACK");
        m_db.setError(error, code);
    }
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    if (!m_db.exec("COMMIT"))
        return false; // the destructor rolls back
    m_active = false;
    return true;
}

} // namespace Session::Sql
