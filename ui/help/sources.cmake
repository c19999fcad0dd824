# The Help menu (issue 15): keyboard shortcuts, the data folder, About.
target_sources(hookscope_ui PRIVATE
    help/helpmenu.h help/helpmenu.cpp
)
