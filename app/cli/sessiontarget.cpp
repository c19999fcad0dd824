#include "sessiontarget.h"

#include "session/journal.h"
#include "session/sessionfile.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace Cli {

QString checkSessionTarget(const QString &path)
{
    const QFileInfo file(path);
    if (file.exists()) {
        // Another Hookscope capturing into it, by this name or another (a link), is said first:
        // through a hard link SQLite misses that writer's WAL and the file looks like no session.
        // Nothing here has the file open yet, so taking its lock for a moment disturbs no SQLite
        // lock of ours.
        Session::Journal probe;
        QString error;
        bool heldElsewhere = false;
        if (!probe.lock(path, &error, &heldElsewhere) && heldElsewhere)
            return QStringLiteral("%1: %2").arg(path, error);
        probe.unlock();
        const Session::SessionFile::Info info = Session::SessionFile::inspect(path);
        if (info.problem != Session::FileProblem::None)
            return info.error;
        if (!file.isWritable())
            return QCoreApplication::translate("Cli::SessionTarget", "%1: the file is read-only").arg(path);
        if (!QFileInfo(file.absolutePath()).isWritable())
            return QCoreApplication::translate("Cli::SessionTarget", "%1: the folder is read-only").arg(path);
        return {};
    }
    const QFileInfo dir(file.absolutePath());
    if (!dir.isDir())
        return QCoreApplication::translate("Cli::SessionTarget", "%1: the folder does not exist").arg(path);
    if (!dir.isWritable())
        return QCoreApplication::translate("Cli::SessionTarget", "%1: the folder is read-only").arg(path);
    return {};
}

} // namespace Cli
