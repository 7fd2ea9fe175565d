#!/bin/sh
# Skipping units that cannot matter (issue 7) gives the results of analysing every unit: the
# JSON report of every testdata project and every testdata/rules file (alone, per rule
# directory, and all together as one program) is byte-identical with skipping (the default)
# and with --no-skip, apart from the two stats keys that count skipped and re-admitted units.
# The adversarial skip_* projects need units admitted after a first analysis, and a FIFO or
# device among a unit's includes is refused before libclang could read it without end.
# Called by ctest as: test_skip.sh SOCKCHECK SOURCE_DIR
set -u
sc=$1
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
compared=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
has() { grep -q -- "$2" "$1" || fail "$1 lacks: $2 ($(head -c 300 "$1"))"; }
cd "$src/testdata" || exit 1

# Runs sockcheck with and without skipping; the reports must match. $1 names the case for
# messages, the rest are sockcheck's arguments.
same() {
  name=$1
  shift
  "$sc" --no-config --no-cache --format json "$@" >"$work/skip.json" 2>"$work/skip.err"
  s1=$?
  "$sc" --no-config --no-cache --no-skip --format json "$@" >"$work/all.json" 2>"$work/all.err"
  s2=$?
  [ $s1 -eq $s2 ] || fail "$name: exit status $s1 with skipping, $s2 without"
  grep -v '"units_skipped"\|"units_readmitted"' "$work/skip.json" >"$work/skip.cmp"
  grep -v '"units_skipped"\|"units_readmitted"' "$work/all.json" >"$work/all.cmp"
  cmp -s "$work/skip.cmp" "$work/all.cmp" ||
    fail "$name: skipping changed the report: $(diff "$work/skip.cmp" "$work/all.cmp" | head -20)"
  grep -q '"units_skipped": 0,' "$work/all.json" || fail "$name: --no-skip skipped a unit"
  compared=$((compared + 1))
}

# The extra compiler arguments a rules file asks for in its head (STYLE.md section 5).
test_args() {
  head -5 "$1" | sed -n 's|.*test-args:[[:space:]]*\(.*\)\*/.*|\1|p' | head -1
}

for dir in projects/*/; do
  dir=${dir%/}
  same "$dir" --root "$dir" -p "$dir"
done
for file in $(find rules -name '*.c' ! -name '*.fixed.c' | sort); do
  args=$(test_args "$file")
  if [ -n "$args" ]; then
    # shellcheck disable=SC2086 # the arguments are words
    same "$file" --root rules "$file" -- $args
  else
    same "$file" --root rules "$file"
  fi
done
for dir in rules/*/; do
  same "$dir" --root rules "$dir"
done
same "rules, as one program" --root rules rules

# The adversarial projects: each needs a unit admitted after the first analysis (they fail
# when re-admission is turned off; see their comments), and the lot skips nothing it needs.
for p in skip_logging_helper skip_wrapper_chain skip_global_configured skip_close_helper \
  skip_duplicate_definition; do
  "$sc" --no-config --no-cache --format json --root "projects/$p" -p "projects/$p" \
    >"$work/$p.json" 2>&1
  grep -q '"units_readmitted": 0' "$work/$p.json" && [ $p != skip_close_helper ] &&
    fail "$p: no unit was re-admitted"
done
# A unit that cannot matter is skipped, and --stats says how the rest were found.
mkdir -p "$work/proj"
cp "$src/examples/server.c" "$work/proj/server.c"
printf 'int add(int a, int b) { return a + b; }\n' >"$work/proj/math.c"
"$sc" --no-cache --stats --format json --root "$work/proj" "$work/proj" >"$work/p.json" \
  2>"$work/p.err"
has "$work/p.err" '1 parsed, 0 from the cache, 1 skipped, 0 timed out; 1 thread; 0 re-admitted'
has "$work/p.json" '"units_skipped": 1,'
has "$work/p.json" '"units_readmitted": 0'

# Hostile includes (issue 8): a FIFO, /dev/zero, and a symbolic link to it, included by a
# unit or by a project header it includes, are refused before parsing (exit 2, the problem
# names the file and the include line); the other units are analysed; nothing hangs. With
# and without skipping.
mkdir -p "$work/hostile"
cp "$src/examples/server.c" "$work/hostile/server.c"
mkfifo "$work/hostile/pipe.h"
ln -s /dev/zero "$work/hostile/evil.h"
printf '#include "pipe.h"\nint a;\n' >"$work/hostile/fifo.c"
printf 'int b;\n#include "/dev/zero"\n' >"$work/hostile/zero.c"
printf '#include "ok.h"\nint c;\n' >"$work/hostile/linked.c"
printf '/* a project header */\n#include "evil.h"\n' >"$work/hostile/ok.h"
for mode in --skip --no-skip; do
  timeout 60 "$sc" --no-cache $mode --format json --root "$work/hostile" "$work/hostile" \
    >"$work/hostile.json" 2>"$work/hostile.err"
  status=$?
  [ $status -eq 2 ] || fail "hostile $mode: exit status $status, expected 2 (124: it hung)"
  has "$work/hostile.json" '"rule_id": "SCK001"'
  has "$work/hostile.json" 'not a regular file (a FIFO): [^ ]*/pipe.h, included from [^ ]*/fifo.c:1; libclang would read it without end: remove the include or exclude the unit'
  has "$work/hostile.json" 'not a regular file (a character device): /dev/zero, included from [^ ]*/zero.c:2;'
  has "$work/hostile.json" 'not a regular file (a character device): [^ ]*/evil.h, included from [^ ]*/ok.h:2;'
done

if [ $failures -ne 0 ]; then
  echo "skip: $failures failure(s) in $compared comparisons"
  exit 1
fi
echo "skip: ok ($compared comparisons)"
