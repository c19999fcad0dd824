#include "secretstore.h"
#include "secretfile.h"
#include "settings.h"

#include <QDir>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace Gui {

using Outcome = SecretVault::Outcome;

SecretStore::SecretStore(QObject *parent, SecretVault *vault, const QString &filePath)
    : QObject(parent)
    , m_vault(vault ? vault : new KeychainVault(this))
    , m_filePath(filePath.isEmpty() ? SecretFile::defaultPath() : filePath)
{
    m_vault->setParent(this);
}

QString SecretStore::keyFor(const QString &id)
{
    return QLatin1String("signing/") + id;
}

void SecretStore::load()
{
    if (m_phase != Phase::Idle)
        return;
    m_phase = Phase::Reading;
    m_setup = SigningSetup::fromSettings(Settings());
    // The first answer tells whether there is a keychain; with no entries, ask for a key that is
    // never written, so the page can say where new secrets will go before there are any.
    if (m_setup.entries.isEmpty())
        enqueue({Op::Probe, {}, {}});
    for (const SecretEntry &e : std::as_const(m_setup.entries))
        enqueue({Op::Read, e.id, {}});
}

QString SecretStore::notice() const
{
    QStringList lines;
    if (m_place == Place::File) {
        QString line = tr("No system keychain found; secrets are kept in %1, readable only by you. The first time "
                          "Hookscope starts with a keychain running (GNOME Keyring, KWallet or another Secret "
                          "Service), it moves them there and deletes the file.")
                           .arg(QDir::toNativeSeparators(m_filePath));
        if (!m_keychainProblem.isEmpty())
            line += QLatin1Char(' ') + tr("(The keychain said: %1.)").arg(m_keychainProblem);
        lines << line;
    }
    lines << m_notes;
    return lines.join(QLatin1Char('\n'));
}

void SecretStore::save(const SigningSetup &setup)
{
    if (m_phase != Phase::Ready) {
        m_pendingSave = setup;
        return;
    }
    const SigningSetup before = std::exchange(m_setup, setup);
    Settings settings;
    m_setup.toSettings(settings);

    if (m_place == Place::File) {
        SecretFile file(m_filePath);
        QHash<QString, QByteArray> stored;
        QString error;
        file.read(&stored, &error); // unreadable: what it held for missing entries is lost either way
        QHash<QString, QByteArray> secrets;
        for (const SecretEntry &e : std::as_const(m_setup.entries)) {
            if (!e.secret.secret.isEmpty())
                secrets.insert(e.id, e.secret.secret);
            else if (stored.contains(e.id))
                secrets.insert(e.id, stored.value(e.id));
        }
        error.clear();
        file.write(secrets, &error);
        // saved() always comes later, whichever way the secrets went.
        QTimer::singleShot(0, this, [this, error] { finishSave(error); });
        return;
    }

    for (const SecretEntry &e : std::as_const(m_setup.entries)) {
        auto old = std::find_if(before.entries.begin(), before.entries.end(),
                                [&e](const SecretEntry &o) { return o.id == e.id; });
        const bool changed = old == before.entries.end() || old->secret.secret != e.secret.secret;
        if (!e.secret.secret.isEmpty() && changed)
            enqueue({Op::Write, e.id, e.secret.secret});
    }
    for (const SecretEntry &old : before.entries) {
        const bool kept = std::any_of(m_setup.entries.begin(), m_setup.entries.end(),
                                      [&old](const SecretEntry &e) { return e.id == old.id; });
        if (!kept)
            enqueue({Op::Remove, old.id, {}});
    }
    if (!m_running && m_queue.isEmpty())
        QTimer::singleShot(0, this, [this] { finishSave({}); });
}

void SecretStore::enqueue(Op op)
{
    m_queue.append(std::move(op));
    runNext();
}

void SecretStore::runNext()
{
    if (m_running)
        return;
    if (m_queue.isEmpty()) {
        onIdle();
        return;
    }
    m_running = true;
    const Op op = m_queue.takeFirst();
    auto done = [this, op](const SecretVault::Reply &reply) {
        m_running = false;
        onReply(op, reply);
        runNext();
    };
    switch (op.kind) {
    case Op::Probe:
        m_vault->read(keyFor(QStringLiteral("probe")), done);
        break;
    case Op::Read:
        m_vault->read(keyFor(op.id), done);
        break;
    case Op::Write:
        m_vault->write(keyFor(op.id), op.value, done);
        break;
    case Op::Remove:
        m_vault->remove(keyFor(op.id), done);
        break;
    }
}

