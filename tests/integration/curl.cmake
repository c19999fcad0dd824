# Copy-as-curl tests.
hookscope_add_test(tst_curl SOURCES integration/tst_curl.cpp integration/rawclient.h integration/rawclient.cpp
    LIBS hookscope_core LABELS integration)
