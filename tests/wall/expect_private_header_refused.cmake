# Builds each probe target in PROBES (comma-separated) in BUILD_DIR and succeeds only when every
# one fails to compile because the private engine header it includes is not found. A probe that
# compiles, or fails for any other reason, fails the test with the build output.
#
#   cmake -DBUILD_DIR=... -DPROBES=a,b -P expect_private_header_refused.cmake
string(REPLACE "," ";" probes "${PROBES}")
foreach(probe IN LISTS probes)
  execute_process(
    COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" --target "${probe}"
    RESULT_VARIABLE status
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)
  if(status EQUAL 0)
    message(FATAL_ERROR "${probe} compiled: a target outside the engine can include the "
                        "engine's private header registry_impl.h")
  endif()
  # gcc: "registry_impl.h: No such file or directory"; clang: "'registry_impl.h' file not found".
  if(NOT output MATCHES "registry_impl\\.h'?(: No such file or directory| file not found)")
    message(FATAL_ERROR "${probe} failed to build, but not because registry_impl.h was out of "
                        "reach:\n${output}")
  endif()
  message(STATUS "${probe}: registry_impl.h is out of reach, as it should be")
endforeach()
