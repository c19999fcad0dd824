# The Secrets page, the secret store (keychain and its fallback file) and the window's wiring.
hookscope_add_test(tst_secrets SOURCES ui/tst_secrets.cpp ui/windowtesting.h LIBS hookscope_ui LABELS ui)
