# The request table's rows: what can be done with them, their context menu, and the detail of
# the selected one (target_sources on hookscope_ui).
target_sources(hookscope_ui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/cellfilter.h ${CMAKE_CURRENT_LIST_DIR}/cellfilter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/requestactions.h ${CMAKE_CURRENT_LIST_DIR}/requestactions.cpp
    ${CMAKE_CURRENT_LIST_DIR}/rowmenu.h ${CMAKE_CURRENT_LIST_DIR}/rowmenu.cpp
    ${CMAKE_CURRENT_LIST_DIR}/selectiondetail.h ${CMAKE_CURRENT_LIST_DIR}/selectiondetail.cpp
)
