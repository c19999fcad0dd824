# Response reader tests: the sender's side of the request reader.
hookscope_add_test(tst_responsereader SOURCES core/tst_responsereader.cpp LIBS hookscope_core LABELS core)
