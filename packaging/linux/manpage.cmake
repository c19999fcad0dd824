# cmake -DHOOKSCOPE=BIN -DTEMPLATE=hookscope.1.in -DOUT=hookscope.1 -DVERSION=X -P manpage.cmake
# Writes the manual page: the template with @COMMANDS@ replaced by one section per command, made
# from that command's --help (QCommandLineParser's layout: "  --opt <ARG>   text" and continuation
# lines indented further), so every option the program knows is in the page, in its words.

cmake_minimum_required(VERSION 3.25)

set(commands listen send replay export import sign)

# troff: a backslash is \e, a hyphen in an option or argument \-, a line may not start with . or '.
function(troff_escape text out)
    string(REPLACE "\\" "\\e" text "${text}")
    string(REPLACE "-" "\\-" text "${text}")
    string(REGEX REPLACE "^([.'])" "\\\\&\\1" text "${text}")
    set(${out} "${text}" PARENT_SCOPE)
endfunction()

set(sections "")
foreach(command IN LISTS commands)
    execute_process(COMMAND "${HOOKSCOPE}" ${command} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "hookscope ${command} --help failed (${rc})")
    endif()
    # Lists split on ';' and help text has them: hold them aside while working line by line.
    string(REPLACE ";" "@SEMICOLON@" help "${help}")
    string(REPLACE "\n" ";" lines "${help}")
    set(part "")
    set(item "")
    set(where "head")
    foreach(line IN LISTS lines)
        if(line MATCHES "^Usage: [^ ]+ (.*)$")
            troff_escape("hookscope ${CMAKE_MATCH_1}" usage)
            string(APPEND part ".SS \"${usage}\"\n")
        elseif(line MATCHES "^(Options|Arguments):$")
            set(where "items")
        elseif(where STREQUAL "head" AND NOT line STREQUAL "")
            troff_escape("${line}" text)
            string(APPEND part "${text}\n")
        elseif(where STREQUAL "items" AND line MATCHES "^  ([^ ].*[^ ]|[^ ])   *([^ ].*)$")
            string(APPEND part "${item}")
            set(term "${CMAKE_MATCH_1}")
            set(text "${CMAKE_MATCH_2}")
            if(term MATCHES "^(-h, )?--help(-all)?$")
                set(item "") # said once for every command
                set(skip ON)
            else()
                set(skip OFF)
                troff_escape("${term}" term)
                troff_escape("${text}" text)
                # Options bold, their arguments (<ARG>) in italics.
                string(REGEX REPLACE "<([^>]*)>" "\\\\fI\\1\\\\fR" term "${term}")
                set(item ".TP\n\\fB${term}\\fR\n${text}\n")
            endif()
        elseif(where STREQUAL "items" AND line MATCHES "^   +([^ ].*)$")
            if(NOT skip)
                troff_escape("${CMAKE_MATCH_1}" text)
                string(APPEND item "${text}\n")
            endif()
        endif()
    endforeach()
    string(APPEND part "${item}")
    # Bold within the term: close \fB before an argument, reopen after.
    string(REPLACE "\\fI" "\\fR\\fI" part "${part}")
    string(REPLACE "\\fR\\fR" "\\fR" part "${part}")
    string(APPEND sections "${part}")
endforeach()
string(REPLACE "@SEMICOLON@" ";" sections "${sections}")

file(READ "${TEMPLATE}" page)
string(TIMESTAMP date "%Y-%m-%d" UTC) # honours SOURCE_DATE_EPOCH for reproducible builds
string(REPLACE "@DATE@" "${date}" page "${page}")
string(REPLACE "@VERSION@" "${VERSION}" page "${page}")
string(REPLACE "@COMMANDS@" ".SH COMMANDS\n${sections}" page "${page}")
file(WRITE "${OUT}" "${page}")
