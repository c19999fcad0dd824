# The HTTPS receiver: trusted and untrusting clients, wrong-port traffic, curl.
hookscope_add_test(tst_https SOURCES integration/tst_https.cpp integration/tlstesting.h integration/rawclient.h
    integration/rawclient.cpp LIBS hookscope_core Qt6::Network OpenSSL::SSL LABELS integration)

# The llhttp conformance corpus again, every case sent over TLS to the https port.
hookscope_add_test(tst_conformance_tls SOURCES integration/tst_conformance.cpp integration/tlstesting.h
    integration/rawclient.h integration/rawclient.cpp LIBS hookscope_core OpenSSL::SSL LABELS integration TIMEOUT 300)
target_compile_definitions(tst_conformance_tls PRIVATE HOOKSCOPE_CONFORMANCE_TLS)

# `hookscope listen --tls-*`: the real binary.
hookscope_add_test(tst_httpscli SOURCES integration/tst_httpscli.cpp integration/hookscopeprocess.h integration/tlstesting.h
    LIBS hookscope_core Qt6::Network OpenSSL::Crypto LABELS integration)
target_compile_definitions(tst_httpscli PRIVATE HOOKSCOPE_BINARY="$<TARGET_FILE:hookscope>")
add_dependencies(tst_httpscli hookscope)
