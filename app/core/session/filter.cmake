# The filter language over request summaries (target_sources on hookscope_core).
target_sources(hookscope_core PRIVATE
    session/filter.h session/filter.cpp
    session/filterterm.h session/filterterm.cpp
    session/filterword.h session/filterparser.cpp session/filterfields.cpp
    session/filterevaluator.h session/filterevaluator.cpp
    session/filterscan.cpp
)
