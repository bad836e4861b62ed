# fulcrum_add_plugin(<name> SOURCES <file>... [OUTPUT_DIRECTORY <dir>])
#
# Builds a Fulcrum plugin: a shared module named <name>.so that exports only
# its entry point (fulcrum_plugin_entry) and links the SDK. Load it with
# `fulcrum review --plugin-dir <dir>`, or copy it into lib/fulcrum/plugins/.
function(fulcrum_add_plugin name)
  cmake_parse_arguments(ARG "" "OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "fulcrum_add_plugin(${name}): SOURCES is required")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  if(TARGET fulcrum_sdk)
    target_link_libraries(${name} PRIVATE fulcrum_sdk)
  else()
    target_link_libraries(${name} PRIVATE Fulcrum::SDK)
  endif()
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    POSITION_INDEPENDENT_CODE ON)
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY})
  endif()
  if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    target_link_options(${name} PRIVATE -Wl,--no-undefined)
  endif()
endfunction()
