// `hookscope listen` with HTTPS: the real binary, its own certificate kept between runs, the
// user's PEM files and PKCS#12, the certificate written out for senders, and options that do not
// go together refused with a sentence.

#include "hookscopeprocess.h"

#include "tls/identity.h"
#include "tlstesting.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QtTest>

namespace {

/// The "listening on https://..." URL and the printed fingerprint, once both are on stderr.
bool waitHttps(Listen &l, QUrl *url, QString *fingerprint)
{
    static const QRegularExpression httpsLine(QStringLiteral("^listening on (https://\\S+)$"),
                                              QRegularExpression::MultilineOption);
    static const QRegularExpression shaLine(QStringLiteral("^certificate sha256 ([0-9A-F:]{95}) "),
                                            QRegularExpression::MultilineOption);
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 10000) {
        l.err += l.process.readAllStandardError();
        const QString err = QString::fromUtf8(l.err);
        const QRegularExpressionMatch u = httpsLine.match(err);
        const QRegularExpressionMatch f = shaLine.match(err);
        if (u.hasMatch() && f.hasMatch()) {
            *url = QUrl(u.captured(1));
            *fingerprint = f.captured(1);
            return true;
        }
        if (!l.process.waitForReadyRead(200) && l.process.state() == QProcess::NotRunning)
            return false;
    }
    return false;
}

QString colonHex(const QByteArray &digest)
{
    return QString::fromLatin1(digest.toHex(':').toUpper());
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

/// Posts to `url` trusting only `pem`; the HTTP status, or 0 with the TLS error.
int postTrusting(const QUrl &url, const QByteArray &pem)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromData(pem));
    request.setSslConfiguration(tls);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = nam.post(request, QByteArrayLiteral("{\"ok\":1}"));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10000))
        return -1;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    delete reply;
    return status;
}

} // namespace

class TstHttpsCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void ownCertificateKeptAndExported();
    void userPemFiles();
    void pkcs12WithPassword();
    void plainPortTakesTls();
    void badOptions_data();
    void badOptions();

private:
    QTemporaryDir m_dir;
};

void TstHttpsCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The generated certificate is kept in the user's data directory: here, a scratch one.
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("data"))));
}

