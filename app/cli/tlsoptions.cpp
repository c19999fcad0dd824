#include "tlsoptions.h"
#include "terminal.h"

#include "tls/identitystore.h"

#include <QCommandLineParser>
#include <QFile>
#include <QUrl>

namespace Cli {

namespace {

void problem(const QString &message)
{
    printError("listen", message);
}

} // namespace

TlsOptions::TlsOptions()
    : m_port(QStringLiteral("tls-port"),
             tr("Also serve HTTPS on this port (0 picks a free one), with Hookscope's own certificate unless "
                "--tls-cert or --tls-p12 gives one."),
             tr("N"))
    , m_cert(QStringLiteral("tls-cert"), tr("HTTPS certificate (PEM; the chain may follow it), with --tls-key."),
             tr("FILE"))
    , m_key(QStringLiteral("tls-key"), tr("Private key of --tls-cert (PEM, not encrypted)."), tr("FILE"))
    , m_p12(QStringLiteral("tls-p12"), tr("HTTPS certificate and key as PKCS#12 (.p12, .pfx)."), tr("FILE"))
    , m_p12Password(QStringLiteral("tls-p12-password-file"),
                    tr("Read the --tls-p12 password from the first line of this file."), tr("FILE"))
    , m_selfSigned(QStringLiteral("tls-self-signed"),
                   tr("Use the certificate Hookscope generates and keeps (the default): ECDSA P-256 for localhost, "
                      "127.0.0.1 and ::1, valid one year."))
    , m_name(QStringLiteral("tls-name"),
             tr("Another host name or address the generated certificate must be valid for; repeat for more."),
             tr("NAME"))
    , m_certOut(QStringLiteral("tls-cert-out"),
                tr("Write the certificate in use (PEM) here, for senders to trust (curl --cacert FILE)."), tr("FILE"))
    , m_onPlainPort(QStringLiteral("tls-on-plain-port"),
                    tr("The plain port takes HTTPS too, told apart by the first byte a client sends (for a sender "
                       "given https:// by mistake)."))
{
}

QList<QCommandLineOption> TlsOptions::options() const
{
    return {m_port, m_cert, m_key, m_p12, m_p12Password, m_selfSigned, m_name, m_certOut, m_onPlainPort};
}

int TlsOptions::read(const QCommandLineParser &parser, Capture::HttpsConfig *https)
{
    const bool wanted = parser.isSet(m_port) || parser.isSet(m_onPlainPort);
    const QList<const QCommandLineOption *> needing = {&m_cert,       &m_key,  &m_p12,    &m_p12Password,
                                                       &m_selfSigned, &m_name, &m_certOut};
    for (const QCommandLineOption *option : needing) {
        if (parser.isSet(*option) && !wanted) {
            problem(tr("--%1 needs --tls-port (or --tls-on-plain-port)").arg(option->names().constFirst()));
            return 2;
        }
    }
    if (!wanted)
        return 0;
    if (parser.isSet(m_port)) {
        bool ok = false;
        const int port = parser.value(m_port).toInt(&ok);
        if (!ok || port < 0 || port > 65535) {
            problem(tr("invalid --tls-port '%1': expected 0 to 65535").arg(parser.value(m_port)));
            return 2;
        }
        https->enabled = true;
        https->port = quint16(port);
    }
    https->plainPortTakesTls = parser.isSet(m_onPlainPort);

    const bool pem = parser.isSet(m_cert) || parser.isSet(m_key);
    const bool p12 = parser.isSet(m_p12);
    const int sources = int(pem) + int(p12) + int(parser.isSet(m_selfSigned));
    if (sources > 1) {
        problem(tr("choose one certificate: --tls-cert with --tls-key, --tls-p12, or --tls-self-signed"));
        return 2;
    }
    if (pem && !(parser.isSet(m_cert) && parser.isSet(m_key))) {
        problem(parser.isSet(m_cert) ? tr("--tls-cert needs --tls-key") : tr("--tls-key needs --tls-cert"));
        return 2;
    }
    if (parser.isSet(m_p12Password) && !p12) {
        problem(tr("--tls-p12-password-file needs --tls-p12"));
        return 2;
    }
    if (parser.isSet(m_name) && (pem || p12)) {
        problem(tr("--tls-name is for the generated certificate; yours already names its hosts"));
        return 2;
    }

    QString error;
    if (pem) {
        m_identity = Tls::Identity::fromPemFiles(parser.value(m_cert), parser.value(m_key), &error);
    } else if (p12) {
        QByteArray password;
        if (parser.isSet(m_p12Password)) {
            QFile file(parser.value(m_p12Password));
            if (!file.open(QIODevice::ReadOnly)) {
                problem(tr("cannot read %1: %2").arg(file.fileName(), file.errorString()));
                return 1;
            }
            password = file.readLine();
            while (password.endsWith('\n') || password.endsWith('\r'))
                password.chop(1);
        }
        m_identity = Tls::Identity::fromPkcs12File(parser.value(m_p12), password, &error);
    } else {
        Tls::IdentityStore store(Tls::IdentityStore::defaultDir());
        QString note;
        m_identity = store.loadOrCreate(parser.values(m_name), &error, &note);
        if (!note.isEmpty())
            printError("listen", note);
    }
    if (m_identity.isNull()) {
        problem(error);
        return 1;
    }
    https->context = Http::TlsServerContext::create(m_identity.certificatePem(), m_identity.privateKeyPem(), &error);
    if (!https->context) {
        problem(error);
        return 1;
    }
    if (parser.isSet(m_certOut) && !Tls::exportCertificate(m_identity, parser.value(m_certOut), &error)) {
        problem(error);
        return 1;
    }
    return 0;
}

QString TlsOptions::startedText(const QUrl &url) const
{
    QString text;
    if (url.isValid())
        text += tr("listening on %1").arg(url.toString()) + QLatin1Char('\n');
    text += tr("certificate sha256 %1 (%2, expires %3)")
                .arg(m_identity.fingerprintText(), m_identity.subject(),
                     m_identity.notAfter().date().toString(Qt::ISODate)) +
            QLatin1Char('\n');
    const qint64 days = m_identity.daysLeft();
    if (days < 0)
        text +=
            tr("warning: the certificate expired %1 days ago; senders will refuse it").arg(-days) + QLatin1Char('\n');
    else if (Tls::expiresSoon(m_identity))
        text += tr("warning: the certificate expires in %1 days").arg(days) + QLatin1Char('\n');
    return text;
}

} // namespace Cli
