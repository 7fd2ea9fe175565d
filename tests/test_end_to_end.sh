#!/bin/sh
# The sockcheck binary as users run it: the README's example, exit statuses, -p with a
# compilation database, units that fail, -o, and byte-identical output across runs and
# working directories. Called by ctest as: test_end_to_end.sh SOCKCHECK SOURCE_DIR
set -u
sc=$1
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# run NAME EXPECTED-STATUS ARGS...: output in $work/NAME.out and .err
run() {
  name=$1 want=$2; shift 2
  "$sc" "$@" >"$work/$name.out" 2>"$work/$name.err"
  got=$?
  [ "$got" -eq "$want" ] || fail "$name: exit status $got, expected $want ($(head -c 400 "$work/$name.err"))"
}
has() { grep -q -- "$2" "$work/$1" || fail "$1 lacks: $2"; }

# The README's quick start: one finding on the bundled example, with caret and notes.
cd "$src"
run example 1 --root "$src" examples/server.c
has example.out '^examples/server.c:[0-9]*:[0-9]*: warning: .*SO_REUSEADDR.* \[SCK001\]$'
has example.out '^ *[0-9]* | .*bind('
has example.out '^ *| *\^~'
has example.out 'note: socket created here'
has example.out 'note: listen() makes it a listening socket here'
has example.out '^1 warning in 1 file (1 file analysed)$'
[ "$(grep -c '\[SCK001\]' "$work/example.out")" -eq 1 ] || fail "example: expected exactly one SCK001"

# A clean server exits 0; usage errors and missing files exit 2 with a message.
run clean 0 --root "$src" testdata/rules/SCK001/reuse_before_bind.c
has clean.out '^no findings (1 file analysed)$'
run badopt 2 --frobnicate
has badopt.err 'frobnicate'
run missing 2 --root "$src" "$work/no-such-file.c"
has missing.err 'no-such-file.c'
run noinput 2
has noinput.err 'no input'

# -p DIR: flags from the compilation database (the port macro only exists with -D), relative
# "directory", a stale entry for a deleted file (exit 2, the other unit still analysed).
mkdir -p "$work/proj/src" "$work/proj/build"
cat >"$work/proj/src/server.c" <<'C'
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
int main(void)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&sa, 0, sizeof sa);
    sa.sin_port = htons(SERVER_PORT);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        return 1;
    return listen(fd, 5);
}
C
cat >"$work/proj/build/compile_commands.json" <<'J'
[
  {"directory": "..", "file": "src/server.c",
   "command": "cc -DSERVER_PORT=8080 -Wall \"-I include dir\" -c src/server.c -o server.o"}
]
J
run compdb 1 --root "$work/proj" -p "$work/proj/build"
has compdb.out '^src/server.c:10:9: warning: .*\[SCK001\]$'
if grep -q 'compile error' "$work/compdb.err"; then fail "compdb: flags not applied: $(cat "$work/compdb.err")"; fi
run compdb_narrow 0 --root "$work/proj" -p "$work/proj/build" "$work/proj/build"
cat >"$work/proj/build/compile_commands.json" <<'J'
[
  {"directory": "..", "file": "src/gone.c", "arguments": ["cc", "-c", "src/gone.c"]},
  {"directory": "..", "file": "src/server.c", "arguments": ["cc", "-DSERVER_PORT=1", "-c", "src/server.c"]}
]
J
run stale 2 --root "$work/proj" -p "$work/proj/build" --format json
has stale.err 'gone.c'
has stale.out '"rule_id": *"SCK001"'
has stale.out '"fatal": *true'
# A unit libclang cannot parse at all (refused flags): exit 2, the other unit still analysed.
cp "$work/proj/src/server.c" "$work/proj/src/other.c"
cat >"$work/proj/build/compile_commands.json" <<'J'
[
  {"directory": "..", "file": "src/other.c", "arguments": ["cc", "-std=c99999", "-c", "src/other.c"]},
  {"directory": "..", "file": "src/server.c", "arguments": ["cc", "-DSERVER_PORT=1", "-c", "src/server.c"]}
]
J
run unparsable 2 --root "$work/proj" -p "$work/proj/build" --format sarif
has unparsable.err 'src/other.c: libclang could not parse the file'
has unparsable.out '"ruleId": "SCK001"'
has unparsable.out '"executionSuccessful": false'
echo 'not json' >"$work/proj/build/compile_commands.json"
run badcompdb 2 -p "$work/proj/build"
has badcompdb.err 'compile_commands.json'

