#include "certificatepins.h"
#include "settings.h"

#include "delivery/sender.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace Gui {

namespace {

constexpr qsizetype kSha256Bytes = 32;

QJsonObject load(QSettings *backend)
{
    return QJsonDocument::fromJson(Settings(backend).get(Settings::CertificatePins)).object();
}

void store(QSettings *backend, const QJsonObject &all)
{
    Settings(backend).set(Settings::CertificatePins, QJsonDocument(all).toJson(QJsonDocument::Compact));
}

QList<QByteArray> pinsIn(const QJsonObject &all, const QString &destination)
{
    QList<QByteArray> out;
    for (const QJsonValue &v : all.value(destination).toArray()) {
        const QByteArray sha256 = QByteArray::fromHex(v.toString().toLatin1());
        if (sha256.size() == kSha256Bytes)
            out.append(sha256); // a hand-edited entry that is no fingerprint pins nothing
    }
    return out;
}

} // namespace

CertificatePins::CertificatePins(QSettings *backend)
    : m_backend(backend)
{
}

QString CertificatePins::destinationOf(const QUrl &url)
{
    const QString host = url.host().toLower();
    const int port = url.port(url.scheme() == QLatin1String("http") ? 80 : 443);
    return (host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2") : QStringLiteral("%1:%2")).arg(host).arg(port);
}

QList<QByteArray> CertificatePins::pins(const QString &destination) const
{
    return pinsIn(load(m_backend), destination);
}

bool CertificatePins::accept(const QString &destination, const QByteArray &sha256)
{
    if (sha256.size() != kSha256Bytes || destination.isEmpty())
        return false;
    QJsonObject all = load(m_backend);
    QJsonArray list = all.value(destination).toArray();
    const QString hex = QString::fromLatin1(sha256.toHex());
    if (!list.contains(hex))
        list.append(hex);
    all.insert(destination, list);
    store(m_backend, all);
    return true;
}

void CertificatePins::forget(const QString &destination)
{
    QJsonObject all = load(m_backend);
    if (all.contains(destination)) {
        all.remove(destination);
        store(m_backend, all);
    }
}

void CertificatePins::applyTo(Delivery::Message *message) const
{
    // A message has one set of client options for all its destinations, so every destination's
    // pins go into the one list. That lets no other certificate through: a pin is the fingerprint
    // of one particular certificate, which only the server holding its private key can present.
    const QJsonObject all = load(m_backend);
    QList<QByteArray> &list = message->client.tls.pinnedSha256;
    for (const QUrl &url : std::as_const(message->destinations)) {
        if (url.scheme() != QLatin1String("https"))
            continue;
        for (const QByteArray &pin : pinsIn(all, destinationOf(url))) {
            if (!list.contains(pin))
                list.append(pin);
        }
    }
}

} // namespace Gui
