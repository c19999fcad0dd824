#pragma once

#include "scheme.h"

namespace Signing {

/// Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature) and Svix, which signs the
/// same way under svix-* headers: "v1," base64 HMAC-SHA256 and "v1a," base64 Ed25519 over
/// id "." timestamp "." body, space-separated for key rotation.
class StandardWebhooksScheme : public Scheme
{
public:
    enum class Flavour { StandardWebhooks, Svix };
    explicit StandardWebhooksScheme(Flavour flavour);

    QList<QByteArrayView> signatureHeaders() const override { return {m_signatureHeader}; }
    Key key(QByteArrayView secret, QString *error) const override;
    QList<Misreading> misreadings(QByteArrayView secret) const override;
    Parsed parse(const Http::Request &request) const override;
    Check check(const Parsed &parsed, const Material &material, const Key &key) const override;
    Signed sign(const Key &key, QByteArrayView body, const QString &url, const SignOptions &options) const override;

private:
    QByteArray m_idHeader;
    QByteArray m_timestampHeader;
    QByteArray m_signatureHeader;
};

} // namespace Signing
