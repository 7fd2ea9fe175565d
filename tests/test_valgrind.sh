#!/bin/sh
# End-to-end runs under valgrind's memcheck: no invalid read or write, no use of uninitialised
# memory, no definite or indirect leak, on each path through the tool (findings in text, JSON
# and SARIF, compile errors, nesting too deep, a binary file, a missing file, refused compiler
# arguments, usage errors). Only libclang-internal leaks are suppressed
# (tests/suppressions/valgrind.supp). A program that leaks on purpose shows that the options
# catch a leak. Skipped (77) for a sanitizer build: valgrind and ASan do not mix.
# Called by ctest as: test_valgrind.sh SOCKCHECK SOURCE_DIR
set -u
sc=$1
src=$(cd "$2" && pwd)
if ! command -v valgrind >/dev/null 2>&1; then
  echo "FAIL: valgrind is not installed (scripts/bootstrap installs it)"
  exit 1
fi
if ldd "$sc" 2>/dev/null | grep -q 'libasan'; then
  echo "skipped: $sc is built with AddressSanitizer"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
vg() {
  valgrind -q --tool=memcheck --error-exitcode=99 --leak-check=full \
    --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
    --suppressions="$src/tests/suppressions/valgrind.supp" "$@"
}
# run NAME STATUSES ARGS...: sockcheck under valgrind; 99 is valgrind's own error status.
run() {
  name=$1 want=$2
  shift 2
  vg "$sc" "$@" >"$work/$name.out" 2>"$work/$name.err"
  got=$?
  case "|$want|" in
    *"|$got|"*) ;;
    *) fail "$name: exit status $got, expected $want (99: valgrind found errors)"
       sed -n '1,60p' "$work/$name.err" ;;
  esac
}

# The control: a definite leak must make valgrind fail with these options.
printf '#include <stdlib.h>\nvoid *keep;\nint main(void) { keep = malloc(64); keep = 0; return 0; }\n' >"$work/leak.c"
if cc -g -O0 -o "$work/leak" "$work/leak.c"; then
  vg "$work/leak" >/dev/null 2>&1
  [ $? -eq 99 ] || fail "control: valgrind did not report a leak that is there"
else
  fail "control: cannot build the leaking program"
fi

# One compilation database with a unit of each kind. Only server.c includes system headers
# (the slow part under valgrind).
mkdir "$work/proj"
cp "$src/examples/server.c" "$work/proj/server.c"
printf 'int f(void) { return undeclared; }\n' >"$work/proj/broken.c"
printf 'int x;\n\0\0\0' >"$work/proj/binary.c"
cp "$work/proj/broken.c" "$work/proj/refused.c"
python3 - "$work/proj/deep.c" <<'P'
import sys
open(sys.argv[1], "w").write("int deep(int x)\n{\n    " + "if (x) " * 600 + "x++;\n    return x;\n}\n")
P
cat >"$work/proj/compile_commands.json" <<'J'
[
  {"directory": ".", "file": "server.c", "arguments": ["cc", "-c", "server.c"]},
  {"directory": ".", "file": "broken.c", "arguments": ["cc", "-c", "broken.c"]},
  {"directory": ".", "file": "binary.c", "arguments": ["cc", "-c", "binary.c"]},
  {"directory": ".", "file": "gone.c", "arguments": ["cc", "-c", "gone.c"]},
  {"directory": ".", "file": "refused.c", "arguments": ["cc", "-std=c99999", "-c", "refused.c"]},
  {"directory": ".", "file": "deep.c", "arguments": ["cc", "-c", "deep.c"]}
]
J
# --no-skip: the units without socket code must be parsed too, for their failures to show.
run sarif 2 --root "$work/proj" --format sarif -o "$work/out.sarif" -p "$work/proj" --no-skip
grep -q '"ruleId": "SCK001"' "$work/out.sarif" || fail "sarif: no SCK001 in the output"
grep -q 'nesting deeper than 400 levels' "$work/sarif.err" || fail "sarif: no nesting warning"
grep -q 'binary file, not C source' "$work/sarif.err" || fail "sarif: binary file not refused"
grep -q 'compiler arguments were refused' "$work/sarif.err" || fail "sarif: refused arguments"

# A server that declares what it uses: the text reporter (source lines, carets) without the
# cost of system headers.
cat >"$work/proj/light.c" <<'C'
#define AF_INET 2
#define SOCK_STREAM 1
struct sockaddr { unsigned short sa_family; char sa_data[14]; };
int socket(int domain, int type, int protocol);
int bind(int fd, const struct sockaddr *addr, unsigned len);
int listen(int fd, int backlog);
int serve(void)
{
    struct sockaddr sa = {AF_INET, {0}};
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (bind(fd, &sa, sizeof sa) < 0)
        return -1;
    return listen(fd, 5);
}
C
run text 1 --root "$work/proj" "$work/proj/light.c" "$work/proj/deep.c"
grep -q '^light.c:11:9: warning: .*\[SCK001\]' "$work/text.out" || fail "text: no SCK001"
run json 0 --root "$work/proj" --format json "$work/proj/deep.c" "$work/proj/broken.c"
run dump 0 --dump-facts "$work/proj/deep.c"
run usage 2 --frobnicate
mkdir "$work/empty"
run nothing 0 "$work/empty"

if [ $failures -ne 0 ]; then
  echo "valgrind: $failures failure(s)"
  exit 1
fi
echo "valgrind: ok"
