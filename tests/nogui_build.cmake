# Builds Stagecraft without the window (-DSTAGECRAFT_GUI=OFF) beside the main build and checks
# what its `gui` command says (./dev test-nogui runs every test of such a build). Run by ctest:
#   cmake -DSOURCE=... -DBINARY=... -DCOMPILER=... -DLAUNCHER=... -P nogui_build.cmake
# ccache makes it cheap: every file but main.cpp compiles as in the main build.
foreach(step configure build test)
  if(step STREQUAL configure)
    set(command ${CMAKE_COMMAND} -S ${SOURCE} -B ${BINARY} -DSTAGECRAFT_GUI=OFF
        -DSTAGECRAFT_BUILD_BENCHMARKS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo
        -DCMAKE_CXX_COMPILER=${COMPILER} -DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER})
  elseif(step STREQUAL build)
    set(command ${CMAKE_COMMAND} --build ${BINARY} --target stagecraft --parallel 2)
  else()
    set(command ${BINARY}/app/stagecraft gui --open home)
  endif()
  execute_process(COMMAND ${command} RESULT_VARIABLE failed OUTPUT_VARIABLE out
                  ERROR_VARIABLE out)
  if(step STREQUAL test)
    if(NOT failed EQUAL 1 OR NOT out MATCHES "^error: this stagecraft was built without the window")
      message(FATAL_ERROR "-DSTAGECRAFT_GUI=OFF: gui exited ${failed} saying:\n${out}")
    endif()
  elseif(failed)
    message(FATAL_ERROR "-DSTAGECRAFT_GUI=OFF: ${step} failed:\n${out}")
  endif()
endforeach()