void SecretStore::onReply(const Op &op, const SecretVault::Reply &reply)
{
    if (m_place == Place::Unknown) {
        // QtKeychain without a keychain says NoBackendAvailable on some systems and OtherError
        // ("Unknown error") on others, e.g. Debian without libsecret: both mean there is none.
        if (reply.outcome == Outcome::NoKeychain || reply.outcome == Outcome::Failed) {
            m_queue.clear(); // the other reads would fail the same way
            useFile(reply.message);
            return;
        }
        m_place = Place::Keychain;
    }
    switch (op.kind) {
    case Op::Probe:
        break;
    case Op::Read:
        if (SecretEntry *e = entry(op.id)) {
            e->missing = reply.outcome != Outcome::Ok;
            e->secret.secret = e->missing ? QByteArray() : reply.value;
        }
        if (reply.outcome == Outcome::Refused) {
            // One refusal is enough to know; asking again for each entry would only pester.
            for (const Op &next : std::as_const(m_queue)) {
                if (SecretEntry *e = entry(next.id))
                    e->missing = true;
            }
            m_queue.clear();
            m_notes << tr("The system keychain refused access (%1), so the secrets were not read. Verification runs "
                          "without them; entries shown as not loaded keep their stored secret unless you type a "
                          "new one.")
                           .arg(reply.message);
        } else if (reply.outcome == Outcome::NotFound) {
            m_notes << tr("The keychain has no secret for %1; type it again.").arg(nameOf(op.id));
        } else if (reply.outcome != Outcome::Ok) {
            m_notes << tr("Could not read the secret for %1 from the keychain: %2").arg(nameOf(op.id), reply.message);
        }
        break;
    case Op::Write:
        if (reply.outcome != Outcome::Ok)
            m_errors
                << tr("Could not store the secret for %1 in the system keychain: %2").arg(nameOf(op.id), reply.message);
        break;
    case Op::Remove:
        if (reply.outcome != Outcome::Ok && reply.outcome != Outcome::NotFound)
            m_errors << tr("Could not remove a secret from the system keychain: %1").arg(reply.message);
        break;
    }
}

void SecretStore::onIdle()
{
    switch (m_phase) {
    case Phase::Idle:
        break;
    case Phase::Reading:
        if (m_place == Place::Keychain && SecretFile(m_filePath).exists()) {
            moveFileToKeychain();
            return;
        }
        m_phase = Phase::Ready;
        Q_EMIT loaded();
        break;
    case Phase::Moving: {
        QString error;
        if (m_errors.isEmpty() && SecretFile(m_filePath).remove(&error)) {
            m_notes << tr("Secrets were moved from %1 into the system keychain, and the file deleted.")
                           .arg(QDir::toNativeSeparators(m_filePath));
        } else {
            // Keep using the file: a later start would otherwise move its older secrets over newer ones.
            useFile(m_errors.isEmpty() ? error : m_errors.join(QLatin1Char(' ')));
            m_errors.clear();
        }
        m_phase = Phase::Ready;
        Q_EMIT loaded();
        break;
    }
    case Phase::Ready:
        finishSave(m_errors.join(QLatin1Char('\n')));
        break;
    }
    if (m_phase == Phase::Ready && m_pendingSave) {
        const SigningSetup setup = *std::exchange(m_pendingSave, std::nullopt);
        save(setup);
    }
}

void SecretStore::useFile(const QString &why)
{
    m_place = Place::File;
    m_keychainProblem = why;
    readFile();
}

void SecretStore::readFile()
{
    QHash<QString, QByteArray> stored;
    QString error;
    if (!SecretFile(m_filePath).read(&stored, &error))
        m_notes << error;
    for (SecretEntry &e : m_setup.entries) {
        e.missing = !stored.contains(e.id);
        e.secret.secret = stored.value(e.id);
        if (e.missing && error.isEmpty())
            m_notes << tr("%1 has no secret for %2; type it again.")
                           .arg(QDir::toNativeSeparators(m_filePath), nameOf(e.id));
    }
}

void SecretStore::moveFileToKeychain()
{
    m_phase = Phase::Moving;
    QHash<QString, QByteArray> stored;
    QString error;
    if (!SecretFile(m_filePath).read(&stored, &error)) {
        useFile(error);
        m_phase = Phase::Ready;
        Q_EMIT loaded();
        return;
    }
    // The file is newer than the keychain: it is only written while there is no keychain.
    for (SecretEntry &e : m_setup.entries) {
        if (!stored.contains(e.id))
            continue;
        e.secret.secret = stored.value(e.id);
        e.missing = false;
        enqueue({Op::Write, e.id, e.secret.secret});
    }
    m_notes.clear(); // "not found in the keychain" no longer holds for what the file had
    for (const SecretEntry &e : std::as_const(m_setup.entries)) {
        if (e.missing)
            m_notes << tr("The keychain has no secret for %1; type it again.").arg(nameOf(e.id));
    }
    runNext(); // with nothing to move, goes straight on to deleting the file
}

void SecretStore::finishSave(const QString &error)
{
    m_errors.clear();
    Q_EMIT saved(error);
}

SecretEntry *SecretStore::entry(const QString &id)
{
    for (SecretEntry &e : m_setup.entries) {
        if (e.id == id)
            return &e;
    }
    return nullptr;
}

QString SecretStore::nameOf(const QString &id) const
{
    for (qsizetype i = 0; i < m_setup.entries.size(); ++i) {
        const SecretEntry &e = m_setup.entries.at(i);
        if (e.id != id)
            continue;
        if (!e.secret.label.isEmpty())
            return QLatin1Char('\'') + e.secret.label + QLatin1Char('\'');
        return tr("%1 secret %2").arg(Signing::schemeTitle(e.secret.scheme)).arg(i + 1);
    }
    return tr("a removed entry");
}

} // namespace Gui
