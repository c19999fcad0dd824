#pragma once

#include <QWidget>

class QAction;
class QMainWindow;
class QStackedWidget;
class QTabBar;

namespace Gui {

class CaptureControls;
class RequestDetail;
class SecretStore;
class SenderPanel;

/**
 * The window's workspaces, one key each: the captured requests (Ctrl+1) and the sender
 * (Ctrl+2), under a tab bar. Also the way between them: Send to Sender (Ctrl+E) opens the
 * selected captured request in the composer, and the listener's URL is offered as a destination.
 * Puts itself in the window as its central widget and adds the Sender menu, so the window
 * needs one line for all of it.
 */
class Workspaces : public QWidget
{
    Q_OBJECT

public:
    enum Index { Captured, Sender };

    Workspaces(QMainWindow *window, QWidget *captured, RequestDetail *detail, CaptureControls *capture,
               SecretStore *store);

    SenderPanel *panel() const { return m_panel; }
    int current() const;
    void show(Index index);
    QTabBar *tabBar() const { return m_tabs; }

private:
    void updateActions();
    QAction *addAction(QMainWindow *window, const QString &name, const QString &text, const QKeySequence &keys);

    QTabBar *m_tabs;
    QStackedWidget *m_stack;
    SenderPanel *m_panel;
    QList<QAction *> m_senderOnly; // usable while the sender is shown
};

} // namespace Gui
