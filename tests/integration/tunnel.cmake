# Tunnels (issue 14): the manager against stand-ins for cloudflared and ngrok, and
# `hookscope listen --tunnel` as a user runs it, including a SIGKILL of Hookscope.
hookscope_add_test(tst_tunnel SOURCES integration/tst_tunnel.cpp integration/faketunnels.h
    LIBS hookscope_core LABELS integration)
hookscope_add_test(tst_tunnelcli SOURCES integration/tst_tunnelcli.cpp integration/faketunnels.h
    integration/hookscopeprocess.h LIBS hookscope_core LABELS integration)
target_compile_definitions(tst_tunnelcli PRIVATE HOOKSCOPE_BINARY="$<TARGET_FILE:hookscope>")
add_dependencies(tst_tunnelcli hookscope)
