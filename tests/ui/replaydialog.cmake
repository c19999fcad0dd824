# Replay from the window: the dialog sending captured requests to a second real listener, the
# changes shown first, the replays stored with their request and listed in its detail.
hookscope_add_test(tst_replaydialog SOURCES ui/tst_replaydialog.cpp ui/windowtesting.h LIBS hookscope_ui LABELS ui)
