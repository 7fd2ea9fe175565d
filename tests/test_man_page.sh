#!/bin/sh
# man/sockcheck.1 kept in step with the binary: every option and format that --help lists is
# documented, the version in the title is the binary's, and the page renders with man -l and
# groff without warnings. Called by ctest as: test_man_page.sh SOCKCHECK SOURCE_DIR
set -u
sc=$1
page=$2/man/sockcheck.1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -f "$page" ] || { echo "FAIL: no $page"; exit 1; }
"$sc" --help >"$work/help" || fail "sockcheck --help exited $?"

# The options: every -x / --long-name at the start of an option line of --help, and "--".
sed -n '/^Options:/,/^$/p' "$work/help" |
  grep -oE '^ +(-[a-zA-Z], )?--?[a-z][a-z-]*' | grep -oE -- '--?[a-z][a-z-]*' | sort -u >"$work/options"
[ "$(wc -l <"$work/options")" -ge 8 ] || fail "found only $(wc -l <"$work/options") options in --help"
grep -q '^  --  ' "$work/help" && echo "--" >>"$work/options"

# The page's source with roff escapes undone: \- is "-", font changes vanish.
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$page" >"$work/plain"
while read -r opt; do
  grep -qE -- "(^|[^a-z-])$opt([^a-z-]|\$)" "$work/plain" || fail "option $opt of --help is not in the man page"
done <"$work/options"

# Every --format value, with a paragraph of its own under OUTPUT FORMATS.
formats=$(grep -oE -- '--format FORMAT +[a-z, ]+' "$work/help" | sed 's/--format FORMAT//')
for f in text json sarif github gitlab; do
  echo "$formats $(grep -A1 -- '--format FORMAT' "$work/help")" | grep -qw "$f" || fail "--help does not list format $f"
  awk '/^\.SH OUTPUT FORMATS/{on=1; next} /^\.SH/{on=0} on && prev==".TP" {print} {prev=$0}' "$page" |
    grep -qx ".B $f" || fail "format $f has no entry under OUTPUT FORMATS"
done

# The version in the title is the binary's.
version=$("$sc" --version | awk '{print $2}')
grep -q "^\.TH SOCKCHECK 1 .*\"sockcheck $version\"" "$page" || fail "the .TH line does not say sockcheck $version"

# It renders: man -l (what users run on a file) and groff with all warnings on.
if command -v man >/dev/null 2>&1; then
  MANWIDTH=80 man -l "$page" >"$work/rendered" 2>"$work/man.err" || fail "man -l exited non-zero: $(cat "$work/man.err")"
  grep -q 'SOCKCHECK(1)' "$work/rendered" || fail "man -l rendered no title"
  grep -q 'EXIT STATUS' "$work/rendered" || fail "man -l rendered no EXIT STATUS section"
else
  fail "man is not installed (scripts/bootstrap installs man-db)"
fi
if command -v groff >/dev/null 2>&1; then
  groff -man -ww -z "$page" 2>"$work/groff.err"
  [ -s "$work/groff.err" ] && fail "groff warnings: $(cat "$work/groff.err")"
fi

[ $failures -eq 0 ] && echo "man page: ok ($(wc -l <"$work/options") options checked)"
[ $failures -eq 0 ]
