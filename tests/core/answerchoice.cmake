# What chose each request's answer (issue 12): the log, schema v5 and its migration, the summaries.
hookscope_add_test(tst_answerchoice SOURCES core/tst_answerchoice.cpp LIBS hookscope_core LABELS core)
