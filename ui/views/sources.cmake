# Virtualized text and hex views (target_sources on hookscope_ui).
target_sources(hookscope_ui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/bytesearch.h ${CMAKE_CURRENT_LIST_DIR}/bytesearch.cpp
    ${CMAKE_CURRENT_LIST_DIR}/codeview.h ${CMAKE_CURRENT_LIST_DIR}/codeview.cpp
    ${CMAKE_CURRENT_LIST_DIR}/displayline.h ${CMAKE_CURRENT_LIST_DIR}/displayline.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gridtext.h ${CMAKE_CURRENT_LIST_DIR}/gridtext.cpp
    ${CMAKE_CURRENT_LIST_DIR}/hexview.h ${CMAKE_CURRENT_LIST_DIR}/hexview.cpp
    ${CMAKE_CURRENT_LIST_DIR}/joblane.h
    ${CMAKE_CURRENT_LIST_DIR}/lineindex.h ${CMAKE_CURRENT_LIST_DIR}/lineindex.cpp
    ${CMAKE_CURRENT_LIST_DIR}/rowscrollarea.h ${CMAKE_CURRENT_LIST_DIR}/rowscrollarea.cpp
    ${CMAKE_CURRENT_LIST_DIR}/span.h
    ${CMAKE_CURRENT_LIST_DIR}/viewtheme.h ${CMAKE_CURRENT_LIST_DIR}/viewtheme.cpp
)
