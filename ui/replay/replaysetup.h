#pragma once

#include <QObject>

class QAction;

namespace Gui {

class MadeFromView;
class MainWindow;
class RecordSource;
class SecretStore;

/**
 * Replay in the window: the "Replay…" action (Ctrl+Shift+R) in the Capture menu and the table
 * rows' context menu, which reads the selected requests off the GUI thread and opens the Replay
 * dialog with them; and the detail's tab of what was made from the request shown, kept current
 * as replays finish. The window needs one line for all of it.
 */
class ReplaySetup : public QObject
{
    Q_OBJECT

public:
    ReplaySetup(MainWindow *window, RecordSource *records, SecretStore *store);

    QAction *action() const { return m_action; }
    MadeFromView *madeFrom() const { return m_madeFrom; }
    /// Reads the selected requests and opens the dialog with them.
    void replaySelected();

private:
    MainWindow *m_window;
    RecordSource *m_records;
    SecretStore *m_store;
    QAction *m_action;
    MadeFromView *m_madeFrom;
};

} // namespace Gui
