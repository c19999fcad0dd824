// HTTPS in the window, driven as a user drives it: Serve HTTPS in the Capture menu serves on its
// own port and the status bar shows the https URL; the HTTPS dialog shows the certificate,
// exports it so a client that trusts it gets 200 (and the request is captured as TLS), makes it
// anew, refuses a PKCS#12 file with the wrong password before OK, warns about a certificate near
// its expiry, and lets the plain port take TLS. What was chosen (the password too) comes back at
// the next start; a certificate that cannot be read says why and leaves the plain port alone.

#include "https/httpscontrols.h"
#include "https/httpsdialog.h"
#include "https/httpspassword.h"
#include "integration/tlstesting.h"
#include "mainwindow.h"
#include "requesttablemodel.h"
#include "settings.h"
#include "windowtesting.h"

#include "capture/captureengine.h"
#include "capture/sessioncontroller.h"
#include "session/sessionreader.h"
#include "tls/identitystore.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QSpinBox>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QtTest>

using WindowTesting::anyPort;
using WindowTesting::ready;

namespace {

Gui::HttpsControls *httpsOf(Gui::MainWindow &window)
{
    return window.findChild<Gui::HttpsControls *>();
}

QAction *actionOf(Gui::MainWindow &window, const char *name)
{
    return window.findChild<QAction *>(QLatin1String(name));
}

/// GETs `url` trusting only the certificate in `pem`: the HTTP status, or 0 with *error.
int getTrusting(const QUrl &url, const QString &pem, QString *error = nullptr)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(pem));
    request.setSslConfiguration(tls);
    QNetworkReply *reply = nam.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(5000);
    if (error)
        *error = reply->errorString();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    delete reply;
    return status;
}

/// The SHA-256 fingerprint ("AB:CD:…") of the certificate the server at `port` presents.
QString presentedFingerprint(quint16 port)
{
    QSslSocket socket;
    socket.setPeerVerifyMode(QSslSocket::VerifyNone);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForEncrypted(5000))
        return socket.errorString();
    return QString::fromLatin1(socket.peerCertificate().digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TstHttpsWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void serveHttpsFromTheCaptureMenu();
    void regenerateServesTheNewCertificate();
    void pkcs12WrongPasswordIsRefusedBeforeOk();
    void expiringCertificateIsWarned();
    void plainPortTakesTls();
    void unusableCertificateSaysWhy();

private:
    QTemporaryDir m_dir;
};

void TstHttpsWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    WindowTesting::setUpWindowTests();
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_https_window"));
}

void TstHttpsWindow::init()
{
    QSettings().clear();
    Gui::Settings().set(Gui::Settings::HttpsPort, 0); // any free port: tests run side by side
    WindowTesting::clearScratchSessions();
    QDir(Tls::IdentityStore::defaultDir()).removeRecursively();
    QFile::remove(Gui::HttpsPassword::defaultFilePath());
}

