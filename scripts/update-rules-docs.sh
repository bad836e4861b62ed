#!/usr/bin/env bash
# Regenerates docs/rules/ (one Markdown file per plugin plus README.md, the
# index) from `fulcrum rules`, exactly as tests/integration/rules_catalog_test.cpp
# does: with the build tree's own plugins and policy.
#
#   scripts/update-rules-docs.sh [BUILD_DIR]     (default: build/test, as scripts/test.sh builds)
#
# Run it after changing any plugin's rule catalog, and commit docs/rules/ with the change.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build/test}
fulcrum="$build/bin/fulcrum"
if [[ ! -x "$fulcrum" ]]; then
  echo "update-rules-docs: $fulcrum not found; build first (scripts/test.sh) or name the build folder" >&2
  exit 2
fi
unset FULCRUM_PREFIX

mkdir -p docs/rules
# Start afresh so that the page of a removed plugin goes too.
rm -f docs/rules/*.md
"$fulcrum" rules --format markdown --output-dir docs/rules
echo "update-rules-docs: wrote $(ls docs/rules/*.md | wc -l) files into docs/rules/"
git --no-pager diff --stat -- docs/rules 2>/dev/null || true
