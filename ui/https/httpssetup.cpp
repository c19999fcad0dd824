#include "httpssetup.h"
#include "settings.h"

#include "tls/identitystore.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>
#include <QRegularExpression>
#include <QThreadPool>

namespace Gui {

namespace {

QString sourceName(HttpsSetup::Source source)
{
    switch (source) {
    case HttpsSetup::Source::PemFiles:
        return QStringLiteral("pem");
    case HttpsSetup::Source::Pkcs12:
        return QStringLiteral("pkcs12");
    case HttpsSetup::Source::Generated:
        break;
    }
    return QStringLiteral("generated");
}

} // namespace

HttpsSetup HttpsSetup::load(QSettings *backend)
{
    const Settings settings(backend);
    HttpsSetup setup;
    setup.enabled = settings.get(Settings::HttpsEnabled);
    const int port = settings.get(Settings::HttpsPort);
    setup.port = port >= 0 && port <= 65535 ? quint16(port) : setup.port;
    setup.plainPortTakesTls = settings.get(Settings::HttpsOnPlainPort);
    const QString source = settings.get(Settings::HttpsSource);
    setup.source = source == sourceName(Source::PemFiles) ? Source::PemFiles
                   : source == sourceName(Source::Pkcs12) ? Source::Pkcs12
                                                          : Source::Generated;
    setup.certificateFile = settings.get(Settings::HttpsCertificateFile);
    setup.keyFile = settings.get(Settings::HttpsKeyFile);
    setup.pkcs12File = settings.get(Settings::HttpsPkcs12File);
    setup.extraNames = settings.get(Settings::HttpsExtraNames);
    return setup;
}

void HttpsSetup::save(QSettings *backend) const
{
    Settings settings(backend);
    settings.set(Settings::HttpsEnabled, enabled);
    settings.set(Settings::HttpsPort, int(port));
    settings.set(Settings::HttpsOnPlainPort, plainPortTakesTls);
    settings.set(Settings::HttpsSource, sourceName(source));
    settings.set(Settings::HttpsCertificateFile, certificateFile);
    settings.set(Settings::HttpsKeyFile, keyFile);
    settings.set(Settings::HttpsPkcs12File, pkcs12File);
    settings.set(Settings::HttpsExtraNames, extraNames);
}

QStringList HttpsSetup::parseNames(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

HttpsCertificate HttpsCertificate::load(const HttpsSetup &setup, const QByteArray &pkcs12Password,
                                        const QString &storeDir, Mode mode)
{
    HttpsCertificate result;
    switch (setup.source) {
    case HttpsSetup::Source::PemFiles:
        if (setup.certificateFile.isEmpty() || setup.keyFile.isEmpty()) {
            result.error = tr("Choose the certificate file and its key file.");
            return result;
        }
        result.identity = Tls::Identity::fromPemFiles(setup.certificateFile, setup.keyFile, &result.error);
        break;
    case HttpsSetup::Source::Pkcs12:
        if (setup.pkcs12File.isEmpty()) {
            result.error = tr("Choose the PKCS#12 file.");
            return result;
        }
        result.identity = Tls::Identity::fromPkcs12File(setup.pkcs12File, pkcs12Password, &result.error);
        break;
    case HttpsSetup::Source::Generated: {
        Tls::IdentityStore store(storeDir);
        if (mode == Mode::Regenerate) {
            result.identity = store.regenerate(setup.extraNames, &result.error);
        } else if (mode == Mode::Preview) {
            QString why;
            result.identity = store.kept(setup.extraNames, &why);
            if (result.identity.isNull()) {
                // Made in memory only, to find a name it cannot hold before OK is pressed.
                if (Tls::Identity::generateSelfSigned(setup.extraNames, &result.error).isNull())
                    return result;
                result.note = tr("A new certificate will be made when you press OK: %1.").arg(why);
                return result;
            }
        } else {
            result.identity = store.loadOrCreate(setup.extraNames, &result.error, &result.note);
        }
        break;
    }
    }
    if (result.identity.isNull())
        return result;
    result.context = Http::TlsServerContext::create(result.identity.certificatePem(), result.identity.privateKeyPem(),
                                                    &result.error);
    return result;
}

void HttpsCertificate::loadInBackground(QObject *context, const HttpsSetup &setup, const QByteArray &pkcs12Password,
                                        const QString &storeDir, Mode mode,
                                        std::function<void(const HttpsCertificate &)> done)
{
    QPointer<QObject> guard(context);
    QThreadPool::globalInstance()->start([guard, setup, pkcs12Password, storeDir, mode, done] {
        const HttpsCertificate result = load(setup, pkcs12Password, storeDir, mode);
        QMetaObject::invokeMethod(
            QCoreApplication::instance(), // not the context: it may be deleted meanwhile
            [guard, result, done] {
                if (guard)
                    done(result);
            },
            Qt::QueuedConnection);
    });
}

} // namespace Gui
