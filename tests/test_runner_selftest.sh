#!/bin/sh
# Self-test of tests/testdata_runner: builds small testdata trees in a temporary directory and
# checks that the runner fails (naming the right file:line) on every kind of mismatch or bad
# annotation, and passes a correct tree. The sockcheck it drives is a fake shell script that
# prints canned JSON, so this test does not depend on the real analysis.
#
#   test_runner_selftest.sh SOCKCHECK SOURCE_DIR
#
# The runner binary is "$(dirname SOCKCHECK)/tests/testdata_runner" (the build tree layout).
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 SOCKCHECK SOURCE_DIR" >&2
    exit 2
fi
runner="$(dirname "$1")/tests/testdata_runner"
if [ ! -x "$runner" ]; then
    echo "test_runner_selftest: no runner at $runner" >&2
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/runner-selftest.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
failures=0
cases=0

# The fake sockcheck. --list-rules prints rules.json; any other run looks up canned output
# for its target (the file, or the -p directory) under canned/, with "/" turned into "_":
# <key>.json is printed (default: no findings), <key>.stderr goes to standard error and
# <key>.status is the exit status (default 0). It logs its arguments, environment and working
# directory to log/<key>.{args,env,cwd} so that the test can check what the runner passed.
write_fake() {
    cat >"$1" <<'EOF'
#!/bin/sh
here=$(cd "$(dirname "$0")" && pwd)
for a in "$@"; do
    if [ "$a" = --list-rules ]; then
        cat "$here/rules.json"
        exit 0
    fi
done
all="$*"
target=
while [ $# -gt 0 ]; do
    case $1 in
        --format | --root | -p)
            [ "$1" = -p ] && target=$2
            [ $# -ge 2 ] && shift
            shift
            ;;
        --) break ;;
        *) target=$1; shift ;;
    esac
done
key=$(printf '%s' "$target" | tr '/' '_')
mkdir -p "$here/log"
printf '%s\n' "$all" >"$here/log/$key.args"
env >"$here/log/$key.env"
pwd -P >"$here/log/$key.cwd"
if [ -f "$here/canned/$key.stderr" ]; then cat "$here/canned/$key.stderr" >&2; fi
if [ -f "$here/canned/$key.json" ]; then
    cat "$here/canned/$key.json"
else
    echo '{"version":1,"findings":[],"errors":[],"stats":{}}'
fi
if [ -f "$here/canned/$key.status" ]; then exit "$(cat "$here/canned/$key.status")"; fi
exit 0
EOF
    chmod +x "$1"
}

# new_case NAME: a fresh tree $dir with bin/sockcheck and testdata/rules/SCK001/ holding
# pos.c (expect: SCK001 on line 5, with its finding canned) and neg.c (clean).
new_case() {
    cases=$((cases + 1))
    name=$1
    dir="$tmp/$1"
    td="$dir/testdata"
    mkdir -p "$dir/bin/canned" "$td/rules/SCK001"
    write_fake "$dir/bin/sockcheck"
    cat >"$dir/bin/rules.json" <<'EOF'
[{"id":"SCK001","name":"missing-reuseaddr","level":"warning","summary":"s"},
 {"id":"SCK006","name":"reuse-unchecked","level":"note","summary":"s"}]
EOF
    cat >"$td/rules/SCK001/pos.c" <<'EOF'
/* A positive case: the call on line 5 must be reported. */
int bind_here(void);
int f(void)
{
    return bind_here(); /* expect: SCK001 */
}
EOF
    cat >"$td/rules/SCK001/neg.c" <<'EOF'
/* A negative case: nothing to report. */
int g(void)
{
    return 0;
}
EOF
    canned rules/SCK001/pos.c "$(finding SCK001 rules/SCK001/pos.c 5 'bind without reuse')"
}

# finding RULE PATH LINE MESSAGE [RELATED_JSON]: one finding object in the JSON format.
finding() {
    printf '{"rule_id":"%s","rule_name":"r","level":"warning","message":"%s","path":"%s",' \
        "$1" "$4" "$2"
    printf '"line":%s,"column":5,"end_line":%s,"end_column":9,"function":"f",' "$3" "$3"
    printf '"related":[%s],"trace":[],"fix":null,"fingerprint":"0000000000000000"}' "${5:-}"
}

# canned TARGET FINDING_JSON...: the fake's output for TARGET, with these findings.
canned() {
    target=$1
    shift
    key=$(printf '%s' "$target" | tr '/' '_')
    list=$(printf '%s,' "$@")
    printf '{"version":1,"tool":"sockcheck","findings":[%s],"errors":[],"stats":{}}\n' \
        "${list%,}" >"$dir/bin/canned/$key.json"
}

