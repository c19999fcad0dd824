# Delivery sources: curl commands (copy as curl, curl import, shell quoting and splitting), message variables, templates, the sender (target_sources on
# hookscope_core).
target_sources(hookscope_core PRIVATE
    delivery/curlcommand.h delivery/curlcommand.cpp
    delivery/curlimport.h delivery/curlimport.cpp
    delivery/curlform.h delivery/curlform.cpp
    delivery/curloptiontable.h delivery/curloptiontable.cpp
    delivery/shellquote.h delivery/shellquote.cpp
    delivery/shellsplit.h delivery/shellsplit.cpp
    delivery/variables.h delivery/variables.cpp
    delivery/template.h delivery/template.cpp
    delivery/sender.h delivery/sender.cpp delivery/retrypolicy.cpp
    delivery/repeat.h delivery/repeat.cpp
    delivery/replay.h delivery/replay.cpp
)

# The delivery templates that come with Hookscope, as :/templates/NAME.http.
file(GLOB _hookscope_templates CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/resources/templates/*.http)
qt_add_resources(hookscope_core "delivery_templates"
    PREFIX "/templates"
    BASE ${PROJECT_SOURCE_DIR}/resources/templates
    FILES ${_hookscope_templates})
