#include "sessiondrops.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QUrl>
#include <QWidget>

namespace Gui {

SessionDrops::SessionDrops(QWidget *window)
    : QObject(window)
{
    window->setAcceptDrops(true);
    window->installEventFilter(this);
}

bool SessionDrops::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::DragEnter) {
        auto *enter = static_cast<QDragEnterEvent *>(event);
        const QList<QUrl> urls = enter->mimeData()->urls();
        if (urls.size() == 1 && urls.first().isLocalFile()) {
            const QString path = urls.first().toLocalFile();
            if (path.endsWith(QLatin1String(".hookscope")) || path.endsWith(QLatin1String(".har")))
                enter->acceptProposedAction();
        }
        return true;
    }
    if (event->type() == QEvent::Drop) {
        auto *drop = static_cast<QDropEvent *>(event);
        const QString path = drop->mimeData()->urls().value(0).toLocalFile();
        if (path.endsWith(QLatin1String(".har")))
            Q_EMIT importRequested(path);
        else
            Q_EMIT openRequested(path);
        drop->acceptProposedAction();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Gui
