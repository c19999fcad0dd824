#include "identity.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHostAddress>
#include <QSaveFile>
#include <QSslCertificate>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace Tls {

namespace {

template<typename T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using KeyContext = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using Pkcs12 = std::unique_ptr<PKCS12, Deleter<PKCS12, PKCS12_free>>;

/// OpenSSL's reason for what just failed, in parentheses, or nothing; clears its error queue.
QString openSslReason()
{
    const unsigned long e = ERR_peek_last_error();
    ERR_clear_error();
    const char *reason = e ? ERR_reason_error_string(e) : nullptr;
    return reason ? QStringLiteral(" (%1)").arg(QString::fromLatin1(reason)) : QString();
}

Bio readBio(const QByteArray &bytes)
{
    return Bio(BIO_new_mem_buf(bytes.constData(), int(bytes.size())));
}

QByteArray drain(BIO *bio)
{
    QByteArray out(qsizetype(BIO_ctrl_pending(bio)), Qt::Uninitialized);
    const int n = BIO_read(bio, out.data(), int(out.size()));
    out.resize(qMax(n, 0));
    return out;
}

QByteArray certificatePemOf(X509 *leaf, const STACK_OF(X509) * chain)
{
    Bio out(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(out.get(), leaf);
    for (int i = 0; chain && i < sk_X509_num(chain); ++i)
        PEM_write_bio_X509(out.get(), sk_X509_value(chain, i));
    return drain(out.get());
}

QByteArray keyPemOf(EVP_PKEY *key)
{
    Bio out(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(out.get(), key, nullptr, nullptr, 0, nullptr, nullptr); // PKCS#8
    return drain(out.get());
}

bool readFile(const QString &path, QByteArray *bytes, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = Identity::tr("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    *bytes = file.readAll();
    return true;
}

bool addExtension(X509 *cert, int nid, const QByteArray &value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.constData());
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

} // namespace

QString Identity::fingerprintText() const
{
    return QString::fromLatin1(m_sha256.toHex(':').toUpper());
}

qint64 Identity::daysLeft(const QDateTime &now) const
{
    return now.secsTo(m_notAfter) / 86400;
}

Identity Identity::fromPem(const QByteArray &certificate, const QByteArray &key, QString *error)
{
    ERR_clear_error();
    Bio certs = readBio(certificate);
    Cert leaf(PEM_read_bio_X509(certs.get(), nullptr, nullptr, nullptr));
    if (!leaf) {
        *error = tr("no certificate in the PEM text") + openSslReason();
        return {};
    }
    STACK_OF(X509) *chain = sk_X509_new_null();
    while (X509 *next = PEM_read_bio_X509(certs.get(), nullptr, nullptr, nullptr))
        sk_X509_push(chain, next);
    ERR_clear_error(); // the end of the text reads as an error
    const QByteArray pem = certificatePemOf(leaf.get(), chain);
    sk_X509_pop_free(chain, X509_free);

    if (key.contains("ENCRYPTED")) {
        *error = tr("the private key is encrypted; remove its password first (openssl pkey -in KEY -out PLAIN)");
        return {};
    }
    Bio keyBio = readBio(key);
    Key privateKey(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
    if (!privateKey) {
        *error = tr("no private key in the PEM text") + openSslReason();
        return {};
    }
    if (X509_check_private_key(leaf.get(), privateKey.get()) != 1) {
        ERR_clear_error();
        *error = tr("the private key does not match the certificate");
        return {};
    }
    const QSslCertificate qt(pem, QSsl::Pem);
    Identity id;
    id.m_certificatePem = pem;
    id.m_keyPem = keyPemOf(privateKey.get());
    id.m_sha256 = qt.digest(QCryptographicHash::Sha256);
    id.m_notBefore = qt.effectiveDate().toUTC();
    id.m_notAfter = qt.expiryDate().toUTC();
    const QStringList cn = qt.subjectInfo(QSslCertificate::CommonName);
    id.m_subject = cn.isEmpty() ? qt.subjectDisplayName() : cn.join(QStringLiteral(", "));
    const auto alternatives = qt.subjectAlternativeNames();
    for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it)
        id.m_names.append(it.value());
    return id;
}

Identity Identity::fromPemFiles(const QString &certificateFile, const QString &keyFile, QString *error)
{
    QByteArray certificate, key;
    if (!readFile(certificateFile, &certificate, error) || !readFile(keyFile, &key, error))
        return {};
    Identity id = fromPem(certificate, key, error);
    if (id.isNull())
        *error = QStringLiteral("%1, %2: %3").arg(certificateFile, keyFile, *error);
    return id;
}

Identity Identity::fromPkcs12File(const QString &file, const QByteArray &password, QString *error)
{
    QByteArray bytes;
    if (!readFile(file, &bytes, error))
        return {};
    ERR_clear_error();
    Bio bio = readBio(bytes);
    Pkcs12 p12(d2i_PKCS12_bio(bio.get(), nullptr));
    if (!p12) {
        *error = tr("%1 is not a PKCS#12 file").arg(file) + openSslReason();
        return {};
    }
    EVP_PKEY *key = nullptr;
    X509 *cert = nullptr;
    STACK_OF(X509) *chain = nullptr;
    if (PKCS12_parse(p12.get(), password.constData(), &key, &cert, &chain) != 1) {
        *error = tr("wrong password for %1, or the file is damaged").arg(file) + openSslReason();
        return {};
    }
    Key keep(key);
    Cert leaf(cert);
    if (!key || !cert) {
        sk_X509_pop_free(chain, X509_free);
        *error = tr("%1 holds no certificate with its key").arg(file);
        return {};
    }
    const QByteArray pem = certificatePemOf(cert, chain);
    sk_X509_pop_free(chain, X509_free);
    return fromPem(pem, keyPemOf(key), error);
}

Identity Identity::generateSelfSigned(const QStringList &extraNames, QString *error, int validDays)
{
    ERR_clear_error();
    const auto fail = [error](const QString &what) {
        *error = what + openSslReason();
        return Identity();
    };
    KeyContext context(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY *raw = nullptr;
    if (!context || EVP_PKEY_keygen_init(context.get()) != 1 ||
        EVP_PKEY_CTX_set_group_name(context.get(), "P-256") != 1 || EVP_PKEY_keygen(context.get(), &raw) != 1)
        return fail(tr("cannot make a key"));
    Key key(raw);

    QStringList names = {QStringLiteral("localhost"), QStringLiteral("127.0.0.1"), QStringLiteral("::1")};
    for (const QString &name : extraNames) {
        const QString n = name.trimmed();
        if (!n.isEmpty() && !names.contains(n, Qt::CaseInsensitive))
            names.append(n);
    }
    QStringList san;
    for (const QString &name : std::as_const(names)) {
        QHostAddress address;
        if (address.setAddress(name))
            san.append(QStringLiteral("IP:") + address.toString());
        else if (name.contains(QLatin1Char(',')) || name.contains(QLatin1Char(':')) || name.contains(QLatin1Char(' ')))
            return fail(tr("'%1' is not a host name or an address").arg(name));
        else
            san.append(QStringLiteral("DNS:") + name);
    }

    Cert cert(X509_new());
    X509_set_version(cert.get(), 2); // v3
    BIGNUM *serial = BN_new();
    BN_rand(serial, 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY); // positive, 16 bytes at most
    BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert.get()));
    BN_free(serial);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -5 * 60);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), long(validDays) * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME *name = X509_get_subject_name(cert.get());
    static const unsigned char kCommonName[] = "Hookscope local certificate";
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, kCommonName, -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    if (!addExtension(cert.get(), NID_subject_alt_name, san.join(QLatin1Char(',')).toLatin1()) ||
        !addExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE") ||
        !addExtension(cert.get(), NID_ext_key_usage, "serverAuth") ||
        !addExtension(cert.get(), NID_subject_key_identifier, "hash"))
        return fail(tr("cannot make the certificate"));
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0)
        return fail(tr("cannot sign the certificate"));
    return fromPem(certificatePemOf(cert.get(), nullptr), keyPemOf(key.get()), error);
}

bool exportCertificate(const Identity &identity, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(identity.certificatePem()) != identity.certificatePem().size() ||
        !file.commit()) {
        *error = Identity::tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool expiresSoon(const Identity &identity, int days, const QDateTime &now)
{
    return now.secsTo(identity.notAfter()) < qint64(days) * 86400;
}

} // namespace Tls
