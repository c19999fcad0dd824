#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace Gui {

/**
 * Where secrets go when there is no system keychain: one JSON file, entry id → the secret in
 * base64, readable and writable only by its owner. Each write makes a new file created with mode
 * 0600 (never a wider file narrowed afterwards) and renames it over the old one, so the secrets
 * are never readable by others, not even for a moment, and a crash leaves the old file whole.
 */
class SecretFile
{
public:
    explicit SecretFile(QString path);

    /// "signing-secrets.json" in the application's config folder.
    static QString defaultPath();

    QString path() const { return m_path; }
    bool exists() const;
    /// The stored secrets; false with `error` when the file exists but cannot be read.
    bool read(QHash<QString, QByteArray> *secrets, QString *error) const;
    /// Replaces the file's contents with `secrets`; no secrets at all removes the file.
    bool write(const QHash<QString, QByteArray> &secrets, QString *error) const;
    bool remove(QString *error) const;

private:
    QString m_path;
};

} // namespace Gui
