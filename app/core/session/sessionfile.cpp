#include "sessionfile.h"
#include "schema.h"
#include "sqlite.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

namespace Session {

namespace {

SessionFile::Info problem(FileProblem kind, const QString &path, const QString &what)
{
    return {kind, SessionFile::tr("%1: %2").arg(QDir::toNativeSeparators(path), what), 0};
}

quint32 bigEndian32(const char *p)
{
    return (quint32(quint8(p[0])) << 24) | (quint32(quint8(p[1])) << 16) | (quint32(quint8(p[2])) << 8) |
           quint32(quint8(p[3]));
}

// Looks at the 100-byte SQLite header: the magic string, and whether the file is as long as the
// header says. A truncated session is caught here, before SQLite reads a missing page.
SessionFile::Info checkHeader(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return problem(FileProblem::Io, path, file.errorString());
    const QByteArray header = file.read(100);
    if (header.isEmpty())
        return problem(FileProblem::NotSqlite, path, SessionFile::tr("the file is empty, not a Hookscope session"));
    if (header.size() < 100 || !header.startsWith(QByteArrayView("SQLite format 3\0", 16)))
        return problem(FileProblem::NotSqlite, path,
                       SessionFile::tr("not a Hookscope session (not an SQLite database)"));
    quint32 pageSize = (quint32(quint8(header[16])) << 8) | quint32(quint8(header[17]));
    if (pageSize == 1)
        pageSize = 65536;
    const quint32 pageCount = bigEndian32(header.constData() + 28);
    const quint32 changeCounter = bigEndian32(header.constData() + 24);
    const quint32 validFor = bigEndian32(header.constData() + 92);
    // The in-header size is trustworthy only when written by the same change (SQLite file format §1.3.7).
    if (pageCount > 0 && validFor == changeCounter && qint64(pageCount) * pageSize > file.size() &&
        !QFileInfo::exists(path + QStringLiteral("-wal"))) {
        return problem(FileProblem::Damaged, path,
                       SessionFile::tr("the file is truncated (%1 of %2 bytes); it may have been cut short while "
                                       "copying")
                           .arg(file.size())
                           .arg(qint64(pageCount) * pageSize));
    }
    return {};
}

SessionFile::Info classify(Sql::Database &db, const QString &path)
{
    const int code = db.errorCode() & 0xff;
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
        return problem(FileProblem::Damaged, path, SessionFile::tr("the file is damaged (%1)").arg(db.error()));
    if (code == SQLITE_READONLY || code == SQLITE_PERM || code == SQLITE_CANTOPEN)
        return problem(FileProblem::ReadOnly, path,
                       SessionFile::tr("the file or its folder is read-only (%1)").arg(db.error()));
    if (code == SQLITE_FULL)
        return problem(FileProblem::Io, path, SessionFile::tr("the disk is full"));
    return problem(FileProblem::Io, path, db.error());
}

// Reads application_id and user_version and checks the tables answer.
SessionFile::Info checkIdentity(Sql::Database &db, const QString &path)
{
    const qint64 appId = db.queryInt("PRAGMA application_id", -1);
    if (appId == -1)
        return classify(db, path);
    if (appId != kApplicationId)
        return problem(FileProblem::NotSession, path,
                       SessionFile::tr("an SQLite database, but not a Hookscope session"));
    const int version = int(db.queryInt("PRAGMA user_version", 0));
    if (version > kSchemaVersion) {
        return {FileProblem::NewerVersion,
                SessionFile::tr("%1: made by a newer Hookscope (session format %2; this version reads up to %3)")
                    .arg(QDir::toNativeSeparators(path))
                    .arg(version)
                    .arg(kSchemaVersion),
                version};
    }
    if (version < 1)
        return problem(FileProblem::NotSession, path, SessionFile::tr("not a Hookscope session (no format version)"));
    // Walk the small tables whole (the request table is read in full to list it anyway) and
    // touch the payload table: damage there shows up here, before anything is written. Damage
    // deep in the payloads shows when that request is read.
    if (db.queryInt("SELECT count(*) FROM requests", -1) < 0 || db.queryInt("SELECT count(*) FROM answers", -1) < 0 ||
        db.queryInt("SELECT count(*) FROM session_info", -1) < 0 ||
        db.queryInt("SELECT count(*) FROM (SELECT 1 FROM payloads LIMIT 1)", -1) < 0)
        return classify(db, path);
    return {FileProblem::None, {}, version};
}

// Opens for reading. Reading a WAL file needs its -shm companion; in a place we cannot write,
// SQLite cannot make one, so the file is read as immutable instead: nobody can be writing it.
bool openToRead(Sql::Database &db, const QString &path)
{
    if (db.open(path, Sql::Database::Mode::ReadOnly) && db.queryInt("PRAGMA application_id", -1) != -1)
        return true;
    const int code = db.errorCode() & 0xff;
    if (code != SQLITE_READONLY && code != SQLITE_CANTOPEN)
        return db.isOpen();
    const QFileInfo dir(QFileInfo(path).absolutePath());
    if (dir.isWritable() && QFileInfo(path).isWritable())
        return false;
    return db.open(path, Sql::Database::Mode::Immutable);
}

} // namespace

SessionFile::Info SessionFile::inspect(const QString &path)
{
    const QFileInfo fi(path);
    if (!fi.exists())
        return problem(FileProblem::Missing, path, tr("no such file"));
    if (fi.isDir())
        return problem(FileProblem::NotSqlite, path, tr("a folder, not a Hookscope session"));
    Info info = checkHeader(path);
    if (info.problem != FileProblem::None)
        return info;
    Sql::Database db;
    if (!openToRead(db, path))
        return classify(db, path);
    return checkIdentity(db, path);
}

SessionFile::Info SessionFile::openForReading(Sql::Database &db, const QString &path)
{
    Info info = inspect(path);
    if (info.problem != FileProblem::None)
        return info;
    if (!openToRead(db, path))
        return classify(db, path);
    return info;
}

SessionFile::Info SessionFile::openForWriting(Sql::Database &db, const QString &path)
{
    const QFileInfo fi(path);
    const QFileInfo dir(fi.absolutePath());
    if (!fi.exists()) {
        if (!dir.exists())
            return problem(FileProblem::Io, path, tr("the folder does not exist"));
        if (!dir.isWritable())
            return problem(FileProblem::ReadOnly, path, tr("the folder is read-only"));
        if (!db.open(path, Sql::Database::Mode::Create)) {
            Info failed = classify(db, path);
            QFile::remove(path);
            return failed;
        }
        // 16 KiB pages: a million summary rows sit in a quarter as many pages as with 4 KiB, so
        // opening a large session reads far fewer scattered pages from a cold disk.
        if (!db.exec("PRAGMA page_size = 16384") || !db.exec("PRAGMA journal_mode = WAL") ||
            !db.exec("PRAGMA synchronous = NORMAL") || !createSchema(db)) {
            Info failed = classify(db, path);
            db.close();
            QFile::remove(path);
            QFile::remove(path + QStringLiteral("-wal"));
            QFile::remove(path + QStringLiteral("-shm"));
            return failed;
        }
        return {FileProblem::None, {}, kSchemaVersion};
    }

    Info info = inspect(path);
    if (info.problem != FileProblem::None)
        return info;
    // A session in a read-only place can be read but not captured into; say so before SQLite
    // would try to create its -wal and -shm files next to it.
    if (!fi.isWritable())
        return problem(FileProblem::ReadOnly, path, tr("the file is read-only"));
    if (!dir.isWritable())
        return problem(FileProblem::ReadOnly, path, tr("the folder is read-only"));
    if (!db.open(path, Sql::Database::Mode::ReadWrite))
        return classify(db, path);
    if (!db.exec("PRAGMA journal_mode = WAL") || !db.exec("PRAGMA synchronous = NORMAL") ||
        !migrateSchema(db, info.schemaVersion)) {
        Info failed = classify(db, path);
        db.close();
        return failed;
    }
    info.schemaVersion = kSchemaVersion;
    return info;
}

} // namespace Session