void TstHttpsWindow::serveHttpsFromTheCaptureMenu()
{
    QString fingerprint;
    {
        Gui::MainWindow window(anyPort());
        QTRY_VERIFY(ready(window));
        Gui::HttpsControls *https = httpsOf(window);
        QVERIFY(https);
        QAction *serve = actionOf(window, "serveHttps");
        QVERIFY(serve && serve->isCheckable() && !serve->isChecked());
        QVERIFY(https->statusLabel()->isHidden()); // off: nothing to say
        QVERIFY(!actionOf(window, "copyHttpsUrl")->isEnabled());

        serve->trigger();
        QTRY_COMPARE(https->state(), Gui::HttpsControls::State::Serving);
        QVERIFY(serve->isChecked());
        const QUrl url = https->url();
        QCOMPARE(url.scheme(), QStringLiteral("https"));
        QCOMPARE(url.port(), int(window.engine()->httpsPort()));
        QVERIFY(url.port() != int(window.engine()->port()));
        QVERIFY2(https->statusLabel()->text().contains(url.toString()), qPrintable(https->statusLabel()->text()));
        QVERIFY(https->statusLabel()->isVisibleTo(&window));
        fingerprint = https->certificate().identity.fingerprintText();
        QVERIFY(https->statusLabel()->toolTip().contains(fingerprint));
        QVERIFY(QFile::exists(Tls::IdentityStore(https->storeDir()).keyPath())); // made and kept

        actionOf(window, "copyHttpsUrl")->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), url.toString());

        // The dialog shows the certificate in use and exports it for senders to trust.
        Gui::HttpsDialog dialog(https, &window);
        QTRY_VERIFY(!dialog.isChecking());
        QVERIFY(dialog.enabledBox()->isChecked());
        QVERIFY2(dialog.detailsLabel()->text().contains(fingerprint), qPrintable(dialog.detailsLabel()->text()));
        for (const char *name : {"localhost", "127.0.0.1"})
            QVERIFY2(dialog.detailsLabel()->text().contains(QLatin1String(name)), name);
        const QString pem = m_dir.filePath(QStringLiteral("exported.pem"));
        QVERIFY(dialog.exportTo(pem));
        QVERIFY(!dialog.exportTo(m_dir.filePath(QStringLiteral("no/such/folder/x.pem"))));
        QVERIFY(!dialog.problemLabel()->text().isEmpty());

        // A client trusting the exported certificate gets through; the table gets the request.
        QCOMPARE(getTrusting(url.resolved(QUrl(QStringLiteral("/over-tls"))), pem), 200);
        QTRY_COMPARE(window.model()->rowCount(), 1);
        Session::SessionReader reader;
        QVERIFY(reader.open(window.sessions()->path()).problem == Session::FileProblem::None);
        const Session::CapturedRequestPtr captured = reader.load(window.model()->idAt(0));
        QVERIFY(captured && captured->tls);
        QCOMPARE(captured->tlsInfo.alpn, QStringLiteral("http/1.1"));
        // One that trusts nothing it was not told to fails, and is told why.
        QString error;
        QCOMPARE(getTrusting(url, m_dir.filePath(QStringLiteral("none.pem")), &error), 0);
        QVERIFY2(!error.isEmpty(), qPrintable(error));
    }
    {
        // The next start serves HTTPS again, with the same certificate; switching it off stops it.
        Gui::MainWindow window(anyPort());
        QTRY_VERIFY(ready(window));
        Gui::HttpsControls *https = httpsOf(window);
        QTRY_COMPARE(https->state(), Gui::HttpsControls::State::Serving);
        QCOMPARE(https->certificate().identity.fingerprintText(), fingerprint);
        QCOMPARE(presentedFingerprint(window.engine()->httpsPort()), fingerprint);
        actionOf(window, "serveHttps")->trigger();
        QTRY_COMPARE(window.engine()->httpsPort(), quint16(0));
        QCOMPARE(https->state(), Gui::HttpsControls::State::Off);
        QVERIFY(https->statusLabel()->isHidden());
        QVERIFY(!Gui::Settings().get(Gui::Settings::HttpsEnabled));
    }
}

