#include "rulesdialog.h"

#include <QCheckBox>
#include <QComboBox>
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

RulesDialog::RulesDialog(const Capture::ResponseRules &rules, QWidget *parent)
    : QDialog(parent)
    , m_rules(rules)
    , m_list(new QListWidget(this))
    , m_steps(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_enabled(new QCheckBox(tr("Enabled"), this))
    , m_methods(new QLineEdit(this))
    , m_path(new QLineEdit(this))
    , m_signature(new QComboBox(this))
    , m_status(new QSpinBox(this))
    , m_delay(new QSpinBox(this))
    , m_headers(new QPlainTextEdit(this))
    , m_body(new QPlainTextEdit(this))
    , m_cycle(new QCheckBox(tr("Start over after the last answer (otherwise the last repeats)"), this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Answer Rules"));
    resize(860, 560);
    m_methods->setPlaceholderText(tr("any method, or e.g. POST, PUT"));
    m_path->setPlaceholderText(tr("any path, or a pattern such as /github/*"));
    // What the rule may ask of a request's signature; the data is ResponseRule::signature.
    m_signature->addItem(tr("any, signed or not"), QString());
    m_signature->addItem(tr("invalid (any reason)"), QStringLiteral("invalid"));
    m_signature->addItem(tr("valid"), QStringLiteral("valid"));
    m_signature->addItem(tr("unsigned"), QStringLiteral("unsigned"));
    m_signature->addItem(tr("signed, but no secret set"), QStringLiteral("no-secret"));
    m_signature->addItem(tr("invalid: mismatch"), QStringLiteral("mismatch"));
    m_signature->addItem(tr("invalid: timestamp too old"), QStringLiteral("timestamp-too-old"));
    m_signature->addItem(tr("invalid: timestamp too new"), QStringLiteral("timestamp-too-new"));
    m_signature->setToolTip(tr("Answer only requests whose signature check came out this way, e.g. 401 for an "
                               "invalid signature to test a sender's retries. Secrets are set in Settings."));
    m_status->setRange(100, 599);
    m_delay->setRange(0, 3'600'000);
    m_delay->setSuffix(tr(" ms"));
    m_headers->setPlaceholderText(tr("Name: value, one per line"));
    m_error->setStyleSheet(QStringLiteral("color: #c0392b"));

    auto *ruleButtons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add"), this);
    auto *remove = new QPushButton(tr("Remove"), this);
    auto *up = new QPushButton(tr("Up"), this);
    auto *down = new QPushButton(tr("Down"), this);
    for (QPushButton *b : {add, remove, up, down})
        ruleButtons->addWidget(b);
    auto *left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Rules, tried in order:"), this));
    left->addWidget(m_list);
    left->addLayout(ruleButtons);

    auto *stepButtons = new QHBoxLayout;
    auto *addStepButton = new QPushButton(tr("Add answer"), this);
    auto *removeStep = new QPushButton(tr("Remove answer"), this);
    stepButtons->addWidget(addStepButton);
    stepButtons->addWidget(removeStep);
    stepButtons->addStretch(1);
    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(QString(), m_enabled);
    form->addRow(tr("Methods:"), m_methods);
    form->addRow(tr("Path:"), m_path);
    form->addRow(tr("Signature:"), m_signature);
    form->addRow(tr("Answers in turn:"), m_steps);
    form->addRow(QString(), stepButtons);
    form->addRow(QString(), m_cycle);
    form->addRow(tr("Status:"), m_status);
    form->addRow(tr("Delay:"), m_delay);
    form->addRow(tr("Headers:"), m_headers);
    form->addRow(tr("Body:"), m_body);
    m_steps->setMaximumHeight(90);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 2);
    columns->addLayout(form, 3);
    auto *buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    // The lists follow the form as it is typed into, not only on Apply.
    for (QLineEdit *edit : {m_name, m_methods, m_path})
        connect(edit, &QLineEdit::textChanged, this, &RulesDialog::showEdited);
    for (QPlainTextEdit *edit : {m_headers, m_body})
        connect(edit, &QPlainTextEdit::textChanged, this, &RulesDialog::showEdited);
    for (QSpinBox *box : {m_status, m_delay})
        connect(box, &QSpinBox::valueChanged, this, &RulesDialog::showEdited);
    for (QCheckBox *box : {m_enabled, m_cycle})
        connect(box, &QCheckBox::toggled, this, &RulesDialog::showEdited);
    connect(m_signature, &QComboBox::currentIndexChanged, this, &RulesDialog::showEdited);

    connect(add, &QPushButton::clicked, this, &RulesDialog::addRule);
    connect(remove, &QPushButton::clicked, this, &RulesDialog::removeRule);
    connect(up, &QPushButton::clicked, this, [this] { moveRule(-1); });
    connect(down, &QPushButton::clicked, this, [this] { moveRule(1); });
    connect(addStepButton, &QPushButton::clicked, this, &RulesDialog::addStep);
    connect(removeStep, &QPushButton::clicked, this, [this] {
        QString error;
        if (m_rule < 0 || isDefault(m_rule) || !store(&error))
            return;
        auto &answers = m_rules.rules[m_rule].answers;
        if (answers.size() > 1 && m_step >= 0) {
            answers.removeAt(m_step);
            load(m_rule, qMin(m_step, int(answers.size()) - 1));
        }
    });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_loading || row < 0)
            return;
        QString error;
        if (!store(&error)) {
            m_error->setText(error);
            m_loading = true;
            m_list->setCurrentRow(m_rule);
            m_loading = false;
            return;
        }
        load(row, 0);
    });
    connect(m_steps, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_loading || row < 0)
            return;
        QString error;
        if (!store(&error)) {
            m_error->setText(error);
            return;
        }
        load(m_rule, row);
    });
    connect(buttons, &QDialogButtonBox::clicked, this, [this, buttons](QAbstractButton *button) {
        const auto role = buttons->standardButton(button);
        if (role == QDialogButtonBox::Cancel) {
            reject();
            return;
        }
        QString error;
        if (!commit(&error)) {
            m_error->setText(error);
            return;
        }
        Q_EMIT applied(m_rules);
        if (role == QDialogButtonBox::Ok)
            accept();
    });
    refreshList();
    load(m_rules.rules.isEmpty() ? 0 : 0, 0);
}

