#include "tunnelcontrols.h"
#include "tunneldialog.h"

#include "capture/capturecontrols.h"
#include "capture/captureengine.h"
#include "emptystate.h"
#include "signing/signaturesettings.h"

#include <QAction>
#include <QActionGroup>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>

namespace Gui {

namespace {

QString providerNote(Tunnel::Provider provider)
{
    switch (provider) {
    case Tunnel::Provider::Cloudflared:
        return TunnelControls::tr("They pass through Cloudflare. A quick tunnel needs no account and gets a new "
                                  "URL each time it starts.");
    case Tunnel::Provider::Ngrok:
        return TunnelControls::tr("They pass through ngrok, under your ngrok account.");
    case Tunnel::Provider::Custom:
        break;
    }
    return TunnelControls::tr("They pass through whatever service your tunnel command uses.");
}

} // namespace

TunnelControls::TunnelControls(Capture::CaptureEngine *engine, CaptureControls *capture, EmptyState *empty,
                               SignatureSettings *signatures, QStatusBar *statusBar, QWidget *window,
                               QSettings *backend)
    : QObject(window)
    , m_engine(engine)
    , m_capture(capture)
    , m_empty(empty)
    , m_signatures(signatures)
    , m_window(window)
    , m_backend(backend)
    , m_manager(new Tunnel::TunnelManager(this))
    , m_switch(new QAction(tr("&Public URL"), this))
    , m_configure(new QAction(tr("&Tunnel Settings…"), this))
    , m_copy(new QAction(tr("Copy Pu&blic URL"), this))
    , m_providers(new QActionGroup(this))
    , m_providerMenu(new QMenu(tr("Public URL &Through"), window))
    , m_label(new QLabel(statusBar))
    , m_copyButton(new QToolButton(statusBar))
    , m_setup(TunnelSetup::load(backend))
{
    m_switch->setObjectName(QStringLiteral("publicUrl"));
    m_switch->setCheckable(true);
    m_switch->setToolTip(tr("Give the listener a public https URL through a tunnel, for services on the internet"));
    connect(m_switch, &QAction::triggered, this, &TunnelControls::switchTo);
    m_configure->setObjectName(QStringLiteral("tunnelSettings"));
    connect(m_configure, &QAction::triggered, this, &TunnelControls::openDialog);
    m_copy->setObjectName(QStringLiteral("copyPublicUrl"));
    connect(m_copy, &QAction::triggered, this, &TunnelControls::copy);

    for (Tunnel::Provider p : {Tunnel::Provider::Cloudflared, Tunnel::Provider::Ngrok, Tunnel::Provider::Custom}) {
        const QString title = p == Tunnel::Provider::Cloudflared ? tr("&Cloudflare Quick Tunnel (no account)")
                              : p == Tunnel::Provider::Ngrok     ? tr("&ngrok")
                                                                 : tr("C&ustom Command…");
        QAction *choice = m_providers->addAction(title);
        choice->setObjectName(QLatin1String("tunnel") + (p == Tunnel::Provider::Cloudflared
                                                             ? QLatin1String("Cloudflared")
                                                         : p == Tunnel::Provider::Ngrok ? QLatin1String("Ngrok")
                                                                                        : QLatin1String("Custom")));
        choice->setCheckable(true);
        choice->setChecked(p == m_setup.provider);
        connect(choice, &QAction::triggered, this, [this, p] { chooseProvider(p); });
        m_providerMenu->addAction(choice);
    }
    m_providerMenu->addSeparator();
    m_providerMenu->addAction(m_configure);

    m_label->setObjectName(QStringLiteral("tunnelStatus"));
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copyButton->setObjectName(QStringLiteral("copyPublicUrlButton"));
    m_copyButton->setText(tr("Copy"));
    m_copyButton->setAutoRaise(true);
    m_copyButton->setToolTip(tr("Copy the public URL"));
    connect(m_copyButton, &QToolButton::clicked, this, &TunnelControls::copy);
    statusBar->addPermanentWidget(m_label);
    statusBar->addPermanentWidget(m_copyButton);
    connect(this, &TunnelControls::message, statusBar, &QStatusBar::showMessage);

    if (m_empty)
        m_empty->setPublicUrlSwitch(m_switch);
    connect(m_engine, &Capture::CaptureEngine::started, this, &TunnelControls::follow);
    connect(m_engine, &Capture::CaptureEngine::stopped, this, &TunnelControls::follow);
    connect(m_engine, &Capture::CaptureEngine::failed, this, &TunnelControls::follow);
    connect(m_manager, &Tunnel::TunnelManager::publicUrlChanged, this, &TunnelControls::onUrl);
    connect(m_manager, &Tunnel::TunnelManager::stateChanged, this, &TunnelControls::present);
    follow();
}

QList<QAction *> TunnelControls::actions() const
{
    return QList<QAction *>{m_switch, m_configure, m_copy} + m_providers->actions();
}

void TunnelControls::addTo(QMenu *menu) const
{
    menu->addAction(m_switch);
    menu->addMenu(m_providerMenu);
    menu->addAction(m_copy);
}

void TunnelControls::addTo(QToolBar *bar) const
{
    auto *button = new QToolButton(bar);
    button->setObjectName(QStringLiteral("publicUrlButton"));
    button->setDefaultAction(m_switch);
    button->setMenu(m_providerMenu);
    button->setPopupMode(QToolButton::MenuButtonPopup);
    button->setToolButtonStyle(bar->toolButtonStyle());
    bar->addWidget(button);
}

void TunnelControls::apply(const TunnelSetup &setup)
{
    const bool restart = setup.config() != m_setup.config();
    m_setup = setup;
    m_setup.save(m_backend);
    for (QAction *choice : m_providers->actions())
        choice->setChecked(m_providers->actions().indexOf(choice) == int(setup.provider));
    if (restart)
        m_manager->stop();
    follow();
}

void TunnelControls::switchTo(bool on)
{
    if (on && !confirmPrivacy()) {
        m_switch->setChecked(false);
        return;
    }
    if (on && m_setup.provider == Tunnel::Provider::Custom && m_setup.command.trimmed().isEmpty()) {
        m_switch->setChecked(false);
        openDialog(); // nothing to run yet
        return;
    }
    TunnelSetup setup = m_setup;
    setup.enabled = on;
    setup.privacyAccepted = m_setup.privacyAccepted || on;
    apply(setup);
}

void TunnelControls::chooseProvider(Tunnel::Provider provider)
{
    TunnelSetup setup = m_setup;
    setup.provider = provider;
    if (provider == Tunnel::Provider::Custom && setup.command.trimmed().isEmpty()) {
        m_setup.provider = provider; // the dialog opens on it
        openDialog();
        return;
    }
    apply(setup);
}

bool TunnelControls::confirmPrivacy()
{
    if (m_setup.privacyAccepted)
        return true;
    QMessageBox box(QMessageBox::Information, tr("Public URL"),
                    tr("A public URL lets anyone on the internet who knows it send requests to Hookscope."),
                    QMessageBox::NoButton, m_window);
    box.setObjectName(QStringLiteral("tunnelPrivacy"));
    box.setInformativeText(
        tr("Requests and Hookscope's answers travel through the tunnel provider, who can see them whole: headers, "
           "bodies, tokens and signatures. %1 Send test data you are happy to share with them, and switch the "
           "public URL off when you are done. Hookscope downloads nothing; it runs the tool you have installed.")
            .arg(providerNote(m_setup.provider)));
    QPushButton *go = box.addButton(tr("Use a Public URL"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(go);
    box.exec();
    if (box.clickedButton() != static_cast<QAbstractButton *>(go))
        return false;
    m_setup.privacyAccepted = true;
    m_setup.save(m_backend);
    return true;
}

void TunnelControls::follow()
{
    m_switch->setChecked(m_setup.enabled);
    if (!m_setup.enabled || !m_engine->isListening()) {
        m_manager->stop();
    } else {
        const QUrl local = Tunnel::localTarget(m_engine->url());
        const bool running = m_manager->state() != Tunnel::TunnelManager::State::Off;
        if (!running || m_manager->local() != local || m_manager->config() != m_setup.config())
            m_manager->start(m_setup.config(), local);
    }
    present();
}

void TunnelControls::onUrl(const QUrl &url)
{
    if (!url.isEmpty()) {
        m_urls.removeAll(url.toString());
        m_urls << url.toString();
        if (m_signatures)
            m_signatures->setTunnelUrls(m_urls);
    }
    if (m_capture)
        m_capture->setPublicUrl(url);
    if (m_empty)
        m_empty->setPublicUrl(url);
    present();
}

void TunnelControls::present()
{
    using State = Tunnel::TunnelManager::State;
    const QString name = Tunnel::providerTitle(m_setup.provider);
    const QStringList lines = m_manager->lastLines();
    const QString output =
        lines.isEmpty() ? QString() : tr("\n\nIts last output:\n%1").arg(lines.join(QLatin1Char('\n')));
    QString text;
    QString tip;
    QString color;
    switch (m_manager->state()) {
    case State::Off:
        if (m_setup.enabled && !m_engine->isListening())
            text = tr("Public URL waits for the listener");
        break;
    case State::Starting:
        text = tr("Public URL: starting %1…").arg(name);
        tip = tr("Running %1").arg(Tunnel::launchFor(m_manager->config(), m_manager->local()).program) + output;
        break;
    case State::Up:
        text = tr("Public URL %1").arg(m_manager->publicUrl().toString());
        tip = tr("Through %1 to %2. Requests pass through the provider.").arg(name, m_manager->local().toString());
        break;
    case State::Restarting:
        text = tr("Public URL: %1; starting it again").arg(m_manager->problem());
        tip = m_manager->problem() + output;
        color = QStringLiteral("#b36b00");
        break;
    case State::Failed:
        text = tr("Public URL off: %1").arg(m_manager->problem());
        tip = m_manager->problem() + output;
        color = QStringLiteral("#c0392b");
        break;
    }
    m_label->setText(text);
    m_label->setToolTip(tip);
    m_label->setStyleSheet(color.isEmpty() ? QString() : QStringLiteral("color: %1").arg(color));
    m_label->setVisible(!text.isEmpty());
    const bool up = m_manager->state() == State::Up;
    m_copyButton->setVisible(up);
    m_copy->setEnabled(up);
}

void TunnelControls::copy()
{
    if (m_manager->publicUrl().isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_manager->publicUrl().toString());
    Q_EMIT message(tr("Copied the public URL"), 3000);
}

void TunnelControls::openDialog()
{
    auto *dialog = new TunnelDialog(m_setup, m_manager, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TunnelDialog::accepted, this, [this, dialog] { apply(dialog->setup()); });
    connect(dialog, &TunnelDialog::rejected, this, [this] {
        // A custom provider chosen without a command stays what it was.
        m_setup = TunnelSetup::load(m_backend);
        apply(m_setup);
    });
    dialog->open();
}

} // namespace Gui
