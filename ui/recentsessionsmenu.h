#pragma once

#include <QMenu>

namespace Gui {

/// File ▸ Open Recent: the sessions opened or saved last, newest first, kept in the settings.
class RecentSessionsMenu : public QMenu
{
    Q_OBJECT

public:
    explicit RecentSessionsMenu(QWidget *parent = nullptr);

    /// Puts `path` first.
    void remember(const QString &path);

Q_SIGNALS:
    void openRequested(const QString &path);

private:
    void rebuild();
};

} // namespace Gui
