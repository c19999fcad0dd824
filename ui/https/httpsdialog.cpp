#include "httpsdialog.h"
#include "httpscontrols.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace Gui {

namespace {

QString when(const QDateTime &at)
{
    return QLocale().toString(at.toLocalTime(), QLocale::ShortFormat);
}

} // namespace

HttpsDialog::HttpsDialog(HttpsControls *controls, QWidget *parent)
    : QDialog(parent)
    , m_controls(controls)
    , m_enabled(new QCheckBox(tr("Serve &HTTPS"), this))
    , m_port(new QSpinBox(this))
    , m_plainPort(new QCheckBox(tr("The &plain port takes HTTPS too, told apart by the first byte"), this))
    , m_source(new QComboBox(this))
    , m_pages(new QStackedWidget(this))
    , m_names(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_details(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_export(new QPushButton(tr("&Export…"), this))
    , m_regenerate(new QPushButton(tr("&Regenerate…"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("HTTPS"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    m_port->setToolTip(tr("Tried first; when it is taken, the next free port is used"));
    m_plainPort->setToolTip(tr("A sender given https:// for the plain port by mistake still gets through"));
    m_source->addItem(tr("Hookscope's own, made for you"));
    m_source->addItem(tr("PEM certificate and key files"));
    m_source->addItem(tr("PKCS#12 file"));

    // One page per source.
    auto *generated = new QWidget(m_pages);
    auto *generatedForm = new QFormLayout(generated);
    generatedForm->setContentsMargins({});
    m_names->setPlaceholderText(tr("myhost.local, 192.168.1.20"));
    m_names->setToolTip(tr("Host names and addresses besides localhost, 127.0.0.1 and ::1, separated by commas"));
    generatedForm->addRow(tr("Also valid &for:"), m_names);
    m_pages->addWidget(generated);

    auto *pem = new QWidget(m_pages);
    auto *pemForm = new QFormLayout(pem);
    pemForm->setContentsMargins({});
    QWidget *row = nullptr;
    m_certificateFile = fileRow(tr("Certificate"), tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"), &row);
    pemForm->addRow(tr("&Certificate:"), row);
    m_keyFile = fileRow(tr("Private Key"), tr("PEM keys (*.pem *.key);;All files (*)"), &row);
    pemForm->addRow(tr("&Key:"), row);
    m_pages->addWidget(pem);

    auto *pkcs12 = new QWidget(m_pages);
    auto *pkcs12Form = new QFormLayout(pkcs12);
    pkcs12Form->setContentsMargins({});
    m_pkcs12File = fileRow(tr("PKCS#12 File"), tr("PKCS#12 files (*.p12 *.pfx);;All files (*)"), &row);
    pkcs12Form->addRow(tr("&File:"), row);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setToolTip(tr("Kept in the system keychain for the next start"));
    pkcs12Form->addRow(tr("Pass&word:"), m_password);
    m_pages->addWidget(pkcs12);

    auto *form = new QFormLayout;
    form->addRow(m_enabled);
    form->addRow(tr("P&ort:"), m_port);
    form->addRow(m_plainPort);
    form->addRow(tr("Cer&tificate:"), m_source);
    form->addRow(m_pages);

    auto *details = new QGroupBox(tr("Certificate"), this);
    auto *detailsLayout = new QVBoxLayout(details);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    detailsLayout->addWidget(m_details);
    detailsLayout->addWidget(m_problem);
    auto *certificateButtons = new QHBoxLayout;
    m_export->setToolTip(tr("Save the certificate (PEM, no key) for senders to trust"));
    m_regenerate->setToolTip(tr("Make Hookscope's own certificate anew; senders must trust the new one"));
    auto *copyUrl = new QToolButton(this);
    for (QAction *action : m_controls->actions()) {
        if (action->objectName() == QLatin1String("copyHttpsUrl"))
            copyUrl->setDefaultAction(action);
    }
    copyUrl->setToolButtonStyle(Qt::ToolButtonTextOnly);
    certificateButtons->addWidget(m_export);
    certificateButtons->addWidget(m_regenerate);
    certificateButtons->addStretch();
    certificateButtons->addWidget(copyUrl);
    detailsLayout->addLayout(certificateButtons);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(details);
    layout->addWidget(m_buttons);

    // The form from what is in use.
    const HttpsSetup current = m_controls->setup();
    m_enabled->setChecked(current.enabled);
    m_port->setValue(current.port);
    m_plainPort->setChecked(current.plainPortTakesTls);
    m_source->setCurrentIndex(int(current.source));
    m_pages->setCurrentIndex(int(current.source));
    m_names->setText(current.extraNames.join(QStringLiteral(", ")));
    m_certificateFile->setText(current.certificateFile);
    m_keyFile->setText(current.keyFile);
    m_pkcs12File->setText(current.pkcs12File);
    m_password->setText(QString::fromUtf8(m_controls->password()));
    if (!m_controls->certificate().isNull())
        showCertificate(m_controls->certificate());

    m_checkTimer.setSingleShot(true);
    m_checkTimer.setInterval(250);
    connect(&m_checkTimer, &QTimer::timeout, this, &HttpsDialog::check);
    connect(m_source, &QComboBox::currentIndexChanged, m_pages, &QStackedWidget::setCurrentIndex);
    connect(m_source, &QComboBox::currentIndexChanged, this, &HttpsDialog::changed);
    for (QLineEdit *edit : {m_names, m_certificateFile, m_keyFile, m_pkcs12File, m_password})
        connect(edit, &QLineEdit::textChanged, this, &HttpsDialog::changed);
    for (QCheckBox *box : {m_enabled, m_plainPort})
        connect(box, &QCheckBox::toggled, this, &HttpsDialog::changed);
    connect(m_export, &QPushButton::clicked, this, &HttpsDialog::exportCertificate);
    connect(m_regenerate, &QPushButton::clicked, this, &HttpsDialog::confirmRegenerate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &HttpsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &HttpsDialog::reject);
    check();
}

QLineEdit *HttpsDialog::fileRow(const QString &caption, const QString &filter, QWidget **row)
{
    *row = new QWidget(this);
    auto *layout = new QHBoxLayout(*row);
    layout->setContentsMargins({});
    auto *edit = new QLineEdit(*row);
    auto *browse = new QPushButton(tr("Browse…"), *row);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this, edit, caption, filter] {
        const QString start = edit->text().isEmpty() ? QDir::homePath() : edit->text();
        const QString path = QFileDialog::getOpenFileName(this, caption, start, filter);
        if (!path.isEmpty())
            edit->setText(path);
    });
    return edit;
}

HttpsSetup HttpsDialog::setup() const
{
    HttpsSetup setup;
    setup.enabled = m_enabled->isChecked();
    setup.port = quint16(m_port->value());
    setup.plainPortTakesTls = m_plainPort->isChecked();
    setup.source = HttpsSetup::Source(m_source->currentIndex());
    setup.extraNames = HttpsSetup::parseNames(m_names->text());
    setup.certificateFile = m_certificateFile->text().trimmed();
    setup.keyFile = m_keyFile->text().trimmed();
    setup.pkcs12File = m_pkcs12File->text().trimmed();
    return setup;
}

QByteArray HttpsDialog::password() const
{
    return m_password->text().toUtf8();
}

bool HttpsDialog::canAccept() const
{
    // Nothing is served without a certificate: any choice can be kept. Else the one named must work.
    return !setup().needsCertificate() || (!m_checking && m_preview.error.isEmpty());
}

void HttpsDialog::changed()
{
    m_checking = true;
    ++m_generation; // what is being read now is not what the form says any more
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(canAccept());
    m_checkTimer.start();
}

void HttpsDialog::check()
{
    m_checking = true;
    const quint64 generation = ++m_generation;
    QPointer<HttpsDialog> self(this);
    HttpsCertificate::loadInBackground(this, setup(), password(), m_controls->storeDir(),
                                       HttpsCertificate::Mode::Preview,
                                       [self, generation](const HttpsCertificate &certificate) {
                                           if (!self || generation != self->m_generation)
                                               return;
                                           self->m_checking = false;
                                           self->showCertificate(certificate);
                                       });
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(canAccept());
}

void HttpsDialog::showCertificate(const HttpsCertificate &certificate)
{
    m_preview = certificate;
    const Tls::Identity &identity = certificate.identity;
    if (identity.isNull()) {
        m_details->setText(tr("No certificate yet."));
    } else {
        const qint64 days = identity.daysLeft();
        m_details->setText(tr("Subject: %1\nValid for: %2\nSHA-256: %3\nValid from %4 until %5 (%6)")
                               .arg(identity.subject(), identity.names().join(QStringLiteral(", ")),
                                    identity.fingerprintText(), when(identity.notBefore()), when(identity.notAfter()),
                                    days < 0 ? tr("expired") : tr("%1 days left").arg(days)));
    }
    QString problem = certificate.error;
    QString colour = QStringLiteral("#c62828");
    if (problem.isEmpty() && !identity.isNull() && Tls::expiresSoon(identity)) {
        problem = identity.daysLeft() < 0 ? tr("This certificate has expired: senders will refuse it.")
                                          : tr("This certificate expires in %1 days: senders will refuse it after %2.")
                                                .arg(identity.daysLeft())
                                                .arg(when(identity.notAfter()));
        if (setup().source == HttpsSetup::Source::Generated)
            problem += QLatin1Char(' ') + tr("Regenerate… makes a new one.");
        colour = QStringLiteral("#b26a00");
    }
    if (problem.isEmpty()) {
        problem = certificate.note;
        colour.clear();
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_problem->setStyleSheet(colour.isEmpty() ? QString() : QStringLiteral("color: %1").arg(colour));
    m_export->setEnabled(!identity.isNull());
    m_regenerate->setEnabled(setup().source == HttpsSetup::Source::Generated);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(canAccept());
}

bool HttpsDialog::exportTo(const QString &path)
{
    QString error;
    if (m_preview.identity.isNull())
        error = tr("There is no certificate to export yet.");
    else if (Tls::exportCertificate(m_preview.identity, path, &error))
        return true;
    m_problem->setText(error);
    m_problem->setStyleSheet(QStringLiteral("color: #c62828"));
    m_problem->setVisible(true);
    return false;
}

void HttpsDialog::exportCertificate()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Certificate"),
                                                      QDir::home().filePath(QStringLiteral("hookscope-cert.pem")),
                                                      tr("PEM certificates (*.pem *.crt)"));
    if (path.isEmpty() || !exportTo(path))
        return;
    m_problem->setText(tr("Exported to %1. Senders that trust it can reach the https port.").arg(path));
    m_problem->setStyleSheet({});
    m_problem->setVisible(true);
}

void HttpsDialog::confirmRegenerate()
{
    const auto answer = QMessageBox::question(
        this, tr("Regenerate Certificate"),
        tr("Make a new certificate? Senders that trust the current one must be given the new one."));
    if (answer == QMessageBox::Yes)
        regenerateNow();
}

void HttpsDialog::regenerateNow()
{
    m_regenerate->setEnabled(false);
    m_checking = true;
    ++m_generation; // a preview still running would show the old one
    QPointer<HttpsDialog> self(this);
    m_controls->regenerate(HttpsSetup::parseNames(m_names->text()), [self](const HttpsCertificate &made) {
        if (!self)
            return;
        self->m_checking = false;
        self->showCertificate(made);
    });
}

void HttpsDialog::accept()
{
    if (!canAccept())
        return;
    m_controls->apply(setup(), password());
    QDialog::accept();
}

} // namespace Gui