run_runner() {
    # NO_COLOR and FOO must not reach the tool: runs are hermetic.
    NO_COLOR=1 FOO=bar "$runner" "$dir/bin/sockcheck" "$td" >"$dir/out" 2>&1
    rc=$?
}

fail() {
    echo "FAIL [$name] $*"
    sed 's/^/    | /' "$dir/out"
    failures=$((failures + 1))
}

# expect_status 0|1: the runner's exit status must be 0 (pass) or non-zero (fail).
expect_status() {
    if [ "$1" = 0 ] && [ "$rc" -ne 0 ]; then fail "runner exited $rc, expected 0"; fi
    if [ "$1" != 0 ] && [ "$rc" -eq 0 ]; then fail "runner passed, expected a failure"; fi
}

# expect_out TEXT...: every TEXT must appear (fixed string) in the runner's output.
expect_out() {
    for text in "$@"; do
        grep -qF -- "$text" "$dir/out" || fail "output lacks: $text"
    done
}

expect_no_out() {
    for text in "$@"; do
        if grep -qF -- "$text" "$dir/out"; then fail "output should not contain: $text"; fi
    done
}

# ---- a correct tree passes, hermetically -------------------------------------------------
new_case correct_tree
run_runner
expect_status 0
expect_out "PASS rules/SCK001/neg.c" "PASS rules/SCK001/pos.c" \
    "testdata: 2 files, 2 passed, 0 failed, 0 xfail"
if grep -q 'NO_COLOR\|FOO=' "$dir/bin/log/rules_SCK001_pos.c.env"; then
    fail "the tool saw the caller's environment"
fi
grep -q '^PATH=' "$dir/bin/log/rules_SCK001_pos.c.env" || fail "the tool got no PATH"
[ "$(cat "$dir/bin/log/rules_SCK001_pos.c.cwd")" = "$(cd "$td" && pwd -P)" ] ||
    fail "the tool did not run in the testdata directory"
grep -qF -- "--format json --root $(cd "$td" && pwd -P) rules/SCK001/pos.c" \
    "$dir/bin/log/rules_SCK001_pos.c.args" || fail "unexpected arguments: \
$(cat "$dir/bin/log/rules_SCK001_pos.c.args")"

# ---- a finding without annotation ----------------------------------------------------------
new_case unannotated_finding
canned rules/SCK001/neg.c "$(finding SCK001 rules/SCK001/neg.c 4 'stray finding')"
run_runner
expect_status 1
expect_out "FAIL rules/SCK001/neg.c" \
    "rules/SCK001/neg.c:4: unexpected SCK001 finding: stray finding" \
    "testdata: 2 files, 1 passed, 1 failed, 0 xfail"

# ---- an annotation without finding ---------------------------------------------------------
new_case missing_finding
canned rules/SCK001/pos.c
run_runner
expect_status 1
expect_out "FAIL rules/SCK001/pos.c" "rules/SCK001/pos.c:5: expected SCK001, not reported"

# ---- a finding on the wrong line is both unexpected and missing ---------------------------
new_case wrong_line
canned rules/SCK001/pos.c "$(finding SCK001 rules/SCK001/pos.c 4 'one line early')"
run_runner
expect_status 1
expect_out "rules/SCK001/pos.c:5: expected SCK001, not reported" \
    "rules/SCK001/pos.c:4: unexpected SCK001 finding: one line early"

# ---- malformed directives are errors, never silent negatives ------------------------------
# bad_directive NAME TEXT MESSAGE: a file whose line 3 holds the comment TEXT must fail.
bad_directive() {
    new_case "$1"
    printf '/* A file with a bad directive. */\nint h(void);\nint h(void); %s\n' "$2" \
        >"$td/rules/SCK001/bad.c"
    run_runner
    expect_status 1
    expect_out "FAIL rules/SCK001/bad.c"
    grep -F "rules/SCK001/bad.c:3: " "$dir/out" | grep -qF -- "$3" ||
        fail "no line 'rules/SCK001/bad.c:3: ...$3...'"
}
bad_directive expect_without_id '/* expect: */' "'expect:' names no rule"
bad_directive expect_unknown_rule '/* expect: SCK9999 */' "unknown rule 'SCK9999'"
bad_directive expect_name_not_id '// expect: missing-reuseaddr' "unknown rule 'missing-reuseaddr'"
bad_directive expect_missing_colon '/* expect SCK001 */' "directive 'expect' needs a ':'"
bad_directive next_line_missing_colon '// expect-next-line SCK001' \
    "directive 'expect-next-line' needs a ':'"
