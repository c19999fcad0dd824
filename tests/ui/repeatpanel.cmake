# Repeat in the sender panel: a run to the window's own listener, its live figures and histogram,
# the copied summary, stopping, and every repeated message in the session.
hookscope_add_test(tst_repeatpanel SOURCES ui/tst_repeatpanel.cpp ui/windowtesting.h LIBS hookscope_ui LABELS ui)
