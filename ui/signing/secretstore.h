#pragma once

#include "secretvault.h"
#include "signingsetup.h"

#include <QObject>
#include <QStringList>

#include <optional>

namespace Gui {

/**
 * Keeps what the Secrets page edits: the secrets' bytes in the system keychain (service
 * "Hookscope", one key per entry), everything else in the settings. Never a secret in the
 * settings or a session file.
 *
 * Where there is no keychain (the first keychain answer at load says so), the bytes go to a
 * SecretFile readable only by the user, and notice() says where. The first load that finds a
 * keychain again moves the file's secrets into it and deletes the file.
 *
 * Keychain calls are asynchronous: load() returns at once and loaded() follows; save() stores
 * the settings at once and the secrets in the background, then saved().
 */
class SecretStore : public QObject
{
    Q_OBJECT

public:
    enum class Place { Unknown, Keychain, File };

    /// `vault` null: the system keychain through QtKeychain; taken over either way.
    /// `filePath` empty: SecretFile::defaultPath().
    explicit SecretStore(QObject *parent = nullptr, SecretVault *vault = nullptr, const QString &filePath = {});

    /// Reads the settings and then each secret; loaded() when done. Once.
    void load();
    bool isLoaded() const { return m_phase == Phase::Ready; }
    /// What is stored, as of the last load or save (secrets included).
    const SigningSetup &setup() const { return m_setup; }
    Place place() const { return m_place; }
    QString filePath() const { return m_filePath; }
    /// What the Secrets page says above the list: where secrets are kept if not in the keychain,
    /// and what loading found (refusals, secrets not found, a move into the keychain). Empty when
    /// all is well.
    QString notice() const;

    /// Stores `setup`: the settings at once, the secrets in the background; saved() follows.
    /// An entry that is `missing` with no secret keeps what is stored for it; an entry that is
    /// gone loses its secret. Before loaded(), waits for it.
    void save(const SigningSetup &setup);

    /// The keychain key of an entry's secret.
    static QString keyFor(const QString &id);

Q_SIGNALS:
    void loaded();
    /// A save is done; `error` is empty when every secret was stored and removed as asked.
    void saved(const QString &error);

private:
    enum class Phase { Idle, Reading, Moving, Ready };
    struct Op
    {
        enum Kind { Probe, Read, Write, Remove } kind;
        QString id;
        QByteArray value;
    };

    void enqueue(Op op);
    void runNext();
    void onReply(const Op &op, const SecretVault::Reply &reply);
    void onIdle();
    void useFile(const QString &why);
    void readFile();
    void moveFileToKeychain();
    void finishSave(const QString &error);
    SecretEntry *entry(const QString &id);
    QString nameOf(const QString &id) const;

    SecretVault *m_vault;
    QString m_filePath;
    SigningSetup m_setup;
    Place m_place = Place::Unknown;
    Phase m_phase = Phase::Idle;
    QList<Op> m_queue;
    bool m_running = false;
    QString m_keychainProblem; // what the keychain said when it could not be used
    QStringList m_notes;       // what loading found
    QStringList m_errors;      // of the writes since the last saved()
    std::optional<SigningSetup> m_pendingSave;
};

} // namespace Gui
