# SockCheck.cmake — run sockcheck on a CMake project's own compilation database.
#
#   list(APPEND CMAKE_MODULE_PATH /path/to/sockcheck/integrations/cmake)
#   include(SockCheck)             # before add_executable()/add_library(): see below
#   add_executable(server src/server.c)
#   sockcheck_add_target()         # adds the target `sockcheck`
#
#   cmake -S . -B build -G Ninja && cmake --build build --target sockcheck
#
# An installed sockcheck ships this file in PREFIX/share/sockcheck/integrations/cmake/.
#
# Including the module turns on CMAKE_EXPORT_COMPILE_COMMANDS, which CMake reads when a target
# is created: targets created before the include() are not in the database. The database is
# ${CMAKE_BINARY_DIR}/compile_commands.json (Makefile and Ninja generators write it).
#
# sockcheck_add_target([NAME <target>] [FORMAT text|json|sarif|github|gitlab]
#                      [OUTPUT <file>] [ALL] [PATHS <path>...] [ARGS <arg>...])
#   NAME    the custom target's name (default: sockcheck)
#   FORMAT  output format (default: text, which IDEs and terminals read as compiler output)
#   OUTPUT  write the report to this file instead of the build's output
#   ALL     run it in every build (findings then fail the build)
#   PATHS   narrow the check to these files or directories (default: the whole database)
#   ARGS    more sockcheck options, e.g. ARGS -- -DEXTRA=1
# The target fails when sockcheck exits non-zero (1: findings, 2: it could not run).
# The sockcheck binary is SOCKCHECK_EXECUTABLE (a cache variable; found on PATH by default).

include_guard(GLOBAL)

set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
find_program(SOCKCHECK_EXECUTABLE NAMES sockcheck DOC "the sockcheck static checker")

function(sockcheck_add_target)
  cmake_parse_arguments(PARSE_ARGV 0 SC "ALL" "NAME;FORMAT;OUTPUT" "PATHS;ARGS")
  if(SC_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "sockcheck_add_target: unknown arguments: ${SC_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT SC_NAME)
    set(SC_NAME sockcheck)
  endif()
  if(NOT SOCKCHECK_EXECUTABLE)
    message(WARNING "sockcheck_add_target: sockcheck was not found; set SOCKCHECK_EXECUTABLE. "
                    "The target '${SC_NAME}' will report that it is missing.")
    add_custom_target(${SC_NAME}
      COMMAND ${CMAKE_COMMAND} -E echo "sockcheck not found: configure with -DSOCKCHECK_EXECUTABLE=/path/to/sockcheck"
      COMMAND ${CMAKE_COMMAND} -E false
      VERBATIM)
    return()
  endif()
  set(cmd ${SOCKCHECK_EXECUTABLE} -p ${CMAKE_BINARY_DIR} --root ${CMAKE_SOURCE_DIR})
  if(SC_FORMAT)
    list(APPEND cmd --format ${SC_FORMAT})
  endif()
  if(SC_OUTPUT)
    list(APPEND cmd -o ${SC_OUTPUT})
  endif()
  list(APPEND cmd ${SC_PATHS} ${SC_ARGS})
  set(all)
  if(SC_ALL)
    set(all ALL)
  endif()
  add_custom_target(${SC_NAME} ${all}
    COMMAND ${cmd}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
    COMMENT "sockcheck: checking ${PROJECT_NAME} (${CMAKE_BINARY_DIR}/compile_commands.json)"
    USES_TERMINAL
    VERBATIM)
endfunction()
