# The .deb `make package` builds: its files, dependencies, manual page and validators.
add_test(NAME tst_package COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/packaging/check_package.sh ${PROJECT_BINARY_DIR})
set_tests_properties(tst_package PROPERTIES LABELS packaging TIMEOUT 300)
