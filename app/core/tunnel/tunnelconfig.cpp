#include "tunnelconfig.h"

#include "delivery/shellsplit.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QStandardPaths>

namespace Tunnel {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(Tunnel)
};

/// The program `name` names: a path as given, or a bare name looked up on PATH; empty when missing.
QString resolveProgram(const QString &name)
{
    if (name.contains(QLatin1Char('/'))) {
        const QFileInfo info(name);
        return info.isFile() && info.isExecutable() ? info.absoluteFilePath() : QString();
    }
    return QStandardPaths::findExecutable(name);
}

QString missingText(Provider provider, const QString &program, bool fromSettings)
{
    const QString where = fromSettings ? Text::tr("%1 is not an executable file (set in Settings)").arg(program)
                                       : Text::tr("%1 is not installed (not found on PATH)").arg(program);
    const QString page = installPage(provider);
    return page.isEmpty() ? where
                          : Text::tr("%1. Install it from %2, or set where it is in Settings.").arg(where, page);
}

} // namespace

QString providerId(Provider provider)
{
    switch (provider) {
    case Provider::Cloudflared:
        return QStringLiteral("cloudflared");
    case Provider::Ngrok:
        return QStringLiteral("ngrok");
    case Provider::Custom:
        break;
    }
    return QStringLiteral("custom");
}

bool providerFromId(QStringView id, Provider *provider)
{
    for (Provider p : {Provider::Cloudflared, Provider::Ngrok, Provider::Custom}) {
        if (id.compare(providerId(p), Qt::CaseInsensitive) == 0) {
            *provider = p;
            return true;
        }
    }
    return false;
}

QString providerTitle(Provider provider)
{
    switch (provider) {
    case Provider::Cloudflared:
        return Text::tr("Cloudflare quick tunnel");
    case Provider::Ngrok:
        return Text::tr("ngrok");
    case Provider::Custom:
        break;
    }
    return Text::tr("custom command");
}

QString installPage(Provider provider)
{
    switch (provider) {
    case Provider::Cloudflared:
        return QStringLiteral(
            "https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/");
    case Provider::Ngrok:
        return QStringLiteral("https://ngrok.com/download");
    case Provider::Custom:
        break;
    }
    return {};
}

QUrl localTarget(const QUrl &listening)
{
    QUrl url = listening;
    const QHostAddress host(url.host());
    if (host == QHostAddress::AnyIPv4)
        url.setHost(QStringLiteral("127.0.0.1"));
    else if (host == QHostAddress::AnyIPv6)
        url.setHost(QStringLiteral("::1"));
    url.setPath({});
    return url;
}

Signing::Config withTunnelUrls(Signing::Config configured, const QStringList &tunnelUrls)
{
    if (tunnelUrls.isEmpty())
        return configured;
    QStringList earlier = tunnelUrls;
    if (configured.publicUrl.trimmed().isEmpty())
        configured.publicUrl = earlier.takeLast();
    for (const QString &url : std::as_const(earlier))
        if (url != configured.publicUrl && !configured.earlierPublicUrls.contains(url))
            configured.earlierPublicUrls << url;
    return configured;
}

Launch launchFor(const TunnelConfig &config, const QUrl &local)
{
    Launch launch;
    const QString target = localTarget(local).toString();
    if (config.provider == Provider::Custom) {
        const Delivery::Shell::SplitResult split = Delivery::Shell::split(config.command.toUtf8());
        if (config.command.trimmed().isEmpty()) {
            launch.error = Text::tr("no tunnel command is set");
            return launch;
        }
        if (!split.error.isEmpty()) {
            launch.error = Text::tr("cannot read the tunnel command: %1").arg(split.error);
            return launch;
        }
        if (split.commands.size() != 1 || split.commands.constFirst().words.isEmpty()) {
            launch.error = Text::tr("the tunnel command must be one program and its arguments (no |, ; or &&; it runs "
                                    "without a shell)");
            return launch;
        }
        const QString port = QString::number(local.port());
        QStringList words;
        for (const QByteArray &word : split.commands.constFirst().words) {
            QString w = QString::fromUtf8(word);
            w.replace(QLatin1String("{port}"), port);
            w.replace(QLatin1String("{url}"), target);
            words << w;
        }
        const QString program = words.takeFirst();
        launch.program = resolveProgram(program);
        launch.arguments = words;
        if (launch.program.isEmpty()) {
            launch.missing = true;
            launch.error = program.contains(QLatin1Char('/'))
                               ? Text::tr("%1 is not an executable file").arg(program)
                               : Text::tr("%1 is not installed (not found on PATH)").arg(program);
        }
        return launch;
    }
    const QString name =
        config.executable.trimmed().isEmpty() ? providerId(config.provider) : config.executable.trimmed();
    launch.program = resolveProgram(name);
    if (launch.program.isEmpty()) {
        launch.missing = true;
        launch.error = missingText(config.provider, name, !config.executable.trimmed().isEmpty());
        return launch;
    }
    if (config.provider == Provider::Cloudflared)
        launch.arguments = {QStringLiteral("tunnel"), QStringLiteral("--url"), target,
                            QStringLiteral("--no-autoupdate")};
    else
        launch.arguments = {QStringLiteral("http"),         target,
                            QStringLiteral("--log"),        QStringLiteral("stdout"),
                            QStringLiteral("--log-format"), QStringLiteral("json")};
    return launch;
}

} // namespace Tunnel
