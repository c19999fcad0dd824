# The HTTPS receiver: trusted and untrusting clients, wrong-port traffic, curl.
hookscope_add_test(tst_https SOURCES integration/tst_https.cpp integration/tlstesting.h integration/rawclient.h
    integration/rawclient.cpp LIBS hookscope_core Qt6::Network LABELS integration)
