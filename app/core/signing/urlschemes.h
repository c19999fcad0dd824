#pragma once

// Schemes that sign the URL the provider called: Twilio and Square.

#include "scheme.h"

namespace Signing {

/// X-Twilio-Signature: base64 HMAC-SHA1 of the URL followed, for form bodies, by every parameter
/// sorted by name as name then value. JSON bodies are covered by a bodySHA256 query parameter.
class TwilioScheme : public Scheme
{
public:
    TwilioScheme();
    QList<QByteArrayView> signatureHeaders() const override { return {"X-Twilio-Signature"}; }
    bool signsUrl() const override { return true; }
    Parsed parse(const Http::Request &request) const override;
    Check check(const Parsed &parsed, const Material &material, const Key &key) const override;
    Signed sign(const Key &key, QByteArrayView body, const QString &url, const SignOptions &options) const override;
};

/// x-square-hmacsha256-signature: base64 HMAC-SHA256 of the notification URL then the body.
class SquareScheme : public HmacScheme
{
public:
    SquareScheme();
    QList<QByteArrayView> signatureHeaders() const override { return {"x-square-hmacsha256-signature"}; }
    bool signsUrl() const override { return true; }
    Parsed parse(const Http::Request &request) const override;
    Signed sign(const Key &key, QByteArrayView body, const QString &url, const SignOptions &options) const override;

protected:
    QByteArray signedBytes(const Parsed &, const Material &material) const override;
    QByteArray spell(const Parsed &, QByteArrayView mac) const override { return mac.toByteArray().toBase64(); }
};

} // namespace Signing
