# Signature schemes: every shared vector, then each scheme signed and verified, and the hints.
hookscope_add_test(tst_signing SOURCES core/tst_signing.cpp core/signingtesting.h LIBS hookscope_core LABELS core)
hookscope_add_test(tst_signingdiagnosis SOURCES core/tst_signingdiagnosis.cpp core/signingtesting.h
    LIBS hookscope_core LABELS core)
