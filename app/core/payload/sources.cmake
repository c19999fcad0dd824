# Payload decoding and formatting sources (target_sources on hookscope_core).
# Floor 1: pure functions over bytes, Qt Core only (+ zlib and the brotli decoder).
target_sources(hookscope_core PRIVATE
    payload/linediff.h payload/linediff.cpp
    payload/jsonpointer.h payload/jsonpointer.cpp
    payload/webhookevent.h payload/webhookevent.cpp
    payload/jobcontrol.h
    payload/parseerror.h payload/parseerror.cpp
    payload/tokenspan.h
    payload/contentdecoder.h payload/contentdecoder.cpp
    payload/contentsniffer.h payload/contentsniffer.cpp
    payload/textdecoder.h payload/textdecoder.cpp
    payload/jsonscanner.h
    payload/jsonformatter.h payload/jsonformatter.cpp
    payload/jsontree.h payload/jsontree.cpp
    payload/xmlformatter.h payload/xmlformatter.cpp
    payload/urlencodedform.h payload/urlencodedform.cpp
    payload/multipart.h payload/multipart.cpp
    payload/hexdump.h payload/hexdump.cpp
)

# Debian's libbrotli-dev ships pkg-config files only (no CMake package). GLOBAL: the target is
# named in the link interface of the static hookscope_core, which is linked from other folders.
find_package(PkgConfig REQUIRED)
pkg_check_modules(HOOKSCOPE_BROTLIDEC REQUIRED IMPORTED_TARGET GLOBAL libbrotlidec)
target_link_libraries(hookscope_core PRIVATE PkgConfig::HOOKSCOPE_BROTLIDEC)
