#pragma once

#include <QCoreApplication>
#include <QString>

namespace Session {

namespace Sql {
class Database;
}

/// Why a file could not be used as a session.
enum class FileProblem {
    None,
    Missing,      ///< no such file
    NotSqlite,    ///< not an SQLite database at all (or empty)
    NotSession,   ///< an SQLite database, but not a Hookscope session
    NewerVersion, ///< made by a newer Hookscope
    Damaged,      ///< truncated or corrupt
    ReadOnly,     ///< the file or its folder cannot be written
    Locked,       ///< another Hookscope is capturing into it (it can still be read)
    Io,           ///< anything else the system refused
};

/**
 * Opening session files safely. Every check runs before anything is written, so a file that
 * is not a usable session is never modified.
 */
class SessionFile
{
    Q_DECLARE_TR_FUNCTIONS(Session::SessionFile)

public:
    struct Info
    {
        FileProblem problem = FileProblem::None;
        QString error; ///< one sentence for the user, naming the file
        int schemaVersion = 0;
    };

    /// Checks a file without changing it.
    static Info inspect(const QString &path);
    /// Opens a session for writing: creates it when it does not exist, migrates an older schema,
    /// switches to WAL. On failure `db` is closed and the file untouched.
    static Info openForWriting(Sql::Database &db, const QString &path);
    /// Opens an existing session for reading only.
    static Info openForReading(Sql::Database &db, const QString &path);

    /// The file extension, with the dot.
    static QString extension() { return QStringLiteral(".hookscope"); }
};

} // namespace Session
