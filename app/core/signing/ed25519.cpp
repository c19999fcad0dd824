#include "ed25519.h"

#include <openssl/evp.h>

#include <memory>

namespace Signing::Ed25519 {

namespace {

struct KeyFree
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct ContextFree
{
    void operator()(EVP_MD_CTX *context) const { EVP_MD_CTX_free(context); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyFree>;
using ContextPtr = std::unique_ptr<EVP_MD_CTX, ContextFree>;

const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

KeyPtr privateKey(QByteArrayView seed)
{
    if (seed.size() != SeedSize)
        return {};
    return KeyPtr(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes(seed), size_t(seed.size())));
}

} // namespace

QByteArray publicKey(QByteArrayView seed)
{
    const KeyPtr key = privateKey(seed);
    QByteArray out(PublicKeySize, Qt::Uninitialized);
    size_t length = size_t(out.size());
    if (!key || EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char *>(out.data()), &length) != 1 ||
        length != size_t(PublicKeySize))
        return {};
    return out;
}

QByteArray sign(QByteArrayView seed, QByteArrayView message)
{
    const KeyPtr key = privateKey(seed);
    const ContextPtr context(EVP_MD_CTX_new());
    if (!key || !context || EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, key.get()) != 1)
        return {};
    QByteArray out(SignatureSize, Qt::Uninitialized);
    size_t length = size_t(out.size());
    // Ed25519 is one-shot (no digest to update), so EVP_DigestSign takes the whole message.
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(out.data()), &length, bytes(message),
                       size_t(message.size())) != 1 ||
        length != size_t(SignatureSize))
        return {};
    return out;
}

bool verify(QByteArrayView publicKey, QByteArrayView message, QByteArrayView signature)
{
    if (publicKey.size() != PublicKeySize || signature.size() != SignatureSize)
        return false;
    const KeyPtr key(
        EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes(publicKey), size_t(publicKey.size())));
    const ContextPtr context(EVP_MD_CTX_new());
    if (!key || !context || EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, key.get()) != 1)
        return false;
    return EVP_DigestVerify(context.get(), bytes(signature), size_t(signature.size()), bytes(message),
                            size_t(message.size())) == 1;
}

} // namespace Signing::Ed25519
