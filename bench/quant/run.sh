#!/usr/bin/env bash
# Builds the FAIR engine benchmark, runs it and the NumPy baseline on the same
# scenarios in one go, and prints the speed ratio (docs/performance.md).
#
#   bench/quant/run.sh [--iterations N] [--repeat N]     (defaults 100000 and 5)
#
# BUILD_DIR (default build/bench-quant) is configured as a Release build.
# Without Debian's python3-numpy the comparison is skipped, with a message.
set -euo pipefail
cd "$(dirname "$0")/../.."

iterations=100000
repeat=5
while (($#)); do
  case "$1" in
    --iterations) iterations=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    *) echo "usage: bench/quant/run.sh [--iterations N] [--repeat N]" >&2; exit 2 ;;
  esac
done

build=${BUILD_DIR:-build/bench-quant}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DFULCRUM_BUILD_BENCH=ON >/dev/null
ninja -C "$build" fulcrum_bench_quant >/dev/null

scenarios=bench/quant/scenarios.csv
result=$(mktemp)
trap 'rm -f "$result"' EXIT
"$build/bin/fulcrum_bench_quant" --scenarios "$scenarios" --iterations "$iterations" --repeat "$repeat" \
  --json "$result"

# pyenv and virtualenvs often shadow the system python that Debian's numpy is for.
python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import numpy' 2>/dev/null; then
    python=$candidate
    break
  fi
done
if [[ -z "$python" ]]; then
  echo "NumPy comparison skipped: python3-numpy is not installed (scripts/setup.sh --test installs it)."
  exit 0
fi
"$python" bench/quant/numpy_baseline.py --scenarios "$scenarios" --iterations "$iterations" --repeat "$repeat" \
  --compare "$result"
