# The sender panel: composing, templates, the workspaces and sending through Delivery::Sender.
hookscope_add_test(tst_sendpanel SOURCES ui/tst_sendpanel.cpp ui/windowtesting.h LIBS hookscope_ui LABELS ui)
