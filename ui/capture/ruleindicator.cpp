#include "ruleindicator.h"

#include "capture/captureengine.h"
#include "requesttablemodel.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QStatusBar>
#include <QTableView>
#include <QToolButton>

namespace Gui {

namespace {

/// "500, 500, 200": a rule's answers in turn.
QString statuses(const QList<Capture::AnswerSpec> &answers)
{
    QStringList out;
    for (const Capture::AnswerSpec &a : answers)
        out << QString::number(a.status);
    return out.join(QStringLiteral(", "));
}

} // namespace

RuleIndicator::RuleIndicator(Capture::CaptureEngine *engine, RequestTableModel *model, QTableView *table,
                             QStatusBar *statusBar, QAction *edit)
    : QObject(edit)
    , m_model(model)
    , m_table(table)
    , m_badge(new QToolButton(statusBar))
    , m_last(new QLabel(statusBar))
{
    m_badge->setObjectName(QStringLiteral("answerRulesBadge"));
    m_badge->setAutoRaise(true);
    m_badge->setToolButtonStyle(Qt::ToolButtonTextOnly);
    QFont bold = m_badge->font();
    bold.setBold(true);
    m_badge->setFont(bold);
    m_last->setObjectName(QStringLiteral("lastAnswerLabel"));
    statusBar->addPermanentWidget(m_badge);
    statusBar->addPermanentWidget(m_last);
    connect(m_badge, &QToolButton::clicked, edit, &QAction::trigger);
    connect(engine, &Capture::CaptureEngine::captured, this, &RuleIndicator::onCaptured);
    connect(model, &QAbstractItemModel::modelReset, this, &RuleIndicator::showColumn);
    connect(model, &QAbstractItemModel::rowsInserted, this, &RuleIndicator::showColumn);
    // Near Answer (after Signature, which the view puts there): the status and what chose it are read together.
    QHeaderView *header = table->horizontalHeader();
    header->moveSection(header->visualIndex(RequestTableModel::Rule),
                        header->visualIndex(RequestTableModel::Signature) + 1);
    table->setColumnWidth(RequestTableModel::Rule, 140);
}

void RuleIndicator::showRules(const Capture::ResponseRules &rules)
{
    QStringList on;
    QStringList lines;
    for (const Capture::ResponseRule &r : rules.rules) {
        if (!r.isOn())
            continue;
        on << r.label();
        lines << tr("• %1: %2").arg(r.label(), statuses(r.answers));
    }
    m_rulesOn = rules.changesAnswers();
    if (!on.isEmpty())
        m_badge->setText(tr("Answer rules: %1").arg(on.constFirst()) +
                         (on.size() > 1 ? tr(" (+%n more)", nullptr, int(on.size() - 1)) : QString()));
    else
        m_badge->setText(tr("Default answer: %1").arg(rules.fallback.status));
    lines << tr("Otherwise the default answer: %1").arg(rules.fallback.status);
    m_badge->setToolTip(tr("Requests are answered by these rules, tried in order:\n%1\n\nClick to edit them.")
                            .arg(lines.join(QLatin1Char('\n'))));
    m_badge->setVisible(m_rulesOn);
    showLast();
    showColumn();
}

void RuleIndicator::onCaptured(const Session::CapturedBatch &batch)
{
    for (auto it = batch.crbegin(); it != batch.crend(); ++it) {
        const Session::CapturedRequest &r = **it;
        if (r.answerChoice == Session::AnswerChoice::Unknown)
            continue; // rejected, imported, or not saved: no rule chose its answer
        m_lastStatus = r.responseStatus;
        m_lastChoice = r.answerChoice;
        m_lastRule = r.answerRule;
        showLast();
        return;
    }
}

void RuleIndicator::showLast()
{
    QString text;
    switch (m_lastChoice) {
    case Session::AnswerChoice::Rule:
        text = tr("Last answer %1: rule “%2”").arg(m_lastStatus).arg(m_lastRule);
        break;
    case Session::AnswerChoice::Challenge:
        text = tr("Last answer %1: %2").arg(m_lastStatus).arg(m_lastRule);
        break;
    case Session::AnswerChoice::Default:
        text = tr("Last answer %1: the default").arg(m_lastStatus);
        break;
    case Session::AnswerChoice::Unknown:
        break;
    }
    m_last->setText(text);
    // Where no rule is on and the default answered, there is nothing to point out.
    m_last->setVisible(!text.isEmpty() && (m_rulesOn || m_lastChoice != Session::AnswerChoice::Default));
}

void RuleIndicator::showColumn()
{
    m_table->setColumnHidden(RequestTableModel::Rule, !m_rulesOn && !m_model->store().hasAnswerRules());
}

QString RuleIndicator::choiceText(const Session::CapturedRequest &request)
{
    switch (request.answerChoice) {
    case Session::AnswerChoice::Default:
        return tr("the default answer (no answer rule matched)");
    case Session::AnswerChoice::Rule:
        return tr("answer rule “%1”").arg(request.answerRule);
    case Session::AnswerChoice::Challenge:
        return tr("Hookscope itself: %1").arg(request.answerRule);
    case Session::AnswerChoice::Unknown:
        break;
    }
    return {};
}

} // namespace Gui
