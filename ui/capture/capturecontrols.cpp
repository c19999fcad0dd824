#include "capturecontrols.h"
#include "mainwindow.h"
#include "settings.h"

#include "http/bindaddress.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QToolBar>

#include <algorithm>
#include <utility>

namespace Gui {

namespace {

/// The listen icon's ring and dot in other colours: grey when nothing listens, amber on failure.
QIcon ringIcon(const QColor &ring, const QColor &dot)
{
    QPixmap pixmap(48, 48);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(ring, 4));
    painter.drawEllipse(QPointF(24, 24), 18, 18);
    painter.setPen(Qt::NoPen);
    painter.setBrush(dot);
    painter.drawEllipse(QPointF(24, 24), 8, 8);
    return QIcon(pixmap);
}

} // namespace

CaptureControls::CaptureControls(Capture::CaptureEngine *engine, const WindowOptions &options, QWidget *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_address(options.address)
    , m_port(options.port)
    , m_portAttempts(options.portAttempts)
    , m_listen(new QAction(parent))
    , m_copyUrl(new QAction(tr("Copy &URL"), parent))
    , m_captureNew(new QAction(tr("Capture into a &New Session"), parent))
    , m_durable(new QAction(tr("&Durable Answers"), parent))
    , m_addressEdit(new QLineEdit(parent))
    , m_statusLabel(new QLabel(tr("Opening the session…"), parent))
    , m_onIcon(QStringLiteral(":/icons/listen.svg"))
    , m_offIcon(ringIcon(QColor(0x9a, 0x9a, 0x9a), QColor(0x9a, 0x9a, 0x9a)))
    , m_failedIcon(ringIcon(QColor(0xd9, 0x8a, 0x1e), QColor(0x9a, 0x9a, 0x9a)))
{
    m_listen->setObjectName(QStringLiteral("listen"));
    m_listen->setCheckable(true);
    connect(m_listen, &QAction::triggered, this, [this](bool on) {
        m_wanted = on;
        if (on)
            applyListenAddress();
        else
            m_engine->stopListening();
        present(); // checked only once the engine says it listens
    });
    m_copyUrl->setObjectName(QStringLiteral("copyUrl"));
    m_copyUrl->setIcon(QIcon(QStringLiteral(":/icons/copy-url.svg")));
    connect(m_copyUrl, &QAction::triggered, this, &CaptureControls::copyUrl);
    m_captureNew->setObjectName(QStringLiteral("captureNew"));
    m_captureNew->setIcon(m_onIcon);
    m_captureNew->setToolTip(tr("Start a new session and capture into it; the read-only one stays as it is"));
    connect(m_captureNew, &QAction::triggered, this, [this] {
        m_wanted = true;
        Q_EMIT captureNewRequested();
    });
    m_durable->setObjectName(QStringLiteral("durable"));
    m_durable->setCheckable(true);
    m_durable->setChecked(Settings().get(Settings::DurableAnswers));
    m_durable->setToolTip(tr("Answer each request only once it is safely in the session. Off: answer first, save "
                             "right after (a crash can lose answered requests)."));
    connect(m_durable, &QAction::toggled, this, [this](bool on) {
        Settings().set(Settings::DurableAnswers, on);
        m_engine->setFastAck(!on);
    });

    m_addressEdit->setObjectName(QStringLiteral("listenAddress"));
    m_addressEdit->setMaximumWidth(200);
    m_addressEdit->setPlaceholderText(QStringLiteral("127.0.0.1:8080"));
    m_addressEdit->setToolTip(tr("Address and port to listen on; Enter applies it"));
    connect(m_addressEdit, &QLineEdit::returnPressed, this, &CaptureControls::applyListenAddress);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    connect(m_engine, &Capture::CaptureEngine::started, this, &CaptureControls::onStarted);
    connect(m_engine, &Capture::CaptureEngine::rebindFailed, this, &CaptureControls::onRebindFailed);
    connect(m_engine, &Capture::CaptureEngine::saveProblemChanged, this, &CaptureControls::onSaveProblem);
    connect(m_engine, &Capture::CaptureEngine::stopped, this, [this] { onStopped(State::Stopped, {}); });
    connect(m_engine, &Capture::CaptureEngine::failed, this,
            [this](const QString &error) { onStopped(State::Failed, error); });
    present();
}

QList<QAction *> CaptureControls::actions() const
{
    return {m_listen, m_copyUrl, m_captureNew, m_durable};
}

void CaptureControls::addTo(QToolBar *bar) const
{
    bar->addAction(m_listen);
    bar->addAction(m_captureNew);
    bar->addWidget(m_addressEdit);
    bar->addAction(m_copyUrl);
}

void CaptureControls::addTo(QMenu *menu) const
{
    menu->addAction(m_listen);
    menu->addAction(m_captureNew);
    menu->addAction(m_copyUrl);
}

QString CaptureControls::statusText() const
{
    return m_statusLabel->text();
}

void CaptureControls::sessionOpened(bool readOnly, const QString &why, const Capture::ListenConfig &first)
{
    if (readOnly) {
        // The session controller has stopped the listener already; nothing is captured until
        // a session that can be written is open.
        m_readOnly = true;
        m_readOnlyReason = why;
        present();
        return;
    }
    const bool wasReadOnly = std::exchange(m_readOnly, false);
    m_readOnlyReason.clear();
    if (!m_started) {
        // The first session that can be written: nothing arrives before there is a file to keep it.
        m_started = true;
        Capture::ListenConfig config = first;
        config.address = m_address;
        config.port = m_port;
        config.portAttempts = m_portAttempts;
        config.fallbackToAnyPort = true; // the session is already open: the controller opened it
        m_engine->start(config);
    } else if (wasReadOnly && m_wanted) {
        // Back where it listened before the read-only session, or where it was asked to.
        const bool listened = !m_lastAddress.isNull();
        m_engine->listenOn(listened ? m_lastAddress : m_address, listened ? m_lastPort : m_port);
    }
    present();
}

void CaptureControls::applyListenAddress()
{
    if (m_readOnly)
        return;
    QString text = m_addressEdit->text().trimmed();
    if (text.isEmpty())
        text = m_addressEdit->placeholderText();
    const Http::BindAddress parsed = Http::parseHostPort(text, m_engine->isListening() ? m_engine->port() : m_port);
    if (!parsed.isValid()) {
        Q_EMIT error(tr("%1. Type an address and port, such as 127.0.0.1:8080").arg(parsed.error));
        return;
    }
    const QHostAddress address = parsed.address;
    const quint16 port = parsed.port;
    if (!address.isLoopback())
        Q_EMIT message(tr("Listening on %1 exposes Hookscope to the network").arg(text), 10000);
    // The user's choice, kept for the next start and for the settings dialog once it works.
    m_wanted = true;
    m_previousAddress = std::exchange(m_address, address);
    m_previousPort = std::exchange(m_port, quint16(port));
    m_keepChoice = true;
    m_engine->listenOn(address, quint16(port));
}

void CaptureControls::settingsChanged(const QHostAddress &address, quint16 port)
{
    m_durable->setChecked(Settings().get(Settings::DurableAnswers));
    // Rebind only when the address or port asked for changed: the listener may be on the next
    // free port after the one asked for, and other settings must not move it back.
    if (address == m_address && port == m_port)
        return;
    m_previousAddress = std::exchange(m_address, address);
    m_previousPort = std::exchange(m_port, port);
    if (m_started && !m_readOnly) // else the next start or the end of read-only takes it
        m_engine->listenOn(address, port);
}

void CaptureControls::onStarted(const QUrl &url)
{
    m_state = State::Listening;
    m_reason.clear();
    m_lastAddress = m_engine->address();
    m_lastPort = m_engine->port();
    // On 0.0.0.0 or :: the URLs of this machine's interfaces, loopback first.
    const QList<QUrl> urls = m_engine->reachableUrls();
    QStringList shown;
    for (const QUrl &u : urls)
        shown.append(u.toString());
    m_listeningText = shown.join(QStringLiteral(", "));
    m_addressEdit->setText(url.authority());
    if (std::exchange(m_keepChoice, false)) {
        Settings settings;
        settings.set(Settings::BindAddress, m_address.toString());
        settings.set(Settings::Port, int(m_port));
    }
    present();
    if (m_port != 0 && m_engine->port() != m_port) // the next free one was taken: say so
        Q_EMIT message(tr("Port %1 is taken: listening on %2 instead").arg(m_port).arg(m_engine->port()), 15000);
    Q_EMIT urlChanged(urls.value(0, url));
}

void CaptureControls::onRebindFailed(const QString &error, const QUrl &stillOn)
{
    // Capture goes on where it was; the place that did not work is neither shown nor remembered.
    m_keepChoice = false;
    m_address = m_previousAddress;
    m_port = m_previousPort;
    m_state = State::Listening;
    m_reason = error;
    m_addressEdit->setText(stillOn.authority());
    present();
}

void CaptureControls::onStopped(State state, const QString &reason)
{
    m_keepChoice = false; // an address that does not work is not remembered
    m_state = state;
    m_reason = reason;
    m_listeningText.clear();
    present();
    Q_EMIT urlChanged({});
}

void CaptureControls::copyUrl()
{
    if (!m_engine->isListening())
        return;
    if (!m_publicUrl.isEmpty()) {
        Q_EMIT copyRequested(m_publicUrl.toString(), tr("public URL"));
        return;
    }
    // The URL another machine can use when listening on all interfaces, else the one there is.
    const QList<QUrl> urls = m_engine->reachableUrls();
    const auto remote =
        std::find_if(urls.cbegin(), urls.cend(), [](const QUrl &u) { return !QHostAddress(u.host()).isLoopback(); });
    Q_EMIT copyRequested((remote != urls.cend() ? *remote : urls.value(0, m_engine->url())).toString(), tr("URL"));
}

void CaptureControls::present()
{
    const bool listening = m_state == State::Listening && !m_readOnly;
    QString text = tr("Not &Listening");
    QIcon icon = m_offIcon;
    QString tip;
    QString status;
    if (m_readOnly) {
        tip = tr("Capture is off: %1. Capture ▸ Capture into a New Session starts capturing again.")
                  .arg(m_readOnlyReason);
        status = tr("Read-only, not capturing: %1").arg(m_readOnlyReason);
    } else {
        switch (m_state) {
        case State::Starting:
            tip = tr("Starting the listener…");
            status = tr("Opening the session…");
            break;
        case State::Listening:
            text = tr("&Listening");
            icon = m_onIcon;
            status = m_reason.isEmpty() ? tr("Listening on %1").arg(m_listeningText)
                                        : tr("Still listening on %1; %2").arg(m_listeningText, m_reason);
            tip = m_reason.isEmpty() ? tr("Listening on %1. Click to stop.").arg(m_listeningText) : status;
            break;
        case State::Stopped:
            tip = tr("Not listening. Click to listen on %1.").arg(m_addressEdit->text());
            status = tr("Not listening");
            break;
        case State::Failed:
            text = tr("&Listen Failed");
            icon = m_failedIcon;
            status = tr("Not listening: %1").arg(m_reason);
            tip = status;
            break;
        }
    }
    m_listen->setText(text);
    m_listen->setIcon(icon);
    m_listen->setToolTip(tip);
    m_listen->setChecked(listening);
    m_listen->setEnabled(!m_readOnly);
    m_addressEdit->setEnabled(!m_readOnly);
    m_copyUrl->setEnabled(listening);
    m_captureNew->setVisible(m_readOnly);
    if (!m_saveProblem.isEmpty())
        status = tr("%1 — NOT SAVING: %2. Nothing answered is lost.").arg(status, m_saveProblem);
    m_statusLabel->setText(status);
    m_statusLabel->setStyleSheet(m_saveProblem.isEmpty() ? QString() : QStringLiteral("color: #c62828"));
}

void CaptureControls::onSaveProblem(const QString &error)
{
    const bool recovered = error.isEmpty() && !m_saveProblem.isEmpty();
    m_saveProblem = error;
    present();
    if (recovered)
        Q_EMIT message(tr("Saving works again"), 15000);
}

} // namespace Gui
