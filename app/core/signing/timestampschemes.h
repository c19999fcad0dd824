#pragma once

// Schemes that sign a timestamp with the body: Stripe, Slack, Zoom, Paddle, Twitch EventSub.

#include "scheme.h"

namespace Signing {

/// Stripe-Signature: "t=<unix>,v1=<hex>[,v1=...][,v0=...]", HMAC-SHA256 of t "." body with the
/// whole secret, whsec_ prefix included, as the key.
class StripeScheme : public HmacScheme
{
public:
    StripeScheme();
    QList<QByteArrayView> signatureHeaders() const override { return {"Stripe-Signature"}; }
    QList<Misreading> misreadings(QByteArrayView secret) const override;
    Parsed parse(const Http::Request &request) const override;
    Signed sign(const Key &key, QByteArrayView body, const QString &url, const SignOptions &options) const override;

protected:
    QByteArray signedBytes(const Parsed &parsed, const Material &material) const override;
    QByteArray spell(const Parsed &, QByteArrayView mac) const override;
};

/// Paddle-Signature: "ts=<unix>;h1=<hex>", HMAC-SHA256 of ts ":" body.
class PaddleScheme : public HmacScheme
{
public:
    PaddleScheme();
    QList<QByteArrayView> signatureHeaders() const override { return {"Paddle-Signature"}; }
    Parsed parse(const Http::Request &request) const override;
    Signed sign(const Key &key, QByteArrayView body, const QString &url, const SignOptions &options) const override;

protected:
    QByteArray signedBytes(const Parsed &parsed, const Material &material) const override;
    QByteArray spell(const Parsed &, QByteArrayView mac) const override;
};

/// Slack and Zoom: "v0=<hex>" HMAC-SHA256 of "v0:" timestamp ":" body, the timestamp in a header
/// of its own.
class VersionZeroScheme : public HmacScheme
{
public:
    VersionZeroScheme(const Info &info, QByteArrayView signatureHeader, QByteArrayView timestampHeader);
    QList<QByteArrayView> signatureHeaders() const override { return {m_signatureHeader}; }
    Parsed parse(const Http::Request &request) const override;
    Signed sign(const Key &key, QByteArrayView body, const QString &url, const SignOptions &options) const override;

protected:
    QByteArray signedBytes(const Parsed &parsed, const Material &material) const override;
    QByteArray spell(const Parsed &, QByteArrayView mac) const override;

private:
    QByteArrayView m_signatureHeader;
    QByteArrayView m_timestampHeader;
};

class SlackScheme : public VersionZeroScheme
{
public:
    SlackScheme();
};

class ZoomScheme : public VersionZeroScheme
{
public:
    ZoomScheme();
};

/// Twitch EventSub: "sha256=<hex>" HMAC-SHA256 of message id, RFC 3339 timestamp and body.
class TwitchScheme : public HmacScheme
{
public:
    TwitchScheme();
    QList<QByteArrayView> signatureHeaders() const override { return {"Twitch-Eventsub-Message-Signature"}; }
    Parsed parse(const Http::Request &request) const override;
    Signed sign(const Key &key, QByteArrayView body, const QString &url, const SignOptions &options) const override;

protected:
    QByteArray signedBytes(const Parsed &parsed, const Material &material) const override;
    QByteArray spell(const Parsed &, QByteArrayView mac) const override;
};

} // namespace Signing
