# What the sender sent, kept in the session file: schema v2, the writer hub, HAR/NDJSON export.
hookscope_add_test(tst_outbound SOURCES core/tst_outbound.cpp LIBS hookscope_core LABELS core)
