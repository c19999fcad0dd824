# "Filter by this value" of the rows' menu: terms for every column, checked on awkward values.
hookscope_add_test(tst_cellfilter SOURCES ui/tst_cellfilter.cpp LIBS hookscope_ui LABELS ui)
