# HTTPS in the window (issue 13): the Serve HTTPS switch and status-bar URL, the HTTPS dialog
# (port, certificate, export, regenerate), the settings behind them and the PKCS#12 password in
# the keychain.
target_sources(hookscope_ui PRIVATE
    https/httpssetup.h https/httpssetup.cpp
    https/httpspassword.h https/httpspassword.cpp
    https/httpscontrols.h https/httpscontrols.cpp
    https/httpsdialog.h https/httpsdialog.cpp
)
