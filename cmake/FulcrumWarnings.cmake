# Warnings every target of ours compiles with; errors when FULCRUM_WERROR is on.
add_library(fulcrum_warnings INTERFACE)
target_compile_options(fulcrum_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Wunused -Woverloaded-virtual
  -Wformat=2 -Wimplicit-fallthrough
  $<$<BOOL:${FULCRUM_WERROR}>:-Werror>)
