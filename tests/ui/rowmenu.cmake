# The request table's context menu in the real window: each item's effect, the keyboard, and the
# detail when a filter hides the selected request.
hookscope_add_test(tst_rowmenu SOURCES ui/tst_rowmenu.cpp ui/windowtesting.h LIBS hookscope_ui LABELS ui)
