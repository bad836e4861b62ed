#!/usr/bin/env bash
# One command for the whole test suite: installs what is missing, builds with
# warnings as errors, and runs every test with CTest.
# FULCRUM_REFERENCE_DATA (default: ../shared/reference) enables the tests that
# check output and rule references against public schemas and catalogs.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --test
if [[ -z "${FULCRUM_REFERENCE_DATA:-}" && -d ../shared/reference ]]; then
  FULCRUM_REFERENCE_DATA=$(cd ../shared/reference && pwd)
fi
export FULCRUM_REFERENCE_DATA="${FULCRUM_REFERENCE_DATA:-}"

build=build/test
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFULCRUM_WERROR=ON >/dev/null
cmake --build "$build"
# Tests listed in tests/known-failures.txt are known to fail on main (see the
# open issues); they are excluded by name and listed, never counted as passed.
exclude=""
if [[ -s tests/known-failures.txt ]]; then
  echo "test: excluding $(grep -c . tests/known-failures.txt) KNOWN FAILING tests (tests/known-failures.txt):"
  sed 's/^/  KNOWN FAILING, NOT RUN: /' tests/known-failures.txt
  exclude=$(sed 's/[][\\.*^$()+?{}|]/\\&/g; s/^/^/; s/$/$/' tests/known-failures.txt | paste -sd'|')
fi
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" --timeout 600 ${exclude:+-E "$exclude"}
