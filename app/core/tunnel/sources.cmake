# Public URLs through the tunnels people already use (issue 14): cloudflared quick tunnels, ngrok,
# or a command of the user's. Hookscope starts the tool, reads its public URL from the tool's own
# output, and never lets it outlive Hookscope. Nothing is downloaded.
target_sources(hookscope_core PRIVATE
    tunnel/tunnelconfig.h tunnel/tunnelconfig.cpp
    tunnel/tunneloutput.h tunnel/tunneloutput.cpp
    tunnel/tunnelmanager.h tunnel/tunnelmanager.cpp
    tunnel/forwardedclient.h tunnel/forwardedclient.cpp
)
