#!/usr/bin/env bash
# Runs each libFuzzer target (fuzz/) for SECONDS (default 60), one after the
# other, after building them with clang in build/fuzz (FULCRUM_FUZZ=ON).
#   scripts/fuzz.sh [SECONDS] [TARGET...]    targets: proposal_json_fuzz
#                                            proposal_yaml_fuzz contribution_fuzz
#                                            worker_reply_fuzz record_line_fuzz
# Seeds: the example proposals, the test fixtures (hostile ones included) and
# fuzz/corpus/<target>/. What a run learns stays in build/fuzz/corpus/<target>/
# for the next run; inputs that crash land in build/fuzz/crashes/<target>/.
# Each run is added to build/fuzz/fuzz-log.tsv (for docs/security.md).
# Exits 1 when any target found a crash, leak or timeout.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(proposal_json_fuzz proposal_yaml_fuzz contribution_fuzz worker_reply_fuzz record_line_fuzz)
fi
build=${FULCRUM_FUZZ_BUILD:-build/fuzz}

CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFULCRUM_FUZZ=ON \
  -DBUILD_TESTING=OFF -DFULCRUM_WERROR=ON >/dev/null
cmake --build "$build" --target "${targets[@]}"

seeds_for() {
  case "$1" in
    proposal_json_fuzz)
      echo fuzz/corpus/proposal_json tests/fixtures/hostile/proposals
      find tests/fixtures/proposals -name '*.json' ;;
    proposal_yaml_fuzz)
      echo examples/proposals tests/fixtures/hostile/proposals
      find tests/fixtures/proposals -name '*.yaml' ;;
    contribution_fuzz)
      echo fuzz/corpus/contribution tests/fixtures/hostile/contributions ;;
    worker_reply_fuzz)
      echo fuzz/corpus/worker_reply ;;
    record_line_fuzz)
      echo fuzz/corpus/record_line ;;
    *) echo "fuzz: unknown target $1" >&2; return 1 ;;
  esac
}

passed=0
failed=0
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  crashes="$build/crashes/$target"
  mkdir -p "$corpus" "$crashes"
  # Seeds are copied, not passed as folders: libFuzzer reads every file of a
  # folder as input, the .expect files included, and writes into the first.
  for seed in $(seeds_for "$target"); do
    if [[ -d "$seed" ]]; then
      find "$seed" -maxdepth 1 -type f ! -name '*.expect' ! -name '*.md' -exec cp -n {} "$corpus/" \;
    elif [[ -f "$seed" ]]; then
      cp -n "$seed" "$corpus/"
    fi # a seed folder not in this checkout (fuzz/corpus/* is optional) is skipped
  done
  log="$build/$target.log"
  echo "fuzz: $target for ${seconds}s from $(find "$corpus" -type f | wc -l) inputs"
  status=0
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: a hostile input
  # must not take 2 GiB. Leaks are found by LeakSanitizer after each input.
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/bin/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  found=$(find "$crashes" -type f | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$target" "$seconds" "${runs:-0}" "$status" "$found" \
    >>"$build/fuzz-log.tsv"
  if ((status != 0)); then
    failed=$((failed + 1))
    echo "fuzz: $target FAILED (exit $status) after ${runs:-?} runs; inputs in $crashes; log $log:"
    grep -m 1 -A 25 -E 'ERROR: |runtime error|terminate called' "$log" || tail -n 30 "$log"
  else
    passed=$((passed + 1))
    echo "fuzz: $target ok: ${runs:-?} runs, $(find "$corpus" -type f | wc -l) inputs in the corpus"
  fi
done
echo "fuzz: $passed passed, $failed failed"
((failed == 0))
