#pragma once

#include <QMenu>

class QTableWidget;
class QUrl;

namespace Gui {

/**
 * Help: Keyboard Shortcuts (every action of the window that has keys, read from the actions
 * themselves so the list is never out of date), Open Data Folder (unsaved sessions and the user's
 * templates), Report a Bug, About Hookscope (version, Qt it was built with and runs on, licence)
 * and About Qt.
 */
class HelpMenu : public QMenu
{
    Q_OBJECT

public:
    explicit HelpMenu(QWidget *window);

    /// The folder Open Data Folder opens.
    static QString dataFolder();
    /// The shortcuts dialog's table for `window`: one row per action with keys, menu order.
    static QTableWidget *shortcutTable(QWidget *window, QWidget *parent);
    /// Report a Bug: a new issue whose text asks what a report needs and already names the version,
    /// the Qt it runs on, the system and the display platform.
    static QUrl bugReportUrl();
    /// What About Hookscope says, as rich text.
    static QString aboutText();

private:
    void showShortcuts();
    void openDataFolder();
    QWidget *m_window;
};

} // namespace Gui
