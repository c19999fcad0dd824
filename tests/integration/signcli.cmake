# `hookscope sign`: the real binary; what it prints must verify.
hookscope_add_test(tst_signcli SOURCES integration/tst_signcli.cpp LIBS hookscope_core LABELS integration)
target_compile_definitions(tst_signcli PRIVATE HOOKSCOPE_BINARY="$<TARGET_FILE:hookscope>")
add_dependencies(tst_signcli hookscope)
