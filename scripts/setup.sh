#!/usr/bin/env bash
# Installs the Debian 12 packages Fulcrum needs to build and test, skipping
# those already present. Safe to run again. Usage: scripts/setup.sh [--test]
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config jq
  libboost-dev libboost-program-options-dev libboost-filesystem-dev
  nlohmann-json3-dev libvalijson-dev libyaml-cpp-dev libsodium-dev libsqlite3-dev libmimalloc-dev
)
test_packages=(catch2 clang-format python3-numpy
  clang libclang-rt-14-dev valgrind) # fuzzing (clang, libFuzzer runtime) and the leak check

# The HTML report's browser test (tests/integration/html_browser_test.cpp).
test_packages+=(chromium fonts-dejavu-core)

wanted=("${packages[@]}")
if [[ "${1:-}" == "--test" ]]; then
  wanted+=("${test_packages[@]}")
fi

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "setup: all ${#wanted[@]} packages present"
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  sudo="sudo"
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
