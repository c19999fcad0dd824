#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace Tls {

/**
 * A server certificate (with its chain) and its private key, as PEM, with what a person needs to
 * know about it: fingerprint, names, validity. Made by Hookscope (generateSelfSigned) or loaded
 * from the user's PEM files or PKCS#12. Errors are sentences, with OpenSSL's reason in
 * parentheses where it helps.
 */
class Identity
{
    Q_DECLARE_TR_FUNCTIONS(Tls::Identity)

public:
    bool isNull() const { return m_certificatePem.isEmpty(); }
    QByteArray certificatePem() const { return m_certificatePem; } ///< leaf first, then its chain
    QByteArray privateKeyPem() const { return m_keyPem; }          ///< PKCS#8, unencrypted
    QByteArray sha256Fingerprint() const { return m_sha256; }      ///< over the leaf's DER
    QString fingerprintText() const;                               ///< "AB:CD:…"
    QDateTime notBefore() const { return m_notBefore; }
    QDateTime notAfter() const { return m_notAfter; }
    QString subject() const { return m_subject; } ///< the leaf's common name, else its whole subject
    QStringList names() const { return m_names; } ///< subject alternative names (DNS and IP)
    /// Days until notAfter (negative once expired).
    qint64 daysLeft(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;

    static Identity fromPem(const QByteArray &certificate, const QByteArray &key, QString *error);
    static Identity fromPemFiles(const QString &certificateFile, const QString &keyFile, QString *error);
    static Identity fromPkcs12File(const QString &file, const QByteArray &password, QString *error);
    /// ECDSA P-256, signed with SHA-256 by itself, valid one year (from 5 minutes ago, for clock
    /// skew), CN "Hookscope local certificate", names localhost, 127.0.0.1, ::1 and `extraNames`
    /// (host names or addresses), serverAuth, not a CA. `validDays` other than a year is for tests
    /// (a certificate about to expire, or expired: negative).
    static Identity generateSelfSigned(const QStringList &extraNames, QString *error, int validDays = 365);

private:
    QByteArray m_certificatePem;
    QByteArray m_keyPem;
    QByteArray m_sha256;
    QDateTime m_notBefore;
    QDateTime m_notAfter;
    QString m_subject;
    QStringList m_names;
};

/// Writes the certificate (PEM, no key) where a sender can be pointed at it.
bool exportCertificate(const Identity &identity, const QString &path, QString *error);
/// Fewer than `days` days left (or expired).
bool expiresSoon(const Identity &identity, int days = 30, const QDateTime &now = QDateTime::currentDateTimeUtc());

} // namespace Tls
