#!/bin/sh
# Everyday use, end to end (issue 4): the configuration file, --enable/--disable/--fail-on,
# each suppression form, unused and refused suppressions, fingerprints that survive edits,
# the baseline round trip, --diff and --fix, -q and colour.
# Called by ctest as: test_everyday.sh SOCKCHECK SOURCE_DIR
set -u
sc=$1
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# run NAME EXPECTED-STATUS ARGS...: in the project, output in $work/NAME.out and .err
run() {
  name=$1 want=$2; shift 2
  (cd "$proj" && "$sc" --root "$proj" "$@") >"$work/$name.out" 2>"$work/$name.err"
  got=$?
  [ "$got" -eq "$want" ] || fail "$name: exit status $got, expected $want ($(head -c 400 "$work/$name.err"))"
}
has() { grep -q -- "$2" "$work/$1" || fail "$1 lacks: $2"; }
hasnt() { if grep -q -- "$2" "$work/$1"; then fail "$1 has: $2"; fi; }
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$work/$1"; }

proj=$work/proj
mkdir -p "$proj/src/sub" "$proj/vendor"
server=$src/testdata/rules/SCK001/plain_server.c
cp "$server" "$proj/src/server.c"
cp "$server" "$proj/vendor/lib.c"

# ---- configuration --------------------------------------------------------------------------
run plain 1 src vendor
[ "$(grep -c '\[SCK001\]' "$work/plain.out")" -eq 2 ] || fail "plain: expected two SCK001"
has plain.out '^2 warnings in 2 files (2 files analysed)$'

# Found by walking up from the first PATH: levels, exclude.
cat >"$proj/.sockcheck.json" <<'J'
{
  "rules": {"missing-reuseaddr": "error"},
  "exclude": ["vendor"]
}
J
run config 1 src/sub/../ vendor
has config.out '^src/server.c:25:9: error: .*\[SCK001\]$'
hasnt config.out 'vendor/lib.c'
has config.out '(1 file analysed)'
run config_fail_on 1 --fail-on error src
run no_config 1 --no-config src
has no_config.out 'warning: .*\[SCK001\]'
# --config FILE wins over the search; compiler_args reach every unit.
sed 's/htons(port)/htons(PORT_FROM_CONFIG)/; s/(unsigned short port)/(void)/; s/open_listener(8080)/open_listener()/' \
  "$server" >"$proj/src/sub/needs_define.c"
cat >"$work/args.json" <<'J'
{"compiler_args": ["-DPORT_FROM_CONFIG=8080"], "include": ["src/sub"]}
J
run config_args 1 --config "$work/args.json" src
has config_args.out 'src/sub/needs_define.c:.*\[SCK001\]'
hasnt config_args.out 'src/server.c'
if grep -q 'compile error' "$work/config_args.err"; then fail "config_args: compiler_args not applied"; fi
run config_args_missing 1 --no-config src/sub
has config_args_missing.err 'compile error'
rm "$proj/src/sub/needs_define.c"

# Errors name the file, the key and the line, and stop the run with status 2.
printf '{\n  "rules": {\n    "SCK001": "off",\n    "SCK999": "off"\n  }\n}\n' >"$proj/.sockcheck.json"
run config_bad_rule 2 src
has config_bad_rule.err '^sockcheck: error: .sockcheck.json:4: "rules"."SCK999": unknown rule'
printf '{\n  "exclude": ["src/[ab"]\n}\n' >"$proj/.sockcheck.json"
run config_bad_glob 2 src
has config_bad_glob.err '.sockcheck.json:2: "exclude"\[0\]: malformed glob'
printf '{\n  "rulez": {}\n}\n' >"$proj/.sockcheck.json"
run config_bad_key 2 --format json src
has config_bad_key.err '.sockcheck.json:2: .*unknown key "rulez"'
[ "$(json config_bad_key.out 'd["errors"][0]["kind"]')" = configuration ] ||
  fail "config_bad_key: the JSON error is not of kind configuration"
printf '{"rules": ' >"$proj/.sockcheck.json"
run config_syntax 2 src
has config_syntax.err '.sockcheck.json:1: not valid JSON'
run config_missing 2 --config "$work/nope.json" src
has config_missing.err 'nope.json'
rm "$proj/.sockcheck.json"

