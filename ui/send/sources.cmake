# The sender workspace (target_sources on hookscope_ui).
target_sources(hookscope_ui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/bodyeditor.h ${CMAKE_CURRENT_LIST_DIR}/bodyeditor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/certificatepins.h ${CMAKE_CURRENT_LIST_DIR}/certificatepins.cpp
    ${CMAKE_CURRENT_LIST_DIR}/composition.h ${CMAKE_CURRENT_LIST_DIR}/composition.cpp
    ${CMAKE_CURRENT_LIST_DIR}/composer.h ${CMAKE_CURRENT_LIST_DIR}/composer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/exchangeview.h ${CMAKE_CURRENT_LIST_DIR}/exchangeview.cpp
    ${CMAKE_CURRENT_LIST_DIR}/headerseditor.h ${CMAKE_CURRENT_LIST_DIR}/headerseditor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/historymodel.h ${CMAKE_CURRENT_LIST_DIR}/historymodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/latencychart.h ${CMAKE_CURRENT_LIST_DIR}/latencychart.cpp
    ${CMAKE_CURRENT_LIST_DIR}/repeatpanel.h ${CMAKE_CURRENT_LIST_DIR}/repeatpanel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/resultsmodel.h ${CMAKE_CURRENT_LIST_DIR}/resultsmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/rowtable.h ${CMAKE_CURRENT_LIST_DIR}/rowtable.cpp
    ${CMAKE_CURRENT_LIST_DIR}/senderpanel.h ${CMAKE_CURRENT_LIST_DIR}/senderpanel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/senderpanelviews.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sentsession.h ${CMAKE_CURRENT_LIST_DIR}/sentsession.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sendoptions.h ${CMAKE_CURRENT_LIST_DIR}/sendoptions.cpp
    ${CMAKE_CURRENT_LIST_DIR}/signingpicker.h ${CMAKE_CURRENT_LIST_DIR}/signingpicker.cpp
    ${CMAKE_CURRENT_LIST_DIR}/templatelibrary.h ${CMAKE_CURRENT_LIST_DIR}/templatelibrary.cpp
    ${CMAKE_CURRENT_LIST_DIR}/workspaces.h ${CMAKE_CURRENT_LIST_DIR}/workspaces.cpp
)
