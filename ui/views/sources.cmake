# Virtualized text and hex views (target_sources on hookscope_ui).
