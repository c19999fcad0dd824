#include "signaturesettings.h"
#include "secretstore.h"

#include "capture/captureengine.h"
#include "tunnel/tunnelconfig.h"

namespace Gui {

SignatureSettings::SignatureSettings(Capture::CaptureEngine *engine, QObject *parent, SecretStore *store)
    : QObject(parent)
    , m_engine(engine)
    , m_store(store ? store : new SecretStore(this))
{
    m_store->setParent(this);
    connect(m_store, &SecretStore::loaded, this, [this] {
        if (!m_handed) // an apply() before the load is newer: the store saves it once loaded
            handOver(m_store->setup().config());
    });
    connect(m_store, &SecretStore::saved, this, [this](const QString &message) {
        if (!message.isEmpty())
            Q_EMIT error(message);
    });
    m_store->load();
}

void SignatureSettings::apply(const SigningSetup &setup)
{
    m_store->save(setup);
    const Signing::Config config = setup.config();
    // The engine re-verifies the whole session on each new config: not for an unchanged one.
    if (!m_handed || !sameConfig(config, m_config))
        handOver(config);
}

void SignatureSettings::setTunnelUrls(const QStringList &urls)
{
    if (urls == m_tunnelUrls)
        return;
    m_tunnelUrls = urls;
    // Only schemes that sign the URL care; before the secrets are loaded there is nothing to redo.
    if (m_handed && !m_config.isEmpty())
        handOver(m_config);
}

void SignatureSettings::handOver(const Signing::Config &config)
{
    m_config = config;
    m_handed = true;
    m_handedConfig = Tunnel::withTunnelUrls(config, m_tunnelUrls);
    m_engine->setSignatures(engineConfig());
    Q_EMIT configApplied(m_handedConfig);
}

Signing::Config SignatureSettings::engineConfig() const
{
    Signing::Config config = m_handedConfig;
    config.secrets << Signing::testWebhookSecret(); // Send a Test Webhook arrives valid, keychain or not
    return config;
}

} // namespace Gui
