# Signature schemes: sign and verify (target_sources on hookscope_core).
# Floor 1: pure functions over bytes and headers. HMACs through Qt; Ed25519 through libcrypto.
target_sources(hookscope_core PRIVATE
    signing/signing.h signing/signing.cpp
)

find_package(OpenSSL REQUIRED)
target_link_libraries(hookscope_core PRIVATE OpenSSL::Crypto)
