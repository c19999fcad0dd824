#include "answerrules.h"

#include "capture/captureengine.h"
#include "rulesdialog.h"
#include "settings.h"

#include <QAction>
#include <QKeySequence>
#include <QStatusBar>

namespace Gui {

AnswerRules::AnswerRules(Capture::CaptureEngine *engine, QStatusBar *statusBar, QWidget *window)
    : QObject(window)
    , m_engine(engine)
    , m_statusBar(statusBar)
    , m_action(new QAction(tr("Answer &Rules…"), this))
{
    QString error;
    if (!Capture::ResponseRules::fromJson(Settings().get(Settings::AnswerRules), &m_rules, &error))
        m_rules = {};
    m_action->setObjectName(QStringLiteral("rules"));
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(m_action, &QAction::triggered, this, [this, window] {
        auto *dialog = new RulesDialog(m_rules, window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &RulesDialog::applied, this, &AnswerRules::apply);
        dialog->open();
    });
}

void AnswerRules::apply(const Capture::ResponseRules &rules)
{
    m_rules = rules;
    Settings().set(Settings::AnswerRules, rules.toJson());
    m_engine->setRules(rules); // from the next request on
    m_statusBar->showMessage(tr("Answer rules applied"), 3000);
}

} // namespace Gui
