# The filter language over request summaries (target_sources on hookscope_core).
