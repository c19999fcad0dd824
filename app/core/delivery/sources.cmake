# Delivery sources: curl commands, the sender (target_sources on hookscope_core).
target_sources(hookscope_core PRIVATE
    delivery/curlcommand.h delivery/curlcommand.cpp
)
