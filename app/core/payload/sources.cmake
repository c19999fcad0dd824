# Payload decoding and formatting sources (target_sources on hookscope_core).
