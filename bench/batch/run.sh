#!/usr/bin/env bash
# Times `fulcrum batch` on N synthetic proposals against `jq -c . FILE` on the
# same file, in one run, and prints throughput, the ratio to jq, peak memory
# for 1,000 and for N proposals, and the speed-up from 1 to 2 jobs
# (docs/performance.md has the targets and the figures measured).
#
#   bench/batch/run.sh [--proposals N] [--repeat R] [--json FILE]   (defaults 100000 and 1)
#
# BUILD_DIR (default build/bench) is configured as a Release build; the
# proposal files are generated once per N (seed 7) into it and reused.
set -euo pipefail
cd "$(dirname "$0")/../.."

proposals=100000
repeat=1
json=()
while (($#)); do
  case "$1" in
    --proposals) proposals=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --json) json=(--json "$2"); shift 2 ;;
    *) echo "usage: bench/batch/run.sh [--proposals N] [--repeat R] [--json FILE]" >&2; exit 2 ;;
  esac
done
for tool in jq python3; do
  command -v "$tool" >/dev/null || { echo "bench/batch: $tool is missing (scripts/setup.sh --test installs it)" >&2; exit 2; }
done

build=${BUILD_DIR:-build/bench}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" --target fulcrum cloud ai bigdata >/dev/null

data="$build/batch-data"
mkdir -p "$data"
for n in 1000 "$proposals"; do
  if [[ ! -s "$data/proposals-$n.jsonl" ]]; then
    echo "bench/batch: generating $n proposals" >&2
    python3 bench/batch/generate_proposals.py "$n" --seed 7 >"$data/proposals-$n.jsonl.tmp"
    mv "$data/proposals-$n.jsonl.tmp" "$data/proposals-$n.jsonl"
  fi
done

python3 bench/batch/measure.py --fulcrum "$build/bin/fulcrum" --large "$data/proposals-$proposals.jsonl" \
  --small "$data/proposals-1000.jsonl" --repeat "$repeat" "${json[@]}"
