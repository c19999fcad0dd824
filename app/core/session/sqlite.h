#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace Session::Sql {

/// One SQLite connection. Not thread-safe: each thread that touches a session has its own.
class Database
{
public:
    Database() = default;
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    enum class Mode {
        ReadOnly,
        ReadWrite,
        Create,
        /// Read-only, trusting that nobody writes the file meanwhile: for files in places we
        /// cannot write, where SQLite could not make the -shm file WAL reading needs.
        Immutable,
    };
    /// Opens the file; never creates it unless mode is Create. Returns false with error().
    bool open(const QString &path, Mode mode);
    void close();
    bool isOpen() const { return m_db != nullptr; }

    /// Runs one or more statements without results. Returns false with error().
    bool exec(const char *sql);
    /// The first column of the first row of a query, or `fallback`.
    qint64 queryInt(const char *sql, qint64 fallback = -1);
    /// Writes `bytes` into a blob already stored (as a zeroblob of that size) in table.column of
    /// the row `rowid`, a piece at a time: SQLite never holds a copy of the whole blob.
    bool writeBlob(const char *table, const char *column, qint64 rowid, QByteArrayView bytes);

    QString error() const { return m_error; }
    /// The SQLite result code of the last failure (SQLITE_FULL, SQLITE_CORRUPT, ...).
    int errorCode() const { return m_errorCode; }
    sqlite3 *handle() const { return m_db; }
    void setError(int code);
    void setError(const QString &message, int code = 1);

private:
    sqlite3 *m_db = nullptr;
    QString m_error;
    int m_errorCode = 0;
};

/// A prepared statement. Binding indexes start at 1, column indexes at 0 (as in SQLite).
class Statement
{
public:
    Statement() = default;
    Statement(Database &db, const char *sql);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;

    bool isValid() const { return m_stmt != nullptr; }
    /// Whether the last step() ended in an error rather than at the last row.
    bool failed() const { return m_failed; }

    void bind(int index, qint64 value);
    void bindNull(int index);
    /// Text and blobs are bound without copying: the bytes must live until the next step()/reset().
    void bindText(int index, QByteArrayView utf8);
    void bindBlob(int index, QByteArrayView bytes);
    /// A blob of `size` zero bytes that takes no memory; fill it with Database::writeBlob().
    void bindZeroBlob(int index, qint64 size);

    /// True for a row; false when done or on error (see Database::error()).
    bool step();
    /// Runs a statement that returns no rows; false on error.
    bool exec();
    void reset();

    bool isNull(int column) const;
    qint64 int64(int column) const;
    /// Valid until the next step(), reset() or destruction.
    QByteArrayView view(int column) const;
    QByteArray bytes(int column) const { return view(column).toByteArray(); }
    QString text(int column) const;

private:
    Database *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    bool m_failed = false;
};

/// Runs a transaction, rolling back unless commit() succeeded.
class Transaction
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    bool isActive() const { return m_active; }
    bool commit();

private:
    Database &m_db;
    bool m_active = false;
};

} // namespace Session::Sql
