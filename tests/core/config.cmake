# Settings registry and bind-address parsing: core, no QApplication.
hookscope_add_test(tst_settings SOURCES core/tst_settings.cpp LIBS hookscope_core LABELS core)
hookscope_add_test(tst_bindaddress SOURCES core/tst_bindaddress.cpp LIBS hookscope_core LABELS core)
