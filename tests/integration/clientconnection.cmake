# The sender's client connection: the proxy choice (pure) and exchanges against in-test servers,
# whose TLS certificates are made with libcrypto.
hookscope_add_test(tst_clientproxy SOURCES core/tst_clientproxy.cpp LIBS hookscope_core LABELS core)
find_package(OpenSSL REQUIRED)
hookscope_add_test(tst_clientconnection SOURCES integration/tst_clientconnection.cpp
    integration/clienttestservers.h integration/clienttestservers.cpp
    LIBS hookscope_core OpenSSL::Crypto LABELS integration TIMEOUT 60)
