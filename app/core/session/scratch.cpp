#include "scratch.h"
#include "journal.h"
#include "sessionfile.h"
#include "sessionreader.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace Session::Scratch {

QString directory()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/scratch");
    QDir().mkpath(dir);
    return dir;
}

QString newPath()
{
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
    QString path = directory() + QStringLiteral("/scratch-") + stamp + SessionFile::extension();
    for (int i = 2; QFileInfo::exists(path); ++i)
        path = directory() + QStringLiteral("/scratch-%1-%2").arg(stamp).arg(i) + SessionFile::extension();
    return path;
}

bool isScratch(const QString &path)
{
    return QFileInfo(path).absolutePath() == QFileInfo(directory()).absoluteFilePath();
}

void remove(const QString &path)
{
    // A log beside it holds answered requests SQLite did not take yet (a full disk): the file
    // stays, and the next open moves them in.
    if (!Journal::logFiles(path).isEmpty())
        return;
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
}

Tidied tidy(const QString &path)
{
    // Another window's session, maybe still empty: neither ours to delete nor to continue.
    if (Journal::isLive(path))
        return Tidied::Skipped;
    if (!Journal::logFiles(path).isEmpty())
        return Tidied::Kept; // answered requests wait in a log for the next open to move them in
    SessionReader reader;
    if (reader.open(path).problem != FileProblem::None)
        return Tidied::Skipped; // not ours to delete: leave it for the user to look at
    // Sent messages count too: a session used only to send is kept like one that captured.
    const bool empty = reader.count() == 0 && reader.messageCount() == 0;
    reader.close();
    if (!empty)
        return Tidied::Kept;
    remove(path);
    return Tidied::Removed;
}

QString latest()
{
    const QFileInfoList files =
        QDir(directory())
            .entryInfoList({QStringLiteral("scratch-*") + SessionFile::extension()}, QDir::Files, QDir::Time);
    QString newest;
    for (const QFileInfo &file : files) {
        if (tidy(file.absoluteFilePath()) == Tidied::Kept && newest.isEmpty())
            newest = file.absoluteFilePath();
    }
    return newest;
}

} // namespace Session::Scratch