void TstHttpsWindow::regenerateServesTheNewCertificate()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    Gui::HttpsControls *https = httpsOf(window);
    actionOf(window, "serveHttps")->trigger();
    QTRY_COMPARE(https->state(), Gui::HttpsControls::State::Serving);
    const QString before = https->certificate().identity.fingerprintText();

    Gui::HttpsDialog dialog(https, &window);
    QTRY_VERIFY(!dialog.isChecking());
    dialog.namesEdit()->setText(QStringLiteral("hooks.lan, 192.0.2.7"));
    dialog.regenerateNow();
    QTRY_VERIFY(!dialog.isChecking() && !dialog.preview().isNull());
    const Tls::Identity made = dialog.preview().identity;
    QVERIFY(made.fingerprintText() != before);
    QVERIFY(made.names().contains(QStringLiteral("hooks.lan")));
    QVERIFY(made.names().contains(QStringLiteral("192.0.2.7")));
    QVERIFY(dialog.detailsLabel()->text().contains(made.fingerprintText()));
    // Served at once, and kept.
    QTRY_COMPARE(https->certificate().identity.fingerprintText(), made.fingerprintText());
    QTRY_COMPARE(presentedFingerprint(window.engine()->httpsPort()), made.fingerprintText());
    QString why;
    QCOMPARE(Tls::IdentityStore(https->storeDir()).kept({}, &why).fingerprintText(), made.fingerprintText());

    // A name that cannot be in a certificate is refused before OK.
    dialog.namesEdit()->setText(QStringLiteral("bad:name"));
    QTRY_VERIFY(!dialog.isChecking());
    QVERIFY(!dialog.canAccept());
    QVERIFY2(dialog.problemLabel()->text().contains(QLatin1String("bad:name")),
             qPrintable(dialog.problemLabel()->text()));
}

void TstHttpsWindow::pkcs12WrongPasswordIsRefusedBeforeOk()
{
    QString error;
    const Tls::Identity mine = Tls::Identity::generateSelfSigned({}, &error);
    const QString p12 = m_dir.filePath(QStringLiteral("mine.p12"));
    QVERIFY(writeFile(p12, TlsTesting::pkcs12Of(mine, "s3cret")));
    {
        Gui::MainWindow window(anyPort());
        QTRY_VERIFY(ready(window));
        Gui::HttpsControls *https = httpsOf(window);
        Gui::HttpsDialog dialog(https, &window);
        dialog.enabledBox()->setChecked(true);
        dialog.sourceBox()->setCurrentIndex(int(Gui::HttpsSetup::Source::Pkcs12));
        dialog.pkcs12Edit()->setText(p12);
        dialog.passwordEdit()->setText(QStringLiteral("wrong"));
        QTRY_VERIFY(!dialog.isChecking());
        QVERIFY(!dialog.canAccept());
        QVERIFY2(dialog.problemLabel()->text().contains(QLatin1String("wrong password")),
                 qPrintable(dialog.problemLabel()->text()));
        dialog.accept(); // refused: nothing changes
        QCOMPARE(https->state(), Gui::HttpsControls::State::Off);

        dialog.passwordEdit()->setText(QStringLiteral("s3cret"));
        QTRY_VERIFY(!dialog.isChecking());
        QVERIFY(dialog.canAccept());
        QVERIFY(dialog.detailsLabel()->text().contains(mine.fingerprintText()));
        dialog.accept();
        QTRY_COMPARE(https->state(), Gui::HttpsControls::State::Serving);
        QCOMPARE(presentedFingerprint(window.engine()->httpsPort()), mine.fingerprintText());
        // The password is not in the settings.
        QSettings settings;
        for (const QString &key : settings.allKeys())
            QVERIFY2(!settings.value(key).toString().contains(QLatin1String("s3cret")), qPrintable(key));
    }
    {
        // The password was kept (keychain, or the user-only file): the next start serves it again.
        Gui::MainWindow window(anyPort());
        QTRY_VERIFY(ready(window));
        Gui::HttpsControls *https = httpsOf(window);
        QTRY_COMPARE(https->state(), Gui::HttpsControls::State::Serving);
        QCOMPARE(presentedFingerprint(window.engine()->httpsPort()), mine.fingerprintText());
    }
}

