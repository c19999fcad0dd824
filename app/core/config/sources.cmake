# Config sources: the typed settings registry (target_sources on hookscope_core).
target_sources(hookscope_core PRIVATE
    config/settings.h config/settings.cpp
)