Capture::AnswerSpec *RulesDialog::answerAt(int rule, int step)
{
    if (rule < 0)
        return nullptr;
    if (isDefault(rule))
        return &m_rules.fallback;
    auto &answers = m_rules.rules[rule].answers;
    return step >= 0 && step < answers.size() ? &answers[step] : nullptr;
}

QString RulesDialog::stepText(const Capture::AnswerSpec &a, int index) const
{
    QString text = tr("%1. %2").arg(index + 1).arg(a.status);
    if (a.delayMs > 0)
        text += tr(" after %1 ms").arg(a.delayMs);
    return text;
}

QString RulesDialog::ruleText(const Capture::ResponseRule &r) const
{
    return r.enabled ? r.label() : tr("%1 (off)").arg(r.label());
}

void RulesDialog::showEdited()
{
    if (m_loading)
        return;
    QString error;
    const bool valid = store(&error);
    m_error->setText(valid ? QString() : error);
    // Only the texts of the rule and answer being edited change: the lists keep their selection.
    if (m_rule >= 0 && !isDefault(m_rule))
        m_list->item(m_rule)->setText(ruleText(m_rules.rules.at(m_rule)));
    if (QListWidgetItem *step = m_steps->item(qMax(0, m_step)); step && answerAt(m_rule, m_step))
        step->setText(stepText(*answerAt(m_rule, m_step), qMax(0, m_step)));
}

void RulesDialog::refreshList()
{
    m_loading = true;
    m_list->clear();
    for (const Capture::ResponseRule &r : std::as_const(m_rules.rules))
        m_list->addItem(ruleText(r));
    m_list->addItem(tr("Default answer"));
    m_list->setCurrentRow(m_rule < 0 ? 0 : m_rule);
    m_loading = false;
}

void RulesDialog::refreshSteps()
{
    m_loading = true;
    m_steps->clear();
    if (m_rule >= 0 && !isDefault(m_rule)) {
        const auto &answers = m_rules.rules.at(m_rule).answers;
        for (int i = 0; i < answers.size(); ++i)
            m_steps->addItem(stepText(answers.at(i), i));
    } else if (m_rule >= 0) {
        m_steps->addItem(stepText(m_rules.fallback, 0));
    }
    m_steps->setCurrentRow(m_step);
    m_loading = false;
}

