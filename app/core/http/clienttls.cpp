#include "clienttls.h"
#include "clientconnection.h"

#include <QCryptographicHash>
#include <QSslCertificate>
#include <QSslError>
#include <QSslSocket>

namespace Http {

namespace {

QString nameOf(const QStringList &commonNames, const QString &displayName)
{
    return commonNames.isEmpty() ? displayName : commonNames.join(QStringLiteral(", "));
}

} // namespace

QSslConfiguration clientTlsConfiguration()
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    config.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
    return config;
}

QString describeCertificate(const QSslCertificate &certificate)
{
    const QString subject =
        nameOf(certificate.subjectInfo(QSslCertificate::CommonName), certificate.subjectDisplayName());
    const QString issuer = nameOf(certificate.issuerInfo(QSslCertificate::CommonName), certificate.issuerDisplayName());
    return QStringLiteral("%1 (issued by %2)").arg(subject, issuer);
}

void PeerIdentity::noteCertificate(const QSslCertificate &leaf)
{
    if (leaf.isNull())
        return;
    sha256 = leaf.digest(QCryptographicHash::Sha256);
    subject = describeCertificate(leaf);
}

void PeerIdentity::noteErrors(const QSslCertificate &leaf, const QList<QSslError> &errors)
{
    noteCertificate(leaf);
    for (const QSslError &error : errors) {
        if (sha256.isEmpty())
            noteCertificate(error.certificate());
        if (!tlsErrors.contains(error.errorString()))
            tlsErrors.append(error.errorString());
    }
}

void PeerIdentity::copyTo(ExchangeResult &result) const
{
    result.peerCertificateSha256 = sha256;
    result.peerCertificateSubject = subject;
    result.tlsErrors = tlsErrors;
}

} // namespace Http
