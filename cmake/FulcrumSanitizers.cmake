# FULCRUM_SANITIZE=ON builds everything, plugins included, with ASan + UBSan.
if(FULCRUM_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
