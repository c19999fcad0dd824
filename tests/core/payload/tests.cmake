# Payload tests (hookscope_add_test calls).
hookscope_add_test(tst_json SOURCES core/payload/tst_json.cpp core/payload/jsontestdata.h LIBS hookscope_core LABELS core)
hookscope_add_test(tst_jsontree SOURCES core/payload/tst_jsontree.cpp core/payload/jsontestdata.h
    LIBS hookscope_core LABELS core)
hookscope_add_test(tst_xml SOURCES core/payload/tst_xml.cpp LIBS hookscope_core LABELS core)
hookscope_add_test(tst_form SOURCES core/payload/tst_form.cpp LIBS hookscope_core LABELS core)
hookscope_add_test(tst_multipart SOURCES core/payload/tst_multipart.cpp LIBS hookscope_core LABELS core)
hookscope_add_test(tst_hexdump SOURCES core/payload/tst_hexdump.cpp LIBS hookscope_core LABELS core)
hookscope_add_test(tst_sniff SOURCES core/payload/tst_sniff.cpp LIBS hookscope_core LABELS core)
hookscope_add_test(tst_textdecoder SOURCES core/payload/tst_textdecoder.cpp LIBS hookscope_core LABELS core)

# Compressed test data is made in the test with the zlib and brotli encoders.
find_package(PkgConfig REQUIRED)
pkg_check_modules(HOOKSCOPE_BROTLIENC REQUIRED IMPORTED_TARGET libbrotlienc)
hookscope_add_test(tst_contentdecoder SOURCES core/payload/tst_contentdecoder.cpp
    LIBS hookscope_core ZLIB::ZLIB PkgConfig::HOOKSCOPE_BROTLIENC LABELS core)

# Payload figures on a 25 MB JSON body (and XML, UTF-8 text): skipped unless
# HOOKSCOPE_BENCHMARKS=1; prints, never fails on time. Meaningful in a Release build only:
#   cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release && cmake --build build-release --target bench_payload
#   HOOKSCOPE_BENCHMARKS=1 build-release/tests/bench_payload
hookscope_add_test(bench_payload SOURCES core/payload/bench_payload.cpp core/payload/jsontestdata.h
    LIBS hookscope_core LABELS benchmark)
hookscope_add_test(tst_linediff SOURCES core/payload/tst_linediff.cpp LIBS hookscope_core LABELS core)
hookscope_add_test(tst_webhookevent SOURCES core/payload/tst_webhookevent.cpp LIBS hookscope_core LABELS core)
