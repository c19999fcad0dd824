#pragma once

#include "tunnelsetup.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace Tunnel {
class TunnelManager;
}

namespace Gui {

/**
 * Tunnel Settings: which tunnel gives the public URL, where cloudflared and ngrok are when not on
 * PATH, the custom command and the expression that finds its URL, and how the tunnel is doing with
 * its last lines of output. What cannot run is said as it is typed, with where to get a missing
 * tool; a custom command or expression that cannot be used keeps OK disabled.
 */
class TunnelDialog : public QDialog
{
    Q_OBJECT

public:
    TunnelDialog(const TunnelSetup &setup, Tunnel::TunnelManager *manager, QWidget *parent = nullptr);

    /// The setup as the form shows it.
    TunnelSetup setup() const;

private:
    void check();
    void showRun();
    void browse(QLineEdit *field);

    TunnelSetup m_base;
    Tunnel::TunnelManager *m_manager;
    QComboBox *m_provider;
    QLineEdit *m_cloudflared;
    QLineEdit *m_ngrok;
    QLineEdit *m_command;
    QLineEdit *m_pattern;
    QLabel *m_problem;
    QLabel *m_status;
    QPlainTextEdit *m_output;
    QDialogButtonBox *m_buttons;
};

} // namespace Gui
