# `make package` (or `cmake --build BUILD --target package`): a .deb of what install() puts in place.
# Its dependencies are computed by dpkg-shlibdeps from the libraries the binary links. Qt loads its
# platform (xcb) and image-format (SVG) plugins at run time, which no linker records: those two
# packages are named here, the only ones that are.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME hookscope)
set(CPACK_PACKAGE_VENDOR "The Hookscope authors")
set(CPACK_PACKAGE_CONTACT "The Hookscope authors <hookscope@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "capture, inspect, verify and send webhooks")
set(CPACK_PACKAGE_DESCRIPTION
    "Hookscope is a desktop webhook inspector: it captures every request exactly as it was sent,\
 checks signatures of twelve providers, answers as configured, sends signed test webhooks with\
 retries, replays and forwards them, serves HTTPS, gives a public URL through a tunnel, and keeps\
 everything in a session file. The same engine runs headless as `hookscope listen`.")
set(CPACK_PACKAGE_HOMEPAGE_URL https://github.com/hookscope/hookscope)
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # hookscope_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, qt6-svg-plugins | libqt6svg6")
# Qt's own strings (dialog buttons, key names) in the user's language.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "cloudflared, ngrok")
set(CPACK_STRIP_FILES ON)
include(CPack)
