#pragma once

#include "config/settings.h"

#include <QByteArray>
#include <QStringList>

namespace Gui {

/**
 * The settings registry with the window's own entries beside the core's (Config::Settings), so
 * window code reads `Settings::Port` and `Settings::WindowGeometry` alike.
 */
class Settings : public Config::Settings
{
public:
    using Config::Settings::Settings;

    static inline const Entry<QByteArray> WindowGeometry{"window/geometry", {}};
    static inline const Entry<QByteArray> WindowState{"window/state", {}};
    static inline const Entry<QByteArray> SplitterState{"window/splitter", {}};
    static inline const Entry<QByteArray> TableHeader{"window/tableHeader", {}};
    static inline const Entry<bool> FollowNewest{"window/followNewest", true};
    static inline const Entry<QStringList> RecentSessions{"sessions/recent", {}};
    /// The table's custom columns (Session::CustomColumn::toJson).
    static inline const Entry<QByteArray> CustomColumns{"window/customColumns", {}};

    // Signature verification, all but the secrets' bytes (those go to the keychain: SecretStore).
    /// JSON array of {"id", "scheme", "path", "label"}, in the order the Secrets page lists them.
    static inline const Entry<QByteArray> SigningSecrets{"signing/secrets", {}};
    static inline const Entry<QString> SigningPublicUrl{"signing/publicUrl", {}};
    /// JSON object: scheme id → tolerance in seconds, only where it differs from the scheme's own.
    static inline const Entry<QByteArray> SigningTolerances{"signing/tolerances", {}};

    // Sending.
    /// JSON object: "host:port" → array of hex SHA-256 fingerprints of certificates the user accepted.
    static inline const Entry<QByteArray> CertificatePins{"send/certificatePins", {}};
    /// Forwarding rules (ui/forward/forwardrulesjson.h).
    static inline const Entry<QByteArray> ForwardRules{"capture/forwardRules", {}};
    /// The URLs the Replay dialog sent to last, one per line as typed.
    static inline const Entry<QStringList> ReplayDestinations{"replay/destinations", {}};

    // The public URL through a tunnel (ui/tunnel/tunnelsetup.h); where the tools are is in
    // Config::Settings, which the command line reads too.
    static inline const Entry<bool> TunnelEnabled{"tunnel/enabled", false};
    static inline const Entry<QString> TunnelProvider{"tunnel/provider", QStringLiteral("cloudflared")};
    static inline const Entry<QString> TunnelCommand{"tunnel/command", {}};
    static inline const Entry<QString> TunnelUrlPattern{"tunnel/urlPattern", {}};
    /// The user has read what a public URL means for their requests' privacy.
    static inline const Entry<bool> TunnelPrivacyAccepted{"tunnel/privacyAccepted", false};

    // HTTPS beside the plain port (ui/https/httpssetup.h). The PKCS#12 password is not here: it
    // goes to the keychain (HttpsPassword).
    static inline const Entry<bool> HttpsEnabled{"https/enabled", false};
    static inline const Entry<int> HttpsPort{"https/port", 8443};
    static inline const Entry<bool> HttpsOnPlainPort{"https/plainPortTakesTls", false};
    /// "generated", "pem" or "pkcs12".
    static inline const Entry<QString> HttpsSource{"https/source", QStringLiteral("generated")};
    static inline const Entry<QString> HttpsCertificateFile{"https/certificateFile", {}};
    static inline const Entry<QString> HttpsKeyFile{"https/keyFile", {}};
    static inline const Entry<QString> HttpsPkcs12File{"https/pkcs12File", {}};
    /// Names the generated certificate is valid for besides localhost, 127.0.0.1 and ::1.
    static inline const Entry<QStringList> HttpsExtraNames{"https/extraNames", {}};
};

} // namespace Gui
