#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Ui {

/// Capture settings: where to listen, the limits, durable answers. Reads and writes Settings.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    /// Writes what the user chose to Settings; false with a message if the address is not one.
    bool save(QString *error);

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
};

} // namespace Ui
