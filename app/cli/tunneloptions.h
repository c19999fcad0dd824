#pragma once

#include "signing/signing.h"
#include "tunnel/tunnelconfig.h"

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QObject>

class QCommandLineParser;

namespace Capture {
class CaptureEngine;
}
namespace Tunnel {
class TunnelManager;
}

namespace Cli {

/**
 * The tunnel options of `listen`: --tunnel cloudflared|ngrok|custom, --tunnel-command for a
 * custom one, --tunnel-url-pattern to find its URL, --tunnel-program for where cloudflared or
 * ngrok is (else the one set in the window's Settings, else PATH).
 */
class TunnelOptions
{
    Q_DECLARE_TR_FUNCTIONS(Cli::TunnelOptions)

public:
    TunnelOptions();
    QList<QCommandLineOption> options() const;

    /// Reads the options. Returns 0 when all is well (with or without a tunnel), 2 for a usage
    /// error, 1 when the tunnel's program is missing; the problem is printed.
    int read(const QCommandLineParser &parser);
    bool enabled() const { return m_enabled; }
    const Tunnel::TunnelConfig &config() const { return m_config; }

private:
    QCommandLineOption m_tunnel;
    QCommandLineOption m_command;
    QCommandLineOption m_pattern;
    QCommandLineOption m_program;
    bool m_enabled = false;
    Tunnel::TunnelConfig m_config;
};

/**
 * Runs the tunnel beside a listening engine for `listen`: started once the listener is, pointed
 * at its port, stopped with it. Prints `public url URL` on stderr when the tunnel is up, and each
 * end of the tool with its last lines; the public URLs go to signature verification
 * (Tunnel::withTunnelUrls: an explicit --public-url stays the one used).
 */
class TunnelRunner : public QObject
{
    Q_OBJECT

public:
    TunnelRunner(Capture::CaptureEngine *engine, const Tunnel::TunnelConfig &config, const Signing::Config &signatures);
    ~TunnelRunner() override;

private:
    void onUrl(const QUrl &url);
    void onEnded(const QString &problem, const QStringList &lastLines, int restartInMs);

    Capture::CaptureEngine *m_engine;
    Tunnel::TunnelManager *m_manager;
    Tunnel::TunnelConfig m_config;
    Signing::Config m_signatures;
    QStringList m_urls; // the tunnel's public URLs so far, oldest first
};

} // namespace Cli
