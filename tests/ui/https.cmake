# HTTPS in the window: Serve HTTPS, the status-bar URL, the HTTPS dialog (certificate details,
# export, regenerate, PKCS#12 password), kept for the next start; a real engine, real TLS clients.
hookscope_add_test(tst_https_window SOURCES ui/tst_https_window.cpp ui/windowtesting.h integration/tlstesting.h
    LIBS hookscope_ui Qt6::Network OpenSSL::Crypto LABELS ui)
