#!/bin/sh
# The output excerpts in docs/ are what the tool prints today (scripts/update-docs --check):
# a change of message, format or example that is not reflected in the docs fails here, with
# the diff and the command that refreshes them. Called by ctest as:
#   test_docs_output.sh SOCKCHECK SOURCE_DIR
set -u
out=$("$2/scripts/update-docs" --check "$1" 2>&1)
rc=$?
echo "$out"
[ $rc -eq 0 ] || exit 1
case $out in
    *" 0 excerpts"*) echo "FAIL: no excerpts found in docs/"; exit 1 ;;
esac
exit 0
