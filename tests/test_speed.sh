#!/bin/sh
# Speed features as users see them (issue 7): -j1 and -jN give the same bytes, skipping (the
# default) gives the findings of --no-skip (tests/test_skip.sh compares every testdata case), a warm cache parses nothing and changes nothing in the output,
# a unit past --unit-timeout is reported while the rest completes, and the progress line
# shows on a terminal only. Called by ctest as: test_speed.sh SOCKCHECK SOURCE_DIR
set -u
sc=$1
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
has() { grep -q -- "$2" "$1" || fail "$1 lacks: $2 ($(head -c 300 "$1"))"; }
cd "$src"

# -j1 and -j4, skipping and --no-skip: byte-identical reports in every format (SARIF records
# the command line, which differs: that line is left out of the comparison; JSON counts the
# units skipped).
for fmt in text json sarif; do
  "$sc" --no-cache -j1 --root "$src" --format $fmt testdata/rules 2>/dev/null |
    grep -v '"-j1",' >"$work/j1.$fmt"
  "$sc" --no-cache -j4 --root "$src" --format $fmt testdata/rules 2>/dev/null |
    grep -v '"-j4",' >"$work/j4.$fmt"
  "$sc" --no-cache --no-skip --root "$src" --format $fmt testdata/rules 2>/dev/null |
    grep -v '"--no-skip",\|"units_skipped"\|"units_readmitted"' >"$work/noskip.$fmt"
  grep -v '"units_skipped"\|"units_readmitted"' "$work/j1.$fmt" >"$work/j1s.$fmt"
  cmp -s "$work/j1.$fmt" "$work/j4.$fmt" || fail "$fmt: -j1 and -j4 differ"
  cmp -s "$work/j1s.$fmt" "$work/noskip.$fmt" || fail "$fmt: skipping and --no-skip differ"
done
grep -q '"rule_id"' "$work/j1.json" || fail "testdata gave no finding to compare"

# A project where one unit cannot matter: it is skipped (--skip, the default, is accepted),
# the report is the same.
mkdir -p "$work/proj"
cp examples/server.c "$work/proj/server.c"
printf 'int add(int a, int b) { return a + b; }\n' >"$work/proj/math.c"
"$sc" --no-cache --skip --stats --root "$work/proj" "$work/proj" >"$work/skip.out" 2>"$work/skip.err"
"$sc" --no-cache --no-skip --stats --root "$work/proj" "$work/proj" >"$work/noskip.out" 2>"$work/noskip.err"
has "$work/skip.err" '1 parsed, 0 from the cache, 1 skipped'
has "$work/noskip.err" '2 parsed, 0 from the cache, 0 skipped'
cmp -s "$work/skip.out" "$work/noskip.out" || fail "--skip changed the report"

# The cache (--no-skip, so that both units are parsed): cold parses, warm parses nothing, the
# report does not change; an edited file is parsed again; --no-cache neither reads nor writes.
cache="$work/cache"
for run in cold warm; do
  "$sc" --no-skip --cache-dir "$cache" --stats --format json --root "$work/proj" "$work/proj" \
    >"$work/$run.json" 2>"$work/$run.err"
done
has "$work/cold.err" '2 parsed, 0 from the cache'
has "$work/warm.err" '0 parsed, 2 from the cache'
cmp -s "$work/cold.json" "$work/warm.json" || fail "a warm run changed the report"
echo '/* edited */' >>"$work/proj/math.c"
"$sc" --no-skip --cache-dir "$cache" --stats --root "$work/proj" "$work/proj" >/dev/null 2>"$work/edit.err"
has "$work/edit.err" '1 parsed, 1 from the cache'
"$sc" --no-cache --cache-dir "$work/unused" --root "$work/proj" "$work/proj" >/dev/null 2>&1
[ -e "$work/unused" ] && fail "--no-cache created the cache directory"
# The default directory follows XDG_CACHE_HOME; an unusable one is a warning, not a failure.
XDG_CACHE_HOME="$work/xdg" "$sc" --root "$work/proj" "$work/proj" >/dev/null 2>&1
[ -d "$work/xdg/sockcheck" ] || fail "no cache under \$XDG_CACHE_HOME/sockcheck"
: >"$work/file"
"$sc" --cache-dir "$work/file/sub" --root "$work/proj" "$work/proj" >"$work/bad.out" 2>"$work/bad.err"
[ $? -eq 1 ] || fail "an unusable cache directory changed the exit status"
has "$work/bad.err" 'warning: the facts cache is not used: cannot use the cache directory'

# --unit-timeout: a unit whose macros expand without end is given up; the other unit is
# analysed and reported; the run ends soon after the limit (--no-skip: the slow unit names
# no socket function, and would be skipped).
python3 - "$work/slow/slow.c" <<'PY'
import os, sys
os.makedirs(os.path.dirname(sys.argv[1]), exist_ok=True)
lines = ["#define E0(x) x"] + [f"#define E{i}(x) E{i-1}(E{i-1}(x))" for i in range(1, 61)]
open(sys.argv[1], "w").write("\n".join(lines) + "\nint v = E60(1);\n")
PY
cp examples/server.c "$work/slow/server.c"
start=$(date +%s)
"$sc" --no-cache --no-skip -j2 --unit-timeout 1 --format json --root "$work/slow" "$work/slow" \
  >"$work/timeout.json" 2>"$work/timeout.err"
status=$?
elapsed=$(($(date +%s) - start))
[ $status -eq 2 ] || fail "timeout: exit status $status, expected 2"
has "$work/timeout.err" 'slow.c: took longer than 1 s; raise --unit-timeout or exclude it'
has "$work/timeout.json" '"rule_id": "SCK001"'
has "$work/timeout.json" '"fatal": true'
[ "$elapsed" -le 20 ] || fail "timeout: the run took ${elapsed}s with a 1 s limit"

# The progress line: on a terminal, for a run over a second, erased at the end; never when
# stderr is not a terminal, never with a machine format.
cat >"$work/run_in_pty.py" <<'PY'
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm"
    os.execv(sys.argv[2], sys.argv[2:])
out = b""
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
os.waitpid(pid, 0)
open(sys.argv[1], "wb").write(out)
PY
python3 "$work/run_in_pty.py" "$work/tty.out" "$sc" --no-cache --no-skip -j1 --unit-timeout 2 --root "$work/slow" "$work/slow/slow.c"
python3 - "$work/tty.out" <<'PY' || fail "no progress line on a terminal: $(od -c "$work/tty.out" | head -5)"
import sys
out = open(sys.argv[1], "rb").read()
assert b"\r[0/1] slow.c\x1b[K" in out, out
assert b"\r\x1b[K" in out[out.rindex(b"slow.c\x1b[K"):], out  # erased before the report
PY
python3 "$work/run_in_pty.py" "$work/ttyjson.out" "$sc" --no-cache --no-skip -j1 --unit-timeout 2 --format json --root "$work/slow" "$work/slow/slow.c"
grep -q "$(printf '\033')\[K" "$work/ttyjson.out" && fail "progress line with --format json"
grep -q "$(printf '\033')\[K" "$work/timeout.err" && fail "progress line on a stderr that is not a terminal"

if [ $failures -ne 0 ]; then
  echo "speed: $failures failure(s)"
  exit 1
fi
echo "speed: ok"
