#pragma once

#include "tunnel/tunnelconfig.h"

class QSettings;

namespace Gui {

/// The public URL as the window keeps it: on or off, which tunnel, and how to run each.
struct TunnelSetup
{
    bool enabled = false;
    Tunnel::Provider provider = Tunnel::Provider::Cloudflared;
    QString cloudflaredProgram; ///< empty: found on PATH
    QString ngrokProgram;       ///< empty: found on PATH
    QString command;            ///< the custom command, with {port}
    QString urlPattern;         ///< finds the custom command's URL; empty: the first http(s) URL
    bool privacyAccepted = false;

    /// What the tunnel manager runs for the chosen provider.
    Tunnel::TunnelConfig config() const;

    /// `backend` null: the application's settings.
    static TunnelSetup load(QSettings *backend = nullptr);
    void save(QSettings *backend = nullptr) const;

    friend bool operator==(const TunnelSetup &, const TunnelSetup &) = default;
};

} // namespace Gui
