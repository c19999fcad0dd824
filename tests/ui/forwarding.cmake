# Forwarding in the window: the rules dialog, the rules kept in the settings, the badge, and the
# Forwarded column fed live and from the session file.
hookscope_add_test(tst_forwarding SOURCES ui/tst_forwarding.cpp ui/windowtesting.h LIBS hookscope_ui LABELS ui)
