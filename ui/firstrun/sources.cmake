# The first minutes (issue 15): a signed test webhook sent to Hookscope itself from the empty state.
target_sources(hookscope_ui PRIVATE
    firstrun/testwebhook.h firstrun/testwebhook.cpp
)
