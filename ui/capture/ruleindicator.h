#pragma once

#include "capture/responserules.h"
#include "session/capturedrequest.h"

#include <QObject>

class QAction;
class QLabel;
class QStatusBar;
class QTableView;
class QToolButton;

namespace Capture {
class CaptureEngine;
}

namespace Gui {

class RequestTableModel;

/**
 * Answer rules made visible (issue 12): answer rules are global and outlive a restart, so a rule
 * set for yesterday's test would otherwise answer today's requests unseen.
 *
 * - a status-bar badge while the rules answer anything otherwise than a fresh Hookscope would
 *   (a rule is on, or the default answer was changed); clicking it opens the rules (`edit`);
 * - beside it, what answered the last request: which rule, or the default answer;
 * - the table's Rule column, shown while rules are on or any request in the session was
 *   answered by one.
 */
class RuleIndicator : public QObject
{
    Q_OBJECT

public:
    RuleIndicator(Capture::CaptureEngine *engine, RequestTableModel *model, QTableView *table, QStatusBar *statusBar,
                  QAction *edit);

    /// The rules in force now.
    void showRules(const Capture::ResponseRules &rules);

    QToolButton *badge() const { return m_badge; }
    QLabel *lastAnswer() const { return m_last; }

    /// What chose a request's answer, as a phrase ("answer rule “flaky”"); empty when not known.
    static QString choiceText(const Session::CapturedRequest &request);

private:
    void onCaptured(const Session::CapturedBatch &batch);
    void showColumn();
    void showLast();

    RequestTableModel *m_model;
    QTableView *m_table;
    QToolButton *m_badge;
    QLabel *m_last;
    bool m_rulesOn = false;
    // The newest request whose answer a rule or the default chose (not the record: its body may be large).
    int m_lastStatus = 0;
    Session::AnswerChoice m_lastChoice = Session::AnswerChoice::Unknown;
    QString m_lastRule;
};

} // namespace Gui
