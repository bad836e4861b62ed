#!/usr/bin/env bash
# Regenerates tests/golden/ from examples/proposals/ with a built fulcrum,
# exactly as tests/integration/golden_test.cpp runs it: from the source tree,
# with relative paths, the build tree's own plugins and the default policy.
#
#   scripts/update-golden.sh [BUILD_DIR]     (default: build/test, as scripts/test.sh builds)
#
# Then read `git diff tests/golden/` as a reviewer would before committing it:
# a golden file is only as good as the person who checked it.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build/test}
fulcrum="$build/bin/fulcrum"
if [[ ! -x "$fulcrum" ]]; then
  echo "update-golden: $fulcrum not found; build first (scripts/test.sh) or name the build folder" >&2
  exit 2
fi
unset FULCRUM_PREFIX

mkdir -p tests/golden
# Start afresh so that goldens of removed examples go too.
rm -f tests/golden/*.json tests/golden/*.md
count=0
for proposal in examples/proposals/*; do
  case "$proposal" in
    *.yaml | *.yml | *.json) ;;
    *) continue ;;
  esac
  name=$(basename "${proposal%.*}")
  for format in json markdown; do
    ext=$([[ $format == json ]] && echo json || echo md)
    set +e
    "$fulcrum" review "$proposal" --format "$format" -o "tests/golden/$name.$ext"
    rc=$?
    set -e
    if ((rc != 0)); then
      echo "update-golden: fulcrum review $proposal --format $format exited $rc; fix that first" >&2
      exit 1
    fi
  done
  count=$((count + 1))
done
echo "update-golden: wrote $((count * 2)) files for $count examples into tests/golden/"
git --no-pager diff --stat -- tests/golden 2>/dev/null || true
