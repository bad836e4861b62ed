#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer:
# configures build/asan with FULCRUM_SANITIZE=ON (every target, the plugins
# and the fixture plugins the host dlopens included), builds it and runs CTest.
#   scripts/sanitize.sh [CTEST ARGS...]      e.g. -R hostile
# docs/security.md ("Sanitizers and leak checks") explains the settings below
# and the tests left out.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --test
if [[ -z "${FULCRUM_REFERENCE_DATA:-}" && -d ../shared/reference ]]; then
  FULCRUM_REFERENCE_DATA=$(cd ../shared/reference && pwd)
fi
export FULCRUM_REFERENCE_DATA="${FULCRUM_REFERENCE_DATA:-}"

build=${FULCRUM_ASAN_BUILD:-build/asan}
# -O0 -g1, not -O2 -g: GCC 12 compiles a file with ASan + UBSan at -O2 -g 3.2x
# slower than the normal build does (44 s against 14 s for sarif_report.cpp),
# at -O0 -g1 faster than it (10 s), which is what lets CI afford the whole
# suite; docs/security.md has the measurements. Debug also keeps assert() on.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O0 -g1" \
  -DFULCRUM_SANITIZE=ON -DFULCRUM_WERROR=ON >/dev/null
cmake --build "$build"

# handle_segv/sigbus/sigfpe=0: fixture plugins crash on purpose, and the tests
# expect the worker to die of that signal, not of ASan's report and exit 1.
# A real crash still fails its test. detect_leaks=1: every fulcrum process the
# tests start checks for leaks at exit (LSan); suppressions, if any, are in
# scripts/lsan.supp with the reason for each.
export ASAN_OPTIONS="detect_leaks=1:handle_segv=0:handle_sigbus=0:handle_sigfpe=0:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:${ASAN_OPTIONS_EXTRA:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0"

# Left out under the sanitizers (docs/security.md says why):
excluded="${FULCRUM_ASAN_EXCLUDE:-}"
args=(--test-dir "$build" --output-on-failure -j "$(nproc)" --timeout 900)
if [[ -n "$excluded" ]]; then
  args+=(-E "$excluded")
fi
ctest "${args[@]}" "$@"
