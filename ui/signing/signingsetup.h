#pragma once

#include "signing/signing.h"

#include <QHash>
#include <QList>
#include <QString>

namespace Gui {

class Settings;

/// One secret as the Secrets page lists it, with the stable id its bytes are stored under.
struct SecretEntry
{
    QString id;             ///< names the secret in the keychain or the fallback file; never reused
    Signing::Secret secret; ///< secret.secret is empty while `missing`
    /// The stored bytes could not be read (the keychain refused, or has no such entry): saving
    /// keeps whatever is stored unless the user types a new secret.
    bool missing = false;
};

/**
 * Everything the Secrets page edits. The settings keep all of it but the secrets' bytes, which
 * SecretStore keeps in the keychain (or its fallback file).
 */
struct SigningSetup
{
    QList<SecretEntry> entries;
    QString publicUrl;
    /// Scheme id → seconds, only where it differs from Signing::defaultToleranceSeconds.
    QHash<QString, int> toleranceSeconds;

    /// What verification gets: every entry whose secret is known, in order.
    Signing::Config config() const;
    /// Everything but the secrets' bytes, read from / written to the settings.
    static SigningSetup fromSettings(const Settings &settings);
    void toSettings(Settings &settings) const;
    /// A fresh entry id.
    static QString newId();
};

/// Whether the engine would verify the same way with either config.
bool sameConfig(const Signing::Config &a, const Signing::Config &b);

/// Empty when `url` (trimmed) is empty or an http/https URL with a host; otherwise why not, for people.
QString publicUrlProblem(const QString &url);

} // namespace Gui
