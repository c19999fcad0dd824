# Forwarding in the window (issue 11): the rules, their dialog, the Forwarded column's feed
# (target_sources on hookscope_ui).
target_sources(hookscope_ui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/forwarding.h ${CMAKE_CURRENT_LIST_DIR}/forwarding.cpp
    ${CMAKE_CURRENT_LIST_DIR}/forwardrulesdialog.h ${CMAKE_CURRENT_LIST_DIR}/forwardrulesdialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/forwardrulesjson.h ${CMAKE_CURRENT_LIST_DIR}/forwardrulesjson.cpp
)
