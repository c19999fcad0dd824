#include "httpscontrols.h"
#include "httpsdialog.h"
#include "httpspassword.h"

#include "capture/captureengine.h"
#include "tls/identitystore.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHostAddress>
#include <QLabel>
#include <QMenu>
#include <QStatusBar>

#include <algorithm>

namespace Gui {

namespace {

/// The certificate as a tooltip shows it.
QString describe(const Tls::Identity &identity)
{
    return HttpsControls::tr("Certificate: %1\nValid for: %2\nSHA-256: %3\nExpires: %4")
        .arg(identity.subject(), identity.names().join(QStringLiteral(", ")), identity.fingerprintText(),
             QLocale().toString(identity.notAfter().toLocalTime(), QLocale::LongFormat));
}

} // namespace

HttpsControls::HttpsControls(Capture::CaptureEngine *engine, QStatusBar *statusBar, QWidget *window, QSettings *backend,
                             SecretVault *vault, QString storeDir)
    : QObject(window)
    , m_engine(engine)
    , m_window(window)
    , m_backend(backend)
    , m_keeper(new HttpsPassword(this, vault))
    , m_storeDir(storeDir.isEmpty() ? Tls::IdentityStore::defaultDir() : std::move(storeDir))
    , m_serve(new QAction(tr("Serve &HTTPS"), this))
    , m_configure(new QAction(tr("HTTP&S…"), this))
    , m_copyUrl(new QAction(tr("Copy HTTPS U&RL"), this))
    , m_label(new QLabel(statusBar))
    , m_setup(HttpsSetup::load(backend))
{
    m_serve->setObjectName(QStringLiteral("serveHttps"));
    m_serve->setCheckable(true);
    connect(m_serve, &QAction::triggered, this, [this](bool on) {
        HttpsSetup setup = m_setup;
        setup.enabled = on;
        apply(setup, m_password);
    });
    m_configure->setObjectName(QStringLiteral("httpsSettings"));
    m_configure->setToolTip(tr("The https port and its certificate: export it for senders to trust, or make it anew"));
    connect(m_configure, &QAction::triggered, this, &HttpsControls::openDialog);
    m_copyUrl->setObjectName(QStringLiteral("copyHttpsUrl"));
    connect(m_copyUrl, &QAction::triggered, this, [this] {
        // The URL another machine can use when listening on all interfaces, else the one there is.
        const QList<QUrl> urls = httpsUrls();
        const auto remote = std::find_if(urls.cbegin(), urls.cend(),
                                         [](const QUrl &u) { return !QHostAddress(u.host()).isLoopback(); });
        if (urls.isEmpty())
            return;
        QGuiApplication::clipboard()->setText((remote != urls.cend() ? *remote : urls.first()).toString());
        Q_EMIT message(tr("Copied the HTTPS URL"), 3000);
    });
    m_label->setObjectName(QStringLiteral("httpsStatus"));
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar->addPermanentWidget(m_label);
    connect(this, &HttpsControls::message, statusBar, &QStatusBar::showMessage);

    connect(m_engine, &Capture::CaptureEngine::httpsStarted, this, [this] { setState(State::Serving); });
    connect(m_engine, &Capture::CaptureEngine::httpsFailed, this,
            [this](const QString &error) { setState(State::Failed, error); });
    connect(m_engine, &Capture::CaptureEngine::httpsStopped, this, [this] {
        if (m_state == State::Serving && m_setup.enabled)
            setState(State::Loading); // back when the listener is
    });
    connect(m_engine, &Capture::CaptureEngine::started, this, &HttpsControls::present);
    connect(m_engine, &Capture::CaptureEngine::stopped, this, &HttpsControls::present);

    // What was served last time is served again; a PKCS#12 file's password comes from the keychain.
    if (m_setup.needsCertificate()) {
        setState(State::Loading);
        if (m_setup.source == HttpsSetup::Source::Pkcs12) {
            m_keeper->read([this](const QByteArray &password, const QString &problem) {
                m_password = password;
                if (!problem.isEmpty())
                    Q_EMIT message(problem, 15000);
                load(HttpsCertificate::Mode::Use);
            });
        } else {
            load(HttpsCertificate::Mode::Use);
        }
    }
    present();
}

QList<QAction *> HttpsControls::actions() const
{
    return {m_serve, m_configure, m_copyUrl};
}

void HttpsControls::addTo(QMenu *menu) const
{
    for (QAction *action : actions())
        menu->addAction(action);
}

QList<QUrl> HttpsControls::httpsUrls() const
{
    const quint16 port = m_engine->httpsPort();
    if (port == 0)
        return {};
    QList<QUrl> urls = m_engine->reachableUrls();
    for (QUrl &url : urls) {
        url.setScheme(QStringLiteral("https"));
        url.setPort(port);
    }
    if (urls.isEmpty())
        urls.append(m_engine->httpsUrl());
    return urls;
}

QUrl HttpsControls::url() const
{
    return httpsUrls().value(0);
}

void HttpsControls::apply(const HttpsSetup &setup, const QByteArray &pkcs12Password)
{
    const bool hadPassword = m_setup.source == HttpsSetup::Source::Pkcs12 && !m_password.isEmpty();
    m_setup = setup;
    m_setup.save(m_backend);
    m_password = setup.source == HttpsSetup::Source::Pkcs12 ? pkcs12Password : QByteArray();
    if (setup.source == HttpsSetup::Source::Pkcs12 || hadPassword) {
        m_keeper->write(m_password, [this](const QString &problem) {
            if (!problem.isEmpty())
                Q_EMIT message(problem, 15000);
        });
    }
    if (!m_setup.needsCertificate()) {
        ++m_generation; // a load still running is not wanted any more
        m_engine->setHttps({});
        setState(State::Off);
        return;
    }
    setState(State::Loading);
    load(HttpsCertificate::Mode::Use);
}

void HttpsControls::regenerate(const QStringList &extraNames, std::function<void(const HttpsCertificate &)> done)
{
    HttpsSetup own = m_setup;
    own.source = HttpsSetup::Source::Generated;
    own.extraNames = extraNames;
    HttpsCertificate::loadInBackground(
        this, own, {}, m_storeDir, HttpsCertificate::Mode::Regenerate, [this, done](const HttpsCertificate &made) {
            if (!made.isNull() && m_setup.source == HttpsSetup::Source::Generated && m_setup.needsCertificate()) {
                ++m_generation;
                use(made);
            }
            done(made);
        });
}

void HttpsControls::load(HttpsCertificate::Mode mode)
{
    const quint64 generation = ++m_generation;
    HttpsCertificate::loadInBackground(this, m_setup, m_password, m_storeDir, mode,
                                       [this, generation](const HttpsCertificate &loaded) {
                                           if (generation == m_generation)
                                               use(loaded);
                                       });
}

void HttpsControls::use(const HttpsCertificate &certificate)
{
    m_certificate = certificate;
    if (certificate.isNull()) {
        m_engine->setHttps({});
        setState(State::Failed, certificate.error);
        return;
    }
    if (!certificate.note.isEmpty())
        Q_EMIT message(certificate.note, 15000);
    Capture::HttpsConfig config;
    config.enabled = m_setup.enabled;
    config.port = m_setup.port;
    config.portAttempts = m_setup.port == 0 ? 1 : 100;
    config.fallbackToAnyPort = true;
    config.context = certificate.context;
    config.plainPortTakesTls = m_setup.plainPortTakesTls;
    m_engine->setHttps(config);
    // Served once the engine says so; the plain port alone takes TLS as soon as it has the context.
    setState(m_setup.enabled ? State::Loading : State::Serving);
}

void HttpsControls::setState(State state, const QString &problem)
{
    m_state = state;
    m_problem = problem;
    present();
    Q_EMIT stateChanged();
}

void HttpsControls::present()
{
    const Tls::Identity &identity = m_certificate.identity;
    const QUrl url = this->url();
    QString text;
    QString colour;
    switch (m_state) {
    case State::Off:
        break;
    case State::Loading:
        text = !m_certificate.isNull() && !m_engine->isListening() ? tr("HTTPS: waits for the listener")
                                                                   : tr("HTTPS: loading the certificate…");
        break;
    case State::Serving:
        text = url.isValid() ? tr("HTTPS on %1").arg(url.toString()) : tr("HTTPS on the plain port");
        if (url.isValid() && m_setup.plainPortTakesTls)
            text += tr(" and the plain port");
        if (!identity.isNull() && Tls::expiresSoon(identity)) {
            const QString date = QLocale().toString(identity.notAfter().toLocalTime().date(), QLocale::ShortFormat);
            text += identity.daysLeft() < 0 ? tr(" — the certificate EXPIRED on %1").arg(date)
                                            : tr(" — the certificate expires on %1").arg(date);
            colour = QStringLiteral("#b26a00");
        }
        break;
    case State::Failed:
        text = tr("HTTPS off: %1").arg(m_problem);
        colour = QStringLiteral("#c62828");
        break;
    }
    m_label->setText(text);
    m_label->setVisible(!text.isEmpty());
    m_label->setStyleSheet(colour.isEmpty() ? QString() : QStringLiteral("color: %1").arg(colour));
    QString tip = identity.isNull() ? QString() : describe(identity);
    if (m_state == State::Failed)
        tip = text;
    m_label->setToolTip(tip + (tip.isEmpty() ? QString() : QStringLiteral("\n")) +
                        tr("Capture ▸ HTTPS… changes the port and the certificate."));
    m_serve->setChecked(m_setup.enabled && m_state != State::Failed);
    m_serve->setToolTip(m_state == State::Failed ? text : tr("Serve HTTPS on its own port, beside the plain one"));
    m_copyUrl->setEnabled(url.isValid());
}

void HttpsControls::openDialog()
{
    auto *dialog = new HttpsDialog(this, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace Gui
