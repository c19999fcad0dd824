#pragma once

#include "httpssetup.h"

#include <QDialog>
#include <QTimer>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace Gui {

class HttpsControls;

/**
 * Capture ▸ HTTPS…: whether HTTPS is served and on which port, whether the plain port takes TLS
 * too, and which certificate — Hookscope's own (with extra names), the user's PEM files, or a
 * PKCS#12 file and its password. The chosen certificate's details (subject, names, SHA-256
 * fingerprint, validity) are read as it is typed, off the GUI thread; a file that cannot be used
 * says why and OK is refused, so an error is seen here rather than after. Export… writes the
 * certificate for senders to trust; Regenerate… makes Hookscope's own anew.
 */
class HttpsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit HttpsDialog(HttpsControls *controls, QWidget *parent = nullptr);

    /// The form as it is now.
    HttpsSetup setup() const;
    QByteArray password() const;
    /// The certificate the form names, as last read (null with an error or a note while none is).
    const HttpsCertificate &preview() const { return m_preview; }
    /// Whether the form is still being read.
    bool isChecking() const { return m_checking; }
    bool canAccept() const;

    // The form, for tests and keyboard users alike.
    QCheckBox *enabledBox() const { return m_enabled; }
    QSpinBox *portBox() const { return m_port; }
    QCheckBox *plainPortBox() const { return m_plainPort; }
    QComboBox *sourceBox() const { return m_source; }
    QLineEdit *namesEdit() const { return m_names; }
    QLineEdit *certificateEdit() const { return m_certificateFile; }
    QLineEdit *keyEdit() const { return m_keyFile; }
    QLineEdit *pkcs12Edit() const { return m_pkcs12File; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLabel *detailsLabel() const { return m_details; }
    QLabel *problemLabel() const { return m_problem; }

    /// Writes the previewed certificate (PEM) to `path`; false, with the reason shown, if it cannot.
    bool exportTo(const QString &path);
    /// Makes Hookscope's own certificate anew without asking first (Regenerate… asks).
    void regenerateNow();

    void accept() override;

private:
    void changed();
    void check();
    void showCertificate(const HttpsCertificate &certificate);
    void exportCertificate();
    void confirmRegenerate();
    QLineEdit *fileRow(const QString &caption, const QString &filter, QWidget **row);

    HttpsControls *m_controls;
    QCheckBox *m_enabled;
    QSpinBox *m_port;
    QCheckBox *m_plainPort;
    QComboBox *m_source;
    QStackedWidget *m_pages;
    QLineEdit *m_names;
    QLineEdit *m_certificateFile;
    QLineEdit *m_keyFile;
    QLineEdit *m_pkcs12File;
    QLineEdit *m_password;
    QLabel *m_details;
    QLabel *m_problem;
    QPushButton *m_export;
    QPushButton *m_regenerate;
    QDialogButtonBox *m_buttons;
    QTimer m_checkTimer;
    HttpsCertificate m_preview;
    bool m_checking = false;
    quint64 m_generation = 0;
};

} // namespace Gui
