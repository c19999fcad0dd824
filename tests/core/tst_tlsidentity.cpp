// The certificate Hookscope makes and keeps for its https port, and the user's own read from PEM.

#include "tls/identity.h"
#include "tls/identitystore.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QTemporaryDir>
#include <QtTest>

class TstTlsIdentity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generated();
    void keptPrivatelyAndReused();
    void damagedFileIsMadeAnew();
    void mismatchedKeyIsRefused();
    void expiryWarning();
    void expiredKeptCertificateIsMadeAnew();
};

void TstTlsIdentity::generated()
{
    QString error;
    const Tls::Identity id = Tls::Identity::generateSelfSigned({QStringLiteral("hooks.example.test")}, &error);
    QVERIFY2(!id.isNull(), qPrintable(error));
    const QSslCertificate cert(id.certificatePem(), QSsl::Pem);
    QVERIFY(!cert.isNull());
    QVERIFY(cert.isSelfSigned());
    QCOMPARE(cert.publicKey().algorithm(), QSsl::Ec);
    QCOMPARE(cert.publicKey().length(), 256);
    const QStringList names = id.names();
    for (const char *name : {"localhost", "127.0.0.1", "hooks.example.test"})
        QVERIFY2(names.contains(QLatin1String(name)), qPrintable(names.join(QLatin1Char(' '))));
    QVERIFY2(names.contains(QStringLiteral("::1")) || names.contains(QStringLiteral("0:0:0:0:0:0:0:1")),
             qPrintable(names.join(QLatin1Char(' '))));
    const qint64 days = id.notBefore().daysTo(id.notAfter());
    QVERIFY2(days >= 365 && days <= 366, qPrintable(QString::number(days)));
    QCOMPARE(id.sha256Fingerprint().size(), 32);
    QCOMPARE(id.fingerprintText().size(), 95);
    QVERIFY(id.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----"));
    QVERIFY(Tls::Identity::generateSelfSigned({QStringLiteral("a,b")}, &error).isNull());
    QVERIFY2(error.contains(QLatin1String("not a host name")), qPrintable(error));
}

void TstTlsIdentity::keptPrivatelyAndReused()
{
    QTemporaryDir tmp;
    const QString dir = tmp.filePath(QStringLiteral("tls"));
    Tls::IdentityStore store(dir);
    QString error, note;
    const Tls::Identity first = store.loadOrCreate({}, &error, &note);
    QVERIFY2(!first.isNull(), qPrintable(error));
    QVERIFY(note.isEmpty());
    QCOMPARE(QFile::permissions(store.keyPath()) &
                 (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
             QFile::Permissions());
    QCOMPARE(QFile::permissions(dir) & (QFile::ReadGroup | QFile::ReadOther | QFile::ExeOther), QFile::Permissions());
    QCOMPARE(store.loadOrCreate({}, &error).fingerprintText(), first.fingerprintText());
    // A name it lacks makes a new one that has it.
    const Tls::Identity named = store.loadOrCreate({QStringLiteral("box.lan")}, &error, &note);
    QVERIFY(named.names().contains(QStringLiteral("box.lan")));
    QVERIFY2(note.contains(QLatin1String("box.lan")), qPrintable(note));
    QVERIFY(store.regenerate({}, &error).fingerprintText() != named.fingerprintText());
}

void TstTlsIdentity::damagedFileIsMadeAnew()
{
    QTemporaryDir tmp;
    Tls::IdentityStore store(tmp.path());
    QString error, note;
    QVERIFY(!store.loadOrCreate({}, &error).isNull());
    QFile key(store.keyPath());
    QVERIFY(key.open(QIODevice::WriteOnly | QIODevice::Truncate));
    key.write("-----BEGIN PRIVATE KEY-----\ngarbage\n");
    key.close();
    const Tls::Identity fresh = store.loadOrCreate({}, &error, &note);
    QVERIFY2(!fresh.isNull(), qPrintable(error));
    QVERIFY2(note.contains(QLatin1String("cannot be used")), qPrintable(note));
}

void TstTlsIdentity::mismatchedKeyIsRefused()
{
    QString error;
    const Tls::Identity a = Tls::Identity::generateSelfSigned({}, &error);
    const Tls::Identity b = Tls::Identity::generateSelfSigned({}, &error);
    QVERIFY(Tls::Identity::fromPem(a.certificatePem(), b.privateKeyPem(), &error).isNull());
    QCOMPARE(error, QStringLiteral("the private key does not match the certificate"));
    QVERIFY(Tls::Identity::fromPem("not pem", a.privateKeyPem(), &error).isNull());
    QVERIFY2(error.startsWith(QLatin1String("no certificate")), qPrintable(error));
    QVERIFY(!Tls::Identity::fromPem(a.certificatePem(), a.privateKeyPem(), &error).isNull());
}

void TstTlsIdentity::expiryWarning()
{
    QString error;
    const Tls::Identity id = Tls::Identity::generateSelfSigned({}, &error);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(!Tls::expiresSoon(id, 30, now));
    QVERIFY(Tls::expiresSoon(id, 30, now.addDays(340)));
    QVERIFY(id.daysLeft(now.addDays(400)) < 0);
}

void TstTlsIdentity::expiredKeptCertificateIsMadeAnew()
{
    // A kept certificate that expired would make every sender fail the handshake: the next start
    // makes a new one and says why, and kept() (what the window previews) reports it unusable.
    QTemporaryDir tmp;
    Tls::IdentityStore store(tmp.path());
    QString error;
    const Tls::Identity expired = Tls::Identity::generateSelfSigned({}, &error, -1);
    QVERIFY2(!expired.isNull(), qPrintable(error));
    QVERIFY(expired.daysLeft() < 0);
    for (const auto &[path, bytes] : {std::pair(store.certificatePath(), expired.certificatePem()),
                                      std::pair(store.keyPath(), expired.privateKeyPem())}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    QString why;
    QVERIFY(store.kept({}, &why).isNull());
    QVERIFY2(why.contains(QLatin1String("expired on")), qPrintable(why));
    QString note;
    const Tls::Identity fresh = store.loadOrCreate({}, &error, &note);
    QVERIFY2(!fresh.isNull(), qPrintable(error));
    QVERIFY(fresh.daysLeft() > 360);
    QVERIFY2(note.contains(QLatin1String("expired on")), qPrintable(note));
    QCOMPARE(store.kept({}, &why).fingerprintText(), fresh.fingerprintText());
    // A short-lived one (as a test makes it) is kept while valid, and warned about.
    const Tls::Identity soon = Tls::Identity::generateSelfSigned({}, &error, 10);
    QVERIFY(Tls::expiresSoon(soon));
    QVERIFY(soon.daysLeft() >= 9 && soon.daysLeft() <= 10);
}

QTEST_GUILESS_MAIN(TstTlsIdentity)
#include "tst_tlsidentity.moc"