bad_directive expect_misspelt '/* expected: SCK001 */' "unknown directive 'expected:'"
bad_directive expect_capitalised '/* Expect: SCK001 */' "directives are lower case"
bad_directive expect_trailing_text '/* expect: SCK001 because */' "unexpected 'because'"
bad_directive expect_trailing_comma '/* expect: SCK001, */' "ends with ','"
bad_directive expect_bad_count '/* expect: SCK001 x0 */' "malformed count"
bad_directive expect_open_quote '/* expect: SCK001 "reuse */' "unterminated"
bad_directive todo_unknown_rule '/* todo-expect: SCK404 */' "unknown rule 'SCK404'"
bad_directive related_no_rule '// related:' "'related:' names no rule"

new_case late_test_args
printf '/* 1 */\n/* 2 */\n/* 3 */\n/* 4 */\n/* 5 */\n/* test-args: -DX */\n' >"$td/rules/SCK001/late.c"
run_runner
expect_status 1
expect_out "rules/SCK001/late.c:6: 'test-args:' must be in the first 5 lines"

# ---- a directive in a multi-line comment is read on its own line --------------------------
new_case directive_in_block_comment
cat >"$td/rules/SCK001/block.c" <<'EOF'
/*
 * expect nothing here: a line of prose that starts with a directive word is prose.
 */
int k(void);
/*
 * expect: SCK9999
 */
EOF
run_runner
expect_status 1
expect_out "rules/SCK001/block.c:6: 'expect:' names unknown rule 'SCK9999'"
expect_no_out "block.c:2:"

# ---- directive-like text inside string literals is code, not a directive ------------------
new_case directive_in_string
cat >"$td/rules/SCK001/string.c" <<'EOF'
/* Strings that look like comments are not comments. */
const char *s = "/* expect: SCK9999 */";
const char *t = "// expect: SCK9999";
char c = '"'; /* a quote character must not start a string */
EOF
run_runner
expect_status 0
expect_out "PASS rules/SCK001/string.c"

# ---- a rule directory needs a positive and a negative file --------------------------------
new_case only_positives
rm "$td/rules/SCK001/neg.c"
run_runner
expect_status 1
expect_out "rules/SCK001: has no negative test"

new_case only_negatives
rm "$td/rules/SCK001/pos.c"
run_runner
expect_status 1
expect_out "rules/SCK001: has no positive test"

new_case unknown_rule_dir
mkdir -p "$td/rules/SCK999"
cp "$td/rules/SCK001/neg.c" "$td/rules/SCK999/neg.c"
cp "$td/rules/SCK001/pos.c" "$td/rules/SCK999/pos.c"
canned rules/SCK999/pos.c "$(finding SCK001 rules/SCK999/pos.c 5 'm')"
run_runner
expect_status 1
expect_out "rules/SCK999: is not a rule id listed by sockcheck --list-rules"

# ---- counts, several rules, messages ------------------------------------------------------
new_case count_mismatch
sed -i 's|/\* expect: SCK001 \*/|/* expect: SCK001 x2 */|' "$td/rules/SCK001/pos.c"
run_runner
expect_status 1
expect_out "rules/SCK001/pos.c:5: expected SCK001 x2, 1 reported"

new_case count_match
sed -i 's|/\* expect: SCK001 \*/|/* expect: SCK001 x2 */|' "$td/rules/SCK001/pos.c"
canned rules/SCK001/pos.c "$(finding SCK001 rules/SCK001/pos.c 5 'a')" \
    "$(finding SCK001 rules/SCK001/pos.c 5 'b')"
run_runner
expect_status 0

new_case too_many_findings
canned rules/SCK001/pos.c "$(finding SCK001 rules/SCK001/pos.c 5 'a')" \
    "$(finding SCK001 rules/SCK001/pos.c 5 'second')"
run_runner
expect_status 1
expect_out "rules/SCK001/pos.c:5: unexpected SCK001 finding: second"

new_case two_rules_one_missing
sed -i 's|/\* expect: SCK001 \*/|/* expect: SCK001, SCK006 */|' "$td/rules/SCK001/pos.c"
run_runner
expect_status 1
expect_out "rules/SCK001/pos.c:5: expected SCK006, not reported"
expect_no_out "expected SCK001"

