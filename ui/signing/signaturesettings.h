#pragma once

#include "signing/signing.h"

#include <QObject>

namespace Capture {
class CaptureEngine;
}

namespace Gui {

class SecretStore;
struct SigningSetup;

/**
 * The window's side of signature verification: loads the secrets at startup without blocking,
 * hands the engine the whole config once they are in, and again whenever the Secrets page
 * changes it. The window creates one; the Settings dialog edits through it.
 */
class SignatureSettings : public QObject
{
    Q_OBJECT

public:
    /// `store` null: one over the system keychain; taken over either way. Starts loading.
    explicit SignatureSettings(Capture::CaptureEngine *engine, QObject *parent = nullptr, SecretStore *store = nullptr);

    SecretStore *store() const { return m_store; }
    /// Stores what the Secrets page shows and, if verification changes with it, hands it to the engine.
    void apply(const SigningSetup &setup);
    /// The public URLs the tunnel had, oldest first (Tunnel::withTunnelUrls): handed to the engine
    /// with the stored settings.
    void setTunnelUrls(const QStringList &urls);
    /// The user's settings as last handed to the engine (with the tunnel's URLs), without the test secret.
    const Signing::Config &config() const { return m_handedConfig; }
    /// What the engine verifies with: config() and Hookscope's own test webhook secret, from the
    /// start (before the keychain answers) on.
    Signing::Config engineConfig() const;

Q_SIGNALS:
    /// The engine was handed `config` (and the test secret): once at startup when the secrets are loaded, then after
    /// each change.
    void configApplied(const Signing::Config &config);
    /// Storing a secret failed; the engine has it anyway, until the next start.
    void error(const QString &message);

private:
    void handOver(const Signing::Config &config);

    Capture::CaptureEngine *m_engine;
    SecretStore *m_store;
    Signing::Config m_config;       // as stored
    Signing::Config m_handedConfig; // with the tunnel's URLs
    QStringList m_tunnelUrls;
    bool m_handed = false;
};

} // namespace Gui
