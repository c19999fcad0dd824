# The sender: the delivery engine against scripted servers, and `hookscope send` end to end.
hookscope_add_test(tst_sender SOURCES integration/tst_sender.cpp integration/scriptedserver.h
    integration/scriptedserver.cpp LIBS hookscope_core LABELS integration)
hookscope_add_test(tst_sendcli SOURCES integration/tst_sendcli.cpp integration/hookscopeprocess.h
    LIBS hookscope_core LABELS integration)
target_compile_definitions(tst_sendcli PRIVATE HOOKSCOPE_BINARY="$<TARGET_FILE:hookscope>")
add_dependencies(tst_sendcli hookscope)
hookscope_add_test(tst_repeat SOURCES integration/tst_repeat.cpp integration/scriptedserver.h
    integration/scriptedserver.cpp LIBS hookscope_core LABELS integration)
hookscope_add_test(tst_replaycli SOURCES integration/tst_replaycli.cpp integration/hookscopeprocess.h
    LIBS hookscope_core LABELS integration)
target_compile_definitions(tst_replaycli PRIVATE HOOKSCOPE_BINARY="$<TARGET_FILE:hookscope>")
add_dependencies(tst_replaycli hookscope)
