#pragma once

#include <QByteArray>
#include <QList>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>

class QSslCertificate;
class QSslError;

namespace Http {

struct ExchangeResult;

/// The TLS settings of every client connection: the system CA store with verification on and
/// ALPN offering only http/1.1 (the sender speaks nothing else).
QSslConfiguration clientTlsConfiguration();

/// Who answered on a connection: the peer, and for https the certificate it presented and why it
/// was not trusted; each exchange on the connection reports it.
struct PeerIdentity
{
    QString peer;
    QByteArray sha256;
    QString subject;
    QStringList tlsErrors;

    /// Takes the leaf certificate (ignored when null, so an earlier note stays).
    void noteCertificate(const QSslCertificate &leaf);
    /// Takes the errors that kept the certificate from being trusted, and the certificate.
    void noteErrors(const QSslCertificate &leaf, const QList<QSslError> &errors);
    void copyTo(ExchangeResult &result) const;
};

/// "CN (issued by CN)", falling back to the whole subject or issuer when there is no common name.
QString describeCertificate(const QSslCertificate &certificate);

} // namespace Http
