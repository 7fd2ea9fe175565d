# Finds libclang's C API (Debian: libclang-dev), newest installed LLVM first, 14 at least.
# Defines the imported target sockcheck_libclang and LIBCLANG_VERSION_MAJOR, and, when it is
# found next to the library, LIBCLANG_RESOURCE_DIR (compiled in as SOCKCHECK_CLANG_RESOURCE_DIR).
set(_sockcheck_llvm_versions 30 29 28 27 26 25 24 23 22 21 20 19 18 17 16 15 14)
foreach(_v IN LISTS _sockcheck_llvm_versions)
  if(EXISTS "/usr/lib/llvm-${_v}/include/clang-c/Index.h")
    find_library(LIBCLANG_LIBRARY NAMES clang clang-${_v}
                 PATHS "/usr/lib/llvm-${_v}/lib" NO_DEFAULT_PATH)
    if(LIBCLANG_LIBRARY)
      set(LIBCLANG_INCLUDE_DIR "/usr/lib/llvm-${_v}/include")
      set(LIBCLANG_VERSION_MAJOR ${_v})
      # clang's builtin headers (stddef.h, x86intrin.h) for this libclang: see fe_parse.c.
      file(GLOB _sockcheck_stddef "/usr/lib/llvm-${_v}/lib/clang/*/include/stddef.h")
      if(_sockcheck_stddef)
        list(GET _sockcheck_stddef 0 _sockcheck_stddef)
        get_filename_component(_sockcheck_builtin_include "${_sockcheck_stddef}" DIRECTORY)
        get_filename_component(LIBCLANG_RESOURCE_DIR "${_sockcheck_builtin_include}" DIRECTORY)
      endif()
      break()
    endif()
  endif()
endforeach()
if(NOT LIBCLANG_LIBRARY)
  find_path(LIBCLANG_INCLUDE_DIR clang-c/Index.h)
  find_library(LIBCLANG_LIBRARY NAMES clang)
endif()
if(NOT LIBCLANG_INCLUDE_DIR OR NOT LIBCLANG_LIBRARY)
  message(FATAL_ERROR
    "libclang (LLVM 14 or newer) was not found. On Debian or Ubuntu: "
    "apt-get install libclang-dev  (or run scripts/bootstrap).")
endif()
message(STATUS "libclang: ${LIBCLANG_LIBRARY} (headers ${LIBCLANG_INCLUDE_DIR})")
add_library(sockcheck_libclang INTERFACE)
# -isystem: warnings in libclang's own headers are not ours to fix.
target_compile_options(sockcheck_libclang INTERFACE -isystem ${LIBCLANG_INCLUDE_DIR})
target_link_libraries(sockcheck_libclang INTERFACE ${LIBCLANG_LIBRARY})
if(LIBCLANG_RESOURCE_DIR)
  message(STATUS "libclang resource directory: ${LIBCLANG_RESOURCE_DIR}")
  target_compile_definitions(sockcheck_libclang INTERFACE
                             SOCKCHECK_CLANG_RESOURCE_DIR="${LIBCLANG_RESOURCE_DIR}")
endif()
