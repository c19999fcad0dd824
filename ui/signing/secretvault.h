#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace Gui {

/**
 * A keychain seen as asynchronous reads, writes and removals by key. KeychainVault is the system
 * keychain; tests put a double in its place to reach the paths this machine has no keychain for.
 * Each call answers exactly once, later (never from inside the call), unless the vault is deleted.
 */
class SecretVault : public QObject
{
    Q_OBJECT

public:
    enum class Outcome {
        Ok,
        NotFound,   ///< nothing stored under the key
        NoKeychain, ///< there is no keychain to ask (or it cannot be used at all)
        Refused,    ///< the keychain exists but refused access (locked, the user said no)
        Failed,     ///< anything else, with a message
    };
    struct Reply
    {
        Outcome outcome = Outcome::Failed;
        QByteArray value; ///< read: the stored bytes
        QString message;  ///< what the keychain said, for people
    };
    using Callback = std::function<void(const Reply &)>;

    using QObject::QObject;

    virtual void read(const QString &key, Callback done) = 0;
    virtual void write(const QString &key, const QByteArray &value, Callback done) = 0;
    virtual void remove(const QString &key, Callback done) = 0;
};

/// The system keychain through QtKeychain (Secret Service, KWallet, macOS Keychain, Windows
/// Credential Store), under the service name "Hookscope".
class KeychainVault : public SecretVault
{
    Q_OBJECT

public:
    using SecretVault::SecretVault;

    static QString service();

    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QByteArray &value, Callback done) override;
    void remove(const QString &key, Callback done) override;
};

} // namespace Gui
