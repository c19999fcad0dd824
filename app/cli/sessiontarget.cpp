#include "sessiontarget.h"

#include "session/sessionfile.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace Cli {

QString checkSessionTarget(const QString &path)
{
    const QFileInfo file(path);
    if (file.exists()) {
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
