#!/bin/sh
# integrations/cmake/SockCheck.cmake in a tiny consumer project, configured and built in a
# temporary directory: the `sockcheck` target fails with the finding on a bad server, and
# passes once the server is fixed; the consumer's own compile definitions reach sockcheck
# through the compilation database (a file that is clean only with -DUSE_REUSE); and the
# FORMAT/OUTPUT/NAME options write a report file.
# Called by ctest as: test_cmake_module.sh SOCKCHECK SOURCE_DIR
set -u
sc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
work=$(mktemp -d)
trap "rm -rf \"$work\"" EXIT
proj=$work/consumer
mkdir -p "$proj/src"

cat >"$proj/CMakeLists.txt" <<CM
cmake_minimum_required(VERSION 3.20)
project(consumer C)
list(APPEND CMAKE_MODULE_PATH "$src/integrations/cmake")
include(SockCheck)
add_executable(server src/server.c)
add_executable(flagged src/flagged.c)
target_compile_definitions(flagged PRIVATE USE_REUSE)
sockcheck_add_target()
sockcheck_add_target(NAME sockcheck_sarif FORMAT sarif OUTPUT \${CMAKE_BINARY_DIR}/sockcheck.sarif)
CM

# server KIND: "bad" lacks SO_REUSEADDR, "good" sets it, "flag" sets it under #ifdef USE_REUSE.
server() {
    case $1 in
        bad) reuse= ;;
        good) reuse='if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) return 1;' ;;
        flag) reuse='#ifdef USE_REUSE
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) return 1;
#endif' ;;
    esac
    cat <<C
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
int main(void)
{
    int one = 1;
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    $reuse
    (void)one;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(8080);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        return 1;
    return listen(fd, 16);
}
C
}
server bad >"$proj/src/server.c"
server flag >"$proj/src/flagged.c"

cmake -S "$proj" -B "$proj/build" -G Ninja -DSOCKCHECK_EXECUTABLE="$sc" >"$work/configure.log" 2>&1 ||
    { echo "FAIL: configure: $(cat "$work/configure.log")"; exit 1; }
[ -f "$proj/build/compile_commands.json" ] || fail "the module did not turn on CMAKE_EXPORT_COMPILE_COMMANDS"
cmake --build "$proj/build" >"$work/build.log" 2>&1 || fail "the consumer does not build: $(cat "$work/build.log")"

NO_COLOR=1 cmake --build "$proj/build" --target sockcheck >"$work/bad.log" 2>&1 &&
    fail "the sockcheck target passed on a server without SO_REUSEADDR"
grep -q '^src/server.c:14:9: warning: .*\[SCK001\]' "$work/bad.log" ||
    fail "the finding is not shown: $(cat "$work/bad.log")"
grep -q 'flagged.c' "$work/bad.log" &&
    fail "flagged.c reported: the target's USE_REUSE did not reach sockcheck: $(cat "$work/bad.log")"

server good >"$proj/src/server.c"
NO_COLOR=1 cmake --build "$proj/build" --target sockcheck >"$work/good.log" 2>&1 ||
    fail "the sockcheck target failed on fixed code: $(cat "$work/good.log")"
grep -q 'no findings (2 files analysed)' "$work/good.log" ||
    fail "expected a clean run over both files: $(cat "$work/good.log")"

cmake --build "$proj/build" --target sockcheck_sarif >"$work/sarif.log" 2>&1 ||
    fail "sockcheck_sarif failed: $(cat "$work/sarif.log")"
grep -q '"version": "2.1.0"' "$proj/build/sockcheck.sarif" 2>/dev/null ||
    fail "FORMAT sarif OUTPUT did not write a SARIF log"

[ $failures -eq 0 ] && echo "cmake module: ok"
[ $failures -eq 0 ]
