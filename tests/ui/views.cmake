# View widget tests.
hookscope_add_test(tst_codeview SOURCES ui/tst_codeview.cpp LIBS hookscope_ui LABELS ui)
hookscope_add_test(tst_hexview SOURCES ui/tst_hexview.cpp LIBS hookscope_ui LABELS ui)
hookscope_add_test(tst_settingsdialog SOURCES ui/tst_settingsdialog.cpp LIBS hookscope_ui LABELS ui)
hookscope_add_test(tst_keyboard SOURCES ui/tst_keyboard.cpp LIBS hookscope_ui LABELS ui)
hookscope_add_test(tst_requestdetail SOURCES ui/tst_requestdetail.cpp LIBS hookscope_ui LABELS ui)
hookscope_add_test(tst_requesttable SOURCES ui/tst_requesttable.cpp LIBS hookscope_ui LABELS ui)
hookscope_add_test(tst_tablecolumns SOURCES ui/tst_tablecolumns.cpp ui/windowtesting.h LIBS hookscope_ui LABELS ui)
hookscope_add_test(tst_diffdialog SOURCES ui/tst_diffdialog.cpp LIBS hookscope_ui LABELS ui)
