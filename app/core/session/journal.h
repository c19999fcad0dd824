#pragma once

#include "capturedrequest.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>
#include <mutex>
#include <vector>

namespace Session {

/**
 * The session's log of requests not yet in the SQLite file ("<session>-log.N" beside it).
 *
 * Durable answers need each request in the kernel's hands before its 2xx goes out; a
 * transaction per group of requests puts SQLite's B-tree work on that path. Instead the capture
 * thread appends everything read in one event-loop turn with a single write(2) and answers; the
 * session writer moves the records into SQLite in large transactions and the log is dropped as
 * it catches up. After a crash the next writer replays what the log holds. Like SQLite's own WAL
 * in NORMAL mode this survives a killed process, not a power cut.
 *
 * A lock file ("<session>-log.lock") is held while a writer has the session open, so a second
 * Hookscope cannot capture into the same file and readers know whether a log is live or left over.
 * Every name is made from the session's canonical path, so a symbolic link reaches the same lock
 * and log; the session file itself is locked too (flock on its inode), which refuses a second
 * writer coming through a hard link.
 *
 * A record is written as pieces with one writev(2): the large byte arrays of a request (its
 * body, above all) go to the kernel from where they already are, never copied into a buffer.
 */
class Journal
{
    Q_DECLARE_TR_FUNCTIONS(Session::Journal)

public:
    Journal() = default;
    ~Journal();
    Journal(const Journal &) = delete;
    Journal &operator=(const Journal &) = delete;

    /// Takes the session's lock. False when another writer holds it (`heldElsewhere` set) or
    /// the lock cannot be made.
    bool lock(const QString &sessionPath, QString *error, bool *heldElsewhere = nullptr);
    /// Locks the session file itself, once it exists (lock() does when it already does).
    bool lockSessionFile(QString *error, bool *heldElsewhere = nullptr);
    /// Appends records with one write. False with an error (then none of them is in the log).
    bool append(const CapturedBatch &records, QString *error);
    /// Drops log files (or truncates the current one) whose records all have ids <= `id`.
    void release(qint64 id);
    /// Deletes the log files: everything they held is in the SQLite file.
    void removeLogs();
    /// Releases the lock. Call after the last SQLite connection of this writer to the session is
    /// closed: closing the descriptor that locks the file drops this process's POSIX locks on it.
    void unlock();

    /// The path every name of the session is made from: symbolic links resolved.
    static QString canonicalPath(const QString &sessionPath);

    /// Whether a writer holds `sessionPath` now (its lock is taken).
    static bool isLive(const QString &sessionPath);
    /// Every intact record in the log files of `sessionPath`, in order; stops at a torn tail.
    static bool replay(const QString &sessionPath, const std::function<void(CapturedRequestPtr)> &fn, QString *error);
    static QStringList logFiles(const QString &sessionPath);
    static void removeLogFiles(const QString &sessionPath);

    /// The record as stored in the log, as pieces: short runs of encoded fields and the large
    /// byte arrays of the record itself (shared, not copied).
    static QList<QByteArray> encodePieces(const CapturedRequest &record);
    static QByteArray encode(const CapturedRequest &record);
    static CapturedRequestPtr decode(QByteArrayView bytes);

private:
    struct File
    {
        QString path;
        qint64 maxId = 0;
    };
    bool openCurrent(QString *error);
    bool takeFileLock(QString *error, bool *heldElsewhere);

    std::mutex m_mutex;
    QString m_session; // canonical
    int m_lockFd = -1;
    int m_sessionFd = -1; // the session file itself, flock'ed
    int m_fd = -1;
    qint64 m_size = 0;
    int m_sequence = 0;
    std::vector<File> m_files; // oldest first; the last is the one written
};

} // namespace Session