void TstHttpsWindow::expiringCertificateIsWarned()
{
    QString error;
    const Tls::Identity soon = Tls::Identity::generateSelfSigned({}, &error, 10);
    QVERIFY2(!soon.isNull(), qPrintable(error));
    const QString cert = m_dir.filePath(QStringLiteral("soon-cert.pem"));
    const QString key = m_dir.filePath(QStringLiteral("soon-key.pem"));
    QVERIFY(writeFile(cert, soon.certificatePem()) && writeFile(key, soon.privateKeyPem()));

    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    Gui::HttpsControls *https = httpsOf(window);
    Gui::HttpsDialog dialog(https, &window);
    dialog.enabledBox()->setChecked(true);
    dialog.sourceBox()->setCurrentIndex(int(Gui::HttpsSetup::Source::PemFiles));
    dialog.certificateEdit()->setText(cert);
    dialog.keyEdit()->setText(m_dir.filePath(QStringLiteral("missing-key.pem")));
    QTRY_VERIFY(!dialog.isChecking());
    QVERIFY(!dialog.canAccept());
    QVERIFY2(dialog.problemLabel()->text().contains(QLatin1String("missing-key.pem")),
             qPrintable(dialog.problemLabel()->text()));
    dialog.keyEdit()->setText(key);
    QTRY_VERIFY(!dialog.isChecking());
    QVERIFY(dialog.canAccept()); // usable, but said to be near its end
    QVERIFY2(dialog.problemLabel()->text().contains(QLatin1String("expires in")),
             qPrintable(dialog.problemLabel()->text()));
    dialog.accept();
    QTRY_COMPARE(https->state(), Gui::HttpsControls::State::Serving);
    QVERIFY2(https->statusLabel()->text().contains(QLatin1String("certificate expires on")),
             qPrintable(https->statusLabel()->text()));
    QCOMPARE(presentedFingerprint(window.engine()->httpsPort()), soon.fingerprintText());
}

void TstHttpsWindow::plainPortTakesTls()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    Gui::HttpsControls *https = httpsOf(window);
    Gui::HttpsDialog dialog(https, &window);
    dialog.plainPortBox()->setChecked(true); // HTTPS on its own port stays off
    QTRY_VERIFY(!dialog.isChecking());
    QVERIFY(dialog.canAccept());
    dialog.accept();
    QTRY_COMPARE(https->state(), Gui::HttpsControls::State::Serving);
    QCOMPARE(window.engine()->httpsPort(), quint16(0));
    QVERIFY2(https->statusLabel()->text().contains(QLatin1String("plain port")),
             qPrintable(https->statusLabel()->text()));
    const QString pem = m_dir.filePath(QStringLiteral("plain.pem"));
    QString error;
    QVERIFY(Tls::exportCertificate(https->certificate().identity, pem, &error));
    QUrl url = window.engine()->url();
    url.setScheme(QStringLiteral("https"));
    QTRY_COMPARE(getTrusting(url.resolved(QUrl(QStringLiteral("/tls-on-plain"))), pem), 200);
    QCOMPARE(WindowTesting::post(window.engine()->url(), QStringLiteral("/plain"), "{}"), 200); // and plain too
}

void TstHttpsWindow::unusableCertificateSaysWhy()
{
    // Saved choices name a certificate that is gone: HTTPS is off and says why; capture goes on.
    Gui::HttpsSetup setup;
    setup.enabled = true;
    setup.port = 0;
    setup.source = Gui::HttpsSetup::Source::PemFiles;
    setup.certificateFile = m_dir.filePath(QStringLiteral("gone-cert.pem"));
    setup.keyFile = m_dir.filePath(QStringLiteral("gone-key.pem"));
    setup.save();

    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    Gui::HttpsControls *https = httpsOf(window);
    QTRY_COMPARE(https->state(), Gui::HttpsControls::State::Failed);
    QVERIFY2(https->statusLabel()->text().startsWith(QLatin1String("HTTPS off: ")),
             qPrintable(https->statusLabel()->text()));
    QVERIFY2(https->statusLabel()->text().contains(QLatin1String("gone-cert.pem")),
             qPrintable(https->statusLabel()->text()));
    QVERIFY(!actionOf(window, "serveHttps")->isChecked());
    QCOMPARE(window.engine()->httpsPort(), quint16(0));
    QCOMPARE(WindowTesting::post(window.engine()->url(), QStringLiteral("/still"), "{}"), 200);
}

QTEST_MAIN(TstHttpsWindow)
#include "tst_https_window.moc"
