#!/usr/bin/env bash
# Follows docs/plugin-guide.md to the letter: installs Fulcrum to a scratch
# prefix, runs every ```sh block of the guide in order in a scratch folder,
# then checks what the guide promises — the unsigned build loads only with
# --allow-untrusted and the review says so, the conformance kit passes, the
# signed plugin loads with no flag — and that a byte changed after signing or
# a missing signature is refused with exit 4.
# Usage: plugin_guide_test.sh SOURCE_DIR BINARY_DIR WORK_DIR [CMAKE]
set -euo pipefail

source_dir=$1
binary_dir=$2
work=$3
cmake=${4:-cmake}

if ! command -v jq > /dev/null; then
  echo "skipped: jq is not installed (scripts/setup.sh --test installs it)"
  exit 77
fi

fail() {
  echo "plugin guide test FAILED: $*" >&2
  exit 1
}

rm -rf "$work"
mkdir -p "$work/guide"
export PREFIX=$work/prefix
"$cmake" --install "$binary_dir" --prefix "$PREFIX" > "$work/install.log"
export PATH=$PREFIX/bin:$PATH

# Every ```sh block of the guide, in order, as one script.
awk '/^```sh$/ {on = 1; next} /^```/ {on = 0} on' "$source_dir/docs/plugin-guide.md" > "$work/guide.sh"
blocks=$(grep -c '^```sh$' "$source_dir/docs/plugin-guide.md")
[[ $blocks -ge 10 ]] || fail "expected at least 10 command blocks in the guide, found $blocks"
(cd "$work/guide" && bash -euo pipefail "$work/guide.sh") > "$work/guide.log" 2>&1 ||
  { cat "$work/guide.log"; fail "a command of the guide failed (the log is above)"; }
cd "$work/guide/acme-plugin"

# Step 4: the unsigned build was loaded only because of --allow-untrusted.
[[ $(jq -r '.plugins[] | select(.id == "acme") | .trust' review.json) == unverified ]] ||
  fail "the unsigned plugin is not marked unverified in review.json"
jq -e '.cio.benefits[] | select(.id == "acme.clear-objectives")' review.json > /dev/null ||
  fail "the plugin's finding is missing from review.json"

# Step 5: the conformance kit passed (the guide's run exited 0); say so plainly.
grep -q "result: PASS" "$work/guide.log" || fail "fulcrum plugins check did not pass the template"

# Step 7: the signed plugin loads with no flag, isolated, and nothing marks it.
jq -e '.plugins[] | select(.id == "acme" and .status == "ok" and (has("trust") | not))' signed-review.json \
  > /dev/null || fail "the signed plugin did not load cleanly"
[[ $(jq -r '.complete' signed-review.json) == true ]] || fail "the signed review is incomplete"
fulcrum plugins list --format json --plugin-dir dist --config policy.json |
  jq -e '.[] | select(.id == "acme" and .trust == "signed" and .isolation == "process")' > /dev/null ||
  fail "plugins list does not show acme as signed and isolated"

# A byte changed after signing: refused, exit 4, with the reason.
cp dist/acme.so dist/acme.so.orig
printf '\x00' | dd of=dist/acme.so bs=1 seek=4096 conv=notrunc status=none
cmp -s dist/acme.so dist/acme.so.orig && printf '\x01' | dd of=dist/acme.so bs=1 seek=4096 conv=notrunc status=none
set +e
fulcrum review "$PREFIX/share/fulcrum/examples/proposals/crm-saas-migration.yaml" --plugin-dir dist \
  --config policy.json > tampered.json 2> tampered.err
rc=$?
set -e
[[ $rc -eq 4 ]] || fail "a tampered plugin gave exit $rc, not 4"
grep -q "was made for other bytes" tampered.err || fail "the tampered plugin's refusal does not say why"

# A missing signature: refused, exit 4.
mv dist/acme.so.orig dist/acme.so
rm dist/acme.so.sig
set +e
fulcrum review "$PREFIX/share/fulcrum/examples/proposals/crm-saas-migration.yaml" --plugin-dir dist \
  --config policy.json > unsigned.json 2> unsigned.err
rc=$?
set -e
[[ $rc -eq 4 ]] || fail "an unsigned plugin gave exit $rc, not 4"
grep -q "acme.so.sig is missing" unsigned.err || fail "the unsigned plugin's refusal does not say why"

echo "plugin guide followed: built, checked, signed, verified and reviewed; tampering and a missing signature refused"
