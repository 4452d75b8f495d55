# The window's wall, checked on the sources: no file of the engine, the command grammar or the
# learning core includes Dear ImGui or GLFW (the models stay testable without a window), and no
# view includes GLFW (views draw with ImGui and read keys by name, views/keys.h; only platform/
# talks to GLFW and OpenGL). Run by ctest: cmake -DSOURCE=... -P window_wall.cmake
set(violations "")
function(check folder pattern what)
  file(GLOB_RECURSE files "${SOURCE}/${folder}/*.h" "${SOURCE}/${folder}/*.cpp")
  foreach(file ${files})
    file(STRINGS "${file}" lines REGEX "${pattern}")
    foreach(line ${lines})
      file(RELATIVE_PATH relative "${SOURCE}" "${file}")
      set(violations "${violations}${relative}: ${what}: ${line}\n" PARENT_SCOPE)
    endforeach()
  endforeach()
endfunction()
set(window_include "^[ \t]*#[ \t]*include[ \t]*[<\"](imgui|backends/|GLFW/|GL/|imgui/)")
check(engine "${window_include}" "the engine must not include window code")
check(commands "${window_include}" "the command grammar must not include window code")
check(app/src/core "${window_include}" "the learning core must not include window code")
check(app/src/cli "${window_include}" "the terminal must not include window code")
check(app/src/views "^[ \t]*#[ \t]*include[ \t]*[<\"](GLFW/|GL/|backends/)"
      "views draw with ImGui only (keys by name from views/keys.h)")
if(violations)
  message(FATAL_ERROR "${violations}")
endif()
