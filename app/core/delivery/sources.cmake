# Delivery sources: curl commands, the sender (target_sources on hookscope_core).
