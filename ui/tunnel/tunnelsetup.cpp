#include "tunnelsetup.h"

#include "settings.h"

namespace Gui {

Tunnel::TunnelConfig TunnelSetup::config() const
{
    Tunnel::TunnelConfig c;
    c.provider = provider;
    c.executable = provider == Tunnel::Provider::Ngrok ? ngrokProgram : cloudflaredProgram;
    c.command = command;
    c.urlPattern = urlPattern;
    return c;
}

TunnelSetup TunnelSetup::load(QSettings *backend)
{
    const Settings settings(backend);
    TunnelSetup s;
    s.enabled = settings.get(Settings::TunnelEnabled);
    if (!Tunnel::providerFromId(settings.get(Settings::TunnelProvider), &s.provider))
        s.provider = Tunnel::Provider::Cloudflared;
    s.cloudflaredProgram = settings.get(Settings::TunnelCloudflaredProgram);
    s.ngrokProgram = settings.get(Settings::TunnelNgrokProgram);
    s.command = settings.get(Settings::TunnelCommand);
    s.urlPattern = settings.get(Settings::TunnelUrlPattern);
    s.privacyAccepted = settings.get(Settings::TunnelPrivacyAccepted);
    return s;
}

void TunnelSetup::save(QSettings *backend) const
{
    Settings settings(backend);
    settings.set(Settings::TunnelEnabled, enabled);
    settings.set(Settings::TunnelProvider, Tunnel::providerId(provider));
    settings.set(Settings::TunnelCloudflaredProgram, cloudflaredProgram);
    settings.set(Settings::TunnelNgrokProgram, ngrokProgram);
    settings.set(Settings::TunnelCommand, command);
    settings.set(Settings::TunnelUrlPattern, urlPattern);
    settings.set(Settings::TunnelPrivacyAccepted, privacyAccepted);
}

} // namespace Gui
