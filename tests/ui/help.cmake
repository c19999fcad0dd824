# The first minutes: the Help menu (shortcuts read from the window's actions, About, the data
# folder) and the listener saying which port it took when 8080 is busy.
hookscope_add_test(tst_firstrun SOURCES ui/tst_firstrun.cpp ui/windowtesting.h LIBS hookscope_ui Qt6::Network LABELS ui)
