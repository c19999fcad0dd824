# Answer rules in the window (issue 12): the rules dialog following the typing, the status-bar
# badge and last answer (also after a restart), the Rule column and the request's Overview.
hookscope_add_test(tst_answerrules SOURCES ui/tst_answerrules.cpp ui/windowtesting.h LIBS hookscope_ui LABELS ui)
