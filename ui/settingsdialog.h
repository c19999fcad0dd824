#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTabWidget;

namespace Gui {

class SecretsPage;
class SignatureSettings;

/// Capture settings: where to listen, the limits, durable answers; with `signatures`, a Secrets
/// page too. Reads and writes Settings.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(QWidget *parent = nullptr);
    SettingsDialog(SignatureSettings *signatures, QWidget *parent);

    /// Writes what the user chose to Settings (and the secrets through SignatureSettings); false
    /// with a message, and nothing stored, if something cannot be taken as it is.
    bool save(QString *error);
    /// Opens on the Secrets page with a new entry for `scheme`.
    void addSecretFor(const QString &scheme);

private:
    void updateWarning();

    QLineEdit *m_address;
    QLabel *m_warning;
    QSpinBox *m_port;
    QSpinBox *m_maxBodyMb;
    QSpinBox *m_maxHeadKb;
    QSpinBox *m_maxHeaders;
    QSpinBox *m_headTimeout;
    QSpinBox *m_idleTimeout;
    QSpinBox *m_maxConnections;
    QCheckBox *m_durable;
    QTabWidget *m_pages;
    SignatureSettings *m_signatures = nullptr;
    SecretsPage *m_secrets = nullptr;
};

} // namespace Gui
