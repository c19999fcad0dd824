#pragma once

#include <QMenu>

namespace Capture {
class SessionController;
}

namespace Gui {

/// File ▸ Open Recent: the sessions opened or saved last, newest first, kept in the settings;
/// with them the unsaved sessions that were left holding requests. Choosing one opens it.
class RecentSessionsMenu : public QMenu
{
    Q_OBJECT

public:
    explicit RecentSessionsMenu(Capture::SessionController *sessions, QWidget *parent = nullptr);

    /// Puts `path` first.
    void remember(const QString &path);

private:
    void rebuild();

    Capture::SessionController *m_sessions;
};

} // namespace Gui
