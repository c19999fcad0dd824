#pragma once

#include "capture/responserules.h"

#include <QObject>

class QAction;
class QStatusBar;
class QTableView;
class QWidget;

namespace Capture {
class CaptureEngine;
struct ListenConfig;
} // namespace Capture

namespace Gui {

class RequestTableModel;
class RuleIndicator;

/**
 * The answer rules as the window keeps them: read from the settings at start (an unreadable value
 * leaves the default answer), edited in "Answer Rules…" (Capture menu, Ctrl+R), handed to the
 * engine from the next request on and kept for the next start. While they change any answer the
 * status bar says so (see RuleIndicator), so a rule left on from an earlier day is not forgotten.
 */
class AnswerRules : public QObject
{
    Q_OBJECT

public:
    AnswerRules(Capture::CaptureEngine *engine, RequestTableModel *model, QTableView *table, QStatusBar *statusBar,
                QWidget *window);

    QAction *action() const { return m_action; }
    const Capture::ResponseRules &rules() const { return m_rules; }
    void apply(const Capture::ResponseRules &rules);
    /// Puts the rules into what the listener starts with.
    void configure(Capture::ListenConfig &config) const;
    RuleIndicator *indicator() const { return m_indicator; }

private:
    Capture::CaptureEngine *m_engine;
    QStatusBar *m_statusBar;
    QAction *m_action;
    Capture::ResponseRules m_rules;
    RuleIndicator *m_indicator;
};

} // namespace Gui
