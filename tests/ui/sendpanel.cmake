# The sender panel: composing, templates, the workspaces and sending through Delivery::Sender.
hookscope_add_test(tst_sendpanel SOURCES ui/tst_sendpanel.cpp ui/windowtesting.h LIBS hookscope_ui LABELS ui)
# What the panel keeps: accepted certificates (against the in-test TLS servers of the client's
# tests), the composition of a sent message, every retry switch.
find_package(OpenSSL REQUIRED)
hookscope_add_test(tst_sendmemory SOURCES ui/tst_sendmemory.cpp
    integration/clienttestservers.h integration/clienttestservers.cpp
    LIBS hookscope_ui OpenSSL::Crypto LABELS ui TIMEOUT 60)
