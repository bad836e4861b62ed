#!/usr/bin/env bash
# One command for a new user: installs what is missing, builds and installs
# Fulcrum into ./install, and reviews every example proposal.
# Reviews land in ./reviews/ as JSON and Markdown; a summary is printed.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build/release
cmake --install build/release --prefix install >/dev/null

mkdir -p reviews
printf '%-34s %-24s %8s %6s\n' "proposal" "decision" "benefit" "risk"
for proposal in examples/proposals/*.yaml examples/proposals/*.json; do
  [[ -e "$proposal" ]] || continue
  name=$(basename "${proposal%.*}")
  set +e
  install/bin/fulcrum review "$proposal" -o "reviews/$name.json"
  rc=$?
  install/bin/fulcrum review "$proposal" --format markdown -o "reviews/$name.md" 2>/dev/null
  set -e
  if ((rc != 0 && rc != 1)); then
    echo "review of $proposal failed with exit code $rc" >&2
    exit "$rc"
  fi
  jq -r --arg n "$name" '[$n, .joint.decision, .cio.benefit_score, .ciso.risk_score] | @tsv' "reviews/$name.json" |
    awk -F'\t' '{printf "%-34s %-24s %8s %6s\n", $1, $2, $3, $4}'
done
echo
echo "Reviews are in reviews/ (JSON and Markdown). Installed program: install/bin/fulcrum"
