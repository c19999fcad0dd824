# The https port's certificate: made, kept (0600), reused, made anew when damaged; PEM checks.
hookscope_add_test(tst_tlsidentity SOURCES core/tst_tlsidentity.cpp LIBS hookscope_core Qt6::Network LABELS core)
