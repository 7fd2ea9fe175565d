#!/bin/sh
# sockcheck never touches what it checks (SPEC §6: "source files are never modified except by
# --fix"): after runs in every format over the whole testdata tree and the examples, and over
# every compilation database in it (hostile arguments included), every file has the same
# bytes, mode and modification time, and no file or directory has appeared or gone.
# Called by ctest as: test_sources_untouched.sh SOCKCHECK SOURCE_DIR
set -u
sc=$1
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# Type, mode, size and mtime of every entry (symlinks not followed), and every file's hash.
snapshot() {
  (cd "$src" &&
    find testdata examples -printf '%y %m %s %T@ %p\n' &&
    find testdata examples -type f -exec sha256sum {} +) | LC_ALL=C sort
}
snapshot >"$work/before"
[ "$(grep -c '^f ' "$work/before")" -gt 50 ] || fail "the snapshot sees too few files"

# run NAME ARGS...: from the source tree; any status but a crash (>= 3) is fine here.
run() {
  name=$1
  shift
  (cd "$src" && "$sc" "$@" >"$work/$name.out" 2>"$work/$name.err")
  status=$?
  [ "$status" -lt 3 ] || fail "$name: exit status $status: $(head -c 400 "$work/$name.err")"
}
for fmt in text json sarif; do
  run "tree.$fmt" --root "$src" --format "$fmt" testdata examples
  run "out.$fmt" --root "$src" --format "$fmt" -o "$work/report.$fmt" testdata/rules examples
  [ -s "$work/report.$fmt" ] || fail "out.$fmt: -o wrote nothing"
done
run facts --dump-facts testdata/rules examples
find "$src/testdata" -name compile_commands.json >"$work/dbs"
n=0
while IFS= read -r db; do
  n=$((n + 1))
  for fmt in text json sarif; do
    run "db$n.$fmt" --root "$src" --format "$fmt" -p "$(dirname "$db")"
  done
done <"$work/dbs"
[ "$n" -ge 5 ] || fail "only $n compilation databases in testdata"

snapshot >"$work/after"
if ! cmp -s "$work/before" "$work/after"; then
  fail "the source tree changed:"
  diff "$work/before" "$work/after" | head -20
fi

if [ $failures -ne 0 ]; then
  echo "sources untouched: $failures failure(s)"
  exit 1
fi
echo "sources untouched: ok ($n compilation databases, every format)"
