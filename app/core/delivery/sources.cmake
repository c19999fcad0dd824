# Delivery sources: curl commands, message variables, the sender (target_sources on hookscope_core).
target_sources(hookscope_core PRIVATE
    delivery/curlcommand.h delivery/curlcommand.cpp
    delivery/variables.h delivery/variables.cpp
)
