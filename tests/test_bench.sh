#!/bin/sh
# The benchmark's measuring half (bench/measure.py) on a two-unit project: one table row with
# every column, GCC-only arguments dropped for every tool, and the --markdown copy. (bench/run
# adds fetching and bear builds, which need the network.)
# Called by ctest as: test_bench.sh SOCKCHECK SOURCE_DIR
set -u
sc=$1
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
if ! command -v clang >/dev/null 2>&1; then
  echo "bench: clang is not installed (scripts/bootstrap installs it)"
  exit 1
fi
mkdir -p "$work/pkg"
cp "$src/examples/server.c" "$work/pkg/server.c"
printf 'int add(int a, int b) { return a + b; }\n' >"$work/pkg/math.c"
cat >"$work/pkg/compile_commands.json" <<J
[
  {"directory": "$work/pkg", "file": "server.c",
   "arguments": ["gcc", "-mindirect-branch=thunk", "-O2", "-c", "server.c", "-o", "server.o"]},
  {"directory": "$work/pkg", "file": "math.c", "command": "gcc -c math.c -o math.o"},
  {"directory": "$work/pkg", "file": "math.c", "command": "gcc -DAGAIN -c math.c -o math2.o"}
]
J
python3 "$src/bench/measure.py" --sockcheck "$sc" --repeat 1 --markdown "$work/table.md" \
  "$work/pkg" >"$work/out" 2>"$work/err" || fail "measure.py failed: $(cat "$work/err")"
grep -q 'dropping arguments clang does not know: -mindirect-branch=thunk' "$work/err" ||
  fail "the GCC-only argument was not dropped: $(cat "$work/err")"
cmp -s "$work/out" "$work/table.md" || fail "--markdown differs from the printed table"
python3 - "$work/out" <<'PY' || fail "unexpected table: $(cat "$work/out")"
import re, sys
lines = open(sys.argv[1]).read().splitlines()
assert lines[0].startswith("| package | units | parse floor |"), lines
assert len(lines) == 5 and "load average" in lines[4], lines
cells = [c.strip() for c in lines[2].strip("|").split("|")]
assert len(cells) == lines[0].count("|") - 1, cells
assert cells[0] == "pkg" and cells[1] == "2", cells  # math.c twice is one unit
assert re.fullmatch(r"\d+\.\d\d s", cells[2]), cells
for c in [cells[3]] + cells[6:11]:
    assert re.fullmatch(r"\d+\.\d\d×", c), (c, cells)
assert re.fullmatch(r"\d+ / \d+ \(\d+\.\d\d×\)", cells[12]), cells
PY
if [ $failures -ne 0 ]; then
  echo "bench: $failures failure(s)"
  exit 1
fi
echo "bench: ok"
