#pragma once

// A certificate for the HTTPS tests: the one Hookscope generates for itself, written where a
// client (curl, QSslSocket) can be pointed at it.

#include "http/tlsserver.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace TlsTesting {

struct TestIdentity
{
    QByteArray certificatePem;
    QByteArray keyPem;
    std::shared_ptr<const Http::TlsServerContext> context;
    QString error;
};

inline TestIdentity makeIdentity(const QString &dir)
{
    TestIdentity id;
    const QString cert = dir + QStringLiteral("/cert.pem");
    const QString key = dir + QStringLiteral("/key.pem");
    QProcess p;
    p.start(QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
             QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
             QStringLiteral("-subj"), QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
             QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1"), QStringLiteral("-days"),
             QStringLiteral("2"), QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert});
    p.waitForFinished(20000);
    QFile c(cert), k(key);
    if (!c.open(QIODevice::ReadOnly) || !k.open(QIODevice::ReadOnly)) {
        id.error = QString::fromLocal8Bit(p.readAllStandardError());
        return id;
    }
    id.certificatePem = c.readAll();
    id.keyPem = k.readAll();
    id.context = Http::TlsServerContext::create(id.certificatePem, id.keyPem, &id.error);
    return id;
}

} // namespace TlsTesting
