#include "forwardrulesdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Gui {

ForwardRulesDialog::ForwardRulesDialog(const Capture::ForwardRules &rules, QWidget *parent)
    : QDialog(parent)
    , m_rules(rules)
    , m_list(new QListWidget(this))
    , m_form(new QWidget(this))
    , m_enabled(new QCheckBox(tr("&Enabled"), this))
    , m_name(new QLineEdit(this))
    , m_methods(new QLineEdit(this))
    , m_path(new QLineEdit(this))
    , m_destinations(new QPlainTextEdit(this))
    , m_rewriteFrom(new QLineEdit(this))
    , m_rewriteTo(new QLineEdit(this))
    , m_attempts(new QSpinBox(this))
    , m_retryDelay(new QSpinBox(this))
    , m_answer(new QCheckBox(tr("Answer the sender with the first destination's answer"), this))
    , m_timeout(new QSpinBox(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Forwarding Rules"));
    m_methods->setPlaceholderText(tr("any method (or e.g. POST, PUT)"));
    m_path->setPlaceholderText(tr("any path (or e.g. /hooks/*)"));
    m_destinations->setPlaceholderText(tr("http://127.0.0.1:3000\n(one URL per line)"));
    m_destinations->setTabChangesFocus(true);
    m_destinations->setFixedHeight(m_destinations->fontMetrics().lineSpacing() * 4 + 12);
    m_rewriteFrom->setPlaceholderText(tr("/hooks/*"));
    m_rewriteTo->setPlaceholderText(tr("/api/webhooks/*"));
    m_attempts->setRange(1, 20);
    m_retryDelay->setRange(0, 600'000);
    m_retryDelay->setSuffix(tr(" ms"));
    m_retryDelay->setSingleStep(500);
    m_timeout->setRange(1, 600'000);
    m_timeout->setSuffix(tr(" ms"));
    m_timeout->setSingleStep(1000);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c0392b"));

    auto *rewrite = new QHBoxLayout;
    rewrite->addWidget(m_rewriteFrom);
    rewrite->addWidget(new QLabel(QStringLiteral("→"), this));
    rewrite->addWidget(m_rewriteTo);
    auto *form = new QFormLayout(m_form);
    form->addRow(m_enabled);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Methods:"), m_methods);
    form->addRow(tr("&Path:"), m_path);
    form->addRow(tr("&Destinations:"), m_destinations);
    form->addRow(tr("&Rewrite path:"), rewrite);
    form->addRow(tr("&Attempts:"), m_attempts);
    form->addRow(tr("First retry &after:"), m_retryDelay);
    form->addRow(m_answer);
    form->addRow(tr("&Wait at most:"), m_timeout);

    auto *add = new QPushButton(tr("&Add"), this);
    auto *remove = new QPushButton(tr("Remo&ve"), this);
    auto *up = new QPushButton(tr("&Up"), this);
    auto *down = new QPushButton(tr("Do&wn"), this);
    auto *listButtons = new QHBoxLayout;
    for (QPushButton *b : {add, remove, up, down})
        listButtons->addWidget(b);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list);
    left->addLayout(listButtons);
    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addWidget(m_form, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Captured requests are forwarded once saved, by the first enabled rule that "
                                    "matches, as they came (hop-by-hop headers dropped; Host and Content-Length "
                                    "made for the destination)."),
                                 this));
    layout->itemAt(0)->widget()->setProperty("wordWrap", true);
    layout->addLayout(columns);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(add, &QPushButton::clicked, this, &ForwardRulesDialog::addRule);
    connect(remove, &QPushButton::clicked, this, &ForwardRulesDialog::removeRule);
    connect(up, &QPushButton::clicked, this, [this] { moveRule(-1); });
    connect(down, &QPushButton::clicked, this, [this] { moveRule(1); });
    connect(m_list, &QListWidget::currentRowChanged, this, &ForwardRulesDialog::showRule);
    for (QLineEdit *edit : {m_name, m_methods, m_path, m_rewriteFrom, m_rewriteTo})
        connect(edit, &QLineEdit::textChanged, this, &ForwardRulesDialog::takeForm);
    connect(m_destinations, &QPlainTextEdit::textChanged, this, &ForwardRulesDialog::takeForm);
    for (QCheckBox *box : {m_enabled, m_answer})
        connect(box, &QCheckBox::toggled, this, &ForwardRulesDialog::takeForm);
    for (QSpinBox *spin : {m_attempts, m_retryDelay, m_timeout})
        connect(spin, &QSpinBox::valueChanged, this, &ForwardRulesDialog::takeForm);
    connect(m_answer, &QCheckBox::toggled, m_timeout, &QWidget::setEnabled);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!canAccept())
            return;
        Q_EMIT applied(m_rules);
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    refreshList();
    m_list->setCurrentRow(m_rules.rules.isEmpty() ? -1 : 0);
    showRule(m_list->currentRow());
}

