# Filter tests. The benchmarks run only with HOOKSCOPE_BENCHMARKS=1 (use a Release build).
hookscope_add_test(tst_filter SOURCES core/tst_filter.cpp core/filtertesting.h LIBS hookscope_core LABELS core)
hookscope_add_test(tst_filterbenchmark SOURCES core/tst_filterbenchmark.cpp core/filtertesting.h LIBS hookscope_core
    LABELS core)
hookscope_add_test(tst_signaturestore SOURCES core/tst_signaturestore.cpp LIBS hookscope_core LABELS core)