# ---- --enable, --disable, --fail-on ---------------------------------------------------------
run disable 0 --disable SCK001 src
has disable.out '^no findings (1 file analysed)$'
run disable_name 0 --disable missing-reuseaddr src
run reenable 1 --disable all --enable sck001 src
run unknown_rule 2 --enable SCK001,no-such-rule src
has unknown_rule.err "unknown rule 'no-such-rule'"
run fail_on_error 0 --fail-on error src
run fail_on_note 1 --fail-on note src
run bad_fail_on 2 --fail-on fatal src

# ---- suppressions ---------------------------------------------------------------------------
mkdir -p "$proj/sup"
sed 's|{ /\* expect: SCK001 \*/|{ // sockcheck: ignore[SCK001] fixed test port|' "$server" >"$proj/sup/line.c"
sed 's|^\(    if (bind(fd\)|    /* sockcheck: ignore[missing-reuseaddr, SCK001] demo */\n\1|' "$server" >"$proj/sup/above.c"
sed 's|^\(    if (bind(fd\)|    // sockcheck: ignore[SCK001] too far\n\n\1|' "$server" >"$proj/sup/too_far.c"
sed 's|{ /\* expect: SCK001 \*/|{ // sockcheck: ignore|' "$server" >"$proj/sup/bare.c"
run suppress 1 sup
hasnt suppress.out 'sup/line.c:.*SCK001'
hasnt suppress.out 'sup/above.c:.*SCK001'
has suppress.out 'sup/too_far.c:27:9: warning: .*\[SCK001\]$'
has suppress.out 'sup/too_far.c:25:5: note: This suppression of SCK001 (missing-reuseaddr) matches no finding on its line or the next; remove it. \[SCK000\]$'
has suppress.out 'sup/bare.c:25:9: warning: .*\[SCK001\]$'
has suppress.err "^sockcheck: warning: sup/bare.c:25:67: a bare 'sockcheck: ignore' is refused"
has suppress.out '2 suppressed; 1 suppression comment refused$'
run suppress_json 1 --format json sup
[ "$(json suppress_json.out '[f["justification"] for f in d["findings"] if f["suppressed"]]')" = \
  "['demo', 'fixed test port']" ] || fail "suppress_json: suppressed findings or reasons wrong"
run suppress_sck000_off 1 --disable SCK000 sup
hasnt suppress_sck000_off.out 'SCK000'

# ---- fingerprints survive unrelated edits --------------------------------------------------
run fp_before 1 --no-config --format sarif src/server.c
{ i=0; while [ $i -lt 20 ]; do echo "/* an unrelated line $i */"; i=$((i + 1)); done; cat "$server"; } \
  >"$proj/src/server.c"
run fp_after 1 --no-config --format sarif src/server.c
fps() { json "$1" '[(r["partialFingerprints"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in d["runs"][0]["results"]]'; }
before=$(fps fp_before.out) after=$(fps fp_after.out)
[ "$(echo "$before" | sed 's/, [0-9]*)/)/g')" = "$(echo "$after" | sed 's/, [0-9]*)/)/g')" ] ||
  fail "fingerprints changed when 20 lines were inserted above: $before / $after"
[ "$before" != "$after" ] || fail "the line did not move (the test proves nothing)"
cp "$server" "$proj/src/server.c"

# ---- baseline round trip -----------------------------------------------------------------
run write_baseline 0 --write-baseline "$work/base.json" src vendor
[ -s "$work/base.json" ] || fail "write_baseline wrote nothing"
has write_baseline.out '\[SCK001\]'
run baseline_same 0 --baseline "$work/base.json" src vendor
has baseline_same.out '^no findings (2 files analysed); 2 in the baseline$'
cp "$server" "$proj/src/another.c"
run baseline_new 1 --baseline "$work/base.json" src vendor
has baseline_new.out '^src/another.c:25:9: warning'
hasnt baseline_new.out 'src/server.c:'
has baseline_new.out '^1 warning in 1 file (3 files analysed); 2 in the baseline$'
run baseline_sarif_write 1 --format sarif -o "$work/base.sarif" src vendor
run baseline_from_sarif 0 --baseline "$work/base.sarif" src vendor
run baseline_json 1 --format json --baseline "$work/base.json" src
[ "$(json baseline_json.out '[f["baseline_state"] for f in d["findings"]]')" = "['new', 'unchanged']" ] ||
  fail "baseline_json: states wrong"
[ "$(json baseline_json.out 'd["stats"]["absent"]')" = 1 ] || fail "baseline_json: vendor not absent"
rm "$proj/src/another.c"
echo 'not json' >"$work/bad.json"
run baseline_bad 2 --baseline "$work/bad.json" src
has baseline_bad.err 'bad.json:1: the baseline is not valid JSON'
run baseline_missing 2 --baseline "$work/none.json" src

