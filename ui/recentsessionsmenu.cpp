#include "recentsessionsmenu.h"
#include "settings.h"

#include <QDir>

namespace Gui {

namespace {
constexpr int kRecentSessions = 10;
}

RecentSessionsMenu::RecentSessionsMenu(QWidget *parent)
    : QMenu(tr("Open &Recent"), parent)
{
    rebuild();
}

void RecentSessionsMenu::remember(const QString &path)
{
    Settings settings;
    QStringList recent = settings.get(Settings::RecentSessions);
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kRecentSessions)
        recent.removeLast();
    settings.set(Settings::RecentSessions, recent);
    rebuild();
}

void RecentSessionsMenu::rebuild()
{
    clear();
    const QStringList recent = Settings().get(Settings::RecentSessions);
    for (const QString &path : recent) {
        QAction *open = addAction(QDir::toNativeSeparators(path));
        connect(open, &QAction::triggered, this, [this, path] { Q_EMIT openRequested(path); });
    }
    setEnabled(!recent.isEmpty());
}

} // namespace Gui