bool ForwardRulesDialog::canAccept() const
{
    return m_buttons->button(QDialogButtonBox::Ok)->isEnabled();
}

QString ForwardRulesDialog::summary(const Capture::ForwardRule &r) const
{
    QStringList to;
    for (const QUrl &url : r.destinations)
        to << url.toString();
    const QString what = (r.methods.isEmpty() ? tr("any") : r.methods.join(QLatin1Char(','))) + QLatin1Char(' ') +
                         (r.pathPattern.isEmpty() ? QStringLiteral("*") : r.pathPattern);
    QString text = (r.name.isEmpty() ? what : r.name + QStringLiteral(" — ") + what) + QStringLiteral(" → ") +
                   (to.isEmpty() ? tr("(no destination)") : to.join(QStringLiteral(", ")));
    if (!r.enabled)
        text = tr("(off) %1").arg(text);
    return text;
}

void ForwardRulesDialog::refreshList()
{
    const QSignalBlocker block(m_list);
    while (m_list->count() > m_rules.rules.size())
        delete m_list->takeItem(m_list->count() - 1);
    for (int i = 0; i < m_rules.rules.size(); ++i) {
        if (i >= m_list->count())
            m_list->addItem(QString());
        m_list->item(i)->setText(summary(m_rules.rules.at(i)));
    }
    m_list->setCurrentRow(m_current);
    QString problem;
    for (int i = 0; i < m_rules.rules.size() && problem.isEmpty(); ++i) {
        if (const QString p = m_rules.rules.at(i).problem(); !p.isEmpty())
            problem = tr("Rule %1: %2").arg(i + 1).arg(p);
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

void ForwardRulesDialog::showRule(int index)
{
    m_current = index;
    m_form->setEnabled(index >= 0);
    const Capture::ForwardRule r = index >= 0 ? m_rules.rules.at(index) : Capture::ForwardRule();
    m_filling = true;
    m_enabled->setChecked(r.enabled);
    m_name->setText(r.name);
    m_methods->setText(r.methods.join(QStringLiteral(", ")));
    m_path->setText(r.pathPattern);
    QStringList urls;
    for (const QUrl &url : r.destinations)
        urls << url.toString();
    m_destinations->setPlainText(urls.join(QLatin1Char('\n')));
    m_rewriteFrom->setText(r.rewriteFrom);
    m_rewriteTo->setText(r.rewriteTo);
    m_attempts->setValue(r.retry.maxAttempts);
    m_retryDelay->setValue(r.retry.initialDelayMs);
    m_answer->setChecked(r.answerFromForward);
    m_timeout->setValue(r.answerTimeoutMs);
    m_timeout->setEnabled(r.answerFromForward);
    m_filling = false;
}

void ForwardRulesDialog::takeForm()
{
    if (m_filling || m_current < 0)
        return;
    Capture::ForwardRule &r = m_rules.rules[m_current];
    r.enabled = m_enabled->isChecked();
    r.name = m_name->text().trimmed();
    r.methods.clear();
    for (const QString &m : m_methods->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!m.trimmed().isEmpty())
            r.methods << m.trimmed().toUpper();
    }
    r.pathPattern = m_path->text().trimmed();
    r.destinations.clear();
    for (const QString &line : m_destinations->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (!line.trimmed().isEmpty())
            r.destinations << QUrl(line.trimmed(), QUrl::StrictMode);
    }
    r.rewriteFrom = m_rewriteFrom->text().trimmed();
    r.rewriteTo = m_rewriteTo->text().trimmed();
    r.retry.maxAttempts = m_attempts->value();
    r.retry.initialDelayMs = m_retryDelay->value();
    r.answerFromForward = m_answer->isChecked();
    r.answerTimeoutMs = m_timeout->value();
    refreshList();
}

void ForwardRulesDialog::addRule()
{
    Capture::ForwardRule rule;
    rule.destinations = {QUrl(QStringLiteral("http://127.0.0.1:3000"))};
    m_rules.rules.append(rule);
    m_current = int(m_rules.rules.size()) - 1;
    refreshList();
    showRule(m_current);
    m_destinations->setFocus();
    m_destinations->selectAll();
}

void ForwardRulesDialog::removeRule()
{
    if (m_current < 0)
        return;
    m_rules.rules.removeAt(m_current);
    m_current = qMin(m_current, int(m_rules.rules.size()) - 1);
    refreshList();
    showRule(m_current);
}

void ForwardRulesDialog::moveRule(int by)
{
    const int to = m_current + by;
    if (m_current < 0 || to < 0 || to >= m_rules.rules.size())
        return;
    m_rules.rules.swapItemsAt(m_current, to);
    m_current = to;
    refreshList();
}

} // namespace Gui
