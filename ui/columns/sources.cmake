# The request table's columns beyond the fixed ones: custom columns the user adds (a header, or a
# JSON pointer into the body), their values worked out off the GUI thread, and the cell text cache.
target_sources(hookscope_ui PRIVATE
    columns/cellcache.h
    columns/addcolumndialog.h columns/addcolumndialog.cpp
    columns/customcolumns.h columns/customcolumns.cpp
)