new_case message_mismatch
sed -i 's|/\* expect: SCK001 \*/|/* expect: SCK001 "SO_REUSEADDR" */|' "$td/rules/SCK001/pos.c"
run_runner
expect_status 1
expect_out "rules/SCK001/pos.c:5: expected SCK001 with a message containing \"SO_REUSEADDR\"" \
    "rules/SCK001/pos.c:5: unexpected SCK001 finding: bind without reuse"

new_case message_match
sed -i 's|/\* expect: SCK001 \*/|// expect: SCK001 "without reuse"|' "$td/rules/SCK001/pos.c"
run_runner
expect_status 0

new_case expect_next_line
cat >"$td/rules/SCK001/pos.c" <<'EOF'
/* The finding is on a line that holds no comment. */
int bind_here(void);
int f(void)
{
    /* expect-next-line: SCK001 */
    return bind_here();
}
EOF
canned rules/SCK001/pos.c "$(finding SCK001 rules/SCK001/pos.c 6 'm')"
run_runner
expect_status 0
expect_out "PASS rules/SCK001/pos.c"

# ---- todo-expect and todo-clean ------------------------------------------------------------
new_case todo_expect_still_missed
printf '/* A known miss. */\nint m(void); /* todo-expect: SCK001 */\n' >"$td/rules/SCK001/miss.c"
run_runner
expect_status 0
expect_out "XFAIL rules/SCK001/miss.c" "testdata: 3 files, 2 passed, 0 failed, 1 xfail"

new_case todo_expect_now_found
printf '/* A known miss. */\nint m(void); /* todo-expect: SCK001 */\n' >"$td/rules/SCK001/miss.c"
canned rules/SCK001/miss.c "$(finding SCK001 rules/SCK001/miss.c 2 'm')"
run_runner
expect_status 1
expect_out "rules/SCK001/miss.c:2: todo-expect SCK001 is reported now: promote it"

new_case todo_clean_tolerated
printf '/* A known false alarm. */\nint m(void); // todo-clean: SCK001\n' >"$td/rules/SCK001/fp.c"
canned rules/SCK001/fp.c "$(finding SCK001 rules/SCK001/fp.c 2 'm')"
run_runner
expect_status 0
expect_out "XFAIL rules/SCK001/fp.c"

new_case todo_clean_gone
printf '/* A known false alarm. */\nint m(void); // todo-clean: SCK001\n' >"$td/rules/SCK001/fp.c"
run_runner
expect_status 1
expect_out "rules/SCK001/fp.c:2: todo-clean SCK001 is not reported any more"

# ---- related locations -----------------------------------------------------------------------
related_loc='{"path":"rules/SCK001/pos.c","line":2,"column":1,"end_line":2,"end_column":5,"message":"socket created here"}'
new_case related_present
sed -i '2s|$| /* related: SCK001 "created" */|' "$td/rules/SCK001/pos.c"
canned rules/SCK001/pos.c "$(finding SCK001 rules/SCK001/pos.c 5 'm' "$related_loc")"
run_runner
expect_status 0

new_case related_missing
sed -i '2s|$| /* related: SCK001 */|' "$td/rules/SCK001/pos.c"
run_runner
expect_status 1
expect_out "rules/SCK001/pos.c:2: expected a related location of an SCK001 finding"

# ---- test-args reach the tool after "--" -------------------------------------------------
new_case test_args_passed
sed -i "1i /* test-args: -DPORT=80 -I 'inc dir' */" "$td/rules/SCK001/pos.c"
canned rules/SCK001/pos.c "$(finding SCK001 rules/SCK001/pos.c 6 'm')"
run_runner
expect_status 0
grep -qF -- "rules/SCK001/pos.c -- -DPORT=80 -I inc dir" "$dir/bin/log/rules_SCK001_pos.c.args" ||
    fail "test-args not passed: $(cat "$dir/bin/log/rules_SCK001_pos.c.args")"

# ---- the tool failing -----------------------------------------------------------------------
new_case tool_status_2
echo 2 >"$dir/bin/canned/rules_SCK001_neg.c.status"
echo "sockcheck: neg.c: cannot parse" >"$dir/bin/canned/rules_SCK001_neg.c.stderr"
run_runner
expect_status 1
expect_out "FAIL rules/SCK001/neg.c" "sockcheck exited with status 2" \
    "stderr: sockcheck: neg.c: cannot parse"

new_case tool_garbage
echo "this is not json" >"$dir/bin/canned/rules_SCK001_neg.c.json"
run_runner
expect_status 1
expect_out "FAIL rules/SCK001/neg.c" "not a JSON object"

