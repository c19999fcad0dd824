#include "identitystore.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

namespace Tls {

IdentityStore::IdentityStore(QString dir)
    : m_dir(std::move(dir))
{
}

QString IdentityStore::defaultDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/hookscope/tls");
}

QString IdentityStore::certificatePath() const
{
    return m_dir + QStringLiteral("/hookscope-cert.pem");
}

QString IdentityStore::keyPath() const
{
    return m_dir + QStringLiteral("/hookscope-key.pem");
}

Identity IdentityStore::kept(const QStringList &extraNames, QString *why) const
{
    if (!QFile::exists(certificatePath()) && !QFile::exists(keyPath())) {
        *why = tr("there is no certificate yet");
        return {};
    }
    QString problem;
    const Identity kept = Identity::fromPemFiles(certificatePath(), keyPath(), &problem);
    if (kept.isNull()) {
        *why = tr("the kept one cannot be used (%1)").arg(problem);
        return {};
    }
    if (kept.daysLeft() < 0 || kept.notAfter() <= QDateTime::currentDateTimeUtc()) {
        *why = tr("the kept one expired on %1").arg(kept.notAfter().toString(Qt::ISODate));
        return {};
    }
    QStringList missing;
    for (const QString &name : extraNames) {
        if (!name.trimmed().isEmpty() && !kept.names().contains(name.trimmed(), Qt::CaseInsensitive))
            missing.append(name.trimmed());
    }
    if (!missing.isEmpty()) {
        *why = tr("the kept one is not valid for %1").arg(missing.join(QStringLiteral(", ")));
        return {};
    }
    return kept;
}

Identity IdentityStore::loadOrCreate(const QStringList &extraNames, QString *error, QString *note)
{
    const bool existed = QFile::exists(certificatePath()) || QFile::exists(keyPath());
    QString why;
    const Identity identity = kept(extraNames, &why);
    if (!identity.isNull())
        return identity;
    if (existed && note)
        *note = tr("made a new certificate: %1").arg(why);
    return regenerate(extraNames, error);
}

Identity IdentityStore::regenerate(const QStringList &extraNames, QString *error)
{
    Identity fresh = Identity::generateSelfSigned(extraNames, error);
    if (fresh.isNull() || !save(fresh, error))
        return {};
    return fresh;
}

bool IdentityStore::save(const Identity &identity, QString *error)
{
    QDir dir(m_dir);
    if (!dir.exists()) {
        if (!dir.mkpath(QStringLiteral("."))) {
            *error = tr("cannot make the folder %1").arg(m_dir);
            return false;
        }
        QFile::setPermissions(m_dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    const auto write = [error](const QString &path, const QByteArray &bytes, bool secret) {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            *error = tr("cannot write %1: %2").arg(path, file.errorString());
            return false;
        }
        // The temporary file is the user's alone before the key goes in, and keeps that on rename.
        file.setPermissions(secret ? QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                   : QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                         QFileDevice::ReadOther);
        if (file.write(bytes) != bytes.size() || !file.commit()) {
            *error = tr("cannot write %1: %2").arg(path, file.errorString());
            return false;
        }
        return true;
    };
    return write(keyPath(), identity.privateKeyPem(), true) &&
           write(certificatePath(), identity.certificatePem(), false);
}

} // namespace Tls
