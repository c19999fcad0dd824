#pragma once

#include "identity.h"

namespace Tls {

/**
 * Where Hookscope keeps the certificate it makes for itself: DIR/hookscope-cert.pem and
 * DIR/hookscope-key.pem, the key readable by the user alone (0600, the folder 0700), each written
 * whole to a temporary file and renamed, so a crash never leaves half a key.
 */
class IdentityStore
{
    Q_DECLARE_TR_FUNCTIONS(Tls::IdentityStore)

public:
    explicit IdentityStore(QString dir);
    /// ~/.local/share/hookscope/tls: one place for the window and the command line.
    static QString defaultDir();

    /// The kept certificate, if it can be used for `extraNames` as it is: readable, not expired,
    /// valid for each name. Null, with *why, when loadOrCreate() would make a new one. Writes nothing.
    Identity kept(const QStringList &extraNames, QString *why) const;
    /// The kept certificate; made and kept on first use, and made anew (said in *note) when the
    /// kept one is unreadable, expired or lacks a name in `extraNames`. Null with *error when the
    /// folder cannot be written.
    Identity loadOrCreate(const QStringList &extraNames, QString *error, QString *note = nullptr);
    /// A new certificate replaces the kept one.
    Identity regenerate(const QStringList &extraNames, QString *error);
    QString certificatePath() const;
    QString keyPath() const;

private:
    bool save(const Identity &identity, QString *error);
    QString m_dir;
};

} // namespace Tls
