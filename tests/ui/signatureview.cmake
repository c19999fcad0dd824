# What the window shows of signatures: the table's column, the Signature tab, live updates.
hookscope_add_test(tst_signatureview SOURCES ui/tst_signatureview.cpp ui/windowtesting.h LIBS hookscope_ui LABELS ui)
