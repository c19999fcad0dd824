#pragma once

#include "httpssetup.h"

#include <QObject>
#include <QUrl>

class QAction;
class QLabel;
class QMenu;
class QSettings;
class QStatusBar;
class QWidget;

namespace Capture {
class CaptureEngine;
}

namespace Gui {

class HttpsPassword;
class SecretVault;

/**
 * HTTPS as the window shows it (issue 13): "Serve HTTPS" (Capture menu), "HTTPS…" for the port
 * and certificate (HttpsDialog), "Copy HTTPS URL", and a status-bar label with the https URL, the
 * certificate's expiry when it is near, or why HTTPS is off. What was chosen is kept in the
 * settings (the PKCS#12 password in the keychain) and served again at the next start. The
 * certificate is read, or made, on a pool thread; the engine gets the TLS context when it is ready.
 */
class HttpsControls : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Off,     ///< nothing asks for a certificate
        Loading, ///< reading or making the certificate, or waiting for the engine to say
        Serving, ///< HTTPS is served (url()), or the plain port takes TLS
        Failed,  ///< problem() says why
    };

    /// `backend` null: the application's settings; `vault` null: the system keychain; `storeDir`
    /// empty: where Hookscope keeps its own certificate (Tls::IdentityStore::defaultDir()).
    HttpsControls(Capture::CaptureEngine *engine, QStatusBar *statusBar, QWidget *window, QSettings *backend = nullptr,
                  SecretVault *vault = nullptr, QString storeDir = {});

    /// "serveHttps" (checkable), "httpsSettings" (opens the dialog), "copyHttpsUrl".
    QList<QAction *> actions() const;
    void addTo(QMenu *menu) const;
    QLabel *statusLabel() const { return m_label; }

    State state() const { return m_state; }
    const HttpsSetup &setup() const { return m_setup; }
    QByteArray password() const { return m_password; }
    /// The certificate in use (or last loaded); null while none could be.
    const HttpsCertificate &certificate() const { return m_certificate; }
    /// The https URL senders can use; empty while HTTPS is not served on its own port.
    QUrl url() const;
    QString problem() const { return m_problem; }
    QString storeDir() const { return m_storeDir; }

    /// Serves as `setup` says from now on, and keeps it (and the password) for the next start.
    void apply(const HttpsSetup &setup, const QByteArray &pkcs12Password);
    /// Makes Hookscope's own certificate anew, valid for `extraNames`; served at once when the
    /// generated certificate is the one in use. `done` gets the new certificate, or the error.
    void regenerate(const QStringList &extraNames, std::function<void(const HttpsCertificate &)> done);

Q_SIGNALS:
    void stateChanged();
    /// Also shown in the status bar.
    void message(const QString &text, int timeoutMs);

private:
    void load(HttpsCertificate::Mode mode);
    void use(const HttpsCertificate &certificate);
    void serve();
    void setState(State state, const QString &problem = {});
    void present();
    void openDialog();
    QList<QUrl> httpsUrls() const;

    Capture::CaptureEngine *m_engine;
    QWidget *m_window;
    QSettings *m_backend;
    HttpsPassword *m_keeper;
    QString m_storeDir;
    QAction *m_serve;
    QAction *m_configure;
    QAction *m_copyUrl;
    QLabel *m_label;

    HttpsSetup m_setup;
    QByteArray m_password;
    HttpsCertificate m_certificate;
    State m_state = State::Off;
    QString m_problem;
    quint64 m_generation = 0; // the newest load; older ones that finish late are dropped
};

} // namespace Gui
