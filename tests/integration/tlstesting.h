#pragma once

// A certificate for the HTTPS tests: the kind Hookscope generates for itself (Tls::Identity).

#include "http/tlsserver.h"
#include "tls/identity.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

#include <openssl/pem.h>
#include <openssl/pkcs12.h>

namespace TlsTesting {

struct TestIdentity
{
    QByteArray certificatePem;
    QByteArray keyPem;
    std::shared_ptr<const Http::TlsServerContext> context;
    QString error;
};

inline TestIdentity makeIdentity(const QString &)
{
    TestIdentity id;
    const Tls::Identity made = Tls::Identity::generateSelfSigned({}, &id.error);
    if (made.isNull())
        return id;
    id.certificatePem = made.certificatePem();
    id.keyPem = made.privateKeyPem();
    id.context = Http::TlsServerContext::create(id.certificatePem, id.keyPem, &id.error);
    return id;
}

/// A PKCS#12 file of `identity` under `password`, made with libcrypto as a CA's tool would.
inline QByteArray pkcs12Of(const Tls::Identity &identity, const QByteArray &password)
{
    const QByteArray certPem = identity.certificatePem();
    const QByteArray keyPem = identity.privateKeyPem();
    BIO *cb = BIO_new_mem_buf(certPem.constData(), int(certPem.size()));
    BIO *kb = BIO_new_mem_buf(keyPem.constData(), int(keyPem.size()));
    X509 *cert = PEM_read_bio_X509(cb, nullptr, nullptr, nullptr);
    EVP_PKEY *key = PEM_read_bio_PrivateKey(kb, nullptr, nullptr, nullptr);
    PKCS12 *p12 = PKCS12_create(password.constData(), "hookscope test", key, cert, nullptr, 0, 0, 0, 0, 0);
    QByteArray out;
    if (p12) {
        unsigned char *der = nullptr;
        const int length = i2d_PKCS12(p12, &der);
        if (length > 0)
            out = QByteArray(reinterpret_cast<const char *>(der), length);
        OPENSSL_free(der);
    }
    PKCS12_free(p12);
    EVP_PKEY_free(key);
    X509_free(cert);
    BIO_free(kb);
    BIO_free(cb);
    return out;
}

} // namespace TlsTesting
