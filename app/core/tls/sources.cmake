# The server's TLS identity: the certificate Hookscope makes and keeps, or the user's (PEM,
# PKCS#12). Floor 1, through libcrypto (find_package(OpenSSL) is in signing/sources.cmake).
target_sources(hookscope_core PRIVATE
    tls/identity.h tls/identity.cpp
    tls/identitystore.h tls/identitystore.cpp
)