void TstHttpsCli::ownCertificateKeptAndExported()
{
    const QString out = m_dir.filePath(QStringLiteral("exported.pem"));
    QString first;
    {
        Listen l({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tls-port"), QStringLiteral("0"),
                  QStringLiteral("--tls-cert-out"), out, QStringLiteral("--json")});
        QVERIFY(l.waitListening());
        QUrl url;
        QVERIFY2(waitHttps(l, &url, &first), l.err.constData());
        QCOMPARE(url.scheme(), QStringLiteral("https"));
        QVERIFY(url.port() > 0 && url.port() != l.port);

        QFile pem(out);
        QVERIFY(pem.open(QIODevice::ReadOnly));
        const QByteArray pemBytes = pem.readAll();
        const QList<QSslCertificate> certs = QSslCertificate::fromData(pemBytes);
        QCOMPARE(certs.size(), 1);
        QCOMPARE(colonHex(certs.first().digest(QCryptographicHash::Sha256)), first);
        QVERIFY(!pemBytes.contains("PRIVATE KEY"));

        QCOMPARE(postTrusting(url.resolved(QUrl(QStringLiteral("/hooks"))), pemBytes), 200);
        const QList<QByteArray> lines = l.waitLines(1);
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().contains("\"tls\":true"), lines.first().constData());
        QCOMPARE(l.stop(SIGTERM), 0);
    }
    // The key is the user's alone, and the next run serves the same certificate.
    const QString tlsDir = m_dir.filePath(QStringLiteral("data/hookscope/tls"));
    const QFileInfoList keys =
        QDir(tlsDir).entryInfoList({QStringLiteral("*key*")}, QDir::Files | QDir::Hidden | QDir::System);
    QCOMPARE(keys.size(), 1);
    QCOMPARE(keys.first().permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
             QFile::Permissions());
    Listen again({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tls-port"), QStringLiteral("0")});
    QVERIFY(again.waitListening());
    QUrl url;
    QString second;
    QVERIFY2(waitHttps(again, &url, &second), again.err.constData());
    QCOMPARE(second, first);
}

void TstHttpsCli::userPemFiles()
{
    QString error;
    const Tls::Identity mine = Tls::Identity::generateSelfSigned({QStringLiteral("hooks.test")}, &error);
    QVERIFY2(!mine.isNull(), qPrintable(error));
    const QString cert = m_dir.filePath(QStringLiteral("mine-cert.pem"));
    const QString key = m_dir.filePath(QStringLiteral("mine-key.pem"));
    QVERIFY(writeFile(cert, mine.certificatePem()));
    QVERIFY(writeFile(key, mine.privateKeyPem()));
    Listen l({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tls-port"), QStringLiteral("0"),
              QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key});
    QVERIFY(l.waitListening());
    QUrl url;
    QString fingerprint;
    QVERIFY2(waitHttps(l, &url, &fingerprint), l.err.constData());
    QCOMPARE(fingerprint, mine.fingerprintText());
    QCOMPARE(postTrusting(url, mine.certificatePem()), 200);
}

void TstHttpsCli::pkcs12WithPassword()
{
    QString error;
    const Tls::Identity mine = Tls::Identity::generateSelfSigned({}, &error);
    QVERIFY2(!mine.isNull(), qPrintable(error));
    const QString p12 = m_dir.filePath(QStringLiteral("mine.p12"));
    const QString password = m_dir.filePath(QStringLiteral("password.txt"));
    QVERIFY(writeFile(p12, TlsTesting::pkcs12Of(mine, "s3cret")));
    QVERIFY(writeFile(password, "s3cret\n"));
    Listen l({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tls-port"), QStringLiteral("0"),
              QStringLiteral("--tls-p12"), p12, QStringLiteral("--tls-p12-password-file"), password});
    QVERIFY(l.waitListening());
    QUrl url;
    QString fingerprint;
    QVERIFY2(waitHttps(l, &url, &fingerprint), l.err.constData());
    QCOMPARE(fingerprint, mine.fingerprintText());
    QCOMPARE(postTrusting(url, mine.certificatePem()), 200);

    // The wrong password is a clear error, not a crash or a silent plain listener.
    QVERIFY(writeFile(password, "wrong\n"));
    const Result wrong = runHookscope({QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("0"),
                                       QStringLiteral("--tls-port"), QStringLiteral("0"), QStringLiteral("--tls-p12"),
                                       p12, QStringLiteral("--tls-p12-password-file"), password});
    QCOMPARE(wrong.exitCode, 1);
    QVERIFY2(wrong.err.contains("password"), wrong.err.constData());
}

void TstHttpsCli::plainPortTakesTls()
{
    const QString out = m_dir.filePath(QStringLiteral("plain-port.pem"));
    Listen l({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tls-on-plain-port"),
              QStringLiteral("--tls-cert-out"), out});
    QVERIFY(l.waitListening());
    QFile pem(out);
    QTRY_VERIFY(pem.exists());
    QVERIFY(pem.open(QIODevice::ReadOnly));
    QUrl url = l.url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(QStringLiteral("localhost"));
    QCOMPARE(postTrusting(url, pem.readAll()), 200);
    QCOMPARE(l.waitLines(1).size(), 1);
}

void TstHttpsCli::badOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString p = QStringLiteral("--tls-port");
    QTest::newRow("cert without port") << QStringList{QStringLiteral("--tls-cert"), QStringLiteral("a.pem")} << 2
                                       << QStringLiteral("--tls-cert needs --tls-port");
    QTest::newRow("cert without key") << QStringList{p, QStringLiteral("0"), QStringLiteral("--tls-cert"),
                                                     QStringLiteral("a.pem")}
                                      << 2 << QStringLiteral("--tls-cert needs --tls-key");
    QTest::newRow("two certificates") << QStringList{p, QStringLiteral("0"), QStringLiteral("--tls-p12"),
                                                     QStringLiteral("a.p12"), QStringLiteral("--tls-self-signed")}
                                      << 2 << QStringLiteral("choose one certificate");
    QTest::newRow("bad port") << QStringList{p, QStringLiteral("70000")} << 2 << QStringLiteral("invalid --tls-port");
    QTest::newRow("missing files") << QStringList{p,
                                                  QStringLiteral("0"),
                                                  QStringLiteral("--tls-cert"),
                                                  QStringLiteral("/nonexistent/c.pem"),
                                                  QStringLiteral("--tls-key"),
                                                  QStringLiteral("/nonexistent/k.pem")}
                                   << 1 << QStringLiteral("/nonexistent/c.pem");
}

void TstHttpsCli::badOptions()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    args.prepend(QStringLiteral("listen"));
    args << QStringLiteral("--port") << QStringLiteral("0");
    const Result r = runHookscope(args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
}

QTEST_GUILESS_MAIN(TstHttpsCli)
#include "tst_httpscli.moc"
