# The filter language over request summaries (target_sources on hookscope_core).
target_sources(hookscope_core PRIVATE
    filter/filter.h filter/filter.cpp
    filter/filterterm.h filter/filterterm.cpp
    filter/filterword.h filter/filterparser.cpp filter/filterfields.cpp
    filter/filterevaluator.h filter/filterevaluator.cpp
    filter/filterscan.cpp
)