# PATHs with -p narrow what is reported, not what is analysed: bind_any() in bindutil.c is
# known when only server.c is checked (the pre-commit case), and its finding is in server.c.
proj=testdata/projects/helper_binds_given_socket
run narrow_server 1 --root "$src" -p "$proj" "$proj/server.c"
has narrow_server.out "^$proj/server.c:26:9: warning: .*bind_any().*\[SCK001\]$"
run narrow_helper 0 --root "$src" -p "$proj" "$proj/bindutil.c"
has narrow_helper.out '^no findings (2 files analysed)$'

# API models from .sockcheck.json: a library call with no body that binds and listens the
# socket it is given. With reuse in its model: clean; without: SCK001 at the call.
mkdir -p "$work/models"
printf '#include <sys/socket.h>\nint lib_listen(int fd, int port);\nint main(void)\n{\n    int fd = socket(AF_INET, SOCK_STREAM, 0);\n    return lib_listen(fd, 80);\n}\n' >"$work/models/server.c"
echo '{"models": [{"function": "lib_listen", "effects": [{"socket": "arg0", "actions": ["enable_reuse", "bind", "listen"]}]}]}' >"$work/models/.sockcheck.json"
run model_reuse 0 --root "$work/models" "$work/models/server.c"
echo '{"models": [{"function": "lib_listen", "effects": [{"socket": "arg0", "actions": ["bind", "listen"]}]}]}' >"$work/models/.sockcheck.json"
run model_bare 1 --root "$work/models" "$work/models/server.c"
has model_bare.out '^server.c:6:12: warning: .*lib_listen().*\[SCK001\]$'
echo '{"models": [{"function": "lib_listen", "effects": [{"socket": "arg0", "actions": ["fly"]}]}]}' >"$work/models/.sockcheck.json"
run model_bad 2 --root "$work/models" "$work/models/server.c"
has model_bad.err "unknown action 'fly'"

# Compile errors are reported, not fatal: the unit is still analysed.
printf '#include "nowhere.h"\n#include <sys/socket.h>\nint f(void) { int fd = socket(AF_INET, SOCK_STREAM, 0);\n  bind(fd, 0, 0); return listen(fd, 1); }\n' >"$work/broken.c"
run broken 1 --root "$work" "$work/broken.c"
has broken.err 'nowhere.h'
has broken.out 'broken.c:4:3: warning'

# -o FILE, and the same bytes whatever the run and the working directory.
run out_file 1 --root "$src" -o "$work/report.json" --format json testdata/rules/SCK001
[ -s "$work/report.json" ] || fail "-o wrote nothing"
[ ! -s "$work/out_file.out" ] || fail "-o also wrote to stdout"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/report.json" || fail "-o json is not JSON"
for fmt in text json sarif; do
  "$sc" --root "$src" --format $fmt testdata/rules/SCK001 >"$work/a.$fmt" 2>/dev/null
  (cd / && "$sc" --root "$src" --format $fmt "$src/testdata/rules/SCK001" >"$work/b.$fmt" 2>/dev/null)
  cmp -s "$work/a.$fmt" "$work/b.$fmt" || fail "$fmt output differs between runs/working directories"
done
grep -q "$src" "$work/a.sarif" && fail "sarif output contains the absolute root path"

# --list-rules and --version
run list 0 --list-rules
has list.out '^SCK001 *missing-reuseaddr *warning'
run listjson 0 --list-rules --format json
has listjson.out '"id":[[:space:]]*"SCK001"'
run version 0 --version
has version.out '^sockcheck [0-9]*\.[0-9]*\.[0-9]*'

if [ $failures -ne 0 ]; then
  echo "end-to-end: $failures failure(s)"
  exit 1
fi
echo "end-to-end: ok"
