#include "recentsessionsmenu.h"
#include "settings.h"

#include "capture/sessioncontroller.h"
#include "session/scratch.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

namespace Gui {

namespace {
constexpr int kRecentSessions = 10;
}

RecentSessionsMenu::RecentSessionsMenu(Capture::SessionController *sessions, QWidget *parent)
    : QMenu(tr("Open &Recent"), parent)
    , m_sessions(sessions)
{
    setToolTipsVisible(true); // the full path of each
    connect(sessions, &Capture::SessionController::sessionChanged, this, [this](const QString &path, bool scratch) {
        if (!scratch)
            remember(path);
    });
    connect(sessions, &Capture::SessionController::scratchKept, this, &RecentSessionsMenu::remember);
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
        const QString shown = QDir::toNativeSeparators(path);
        const QFileInfo file(path);
        // Scratch files are named by the time they were started, which says little: say what it is.
        QAction *open = addAction(Session::Scratch::isScratch(path) && file.exists()
                                      ? tr("Unsaved session, last changed %1")
                                            .arg(QLocale().toString(file.lastModified(), QLocale::ShortFormat))
                                      : shown);
        open->setToolTip(shown);
        connect(open, &QAction::triggered, this, [this, path] { m_sessions->open(path); });
    }
    setEnabled(!recent.isEmpty());
}

} // namespace Gui
