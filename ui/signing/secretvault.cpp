#include "secretvault.h"

#include <qt6keychain/keychain.h>

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcKeychain, "hookscope.keychain")

namespace Gui {

namespace {

SecretVault::Outcome outcomeOf(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError:
        return SecretVault::Outcome::Ok;
    case QKeychain::EntryNotFound:
        return SecretVault::Outcome::NotFound;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return SecretVault::Outcome::NoKeychain;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return SecretVault::Outcome::Refused;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    return SecretVault::Outcome::Failed;
}

/// Starts `job` and answers `done` once it finishes; the job deletes itself, or goes with `vault`.
void run(QKeychain::Job *job, const QString &key, SecretVault *vault, SecretVault::Callback done)
{
    job->setKey(key);
    job->setAutoDelete(true);
    // Never QtKeychain's own fallback: it writes the secret into QSettings in plain text.
    job->setInsecureFallback(false);
    QObject::connect(job, &QKeychain::Job::finished, vault, [done = std::move(done)](QKeychain::Job *finished) {
        SecretVault::Reply reply;
        reply.outcome = outcomeOf(finished->error());
        reply.message = finished->errorString();
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(finished); read && !finished->error())
            reply.value = read->binaryData();
        qCDebug(lcKeychain) << finished->metaObject()->className() << finished->key() << "error" << finished->error()
                            << finished->errorString();
        done(reply);
    });
    job->start();
}

} // namespace

QString KeychainVault::service()
{
    return QStringLiteral("Hookscope");
}

void KeychainVault::read(const QString &key, Callback done)
{
    run(new QKeychain::ReadPasswordJob(service(), this), key, this, std::move(done));
}

void KeychainVault::write(const QString &key, const QByteArray &value, Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(service(), this);
    job->setBinaryData(value);
    run(job, key, this, std::move(done));
}

void KeychainVault::remove(const QString &key, Callback done)
{
    run(new QKeychain::DeletePasswordJob(service(), this), key, this, std::move(done));
}

} // namespace Gui
