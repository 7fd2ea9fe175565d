#!/bin/sh
# SARIF output against the SARIF Multitool (schema, SARIF rules, GitHub ingestion rules) and the
# JSON schema, through /work/shared/sarif/validate (REQUIREMENTS §2.4). Called by ctest as
#   test_sarif_validate.sh SOCKCHECK_BINARY SOURCE_DIR
# It checks:
#   1. the fixture of tests/check_report.c (findings, related locations, a code flow, a
#      problem of each kind), written through SOCKCHECK_SARIF_FIXTURE_OUT, and those of
#      tests/check_report_sarif.c (suppressions, baseline states, fixes, overrides,
#      configuration notifications, timestamps), written through SOCKCHECK_SARIF_EXTRA_OUT;
#   2. sockcheck's own output on testdata/rules, which must also be byte-identical on a
#      second run (exit status 0 or 1; 2 means the tool failed);
#   3. every other kind of log the tool writes: with suppressions (used, stale, refused),
#      with a baseline (new, unchanged, absent), with --sarif-suppressed=omit, with fixes,
#      with an invalid configuration or an unknown --enable rule, with timestamps. Besides
#      the validator, a script checks what no validator does (REQUIREMENTS §2.1).
# Exits non-zero on any problem. The validator installs its npm packages on first use.
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 SOCKCHECK_BINARY SOURCE_DIR" >&2
    exit 2
fi
bin=$1
src=$2

validate=$src/../shared/sarif/validate
[ -x "$validate" ] || validate=/work/shared/sarif/validate
if [ ! -x "$validate" ]; then
    echo "FAIL: no SARIF validator beside the source tree nor in /work/shared/sarif" >&2
    exit 1
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0
fail() {
    echo "FAIL: $*" >&2
    status=1
}

# Runs the validator on one file; its own report says what is wrong.
check_valid() {
    if ! "$validate" "$1"; then
        fail "$2 is not valid SARIF (see above)"
    fi
}

# 1. The reporter fixture, from the Check suite next to the binary.
check_report=$(dirname "$bin")/tests/check_report
if [ -x "$check_report" ]; then
    # Its own assertions may fail and the fixture still be written: validate it either way.
    if ! SOCKCHECK_SARIF_FIXTURE_OUT=$tmp/fixture.sarif CK_RUN_CASE=sarif CK_FORK=no \
        "$check_report" >"$tmp/check_report.log" 2>&1; then
        cat "$tmp/check_report.log" >&2
        fail "check_report failed"
    fi
    if [ -s "$tmp/fixture.sarif" ]; then
        check_valid "$tmp/fixture.sarif" "the check_report fixture"
    else
        fail "check_report wrote no fixture to SOCKCHECK_SARIF_FIXTURE_OUT"
    fi
else
    fail "$check_report not found (build the tests)"
fi

