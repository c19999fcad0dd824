#include "answerrules.h"
#include "ruleindicator.h"

#include "capture/captureengine.h"
#include "rulesdialog.h"
#include "settings.h"

#include <QAction>
#include <QKeySequence>
#include <QStatusBar>

namespace Gui {

AnswerRules::AnswerRules(Capture::CaptureEngine *engine, RequestTableModel *model, QTableView *table,
                         QStatusBar *statusBar, QWidget *window)
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
    m_indicator = new RuleIndicator(engine, model, table, statusBar, m_action);
    m_indicator->showRules(m_rules);
}

void AnswerRules::apply(const Capture::ResponseRules &rules)
{
    m_rules = rules;
    Settings().set(Settings::AnswerRules, rules.toJson());
    m_engine->setRules(rules); // from the next request on
    m_indicator->showRules(rules);
    m_statusBar->showMessage(tr("Answer rules applied"), 3000);
}

void AnswerRules::configure(Capture::ListenConfig &config) const
{
    config.rules = m_rules.rules;
    config.answer = m_rules.fallback;
}

} // namespace Gui
