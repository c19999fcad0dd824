#pragma once

// A certificate for the HTTPS tests: the kind Hookscope generates for itself (Tls::Identity).

#include "http/tlsserver.h"
#include "tls/identity.h"

#include <QByteArray>
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

} // namespace TlsTesting
