# Durability of acknowledged requests: disk full and back, stop, crash, reopen; one writer per file.
hookscope_add_test(tst_durability SOURCES core/tst_durability.cpp LIBS hookscope_core LABELS core)
