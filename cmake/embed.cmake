# sg_embed(TARGET SYMBOL DIR GLOB): compiles every file of DIR matching GLOB into
# a static library TARGET that defines `const sg_resource SYMBOL[]`, a table of
# {name, data, len} ended by a {NULL} entry (see generator/base/resource.h). The
# binary then needs no data files at run time.
set(SG_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_run.cmake)

function(sg_embed target symbol dir pattern)
  file(GLOB files CONFIGURE_DEPENDS ${dir}/${pattern})
  set(out ${CMAKE_BINARY_DIR}/embed/${target}.c)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DSYMBOL=${symbol} -DDIR=${dir}
            "-DFILES=${files}" -P ${SG_EMBED_SCRIPT}
    DEPENDS ${files} ${SG_EMBED_SCRIPT}
    VERBATIM)
  add_library(${target} STATIC ${out})
  target_include_directories(${target} PUBLIC ${CMAKE_SOURCE_DIR}/generator)
endfunction()

# sg_embed_tree(TARGET SYMBOL DIR): like sg_embed, for every file under DIR and
# its subfolders (hidden files excluded); names keep their subfolder
# ("static/assets/site.css"). Used for the default HTML theme.
function(sg_embed_tree target symbol dir)
  file(GLOB_RECURSE all CONFIGURE_DEPENDS ${dir}/*)
  set(files "")
  foreach(f IN LISTS all)
    file(RELATIVE_PATH rel ${dir} ${f})
    if(NOT rel MATCHES "(^|/)\\.")
      list(APPEND files ${f})
    endif()
  endforeach()
  list(SORT files)
  set(out ${CMAKE_BINARY_DIR}/embed/${target}.c)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DSYMBOL=${symbol} -DDIR=${dir}
            "-DFILES=${files}" -P ${SG_EMBED_SCRIPT}
    DEPENDS ${files} ${SG_EMBED_SCRIPT}
    VERBATIM)
  add_library(${target} STATIC ${out})
  target_include_directories(${target} PUBLIC ${CMAKE_SOURCE_DIR}/generator)
endfunction()
