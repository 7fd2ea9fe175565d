#!/bin/sh
# cmake --install into a temporary prefix: the installed binary runs (--version, a real check
# of the bundled example), finds its data directory beside itself (also after the prefix is
# moved) and says so when it is gone; the build-tree binary uses the source tree's rules/;
# the man page, docs, rule pages and integrations are in place, and man -l renders the page.
# Called by ctest as: test_install.sh SOCKCHECK SOURCE_DIR
set -u
sc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd -P)
build=$(dirname "$sc")
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
work=$(cd "$work" && pwd -P)
prefix=$work/prefix

cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 ||
    { echo "FAIL: cmake --install: $(cat "$work/install.log")"; exit 1; }
for f in bin/sockcheck share/man/man1/sockcheck.1 share/doc/sockcheck/README.md \
         share/doc/sockcheck/LICENSE share/doc/sockcheck/rules/SCK001.md \
         share/doc/sockcheck/usage.md share/sockcheck/integrations/cmake/SockCheck.cmake \
         share/sockcheck/integrations/pre-commit/sockcheck-hook; do
    [ -f "$prefix/$f" ] || fail "not installed: $f"
done
[ -x "$prefix/share/sockcheck/integrations/pre-commit/sockcheck-hook" ] || fail "the pre-commit wrapper lost its x bit"
if [ -d "$src/rules/models" ]; then
    [ -d "$prefix/share/sockcheck/models" ] || fail "rules/models/ was not installed as share/sockcheck/models/"
fi

installed=$prefix/bin/sockcheck
"$installed" --version >"$work/version" 2>&1 || fail "installed --version exited $?"
grep -q "^sockcheck $("$sc" --version | awk '{print $2}') " "$work/version" || fail "installed --version: $(cat "$work/version")"
(cd "$src" && NO_COLOR=1 "$installed" --root "$src" examples/server.c) >"$work/check.out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "installed check of examples/server.c exited $rc: $(cat "$work/check.out")"
grep -q '^examples/server.c:[0-9]*:[0-9]*: warning: .*\[SCK001\]' "$work/check.out" || fail "installed check: no finding: $(cat "$work/check.out")"

# The data directory: relative to the installed binary, to a moved prefix, the build tree's.
[ "$("$installed" --print-data-dir)" = "$prefix/share/sockcheck" ] ||
    fail "installed --print-data-dir: $("$installed" --print-data-dir 2>&1)"
mv "$prefix" "$work/moved"
[ "$("$work/moved/bin/sockcheck" --print-data-dir)" = "$work/moved/share/sockcheck" ] ||
    fail "moved prefix --print-data-dir: $("$work/moved/bin/sockcheck" --print-data-dir 2>&1)"
mkdir -p "$work/onpath"
ln -s "$work/moved/bin/sockcheck" "$work/onpath/sockcheck"
[ "$(PATH="$work/onpath:$PATH" sockcheck --print-data-dir)" = "$work/moved/share/sockcheck" ] ||
    fail "through a symlink on PATH: $(PATH="$work/onpath:$PATH" sockcheck --print-data-dir 2>&1)"
[ "$("$sc" --print-data-dir)" = "$src/rules" ] || fail "build-tree --print-data-dir: $("$sc" --print-data-dir 2>&1)"
rm -rf "$work/moved/share/sockcheck"
"$work/moved/bin/sockcheck" --print-data-dir >"$work/none.out" 2>"$work/none.err"
rc=$?
[ $rc -eq 2 ] || fail "no data directory: exit $rc, expected 2"
grep -q 'no data directory' "$work/none.err" || fail "no data directory: no message: $(cat "$work/none.err")"

# The installed man page renders where man looks for it, and with man -l.
MANWIDTH=80 man -l "$work/moved/share/man/man1/sockcheck.1" >"$work/man.txt" 2>&1 || fail "man -l failed: $(cat "$work/man.txt")"
grep -q 'SOCKCHECK(1)' "$work/man.txt" || fail "man -l rendered no title"
MANWIDTH=80 MANPATH="$work/moved/share/man" man sockcheck >"$work/man2.txt" 2>&1 || fail "man sockcheck with MANPATH failed: $(cat "$work/man2.txt")"

[ $failures -eq 0 ] && echo "install: ok"
[ $failures -eq 0 ]