new_case tool_reports_errors
echo '{"version":1,"findings":[],"errors":[{"path":"rules/SCK001/neg.c","line":3,"message":"expected ;"}],"stats":{}}' \
    >"$dir/bin/canned/rules_SCK001_neg.c.json"
run_runner
expect_status 1
expect_out "rules/SCK001/neg.c:3: sockcheck could not analyse this: expected ;"

new_case tool_malformed_finding
echo '{"version":1,"findings":[{"rule_id":"SCK001","path":"rules/SCK001/neg.c"}],"errors":[]}' \
    >"$dir/bin/canned/rules_SCK001_neg.c.json"
run_runner
expect_status 1
expect_out "malformed finding"

new_case list_rules_broken
echo 'nonsense' >"$dir/bin/rules.json"
run_runner
expect_status 1
expect_out "--list-rules"

# ---- fix tests: <name>.fixed.c is what --fix must make of <name>.c ------------------------
# The fake changes nothing with --fix, so a .fixed.c equal to its .c passes (it compiles and
# the fake reports nothing), and one that differs must fail at the first differing line.
new_case fixed_pair_matches
cp "$td/rules/SCK001/pos.c" "$td/rules/SCK001/pos.fixed.c"
run_runner
expect_status 0
expect_out "PASS rules/SCK001/pos.fixed.c" "testdata: 3 files, 3 passed, 0 failed, 0 xfail"

new_case fixed_pair_differs
sed 's/return bind_here();/int rc = bind_here();\n    return rc;/' "$td/rules/SCK001/pos.c" \
    >"$td/rules/SCK001/pos.fixed.c"
run_runner
expect_status 1
expect_out "FAIL rules/SCK001/pos.fixed.c" \
    "rules/SCK001/pos.fixed.c:5: --fix gives a different line here: '    int rc = bind_here();"

new_case fixed_without_base
printf 'int x;\n' >"$td/rules/SCK001/orphan.fixed.c"
run_runner
expect_status 1
expect_out "rules/SCK001/orphan.fixed.c: there is no rules/SCK001/orphan.c to fix"

new_case fixed_does_not_compile
printf '/* A positive case that is not C. */\nint f(void) { return 1 + ; } /* expect: SCK001 */\n' \
    >"$td/rules/SCK001/pos.c"
cp "$td/rules/SCK001/pos.c" "$td/rules/SCK001/pos.fixed.c"
canned rules/SCK001/pos.c "$(finding SCK001 rules/SCK001/pos.c 2 'm')"
run_runner
expect_status 1
expect_out "FAIL rules/SCK001/pos.fixed.c" "clang exited with status 1"

# ---- suppressed findings are not reported, whatever the rule --------------------------------
new_case suppressed_finding_ignored
canned rules/SCK001/neg.c "$(finding SCK001 rules/SCK001/neg.c 4 'suppressed one' |
    sed 's/}$/,"suppressed":true}/')"
run_runner
expect_status 0
expect_out "PASS rules/SCK001/neg.c"

# ---- projects: one run with -p, annotations of every file ----------------------------------
new_case project_pass
mkdir -p "$td/projects/two"
echo '[]' >"$td/projects/two/compile_commands.json"
printf '/* a */\nint a(void); /* expect: SCK001 */\n' >"$td/projects/two/a.c"
printf '/* b */\nint b(void);\nint b(void);\n' >"$td/projects/two/b.c"
canned projects/two "$(finding SCK001 projects/two/a.c 2 'm')"
run_runner
expect_status 0
expect_out "PASS projects/two" "testdata: 3 files, 3 passed, 0 failed, 0 xfail"
grep -qF -- "-p projects/two" "$dir/bin/log/projects_two.args" || fail "project not run with -p"

new_case project_unexpected
mkdir -p "$td/projects/two"
echo '[]' >"$td/projects/two/compile_commands.json"
printf '/* a */\nint a(void); /* expect: SCK001 */\n' >"$td/projects/two/a.c"
printf '/* b */\nint b(void);\nint b(void);\n' >"$td/projects/two/b.c"
canned projects/two "$(finding SCK001 projects/two/a.c 2 'm')" \
    "$(finding SCK001 projects/two/b.c 3 'in b')"
run_runner
expect_status 1
expect_out "FAIL projects/two" "projects/two/b.c:3: unexpected SCK001 finding: in b"

echo "test_runner_selftest: $cases cases, $failures failures"
[ "$failures" -eq 0 ]