# 1b. The fixtures of tests/check_report_sarif.c.
check_report_sarif=$(dirname "$bin")/tests/check_report_sarif
if [ -x "$check_report_sarif" ]; then
    mkdir -p "$tmp/extra"
    if ! SOCKCHECK_SARIF_EXTRA_OUT=$tmp/extra CK_FORK=no "$check_report_sarif" \
        >"$tmp/check_report_sarif.log" 2>&1; then
        cat "$tmp/check_report_sarif.log" >&2
        fail "check_report_sarif failed"
    fi
    n=0
    for f in "$tmp"/extra/*.sarif; do
        [ -f "$f" ] || continue
        n=$((n + 1))
        check_valid "$f" "the check_report_sarif fixture $(basename "$f")"
    done
    [ "$n" -ge 4 ] || fail "check_report_sarif wrote $n fixtures, expected at least 4"
else
    fail "$check_report_sarif not found (build the tests)"
fi

# 2. sockcheck itself on the rule testdata. Each run writes "all.sarif" in a directory of its
# own, so that the command line recorded in invocations.arguments is the same both times.
run_sockcheck() {
    mkdir -p "$(dirname "$1")"
    (cd "$(dirname "$1")" &&
        "$bin" --format sarif --root "$src" -o all.sarif "$src/testdata/rules") 2>"$tmp/stderr"
    rc=$?
    if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
        cat "$tmp/stderr" >&2
        fail "sockcheck exited with status $rc"
        return 1
    fi
    if [ ! -s "$1" ]; then
        fail "sockcheck wrote no SARIF to $1"
        return 1
    fi
    return 0
}

if run_sockcheck "$tmp/first/all.sarif"; then
    check_valid "$tmp/first/all.sarif" "sockcheck's output on testdata/rules"
    if run_sockcheck "$tmp/second/all.sarif"; then
        if ! cmp -s "$tmp/first/all.sarif" "$tmp/second/all.sarif"; then
            diff "$tmp/first/all.sarif" "$tmp/second/all.sarif" | head -20 >&2
            fail "two runs gave different SARIF"
        fi
    fi
    # Files under the root are relative to %SRCROOT%, never file: URIs of this machine.
    # (invocations.arguments holds the command line as given, absolute paths included.)
    root_abs=$(cd "$src" && pwd -P)
    if grep -q -F "\"file://$root_abs" "$tmp/first/all.sarif"; then
        fail "the SARIF names files under the root by absolute URI"
    fi
fi

# 3. Every other kind of log, from a small project of its own.
# assert_log FILE: what no validator checks (REQUIREMENTS §2.1): ruleId and ruleIndex agree;
# columnKind is there when there are results; suppressions and baselineState are on every
# result or on none; snippets are the text of their region; fix insertions are zero-length;
# artifact indexes name the artifact's uri.
assert_log() {
    python3 - "$1" "$proj" <<'PY' || fail "$1: the checks no validator makes failed (see above)"
import json, sys, os, urllib.parse
log = json.load(open(sys.argv[1])); root = sys.argv[2]; bad = []
def utf16_to_byte(line, col):
    units = 0
    for i, ch in enumerate(line):
        if units + 1 >= col:
            return len(line[:i].encode())
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(line.encode()) + (col - 1 - units)
for run in log["runs"]:
    rules = run["tool"]["driver"]["rules"]
    results = run.get("results", [])
    arts = run.get("artifacts", [])
    if results and run.get("columnKind") != "utf16CodeUnits":
        bad.append("columnKind missing")
    for key in ("suppressions", "baselineState"):
        has = [key in r for r in results]
        if any(has) and not all(has):
            bad.append(key + " on some results only")
    def walk(node):
        if isinstance(node, dict):
            al = node.get("artifactLocation")
            if isinstance(al, dict) and "index" in al and arts[al["index"]]["location"]["uri"] != al["uri"]:
                bad.append("artifact index %d does not name %s" % (al["index"], al["uri"]))
            for v in node.values(): walk(v)
        elif isinstance(node, list):
            for v in node: walk(v)
    walk(results)
    for r in results:
        if rules[r["ruleIndex"]]["id"] != r["ruleId"]:
            bad.append("ruleIndex %d is not %s" % (r["ruleIndex"], r["ruleId"]))
        phys = r["locations"][0]["physicalLocation"]; reg = phys.get("region", {})
        if "snippet" in reg:
            path = os.path.join(root, urllib.parse.unquote(phys["artifactLocation"]["uri"]))
            line = open(path, encoding="utf-8", errors="replace").read().split("\n")[reg["startLine"] - 1]
            raw = line.encode()
            a = utf16_to_byte(line, reg["startColumn"]); b = utf16_to_byte(line, reg["endColumn"])
            if raw[a:b].decode() != reg["snippet"]["text"]:
                bad.append("snippet %r is not %r" % (reg["snippet"]["text"], raw[a:b].decode()))
        for fix in r.get("fixes", []):
            for ch in fix["artifactChanges"]:
                for rep in ch["replacements"]:
                    d = rep["deletedRegion"]
                    if "endColumn" not in d or "endLine" not in d:
                        bad.append("a replacement without an end (it would delete to the end of the line)")
for b in bad: print("  " + b)
sys.exit(1 if bad else 0)
PY
}

# run_log NAME STATUS ARGS...: sockcheck --format sarif ARGS into $tmp/NAME.sarif, with the exit
# status expected, then the validator and assert_log.
run_log() {
    name=$1 want=$2
    shift 2
    (cd "$proj" && "$bin" --format sarif --root "$proj" -o "$tmp/$name.sarif" "$@") 2>"$tmp/$name.err"
    got=$?
    [ "$got" -eq "$want" ] || fail "$name: exit status $got, expected $want: $(head -c 300 "$tmp/$name.err")"
    if [ -s "$tmp/$name.sarif" ]; then
        check_valid "$tmp/$name.sarif" "the $name log"
        assert_log "$tmp/$name.sarif"
    else
        fail "$name: no SARIF written"
    fi
}

proj=$tmp/proj
mkdir -p "$proj/src"
cp "$src/testdata/rules/SCK001/plain_server.c" "$proj/src/server.c"
cp "$src/testdata/rules/SCK001/fix_tabs_no_stdio.c" "$proj/src/tabs.c"
sed 's|{ /\* expect: SCK001 \*/|{ // sockcheck: ignore[SCK001] test fixture: fixed port|' \
    "$src/testdata/rules/SCK001/plain_server.c" >"$proj/src/suppressed.c"
printf '/* \303\251 */ int x; // sockcheck: ignore[SCK001] stale\nint y; // sockcheck: ignore\n' \
    >"$proj/src/stale.c"
run_log suppressions 1 --no-config src
grep -q '"inSource"' "$tmp/suppressions.sarif" || fail "suppressions: no inSource suppression"
grep -q '"SCK000"' "$tmp/suppressions.sarif" || fail "suppressions: no SCK000 result"
grep -q '"SCKN004"' "$tmp/suppressions.sarif" || fail "suppressions: no invalid-suppression notification"
grep -q '"fixes"' "$tmp/suppressions.sarif" || fail "suppressions: no fixes"
run_log omit 1 --no-config --sarif-suppressed=omit src
grep -q '"inSource"' "$tmp/omit.sarif" && fail "omit: a suppressed result was written"
(cd "$proj" && "$bin" --no-config --root "$proj" --write-baseline "$tmp/base.json" src >/dev/null 2>&1)
cp "$proj/src/server.c" "$proj/src/new_server.c"
rm "$proj/src/tabs.c"
run_log baseline 1 --no-config --baseline "$tmp/base.json" src
for state in new unchanged absent; do
    grep -q "\"baselineState\": \"$state\"" "$tmp/baseline.sarif" || fail "baseline: no $state result"
done
run_log baseline_omit 1 --no-config --baseline "$tmp/base.json" --sarif-suppressed=omit src
grep -q '"absent"' "$tmp/baseline_omit.sarif" && fail "baseline_omit: an absent result was written"
run_log timestamps 1 --no-config --sarif-timestamps src
grep -q '"startTimeUtc"' "$tmp/timestamps.sarif" || fail "timestamps: no startTimeUtc"
printf '{\n  "rules": {"SCK001": "loud"}\n}\n' >"$proj/.sockcheck.json"
run_log bad_config 2 src
grep -q '"SCKN003"' "$tmp/bad_config.sarif" || fail "bad_config: no invalid-configuration notification"
printf '{"rules": {"SCK001": "error", "SCK000": "off"}}\n' >"$proj/.sockcheck.json"
run_log config 1 src
grep -q '"ruleConfigurationOverrides"' "$tmp/config.sarif" || fail "config: no overrides"
run_log unknown_rule 2 --no-config --enable SCK404 src

[ $status -eq 0 ] && echo "test_sarif_validate: all SARIF valid"
exit $status
