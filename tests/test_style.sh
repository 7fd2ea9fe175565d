#!/bin/sh
# House rules a compiler does not check (STYLE.md §4): banned functions, and libclang's
# header only in the front end. Called by ctest as: test_style.sh SOCKCHECK SOURCE_DIR
set -u
src=$2
status=0
banned='\b(sprintf|vsprintf|strcpy|strcat|strncat|gets|atoi|atol|strtok|system|popen)[[:space:]]*\('
hits=$(grep -nE "$banned" "$src"/checker/*.[ch] "$src"/rules/*.[ch] "$src"/tests/*.c "$src"/tests/fuzz/*.[ch] 2>/dev/null |
       grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/?\*|//)')
if [ -n "$hits" ]; then
  echo "banned functions (STYLE §4: use snprintf/strbuf, strtol, posix_spawn):"
  echo "$hits"
  status=1
fi
clang_users=$(grep -lE '#include[[:space:]]*<clang-c/' "$src"/checker/*.[ch] "$src"/rules/*.[ch] |
              grep -v '/fe_internal\.h$')
if [ -n "$clang_users" ]; then
  echo "only checker/fe_internal.h may include libclang's headers (STYLE §3.4):"
  echo "$clang_users"
  status=1
fi
cx_users=$(grep -lE '\bCX[A-Z][A-Za-z]+\b' "$src"/checker/*.[ch] "$src"/rules/*.[ch] |
           grep -vE '/fe_[a-z_]+\.[ch]$')
if [ -n "$cx_users" ]; then
  echo "libclang types outside the front end (STYLE §3.4):"
  echo "$cx_users"
  status=1
fi
if command -v clang-format >/dev/null 2>&1; then
  unformatted=$(for f in "$src"/checker/*.[ch] "$src"/rules/*.[ch] "$src"/tests/*.c "$src"/tests/fuzz/*.[ch]; do
                  clang-format --style=file "$f" | cmp -s - "$f" || echo "$f"; done)
  if [ -n "$unformatted" ]; then
    echo "not formatted as .clang-format says (run clang-format -i on them):"
    echo "$unformatted"
    status=1
  fi
else
  echo "clang-format is not installed (scripts/bootstrap installs it)"
  status=1
fi
[ $status -eq 0 ] && echo "style: ok"
exit $status
