#pragma once

#include "capture/responserules.h"

#include <QObject>

class QAction;
class QStatusBar;
class QWidget;

namespace Capture {
class CaptureEngine;
}

namespace Gui {

/**
 * The answer rules as the window keeps them: read from the settings at start (an unreadable value
 * leaves the default answer), edited in "Answer Rules…" (Capture menu, Ctrl+R), handed to the
 * engine from the next request on and kept for the next start.
 */
class AnswerRules : public QObject
{
    Q_OBJECT

public:
    AnswerRules(Capture::CaptureEngine *engine, QStatusBar *statusBar, QWidget *window);

    QAction *action() const { return m_action; }
    const Capture::ResponseRules &rules() const { return m_rules; }
    void apply(const Capture::ResponseRules &rules);

private:
    Capture::CaptureEngine *m_engine;
    QStatusBar *m_statusBar;
    QAction *m_action;
    Capture::ResponseRules m_rules;
};

} // namespace Gui
