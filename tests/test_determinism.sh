#!/bin/sh
# The same input gives byte-identical output (stdout and stderr, every format) whatever the
# run, the locale (LC_ALL=C, C.UTF-8, any other UTF-8 locale installed), the time zone, the
# working directory, and the order in which PATHs name the same units (SPEC §3, REQUIREMENTS
# §1.1). When sockcheck has -j (parallel units), -j1 and -j2 must agree too.
# Called by ctest as: test_determinism.sh SOCKCHECK SOURCE_DIR
set -u
sc=$1
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# A mix that exercises every part of the output: findings with related locations, compile
# errors, a binary file (a fatal problem), a missing compilation-database entry, nesting
# too deep, non-ASCII paths and non-UTF-8 text.
proj=$work/proj
mkdir -p "$proj"
cp -R "$src/testdata/rules/SCK001" "$proj/rules"
cp -R "$src/testdata/bad-input/paths" "$proj/paths"
cp "$src/testdata/bad-input/source/latin1_text.c" "$src/testdata/bad-input/source/binary_nul.c" \
  "$src/testdata/bad-input/source/includes_itself.c" "$proj/"
python3 - "$proj/deep.c" <<'P'
import sys
# It makes a socket, so that skipping (docs/performance.md) keeps the unit in the mix.
open(sys.argv[1], "w").write("#include <sys/socket.h>\nint deep(int x)\n{\n    int s = socket(AF_INET, SOCK_STREAM, 0);\n    "
                             + "if (x) " * 600 + "x++;\n    return x + s;\n}\n")
P

# Every unit, named in three ways: the directory, the files in sorted order, the files in
# reverse order with one of them twice.
(cd "$proj" && find . -name '*.c' | sed 's|^\./||' | LC_ALL=C sort) >"$work/files"
set --
while IFS= read -r f; do set -- "$@" "$f"; done <"$work/files"
nfiles=$#
[ "$nfiles" -gt 40 ] || fail "only $nfiles input files"

jobs=""
if "$sc" --help 2>/dev/null | grep -qE '(^|[[:space:]])-j'; then
  jobs="-j1 -j2"
fi

# out NAME ENV... -- ARGS...: runs sockcheck from $proj (unless CWD is set) into NAME.
out() {
  name=$1
  shift
  envs=""
  while [ "$1" != "--" ]; do envs="$envs $1"; shift; done
  shift
  # shellcheck disable=SC2086
  (cd "${CWD:-$proj}" && env $envs "$sc" "$@" >"$work/$name.out" 2>"$work/$name.err")
  status=$?
  [ "$status" -lt 3 ] || fail "$name: exit status $status"
}
same() {
  cmp -s "$work/$1.out" "$work/$2.out" || fail "$2: stdout differs from $1: $(diff "$work/$1.out" "$work/$2.out" | head -5)"
  cmp -s "$work/$1.err" "$work/$2.err" || fail "$2: stderr differs from $1: $(diff "$work/$1.err" "$work/$2.err" | head -5)"
}
# SARIF records the command line (invocations[].arguments): drop it to compare the rest
# when the arguments differ on purpose.
strip_args() {
  python3 - "$work/$1.out" <<'P'
import json, sys
path = sys.argv[1]
log = json.load(open(path, encoding="utf-8"))
for run in log.get("runs", []):
    for inv in run.get("invocations", []):
        inv.pop("arguments", None)
        inv.pop("commandLine", None)
open(path, "w", encoding="utf-8").write(json.dumps(log, indent=1, sort_keys=True))
P
}

locales="C.UTF-8"
other=$(locale -a 2>/dev/null | grep -iE '^[a-z][a-z]_[A-Z][A-Z]\.utf-?8$' | grep -v '^C\.' | head -1)
[ -n "$other" ] && locales="$locales $other"

for fmt in text json sarif; do
  base=$fmt.base
  out "$base" LC_ALL=C TZ=UTC -- --root "$proj" --format "$fmt" .
  [ -s "$work/$base.out" ] || fail "$base: no output"
  grep -q 'binary file, not C source' "$work/$base.err" || fail "$base: the binary file is not in the mix"
  grep -q 'nesting deeper' "$work/$base.err" || fail "$base: the deep function is not in the mix"
  out "$fmt.again" LC_ALL=C TZ=UTC -- --root "$proj" --format "$fmt" .
  same "$base" "$fmt.again"
  for loc in $locales; do
    out "$fmt.$loc" LC_ALL="$loc" LANG="$loc" TZ=Asia/Kolkata -- --root "$proj" --format "$fmt" .
    same "$base" "$fmt.$loc"
  done
  CWD=/
  out "$fmt.cwd" LC_ALL=C TZ=UTC -- --root "$proj" --format "$fmt" "$proj"
  [ "$fmt" = sarif ] && { strip_args "$base"; strip_args "$fmt.cwd"; }
  same "$base" "$fmt.cwd"
  CWD=$proj/rules
  out "$fmt.subdir" LC_ALL=C TZ=UTC -- --root "$proj" --format "$fmt" ..
  CWD=
  [ "$fmt" = sarif ] && strip_args "$fmt.subdir"
  same "$base" "$fmt.subdir"
  out "$fmt.files" LC_ALL=C TZ=UTC -- --root "$proj" --format "$fmt" "$@"
  [ "$fmt" = sarif ] && strip_args "$fmt.files"
  same "$base" "$fmt.files"
  # The files in reverse order, then the first one again and a directory holding some.
  first=$1
  set --
  while IFS= read -r f; do set -- "$f" "$@"; done <"$work/files"
  out "$fmt.reversed" LC_ALL=C TZ=UTC -- --root "$proj" --format "$fmt" "$@" "$first" rules
  set --
  while IFS= read -r f; do set -- "$@" "$f"; done <"$work/files"
  [ "$fmt" = sarif ] && strip_args "$fmt.reversed"
  same "$base" "$fmt.reversed"
  for j in $jobs; do
    out "$fmt$j" LC_ALL=C TZ=UTC -- --root "$proj" --format "$fmt" "$j" .
    [ "$fmt" = sarif ] && strip_args "$fmt$j"
    same "$base" "$fmt$j"
  done
done

if [ $failures -ne 0 ]; then
  echo "determinism: $failures failure(s)"
  exit 1
fi
echo "determinism: ok (${nfiles} files; locales: C $locales; -j: ${jobs:-not available})"
