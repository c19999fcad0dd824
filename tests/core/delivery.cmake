# Delivery: composing outgoing messages.
hookscope_add_test(tst_variables SOURCES core/tst_variables.cpp LIBS hookscope_core LABELS core)
hookscope_add_test(tst_templates SOURCES core/tst_templates.cpp LIBS hookscope_core LABELS core)
hookscope_add_test(tst_outgoingrequest SOURCES core/tst_outgoingrequest.cpp LIBS hookscope_core LABELS core)
hookscope_add_test(tst_retrypolicy SOURCES core/tst_retrypolicy.cpp LIBS hookscope_core LABELS core)
hookscope_add_test(tst_curlimport SOURCES core/tst_curlimport.cpp LIBS hookscope_core LABELS core)
hookscope_add_test(tst_forwardrules SOURCES core/tst_forwardrules.cpp LIBS hookscope_core LABELS core)
hookscope_add_test(tst_replay SOURCES core/tst_replay.cpp LIBS hookscope_core LABELS core)
