#pragma once

#include "tunnelsetup.h"

#include "tunnel/tunnelmanager.h"

#include <QObject>
#include <QUrl>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QSettings;
class QStatusBar;
class QToolBar;
class QToolButton;
class QWidget;

namespace Capture {
class CaptureEngine;
}

namespace Gui {

class CaptureControls;
class EmptyState;
class SignatureSettings;

/**
 * The public URL as the window shows it (issue 14): "Public URL" (toolbar and Capture menu) with
 * the provider to use, "Tunnel Settings…" (TunnelDialog), "Copy Public URL", and a status-bar label
 * with the public URL and a Copy button, or what the tunnel is doing, or why it stopped (its last
 * output on hover). The tunnel starts and stops with the listener; while it is up the empty state
 * shows the public URL, Copy URL copies it, and signature verification knows it. The first time
 * it is switched on, the window says what passing requests through a provider means.
 */
class TunnelControls : public QObject
{
    Q_OBJECT

public:
    /// `capture`, `empty` and `signatures` may be null (tests); `backend` null: the application's settings.
    TunnelControls(Capture::CaptureEngine *engine, CaptureControls *capture, EmptyState *empty,
                   SignatureSettings *signatures, QStatusBar *statusBar, QWidget *window, QSettings *backend = nullptr);

    /// "publicUrl" (checkable), "tunnelSettings", "copyPublicUrl", and the provider choices
    /// "tunnelCloudflared", "tunnelNgrok", "tunnelCustom".
    QList<QAction *> actions() const;
    /// The switch, the provider submenu, settings and Copy.
    void addTo(QMenu *menu) const;
    /// The switch as a button whose arrow chooses the provider.
    void addTo(QToolBar *bar) const;

    const TunnelSetup &setup() const { return m_setup; }
    Tunnel::TunnelManager *manager() const { return m_manager; }
    /// The public URL while the tunnel is up; empty otherwise.
    QUrl publicUrl() const { return m_manager->publicUrl(); }
    QLabel *statusLabel() const { return m_label; }

    /// Runs as `setup` says from now on, and keeps it for the next start.
    void apply(const TunnelSetup &setup);

Q_SIGNALS:
    /// Also shown in the status bar.
    void message(const QString &text, int timeoutMs);

private:
    void switchTo(bool on);
    void chooseProvider(Tunnel::Provider provider);
    /// Starts, restarts or stops the tunnel as the setup and the listener say.
    void follow();
    void onUrl(const QUrl &url);
    void present();
    void openDialog();
    void copy();
    bool confirmPrivacy();

    Capture::CaptureEngine *m_engine;
    CaptureControls *m_capture;
    EmptyState *m_empty;
    SignatureSettings *m_signatures;
    QWidget *m_window;
    QSettings *m_backend;
    Tunnel::TunnelManager *m_manager;
    QAction *m_switch;
    QAction *m_configure;
    QAction *m_copy;
    QActionGroup *m_providers;
    QMenu *m_providerMenu;
    QLabel *m_label;
    QToolButton *m_copyButton;
    TunnelSetup m_setup;
    QStringList m_urls; // the public URLs this run of Hookscope had, oldest first
};

} // namespace Gui
