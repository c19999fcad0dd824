#include "signingsetup.h"
#include "settings.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUuid>

namespace Gui {

Signing::Config SigningSetup::config() const
{
    Signing::Config config;
    for (const SecretEntry &entry : entries) {
        if (!entry.secret.secret.isEmpty())
            config.secrets.append(entry.secret);
    }
    config.publicUrl = publicUrl;
    config.toleranceSeconds = toleranceSeconds;
    return config;
}

SigningSetup SigningSetup::fromSettings(const Settings &settings)
{
    SigningSetup setup;
    const QJsonArray list = QJsonDocument::fromJson(settings.get(Settings::SigningSecrets)).array();
    for (const QJsonValue &value : list) {
        const QJsonObject object = value.toObject();
        SecretEntry entry;
        entry.id = object.value(QLatin1String("id")).toString();
        entry.secret.scheme = object.value(QLatin1String("scheme")).toString();
        entry.secret.pathPattern = object.value(QLatin1String("path")).toString();
        entry.secret.label = object.value(QLatin1String("label")).toString();
        // An entry without an id has no stored secret to find; a damaged file must not crash the page.
        if (!entry.id.isEmpty())
            setup.entries.append(entry);
    }
    setup.publicUrl = settings.get(Settings::SigningPublicUrl);
    const QJsonObject tolerances = QJsonDocument::fromJson(settings.get(Settings::SigningTolerances)).object();
    for (auto it = tolerances.begin(); it != tolerances.end(); ++it) {
        const int seconds = it.value().toInt();
        if (seconds > 0)
            setup.toleranceSeconds.insert(it.key(), seconds);
    }
    return setup;
}

void SigningSetup::toSettings(Settings &settings) const
{
    QJsonArray list;
    for (const SecretEntry &entry : entries) {
        list.append(QJsonObject{{QLatin1String("id"), entry.id},
                                {QLatin1String("scheme"), entry.secret.scheme},
                                {QLatin1String("path"), entry.secret.pathPattern},
                                {QLatin1String("label"), entry.secret.label}});
    }
    QJsonObject tolerances;
    for (auto it = toleranceSeconds.begin(); it != toleranceSeconds.end(); ++it)
        tolerances.insert(it.key(), it.value());
    settings.set(Settings::SigningSecrets, QJsonDocument(list).toJson(QJsonDocument::Compact));
    settings.set(Settings::SigningPublicUrl, publicUrl);
    settings.set(Settings::SigningTolerances, QJsonDocument(tolerances).toJson(QJsonDocument::Compact));
}

QString SigningSetup::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool sameConfig(const Signing::Config &a, const Signing::Config &b)
{
    if (a.publicUrl != b.publicUrl || a.toleranceSeconds != b.toleranceSeconds || a.secrets.size() != b.secrets.size())
        return false;
    for (qsizetype i = 0; i < a.secrets.size(); ++i) {
        const Signing::Secret &x = a.secrets.at(i);
        const Signing::Secret &y = b.secrets.at(i);
        if (x.scheme != y.scheme || x.secret != y.secret || x.pathPattern != y.pathPattern || x.label != y.label)
            return false;
    }
    return true;
}

QString publicUrlProblem(const QString &url)
{
    const QString text = url.trimmed();
    if (text.isEmpty())
        return {};
    const QUrl parsed(text, QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (!parsed.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        parsed.host().isEmpty()) {
        return QCoreApplication::translate("Gui::SigningSetup",
                                           "'%1' is not a public URL: give the address providers send to, "
                                           "starting with http:// or https:// and a host, such as "
                                           "https://abc.trycloudflare.com.")
            .arg(text);
    }
    return {};
}

} // namespace Gui
