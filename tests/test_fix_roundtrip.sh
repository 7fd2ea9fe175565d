#!/bin/sh
# Every fix sockcheck offers on the testdata, applied: on a copy of each rules/*/*.c file,
# --fix must leave code that compiles (clang -fsyntax-only -Wall with the file's test-args,
# no new warnings) and that sockcheck then finds clean of every finding it fixed: per rule,
# the findings left are exactly those that had no fix. Called by ctest as
#   test_fix_roundtrip.sh SOCKCHECK SOURCE_DIR
set -u
sc=$1
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fixed_files=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# counts FILE.json: "RULE total fixable" lines for the reported (unsuppressed) findings.
counts() {
  python3 - "$1" <<'PY'
import json, sys, collections
d = json.load(open(sys.argv[1]))
total, fixable = collections.Counter(), collections.Counter()
for f in d["findings"]:
    if f["suppressed"]:
        continue
    total[f["rule_id"]] += 1
    fixable[f["rule_id"]] += f["fix"] is not None
for r in sorted(total):
    print(r, total[r], fixable[r])
PY
}

# expected_after BEFORE AFTER: per rule, total after must be total before minus fixable.
check_counts() {
  python3 - "$1" "$2" <<'PY'
import sys
def read(p):
    out = {}
    for line in open(p):
        r, t, f = line.split()
        out[r] = (int(t), int(f))
    return out
before, after = read(sys.argv[1]), read(sys.argv[2])
bad = False
for r in set(before) | set(after):
    t, f = before.get(r, (0, 0))
    left = after.get(r, (0, 0))[0]
    if left != t - f:
        print("  %s: %d findings, %d with a fix, %d left after --fix" % (r, t, f, left))
        bad = True
sys.exit(1 if bad else 0)
PY
}

cd "$src/testdata" || exit 1
for f in rules/*/*.c; do
  case $f in *.fixed.c) continue ;; esac
  args=$(head -n 5 "$f" | sed -n 's|.*test-args:[[:space:]]*\(.*\)\*/.*|\1|p; s|.*//[[:space:]]*test-args:[[:space:]]*\(.*\)$|\1|p' | head -n 1)
  root="$work/$(echo "$f" | tr '/' '_')"
  mkdir -p "$root"
  cp "$f" "$root/file.c"
  # shellcheck disable=SC2086
  "$sc" --no-config --format json --root "$root" "$root/file.c" -- $args >"$root/before.json" 2>/dev/null
  counts "$root/before.json" >"$root/before.counts"
  if ! awk '$3 > 0 { found = 1 } END { exit !found }' "$root/before.counts"; then
    continue
  fi
  fixed_files=$((fixed_files + 1))
  # shellcheck disable=SC2086
  clang -fsyntax-only -Wall $args "$f" 2>"$root/cc_before.err"
  # shellcheck disable=SC2086
  "$sc" --no-config --format json --root "$root" --fix "$root/file.c" -- $args \
    >"$root/after.json" 2>"$root/fix.err"
  grep -q 'applied [1-9]' "$root/fix.err" || fail "$f: --fix applied nothing: $(cat "$root/fix.err")"
  # shellcheck disable=SC2086
  if ! clang -fsyntax-only -Wall $args "$root/file.c" 2>"$root/cc_after.err"; then
    fail "$f: the fixed file does not compile:"
    sed 's/^/    /' "$root/cc_after.err"
  fi
  w_before=$(grep -c 'warning:' "$root/cc_before.err")
  w_after=$(grep -c 'warning:' "$root/cc_after.err")
  [ "$w_after" -le "$w_before" ] ||
    fail "$f: the fix adds compiler warnings: $(grep 'warning:' "$root/cc_after.err" | head -3)"
  counts "$root/after.json" >"$root/after.counts"
  check_counts "$root/before.counts" "$root/after.counts" || fail "$f: not clean after --fix (see above)"
done

[ "$fixed_files" -gt 0 ] || fail "no testdata file has a fix: the test proves nothing"
if [ $failures -ne 0 ]; then
  echo "fix round trip: $failures failure(s) in $fixed_files fixed files"
  exit 1
fi
echo "fix round trip: ok ($fixed_files files fixed, compiled and clean)"