# ---- fixes --------------------------------------------------------------------------------
mkdir -p "$proj/fix"
cp "$src/testdata/rules/SCK001/fix_tabs_no_stdio.c" "$proj/fix/tabs.c"
cp "$server" "$proj/fix/server.c"
chmod 640 "$proj/fix/server.c"
sum_before=$(cat "$proj"/fix/*.c | cksum)
run diff 1 --diff fix
[ "$(cat "$proj"/fix/*.c | cksum)" = "$sum_before" ] || fail "--diff changed a file"
has diff.out '^--- a/fix/server.c$'
has diff.out '^+++ b/fix/tabs.c$'
has diff.out '^+#include <stdio.h>$'
has diff.out '^+    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &(int){1}, sizeof(int)) < 0)$'
# The diff is one that git apply (like patch -p1) accepts, and gives what --fix writes.
mkdir -p "$work/p"
cp -r "$proj/fix" "$work/p/fix"
(cd "$work/p" && git apply "$work/diff.out") || fail "git apply refused the diff"
run fix 0 --fix fix
has fix.err 'applied 2 fixes to 2 files'
has fix.out '^no findings (2 files analysed)$'
[ "$(stat -c %a "$proj/fix/server.c")" = 640 ] || fail "--fix did not keep the file's mode"
cmp -s "$proj/fix/tabs.c" "$src/testdata/rules/SCK001/fix_tabs_no_stdio.fixed.c" ||
  fail "--fix on tabs.c differs from fix_tabs_no_stdio.fixed.c"
cmp -s "$proj/fix/server.c" "$work/p/fix/server.c" || fail "--fix and the patched --diff differ"
for f in "$proj"/fix/*.c; do
  clang -fsyntax-only -Wall "$f" 2>"$work/cc.err" || fail "fixed $f does not compile: $(cat "$work/cc.err")"
done
ls "$proj"/fix | grep -q sockcheck- && fail "--fix left a temporary file"
# A file outside the root is not touched.
mkdir -p "$work/outside"
cp "$server" "$work/outside/o.c"
(cd "$proj" && "$sc" --root "$proj/fix" --fix "$work/outside/o.c") >"$work/outside.out" 2>"$work/outside.err"
has outside.err 'not fixed: it is outside the project root'
cmp -s "$server" "$work/outside/o.c" || fail "--fix changed a file outside the root"
run fix_and_diff 2 --fix --diff fix
# A run that could not analyse everything changes nothing.
mkdir -p "$proj/broken/build"
cp "$server" "$proj/broken/ok.c"
cat >"$proj/broken/build/compile_commands.json" <<J
[{"directory": "$proj/broken", "file": "ok.c", "arguments": ["cc", "-c", "ok.c"]},
 {"directory": "$proj/broken", "file": "gone.c", "arguments": ["cc", "-c", "gone.c"]}]
J
run fix_broken 2 --fix -p broken/build
has fix_broken.err 'no fixes applied'
cmp -s "$server" "$proj/broken/ok.c" || fail "--fix changed a file in a run that failed"

# ---- text polish: -q, colour on a terminal only -------------------------------------------
run quiet 1 -q src
hasnt quiet.out 'analysed'
has quiet.out '\[SCK001\]'
tty_run() {
  python3 - "$sc" "$proj" "$@" <<'PY'
import os, pty, subprocess, sys
sc, proj, env_no_color = sys.argv[1], sys.argv[2], sys.argv[3:]
env = dict(os.environ)
env.pop("NO_COLOR", None)
for kv in env_no_color:
    k, v = kv.split("=", 1); env[k] = v
master, slave = pty.openpty()
p = subprocess.Popen([sc, "--root", proj, "src"], cwd=proj, stdout=slave, stderr=subprocess.DEVNULL, env=env)
os.close(slave)
out = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
p.wait()
sys.stdout.write("escapes" if b"\x1b[" in out else "plain")
PY
}
[ "$(tty_run)" = escapes ] || fail "no colour on a terminal"
[ "$(tty_run NO_COLOR=1)" = plain ] || fail "colour on a terminal despite NO_COLOR"
run pipe 1 src
if grep -q "$(printf '\033')" "$work/pipe.out"; then fail "colour when not on a terminal"; fi

if [ $failures -ne 0 ]; then
  echo "everyday: $failures failure(s)"
  exit 1
fi
echo "everyday: ok"
