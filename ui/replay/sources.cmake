# Replaying captured requests from the window (target_sources on hookscope_ui).
target_sources(hookscope_ui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/madefromview.h ${CMAKE_CURRENT_LIST_DIR}/madefromview.cpp
    ${CMAKE_CURRENT_LIST_DIR}/replaydialog.h ${CMAKE_CURRENT_LIST_DIR}/replaydialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/replaysetup.h ${CMAKE_CURRENT_LIST_DIR}/replaysetup.cpp
)
