#pragma once

#include "signing/signing.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Tunnel {

enum class Provider {
    Cloudflared, ///< a Cloudflare quick tunnel: no account, a new *.trycloudflare.com URL each start
    Ngrok,       ///< ngrok's agent: needs an account's authtoken, configured with `ngrok config add-authtoken`
    Custom,      ///< any command the user gives, with a {port} placeholder
};

/// What to run and how to read its public URL. A value type, kept in the settings by the window.
struct TunnelConfig
{
    Provider provider = Provider::Cloudflared;
    /// The provider's program; empty: `cloudflared` or `ngrok` found on PATH. Unused for Custom.
    QString executable;
    /// Custom: the command line, split as a shell splits words (nothing is expanded, no shell runs);
    /// every {port} becomes the listener's port, {url} its local URL.
    QString command;
    /// Custom: a regular expression that finds the public URL in a line of output (its first
    /// capture group if it has one, else the whole match); empty: the first https:// URL printed.
    QString urlPattern;
    /// How long the tool may take to print its public URL before it is stopped as failed.
    int urlTimeoutMs = 45'000;
    /// Restarts after failures in a row (backoff 1 s, 2 s, 4 s... up to 30 s); then it stays off.
    int maxRestarts = 5;
    int firstBackoffMs = 1'000;

    bool operator==(const TunnelConfig &) const = default;
};

/// "cloudflared", "ngrok", "custom": the words the command line and the settings use.
QString providerId(Provider provider);
bool providerFromId(QStringView id, Provider *provider);
/// For people: "Cloudflare quick tunnel", "ngrok", "custom command".
QString providerTitle(Provider provider);
/// Where to get the tool (shown, never fetched); empty for Custom.
QString installPage(Provider provider);

/// A command ready to start, or why it cannot be.
struct Launch
{
    QString program; ///< absolute path
    QStringList arguments;
    QString error;        ///< empty when it can start; otherwise a sentence (with the install page when missing)
    bool missing = false; ///< the program is not installed (or not where the settings say)

    bool ok() const { return error.isEmpty(); }
};

/// The command for `config`, with the tunnel pointed at `local` (the listener's plain URL).
/// cloudflared: `cloudflared tunnel --url LOCAL --no-autoupdate`; ngrok: `ngrok http LOCAL --log
/// stdout --log-format json`; Custom: the user's command with {port} and {url} filled in.
Launch launchFor(const TunnelConfig &config, const QUrl &local);

/// The URL the tunnel should point at for a listener at `listening` (0.0.0.0 and :: become loopback).
QUrl localTarget(const QUrl &listening);

/// `configured` with the public URLs a tunnel had, oldest first, for schemes that sign the URL
/// (Twilio, Square): the newest is the public URL unless one was set by hand; the others stay known,
/// so the requests that came through them still verify (Signing::Config::earlierPublicUrls).
Signing::Config withTunnelUrls(Signing::Config configured, const QStringList &tunnelUrls);

} // namespace Tunnel
