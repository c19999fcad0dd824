#pragma once

// Ed25519 (RFC 8032) through OpenSSL's libcrypto, for Standard Webhooks v1a signatures.

#include <QByteArray>
#include <QByteArrayView>

namespace Signing::Ed25519 {

constexpr qsizetype SeedSize = 32;
constexpr qsizetype PublicKeySize = 32;
constexpr qsizetype SignatureSize = 64;

/// The public key of a 32-byte seed; empty if the seed cannot be used.
QByteArray publicKey(QByteArrayView seed);
/// The signature of `message` by the key of `seed`; empty on failure.
QByteArray sign(QByteArrayView seed, QByteArrayView message);
bool verify(QByteArrayView publicKey, QByteArrayView message, QByteArrayView signature);

} // namespace Signing::Ed25519
