#include "tunneloptions.h"
#include "terminal.h"

#include "capture/captureengine.h"
#include "config/settings.h"
#include "tunnel/tunnelmanager.h"

#include <QCommandLineParser>
#include <QSettings>

#include <cstdio>

namespace Cli {

TunnelOptions::TunnelOptions()
    : m_tunnel(QStringLiteral("tunnel"),
               tr("Give the listener a public URL through a tunnel: cloudflared (a Cloudflare quick tunnel, no "
                  "account), ngrok (needs its authtoken), or custom (--tunnel-command). Requests pass through "
                  "the provider. The URL is printed on stderr as 'public url URL'."),
               tr("PROVIDER"))
    , m_command(QStringLiteral("tunnel-command"),
                tr("With --tunnel custom: the command to run, {port} standing for the listener's port and {url} "
                   "for its local URL (split like a shell's words; no shell runs it)."),
                tr("CMD"))
    , m_pattern(QStringLiteral("tunnel-url-pattern"),
                tr("With --tunnel custom: a regular expression finding the public URL in the command's output "
                   "(its first group if it has one; default: the first http(s):// URL)."),
                tr("REGEX"))
    , m_program(QStringLiteral("tunnel-program"),
                tr("Where cloudflared or ngrok is (default: as set in Settings, else found on PATH)."), tr("PATH"))
{
}

QList<QCommandLineOption> TunnelOptions::options() const
{
    return {m_tunnel, m_command, m_pattern, m_program};
}

int TunnelOptions::read(const QCommandLineParser &parser)
{
    if (!parser.isSet(m_tunnel)) {
        for (const QCommandLineOption *o : {&m_command, &m_pattern, &m_program}) {
            if (parser.isSet(*o)) {
                printError("listen", tr("--%1 needs --tunnel").arg(o->names().constFirst()));
                return 2;
            }
        }
        return 0;
    }
    if (!Tunnel::providerFromId(parser.value(m_tunnel), &m_config.provider)) {
        printError("listen",
                   tr("invalid --tunnel '%1': expected cloudflared, ngrok or custom").arg(parser.value(m_tunnel)));
        return 2;
    }
    const bool custom = m_config.provider == Tunnel::Provider::Custom;
    if (custom != parser.isSet(m_command)) {
        printError("listen", custom ? tr("--tunnel custom needs --tunnel-command")
                                    : tr("--tunnel-command needs --tunnel custom"));
        return 2;
    }
    if (!custom && parser.isSet(m_pattern)) {
        printError("listen", tr("--tunnel-url-pattern needs --tunnel custom"));
        return 2;
    }
    if (custom && parser.isSet(m_program)) {
        printError("listen", tr("--tunnel-program is for cloudflared and ngrok; a custom command names its own"));
        return 2;
    }
    m_config.command = parser.value(m_command);
    m_config.urlPattern = parser.value(m_pattern);
    if (parser.isSet(m_program)) {
        m_config.executable = parser.value(m_program);
    } else {
        // The window's settings, where Tunnel Settings keeps the tools' places.
        QSettings window(QStringLiteral("Hookscope"), QStringLiteral("Hookscope"));
        const Config::Settings settings(&window);
        m_config.executable =
            settings.get(m_config.provider == Tunnel::Provider::Ngrok ? Config::Settings::TunnelNgrokProgram
                                                                      : Config::Settings::TunnelCloudflaredProgram);
    }
    if (const QString problem = Tunnel::OutputReader(m_config).patternError(); !problem.isEmpty()) {
        printError("listen", tr("invalid --tunnel-url-pattern: %1").arg(problem));
        return 2;
    }
    // Found before anything listens: a missing tool is said at once, with where to get it.
    const Tunnel::Launch launch = Tunnel::launchFor(m_config, QUrl(QStringLiteral("http://127.0.0.1:1")));
    if (!launch.ok()) {
        printError("listen", launch.error);
        return launch.missing ? 1 : 2;
    }
    m_enabled = true;
    return 0;
}

TunnelRunner::TunnelRunner(Capture::CaptureEngine *engine, const Tunnel::TunnelConfig &config,
                           const Signing::Config &signatures)
    : m_engine(engine)
    , m_manager(new Tunnel::TunnelManager(this))
    , m_config(config)
    , m_signatures(signatures)
{
    connect(engine, &Capture::CaptureEngine::started, this,
            [this](const QUrl &url) { m_manager->start(m_config, url); });
    connect(engine, &Capture::CaptureEngine::stopped, m_manager, &Tunnel::TunnelManager::stop);
    connect(engine, &Capture::CaptureEngine::failed, m_manager, &Tunnel::TunnelManager::stop);
    connect(m_manager, &Tunnel::TunnelManager::publicUrlChanged, this, &TunnelRunner::onUrl);
    connect(m_manager, &Tunnel::TunnelManager::ended, this, &TunnelRunner::onEnded);
}

TunnelRunner::~TunnelRunner() = default;

void TunnelRunner::onUrl(const QUrl &url)
{
    if (url.isEmpty())
        return;
    std::fprintf(stderr, "%s\n", qUtf8Printable(tr("public url %1").arg(url.toString())));
    std::fflush(stderr);
    m_urls.removeAll(url.toString());
    m_urls << url.toString(); // newest last
    if (!m_signatures.isEmpty())
        m_engine->setSignatures(Tunnel::withTunnelUrls(m_signatures, m_urls));
}

void TunnelRunner::onEnded(const QString &problem, const QStringList &lastLines, int restartInMs)
{
    QString text = tr("tunnel: %1").arg(problem);
    if (!lastLines.isEmpty())
        text += QLatin1Char('\n') + tr("  its last output:") + QStringLiteral("\n    ") +
                lastLines.join(QStringLiteral("\n    "));
    text += QLatin1Char('\n') + (restartInMs >= 0
                                     ? tr("  starting it again in %1 s").arg(restartInMs / 1000.0)
                                     : tr("  no more tries; capture goes on at %1").arg(m_engine->url().toString()));
    std::fprintf(stderr, "%s\n", qUtf8Printable(text));
    std::fflush(stderr);
}

} // namespace Cli
