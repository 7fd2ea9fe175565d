#!/bin/sh
# SARIF output against the SARIF Multitool (schema, SARIF rules, GitHub ingestion rules) and the
# JSON schema, through /work/shared/sarif/validate (REQUIREMENTS §2.4). Called by ctest as
#   test_sarif_validate.sh SOCKCHECK_BINARY SOURCE_DIR
# It checks two logs:
#   1. the fixture of tests/check_report.c (findings, related locations, a code flow, a
#      problem of each kind), written through SOCKCHECK_SARIF_FIXTURE_OUT;
#   2. sockcheck's own output on testdata/rules, which must also be byte-identical on a
#      second run (exit status 0 or 1; 2 means the tool failed).
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

[ $status -eq 0 ] && echo "test_sarif_validate: all SARIF valid"
exit $status
