#pragma once

// Schemes that sign the body alone: GitHub and Shopify.

#include "scheme.h"

namespace Signing {

/// X-Hub-Signature-256: "sha256=" hex HMAC-SHA256 of the body; the legacy X-Hub-Signature
/// carries "sha1=" hex HMAC-SHA1. GitHub sends both; the SHA-256 one is checked when present.
class GitHubScheme : public HmacScheme
{
public:
    GitHubScheme();
    QList<QByteArrayView> signatureHeaders() const override;
    Parsed parse(const Http::Request &request) const override;
    Signed sign(const Key &key, QByteArrayView body, const QString &url, const SignOptions &options) const override;

protected:
    QByteArray signedBytes(const Parsed &, const Material &material) const override;
    QCryptographicHash::Algorithm algorithm(const Parsed &parsed) const override;
    QByteArray spell(const Parsed &parsed, QByteArrayView mac) const override;
};

/// X-Shopify-Hmac-Sha256: base64 HMAC-SHA256 of the body.
class ShopifyScheme : public HmacScheme
{
public:
    ShopifyScheme();
    QList<QByteArrayView> signatureHeaders() const override { return {"X-Shopify-Hmac-Sha256"}; }
    Parsed parse(const Http::Request &request) const override;
    Signed sign(const Key &key, QByteArrayView body, const QString &url, const SignOptions &options) const override;

protected:
    QByteArray signedBytes(const Parsed &, const Material &material) const override;
    QByteArray spell(const Parsed &, QByteArrayView mac) const override { return mac.toByteArray().toBase64(); }
};

} // namespace Signing
