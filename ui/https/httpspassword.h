#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace Gui {

class SecretVault;

/**
 * The PKCS#12 file's password, kept so HTTPS comes back at the next start without asking: in the
 * system keychain (as the signing secrets are), or where there is none, in a file only the user
 * can read (SecretFile). Never in the settings.
 */
class HttpsPassword : public QObject
{
    Q_OBJECT

public:
    using ReadDone = std::function<void(const QByteArray &password, const QString &problem)>;
    using WriteDone = std::function<void(const QString &problem)>;

    /// `vault` null: the system keychain; taken over either way. `filePath` empty: defaultFilePath().
    explicit HttpsPassword(QObject *parent = nullptr, SecretVault *vault = nullptr, QString filePath = {});

    /// "https-secret.json" in the application's config folder.
    static QString defaultFilePath();
    /// The keychain key.
    static QString key();

    /// The kept password (empty when none is kept); `problem` says why it could not be read.
    void read(ReadDone done);
    /// Keeps `password`; an empty one removes what is kept.
    void write(const QByteArray &password, WriteDone done);

private:
    QByteArray readFile(QString *problem) const;
    QString writeFile(const QByteArray &password) const;

    SecretVault *m_vault;
    QString m_filePath;
};

} // namespace Gui
