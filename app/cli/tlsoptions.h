#pragma once

#include "capture/httpsport.h"
#include "tls/identity.h"

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QList>

class QCommandLineParser;

namespace Cli {

/**
 * The HTTPS options of `listen`: the https port, the certificate (the user's PEM files or
 * PKCS#12, else the one Hookscope generates and keeps), the plain port taking TLS too, and where
 * to write the certificate in use for senders to trust.
 */
class TlsOptions
{
    Q_DECLARE_TR_FUNCTIONS(Cli::TlsOptions)

public:
    TlsOptions();
    QList<QCommandLineOption> options() const;

    /// Reads the options and loads the certificate. Returns 0 when all is well (https may be off),
    /// 2 for a usage error, 1 when a file cannot be read or written; the problem is printed.
    int read(const QCommandLineParser &parser, Capture::HttpsConfig *https);
    /// The certificate in use, once read() said https is on.
    const Tls::Identity &identity() const { return m_identity; }
    /// The lines `listen` prints on stderr once HTTPS is served at `url`.
    QString startedText(const QUrl &url) const;

private:
    QCommandLineOption m_port;
    QCommandLineOption m_cert;
    QCommandLineOption m_key;
    QCommandLineOption m_p12;
    QCommandLineOption m_p12Password;
    QCommandLineOption m_selfSigned;
    QCommandLineOption m_name;
    QCommandLineOption m_certOut;
    QCommandLineOption m_onPlainPort;
    Tls::Identity m_identity;
};

} // namespace Cli
