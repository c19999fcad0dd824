# The public URL in the window: the switch, the privacy note, the status bar and empty state, Copy
# URL, Tunnel Settings; a stand-in cloudflared (integration/faketunnels.h) and a real engine.
hookscope_add_test(tst_tunnel_window SOURCES ui/tst_tunnel_window.cpp ui/windowtesting.h integration/faketunnels.h
    LIBS hookscope_ui Qt6::Network LABELS ui)
