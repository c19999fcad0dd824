# Signature schemes: sign and verify (target_sources on hookscope_core).
# Floor 1: pure functions over bytes and headers. HMACs through Qt; Ed25519 through libcrypto.
target_sources(hookscope_core PRIVATE
    signing/signing.h signing/signing.cpp
    signing/scheme.h signing/scheme.cpp
    signing/ed25519.h signing/ed25519.cpp
    signing/standardwebhooks.h signing/standardwebhooks.cpp
    signing/bodyschemes.h signing/bodyschemes.cpp
    signing/timestampschemes.h signing/timestampschemes.cpp
    signing/signedurl.h signing/signedurl.cpp
    signing/urlschemes.h signing/urlschemes.cpp
    signing/evaluation.h signing/verifier.cpp signing/diagnosis.cpp
)

find_package(OpenSSL REQUIRED)
target_link_libraries(hookscope_core PRIVATE OpenSSL::Crypto)
