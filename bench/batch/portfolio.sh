#!/usr/bin/env bash
# Times `fulcrum portfolio` reading back the records of N synthetic proposals
# (from one file and from 4 shards) against the batch that wrote them, in one
# run (docs/performance.md has the figures measured).
#
#   bench/batch/portfolio.sh [--proposals N] [--repeat R]   (defaults 20000 and 1)
#
# The records take about 32 KiB a proposal on disk (650 MB for 20,000, twice
# that with the shards) in a temporary folder under BUILD_DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."

proposals=20000
repeat=1
while (($#)); do
  case "$1" in
    --proposals) proposals=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    *) echo "usage: bench/batch/portfolio.sh [--proposals N] [--repeat R]" >&2; exit 2 ;;
  esac
done
command -v python3 >/dev/null || { echo "bench/batch: python3 is missing" >&2; exit 2; }

build=${BUILD_DIR:-build/bench}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" --target fulcrum cloud ai bigdata >/dev/null

data="$build/batch-data"
mkdir -p "$data"
if [[ ! -s "$data/proposals-$proposals.jsonl" ]]; then
  echo "bench/batch: generating $proposals proposals" >&2
  python3 bench/batch/generate_proposals.py "$proposals" --seed 7 >"$data/proposals-$proposals.jsonl.tmp"
  mv "$data/proposals-$proposals.jsonl.tmp" "$data/proposals-$proposals.jsonl"
fi
python3 bench/batch/portfolio.py --fulcrum "$build/bin/fulcrum" --proposals "$data/proposals-$proposals.jsonl" \
  --repeat "$repeat" --scratch "$data"
