#include "tunneldialog.h"

#include "tunnel/tunnelmanager.h"
#include "tunnel/tunneloutput.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace Gui {

namespace {

QLineEdit *programField(const QString &name, const QString &value, QWidget *parent)
{
    auto *field = new QLineEdit(value, parent);
    field->setObjectName(name + QLatin1String("Program"));
    const QString found = QStandardPaths::findExecutable(name);
    field->setPlaceholderText(found.isEmpty() ? TunnelDialog::tr("not found on PATH")
                                              : TunnelDialog::tr("%1 (found on PATH)").arg(found));
    return field;
}

} // namespace

TunnelDialog::TunnelDialog(const TunnelSetup &setup, Tunnel::TunnelManager *manager, QWidget *parent)
    : QDialog(parent)
    , m_base(setup)
    , m_manager(manager)
    , m_provider(new QComboBox(this))
    , m_cloudflared(programField(QStringLiteral("cloudflared"), setup.cloudflaredProgram, this))
    , m_ngrok(programField(QStringLiteral("ngrok"), setup.ngrokProgram, this))
    , m_command(new QLineEdit(setup.command, this))
    , m_pattern(new QLineEdit(setup.urlPattern, this))
    , m_problem(new QLabel(this))
    , m_status(new QLabel(this))
    , m_output(new QPlainTextEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("tunnelDialog"));
    setWindowTitle(tr("Tunnel Settings"));
    m_provider->setObjectName(QStringLiteral("provider"));
    for (Tunnel::Provider p : {Tunnel::Provider::Cloudflared, Tunnel::Provider::Ngrok, Tunnel::Provider::Custom})
        m_provider->addItem(Tunnel::providerTitle(p), int(p));
    m_provider->setCurrentIndex(int(setup.provider));
    m_command->setObjectName(QStringLiteral("command"));
    m_command->setPlaceholderText(tr("e.g. bore local {port} --to bore.pub"));
    m_command->setToolTip(tr("{port} is the listener's port, {url} its local URL. Split like a shell's words; no "
                             "shell runs it."));
    m_pattern->setObjectName(QStringLiteral("urlPattern"));
    m_pattern->setPlaceholderText(tr("the first http(s):// URL it prints"));
    m_pattern->setToolTip(tr("A regular expression; its first group, if it has one, is the URL"));
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::RichText);
    m_problem->setOpenExternalLinks(true); // the install page opens in the browser only when clicked
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_output->setObjectName(QStringLiteral("output"));
    m_output->setReadOnly(true);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_output->setMaximumHeight(m_output->fontMetrics().height() * 8);
    m_output->setLineWrapMode(QPlainTextEdit::NoWrap);

    auto *form = new QFormLayout;
    form->addRow(tr("Public URL &through:"), m_provider);
    const auto withBrowse = [this](QLineEdit *field) {
        auto *row = new QHBoxLayout;
        auto *button = new QPushButton(tr("Browse…"), this);
        row->addWidget(field, 1);
        row->addWidget(button);
        connect(button, &QPushButton::clicked, this, [this, field] { browse(field); });
        return row;
    };
    form->addRow(tr("&cloudflared:"), withBrowse(m_cloudflared));
    form->addRow(tr("&ngrok:"), withBrowse(m_ngrok));
    form->addRow(tr("Custom co&mmand:"), m_command);
    form->addRow(tr("&URL expression:"), m_pattern);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_status);
    layout->addWidget(m_output);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(m_provider, &QComboBox::currentIndexChanged, this, &TunnelDialog::check);
    for (QLineEdit *field : {m_cloudflared, m_ngrok, m_command, m_pattern})
        connect(field, &QLineEdit::textChanged, this, &TunnelDialog::check);
    connect(m_manager, &Tunnel::TunnelManager::stateChanged, this, &TunnelDialog::showRun);
    connect(m_manager, &Tunnel::TunnelManager::ended, this, &TunnelDialog::showRun);
    check();
    showRun();
}

TunnelSetup TunnelDialog::setup() const
{
    TunnelSetup s = m_base;
    s.provider = Tunnel::Provider(m_provider->currentData().toInt());
    s.cloudflaredProgram = m_cloudflared->text().trimmed();
    s.ngrokProgram = m_ngrok->text().trimmed();
    s.command = m_command->text().trimmed();
    s.urlPattern = m_pattern->text().trimmed();
    return s;
}

void TunnelDialog::check()
{
    const TunnelSetup s = setup();
    const bool custom = s.provider == Tunnel::Provider::Custom;
    m_command->setEnabled(custom);
    m_pattern->setEnabled(custom);
    m_cloudflared->setEnabled(s.provider == Tunnel::Provider::Cloudflared);
    m_ngrok->setEnabled(s.provider == Tunnel::Provider::Ngrok);
    const Tunnel::TunnelConfig config = s.config();
    QString problem = Tunnel::OutputReader(config).patternError();
    bool blocking = !problem.isEmpty();
    if (problem.isEmpty()) {
        const Tunnel::Launch launch = Tunnel::launchFor(config, QUrl(QStringLiteral("http://127.0.0.1:8080")));
        problem = launch.error;
        blocking = !launch.ok() && !launch.missing; // a tool can be installed later; a bad command cannot run
    }
    QString html = problem.toHtmlEscaped();
    const QString page = Tunnel::installPage(s.provider);
    if (!page.isEmpty())
        html.replace(page.toHtmlEscaped(), QStringLiteral("<a href=\"%1\">%1</a>").arg(page.toHtmlEscaped()));
    m_problem->setText(html.isEmpty() ? QString() : QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(html));
    m_problem->setVisible(!html.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!blocking);
}

void TunnelDialog::showRun()
{
    using State = Tunnel::TunnelManager::State;
    QString text;
    switch (m_manager->state()) {
    case State::Off:
        text = tr("The tunnel is not running.");
        break;
    case State::Starting:
        text = tr("Starting %1…").arg(Tunnel::providerTitle(m_manager->config().provider));
        break;
    case State::Up:
        text = tr("Up: %1 reaches %2.").arg(m_manager->publicUrl().toString(), m_manager->local().toString());
        break;
    case State::Restarting:
        text = tr("%1. Starting it again.").arg(m_manager->problem());
        break;
    case State::Failed:
        text = tr("Stopped: %1.").arg(m_manager->problem());
        break;
    }
    m_status->setText(text);
    const QStringList lines = m_manager->lastLines();
    m_output->setPlainText(lines.join(QLatin1Char('\n')));
    m_output->setVisible(!lines.isEmpty());
}

void TunnelDialog::browse(QLineEdit *field)
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Choose the Program"), field->text());
    if (!file.isEmpty())
        field->setText(file);
}

} // namespace Gui
