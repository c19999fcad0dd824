#include "settingsdialog.h"
#include "http/bindaddress.h"
#include "settings.h"
#include "signing/secretspage.h"
#include "signing/signaturesettings.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Gui {

namespace {

QSpinBox *spin(int min, int max, const QString &suffix, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(min, max);
    box->setSuffix(suffix);
    return box;
}

/// "'x' is not an IP address" → "'x' is not an IP address."
QString sentence(QString phrase)
{
    if (!phrase.isEmpty())
        phrase[0] = phrase.at(0).toUpper();
    return phrase + QLatin1Char('.');
}

} // namespace

SettingsDialog::SettingsDialog(QWidget *parent)
    : SettingsDialog(nullptr, parent)
{
}

SettingsDialog::SettingsDialog(SignatureSettings *signatures, QWidget *parent)
    : QDialog(parent)
    , m_address(new QLineEdit(this))
    , m_warning(new QLabel(this))
    , m_port(spin(0, 65535, {}, this))
    , m_maxBodyMb(spin(1, 4096, tr(" MiB"), this))
    , m_maxHeadKb(spin(1, 65536, tr(" KiB"), this))
    , m_maxHeaders(spin(1, 100000, {}, this))
    , m_headTimeout(spin(1, 3600, tr(" s"), this))
    , m_idleTimeout(spin(1, 86400, tr(" s"), this))
    , m_maxConnections(spin(1, 100000, {}, this))
    , m_durable(new QCheckBox(tr("Answer only once a request is safely in the session"), this))
    , m_pages(new QTabWidget(this))
    , m_signatures(signatures)
{
    setWindowTitle(tr("Settings"));
    Settings s;
    // The limits as the listener gets them, so the form never shows a value it does not use.
    const Http::Limits limits = s.limits();
    m_address->setText(s.get(Settings::BindAddress));
    m_port->setValue(s.listenPort());
    m_port->setSpecialValueText(tr("any free port"));
    m_maxBodyMb->setValue(int(limits.maxBodyBytes / (1024 * 1024)));
    m_maxHeadKb->setValue(int(limits.maxHeadBytes / 1024));
    m_maxHeaders->setValue(limits.maxHeaderCount);
    m_headTimeout->setValue(limits.headTimeoutMs / 1000);
    m_idleTimeout->setValue(limits.idleTimeoutMs / 1000);
    m_maxConnections->setValue(limits.maxConnections);
    m_durable->setChecked(s.get(Settings::DurableAnswers));
    m_warning->setWordWrap(true);

    auto *form = new QFormLayout;
    form->setObjectName(QStringLiteral("captureForm"));
    form->addRow(tr("Listen on address:"), m_address);
    form->addRow(QString(), m_warning);
    form->addRow(tr("Port:"), m_port);
    form->addRow(tr("Largest body:"), m_maxBodyMb);
    form->addRow(tr("Largest request head:"), m_maxHeadKb);
    form->addRow(tr("Most header fields:"), m_maxHeaders);
    form->addRow(tr("Head must arrive within:"), m_headTimeout);
    form->addRow(tr("Close idle connections after:"), m_idleTimeout);
    form->addRow(tr("Most connections at once:"), m_maxConnections);
    form->addRow(tr("Durable answers:"), m_durable);
    auto *capture = new QWidget(m_pages);
    capture->setLayout(form);
    m_pages->addTab(capture, tr("Cap&ture"));
    if (m_signatures) {
        m_secrets = new SecretsPage(m_signatures->store(), m_pages);
        m_pages->addTab(m_secrets, tr("&Secrets"));
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    layout->addWidget(buttons);
    connect(m_address, &QLineEdit::textChanged, this, &SettingsDialog::updateWarning);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        QString error;
        if (save(&error))
            accept();
        else
            QMessageBox::warning(this, windowTitle(), error);
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateWarning();
}

void SettingsDialog::updateWarning()
{
    const Http::BindAddress parsed = Http::parseBindAddress(m_address->text());
    if (!parsed.isValid()) {
        m_warning->setText(sentence(parsed.error));
    } else if (!parsed.address.isLoopback()) {
        m_warning->setText(tr("Other machines on the network will be able to send to Hookscope and read its "
                              "answers. Use 127.0.0.1 to keep it to this computer."));
    } else {
        m_warning->clear();
    }
    m_warning->setVisible(!m_warning->text().isEmpty());
    // A window's minimum size ignores height-for-width, so a wrapped sentence that appears in an
    // open dialog would keep the one line's height the dialog had room for: grow to fit it.
    if (isVisible()) {
        const int needed = heightForWidth(width());
        if (needed > height())
            resize(width(), needed);
    }
}

void SettingsDialog::addSecretFor(const QString &scheme)
{
    if (!m_secrets)
        return;
    m_pages->setCurrentWidget(m_secrets);
    if (m_secrets->isReady())
        m_secrets->addSecretFor(scheme);
}

bool SettingsDialog::save(QString *error)
{
    const Http::BindAddress parsed = Http::parseBindAddress(m_address->text());
    if (!parsed.isValid()) {
        *error = sentence(parsed.error);
        m_pages->setCurrentIndex(0);
        return false;
    }
    // A page still reading its secrets shows none: storing it would delete them all.
    const bool secretsShown = m_secrets && m_secrets->isReady();
    if (secretsShown && !m_secrets->validate(error)) {
        m_pages->setCurrentWidget(m_secrets);
        return false;
    }
    Http::Limits limits;
    limits.maxBodyBytes = qint64(m_maxBodyMb->value()) * 1024 * 1024;
    limits.maxHeadBytes = qsizetype(m_maxHeadKb->value()) * 1024;
    limits.maxHeaderCount = m_maxHeaders->value();
    limits.headTimeoutMs = m_headTimeout->value() * 1000;
    limits.idleTimeoutMs = m_idleTimeout->value() * 1000;
    limits.maxConnections = m_maxConnections->value();
    Settings s;
    s.set(Settings::BindAddress, m_address->text().trimmed());
    s.set(Settings::Port, m_port->value());
    s.setLimits(limits);
    s.set(Settings::DurableAnswers, m_durable->isChecked());
    if (secretsShown)
        m_signatures->apply(m_secrets->setup());
    return true;
}

} // namespace Gui
