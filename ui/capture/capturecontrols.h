#pragma once

#include "capture/captureengine.h"

#include <QHostAddress>
#include <QIcon>
#include <QObject>
#include <QUrl>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QToolBar;
class QWidget;

namespace Gui {

struct WindowOptions;

/**
 * The listener as the window shows it: the Listening toggle (the toolbar and the Capture menu
 * share one action), the address field, Copy URL, the status-bar text, and "Capture into a New
 * Session" while the session is read-only. Everything shown is what the engine reported last:
 * listening, stopped, failed (the reason on hover), or still listening after a failed rebind;
 * and while requests cannot be saved (a full disk), that too.
 */
class CaptureControls : public QObject
{
    Q_OBJECT

public:
    enum class State { Starting, Listening, Stopped, Failed };

    CaptureControls(Capture::CaptureEngine *engine, const WindowOptions &options, QWidget *parent);

    Capture::CaptureEngine *engine() const { return m_engine; }

    State state() const { return m_state; }
    bool isReadOnly() const { return m_readOnly; }
    /// The actions, named for MainWindow::action(): "listen", "copyUrl", "captureNew", "durable"
    /// (the last is for the menu only: addTo() leaves it out).
    QList<QAction *> actions() const;
    QLineEdit *addressEdit() const { return m_addressEdit; }
    /// The status-bar label: where it listens, or why it does not.
    QLabel *statusLabel() const { return m_statusLabel; }
    QString statusText() const;

    void addTo(QToolBar *bar) const;
    void addTo(QMenu *menu) const;

    /// A session is open. Writable: capture goes into it (the first one starts the listener
    /// with `first`; after a read-only one capture resumes if it was on). Read-only: capture is
    /// off, and `why` says so.
    void sessionOpened(bool readOnly, const QString &why, const Capture::ListenConfig &first);
    /// Listens where the address field says; kept for the next start once it works.
    void applyListenAddress();
    /// While set, Copy URL copies this public URL (a tunnel's) instead of the local one.
    void setPublicUrl(const QUrl &url) { m_publicUrl = url; }
    /// The settings ask for this address and port: listens there if that is a change. Durable
    /// Answers shows what the settings say.
    void settingsChanged(const QHostAddress &address, quint16 port);

Q_SIGNALS:
    /// Where senders reach the listener now; empty when nothing listens.
    void urlChanged(const QUrl &url);
    void message(const QString &text, int timeoutMs);
    void error(const QString &text);
    void copyRequested(const QString &text, const QString &what);
    /// "Capture into a New Session": start a session to capture into.
    void captureNewRequested();

private:
    void onStarted(const QUrl &url);
    void onRebindFailed(const QString &error, const QUrl &stillOn);
    void onStopped(State state, const QString &reason);
    void onSaveProblem(const QString &error);
    void copyUrl();
    void present();

    Capture::CaptureEngine *m_engine;
    QHostAddress m_address; // asked for, by the user or the settings
    quint16 m_port;
    int m_portAttempts;
    QAction *m_listen;
    QAction *m_copyUrl;
    QAction *m_captureNew;
    QAction *m_durable;
    QLineEdit *m_addressEdit;
    QLabel *m_statusLabel;
    QIcon m_onIcon;
    QIcon m_offIcon;
    QIcon m_failedIcon;

    State m_state = State::Starting;
    QString m_reason;        // why it failed, or why the last rebind did
    QString m_listeningText; // the URLs, as shown
    bool m_started = false;  // the engine was started once
    bool m_wanted = true;    // the user wants capture on (a read-only session turns it off for a while)
    bool m_readOnly = false;
    QString m_readOnlyReason;
    QString m_saveProblem;      // requests cannot be saved now (a full disk)
    QHostAddress m_lastAddress; // where it listened last, to go back to after a read-only session
    quint16 m_lastPort = 0;
    bool m_keepChoice = false; // store the address typed in the toolbar once listening works
    QHostAddress m_previousAddress;
    QUrl m_publicUrl; // a tunnel's, while it is up
    quint16 m_previousPort = 0;
};

} // namespace Gui
