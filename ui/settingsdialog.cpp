#include "settingsdialog.h"
#include "http/bindaddress.h"
#include "settings.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Ui {

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
{
    setWindowTitle(tr("Settings"));
    Settings s;
    m_address->setText(s.get(Settings::BindAddress));
    m_port->setValue(s.get(Settings::Port));
    m_port->setSpecialValueText(tr("any free port"));
    m_maxBodyMb->setValue(int(s.get(Settings::MaxBodyBytes) / (1024 * 1024)));
    m_maxHeadKb->setValue(int(s.get(Settings::MaxHeadBytes) / 1024));
    m_maxHeaders->setValue(s.get(Settings::MaxHeaderCount));
    m_headTimeout->setValue(s.get(Settings::HeadTimeoutMs) / 1000);
    m_idleTimeout->setValue(s.get(Settings::IdleTimeoutMs) / 1000);
    m_maxConnections->setValue(s.get(Settings::MaxConnections));
    m_durable->setChecked(s.get(Settings::DurableAnswers));
    m_warning->setWordWrap(true);

    auto *form = new QFormLayout;
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
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
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
}

bool SettingsDialog::save(QString *error)
{
    const Http::BindAddress parsed = Http::parseBindAddress(m_address->text());
    if (!parsed.isValid()) {
        *error = sentence(parsed.error);
        return false;
    }
    Settings s;
    s.set(Settings::BindAddress, m_address->text().trimmed());
    s.set(Settings::Port, m_port->value());
    s.set(Settings::MaxBodyBytes, qint64(m_maxBodyMb->value()) * 1024 * 1024);
    s.set(Settings::MaxHeadBytes, qint64(m_maxHeadKb->value()) * 1024);
    s.set(Settings::MaxHeaderCount, m_maxHeaders->value());
    s.set(Settings::HeadTimeoutMs, m_headTimeout->value() * 1000);
    s.set(Settings::IdleTimeoutMs, m_idleTimeout->value() * 1000);
    s.set(Settings::MaxConnections, m_maxConnections->value());
    s.set(Settings::DurableAnswers, m_durable->isChecked());
    return true;
}

Http::Limits SettingsDialog::limitsFromSettings()
{
    Settings s;
    Http::Limits limits;
    limits.maxBodyBytes = s.get(Settings::MaxBodyBytes);
    limits.maxHeadBytes = qsizetype(s.get(Settings::MaxHeadBytes));
    limits.maxHeaderCount = s.get(Settings::MaxHeaderCount);
    limits.headTimeoutMs = s.get(Settings::HeadTimeoutMs);
    limits.idleTimeoutMs = s.get(Settings::IdleTimeoutMs);
    limits.maxConnections = s.get(Settings::MaxConnections);
    return limits;
}

QHostAddress SettingsDialog::addressFromSettings()
{
    const Http::BindAddress parsed = Http::parseBindAddress(Settings().get(Settings::BindAddress));
    return parsed.isValid() ? parsed.address : QHostAddress(QHostAddress::LocalHost);
}

} // namespace Ui
