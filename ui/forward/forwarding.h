#pragma once

#include "capture/forwardrules.h"

#include <QObject>
#include <QString>

class QAction;
class QLabel;
class QSettings;
class QStatusBar;
class QTableView;
class QWidget;

namespace Capture {
class CaptureEngine;
}

namespace Gui {

class RequestTableModel;

/**
 * Forwarding as the window shows it (issue 11, Forward): the rules, kept in the settings and
 * handed to the engine at start and whenever they change; "Forwarding Rules…" (Capture menu) to
 * edit them; a status-bar badge while any rule is on, so a rule set long ago is never forgotten;
 * and the table's Forwarded column — what each forward of a request got, live as forwards finish
 * and read from the session file (on a worker thread) when a session opens.
 */
class Forwarding : public QObject
{
    Q_OBJECT

public:
    Forwarding(Capture::CaptureEngine *engine, RequestTableModel *model, QTableView *table, QStatusBar *statusBar,
               QWidget *window, QSettings *backend = nullptr);

    /// "Forwarding Rules…": opens the dialog.
    QAction *action() const { return m_action; }
    const Capture::ForwardRules &rules() const { return m_rules; }
    /// Why the saved rules could not be used at start (forwarding is then off); empty when they could.
    QString loadProblem() const { return m_loadProblem; }
    /// Uses these rules from the next request on, and keeps them for the next start.
    void apply(const Capture::ForwardRules &rules);
    QLabel *badge() const { return m_badge; }

private:
    void loadStatuses(const QString &sessionPath);
    void showState();

    Capture::CaptureEngine *m_engine;
    RequestTableModel *m_model;
    QTableView *m_table;
    QWidget *m_window;
    QSettings *m_backend;
    QAction *m_action;
    QLabel *m_badge;
    Capture::ForwardRules m_rules;
    QString m_loadProblem;
    quint64 m_generation = 0; // the newest load of statuses; older ones that finish late are dropped
};

} // namespace Gui
