#include "httpspassword.h"

#include "signing/secretfile.h"
#include "signing/secretvault.h"

#include <QHash>
#include <QPointer>
#include <QStandardPaths>

namespace Gui {

namespace {
const QString kFileKey = QStringLiteral("pkcs12-password");
}

HttpsPassword::HttpsPassword(QObject *parent, SecretVault *vault, QString filePath)
    : QObject(parent)
    , m_vault(vault ? vault : new KeychainVault)
    , m_filePath(filePath.isEmpty() ? defaultFilePath() : std::move(filePath))
{
    m_vault->setParent(this);
}

QString HttpsPassword::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QLatin1String("/https-secret.json");
}

QString HttpsPassword::key()
{
    return QStringLiteral("https/pkcs12-password");
}

void HttpsPassword::read(ReadDone done)
{
    QPointer<HttpsPassword> self(this);
    m_vault->read(key(), [self, done](const SecretVault::Reply &reply) {
        if (!self)
            return;
        if (reply.outcome == SecretVault::Outcome::Ok) {
            done(reply.value, {});
        } else if (reply.outcome != SecretVault::Outcome::Refused) {
            // Kept in the file while there was no keychain (or one that does not work, as the
            // Secrets page decides too), or nowhere.
            QString problem;
            const QByteArray password = self->readFile(&problem);
            done(password, problem);
        } else {
            done({}, tr("the keychain did not give the PKCS#12 password: %1").arg(reply.message));
        }
    });
}

void HttpsPassword::write(const QByteArray &password, WriteDone done)
{
    QPointer<HttpsPassword> self(this);
    const auto answered = [self, password, done](const SecretVault::Reply &reply) {
        if (!self)
            return;
        if (reply.outcome == SecretVault::Outcome::NoKeychain || reply.outcome == SecretVault::Outcome::Failed) {
            done(self->writeFile(password)); // no keychain that works: the user-only file
        } else if (reply.outcome == SecretVault::Outcome::Ok || reply.outcome == SecretVault::Outcome::NotFound) {
            // In the keychain (or removed from it): no copy stays in the file.
            done(self->writeFile({}));
        } else {
            done(tr("the keychain did not keep the PKCS#12 password: %1").arg(reply.message));
        }
    };
    if (password.isEmpty())
        m_vault->remove(key(), answered);
    else
        m_vault->write(key(), password, answered);
}

QByteArray HttpsPassword::readFile(QString *problem) const
{
    SecretFile file(m_filePath);
    QHash<QString, QByteArray> secrets;
    if (file.exists() && !file.read(&secrets, problem))
        return {};
    return secrets.value(kFileKey);
}

QString HttpsPassword::writeFile(const QByteArray &password) const
{
    SecretFile file(m_filePath);
    QHash<QString, QByteArray> secrets;
    QString problem;
    if (file.exists() && !file.read(&secrets, &problem))
        return problem;
    if (password.isEmpty() && !secrets.contains(kFileKey))
        return {};
    if (password.isEmpty())
        secrets.remove(kFileKey);
    else
        secrets.insert(kFileKey, password);
    return file.write(secrets, &problem) ? QString() : problem;
}

} // namespace Gui
