# Delivery: composing outgoing messages.
hookscope_add_test(tst_variables SOURCES core/tst_variables.cpp LIBS hookscope_core LABELS core)
