# Installs Fulcrum to a scratch prefix, builds sdk/template against that
# install only (find_package(FulcrumSDK)), and checks that the installed
# fulcrum, with no flags but --plugin-dir, loads it and shows its finding.
# The template is unsigned, so it loads only with --allow-untrusted
# (docs/security.md); tests/integration/plugin_guide_test.sh signs one.
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

run(${CMAKE_COMMAND} --install ${BINARY_DIR} --prefix ${prefix})
file(COPY ${SOURCE_DIR}/sdk/template/ DESTINATION ${WORK_DIR}/src)
run(${CMAKE_COMMAND} -S ${WORK_DIR}/src -B ${WORK_DIR}/build -G ${GENERATOR} -DCMAKE_PREFIX_PATH=${prefix})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)

# The installed program finds its own plugins and default config by itself.
run(${prefix}/bin/fulcrum plugins list --format json --plugin-dir ${WORK_DIR}/build --allow-untrusted)
foreach(id cloud template)
  if(NOT last_output MATCHES "\"id\": \"${id}\"")
    message(FATAL_ERROR "plugin ${id} missing from the installed fulcrum's list:\n${last_output}")
  endif()
endforeach()

file(WRITE ${WORK_DIR}/no-sponsor.yaml "id: no-sponsor\ntitle: Anonymous proposal\ntechnologies: [{category: cloud, service_model: saas}]\n")
run(${prefix}/bin/fulcrum review ${WORK_DIR}/no-sponsor.yaml --plugin-dir ${WORK_DIR}/build --allow-untrusted)
if(NOT last_output MATCHES "template.accountable-owner")
  message(FATAL_ERROR "the template plugin's finding is missing from the review:\n${last_output}")
endif()
message(STATUS "template plugin built out of tree and its finding appears in the review")