void RulesDialog::load(int rule, int step)
{
    m_loading = true;
    m_rule = rule;
    m_step = step;
    const bool fallback = isDefault(rule);
    for (QWidget *w :
         {static_cast<QWidget *>(m_name), static_cast<QWidget *>(m_enabled), static_cast<QWidget *>(m_methods),
          static_cast<QWidget *>(m_path), static_cast<QWidget *>(m_signature), static_cast<QWidget *>(m_cycle)})
        w->setEnabled(!fallback);
    if (!fallback) {
        const Capture::ResponseRule &r = m_rules.rules.at(rule);
        m_name->setText(r.name);
        m_enabled->setChecked(r.enabled);
        m_methods->setText(r.methods.join(QStringLiteral(", ")));
        m_path->setText(r.pathPattern);
        m_signature->setCurrentIndex(qMax(0, m_signature->findData(r.signature)));
        m_cycle->setChecked(r.cycle);
    } else {
        m_name->clear();
        m_methods->clear();
        m_path->clear();
        m_signature->setCurrentIndex(0);
        m_cycle->setChecked(false);
    }
    if (const Capture::AnswerSpec *a = answerAt(rule, step)) {
        m_status->setValue(a->status);
        m_delay->setValue(a->delayMs);
        QString headers;
        for (const auto &[name, value] : a->headers)
            headers += QString::fromUtf8(name) + QStringLiteral(": ") + QString::fromUtf8(value) + QLatin1Char('\n');
        m_headers->setPlainText(headers);
        m_body->setPlainText(QString::fromUtf8(a->body));
    }
    m_loading = false;
    refreshSteps();
    m_error->clear();
}

bool RulesDialog::store(QString *error)
{
    Capture::AnswerSpec *a = answerAt(m_rule, m_step);
    if (!a)
        return true;
    a->status = m_status->value();
    a->delayMs = m_delay->value();
    a->body = m_body->toPlainText().toUtf8();
    if (!isDefault(m_rule)) {
        Capture::ResponseRule &r = m_rules.rules[m_rule];
        r.name = m_name->text().trimmed();
        r.enabled = m_enabled->isChecked();
        r.methods.clear();
        for (const QString &m : m_methods->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
            r.methods.append(m.trimmed().toUpper());
        r.pathPattern = m_path->text().trimmed();
        r.signature = m_signature->currentData().toString();
        r.cycle = m_cycle->isChecked();
    }
    // Last: while a header line is being typed it is not one yet, and the fields above still count.
    Http::HeaderList headers;
    const QStringList lines = m_headers->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        QPair<QByteArray, QByteArray> header;
        if (!Capture::AnswerSpec::parseHeader(line, &header, error))
            return false;
        headers.append(header);
    }
    a->headers = headers;
    return true;
}

bool RulesDialog::commit(QString *error)
{
    if (!store(error))
        return false;
    refreshList();
    refreshSteps();
    return true;
}

void RulesDialog::addRule()
{
    QString error;
    if (!store(&error)) {
        m_error->setText(error);
        return;
    }
    Capture::ResponseRule rule;
    rule.pathPattern = QStringLiteral("/*");
    rule.answers = {Capture::AnswerSpec()};
    m_rules.rules.append(rule);
    m_rule = int(m_rules.rules.size()) - 1;
    refreshList();
    load(m_rule, 0);
}

void RulesDialog::addStep()
{
    QString error;
    if (m_rule < 0 || isDefault(m_rule) || !store(&error))
        return;
    auto &answers = m_rules.rules[m_rule].answers;
    answers.append(answers.isEmpty() ? Capture::AnswerSpec() : answers.last());
    load(m_rule, int(answers.size()) - 1);
}

void RulesDialog::removeRule()
{
    if (m_rule < 0 || isDefault(m_rule))
        return;
    m_rules.rules.removeAt(m_rule);
    m_rule = qMin(m_rule, int(m_rules.rules.size()));
    refreshList();
    load(m_rule, 0);
}

void RulesDialog::moveRule(int delta)
{
    QString error;
    const int to = m_rule + delta;
    if (m_rule < 0 || isDefault(m_rule) || to < 0 || to >= m_rules.rules.size() || !store(&error))
        return;
    m_rules.rules.move(m_rule, to);
    m_rule = to;
    refreshList();
    load(m_rule, m_step);
}

} // namespace Gui
