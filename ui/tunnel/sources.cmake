# The public URL in the window (issue 14): the Public URL switch and provider choice, the status-bar
# URL with Copy, the privacy note on first use, and the tunnel settings (tools, custom command).
target_sources(hookscope_ui PRIVATE
    tunnel/tunnelsetup.h tunnel/tunnelsetup.cpp
    tunnel/tunnelcontrols.h tunnel/tunnelcontrols.cpp
    tunnel/tunneldialog.h tunnel/tunneldialog.cpp
)
