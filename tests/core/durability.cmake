# Durability of acknowledged requests: disk full and back, stop, crash, reopen; one writer per file.
hookscope_add_test(tst_durability SOURCES core/tst_durability.cpp LIBS hookscope_core LABELS core)
# Large and rejected requests through the capture engine into the file: live output and the file
# agree, within the documented bounds.
hookscope_add_test(tst_bounds SOURCES integration/tst_bounds.cpp integration/filesizelimit.h integration/rawclient.h
    integration/rawclient.cpp
    LIBS hookscope_core LABELS integration)
