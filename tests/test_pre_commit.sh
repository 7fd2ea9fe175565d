#!/bin/sh
# The pre-commit hooks with the real pre-commit (REQUIREMENTS §3): a throwaway consumer
# repository uses this checkout's .pre-commit-hooks.yaml from a local hook repository at its
# commit sha, with a private PRE_COMMIT_HOME (nothing is fetched from the network for
# language system/script). Checked for both hooks:
#   - a commit with a server lacking SO_REUSEADDR is refused and the finding is shown;
#   - the fixed file is accepted;
#   - a compile_commands.json in build/ gives the files their real flags (-DUSE_REUSE makes a
#     file clean that is bad without it), and a staged file it does not list is still checked;
#   - without any compilation database a clean file still commits.
# Called by ctest as: test_pre_commit.sh SOCKCHECK SOURCE_DIR
set -u
sc=$1
src=$(cd "$2" && pwd)
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
if ! command -v pre-commit >/dev/null 2>&1; then
    echo "FAIL: pre-commit is not installed (scripts/bootstrap installs it)"
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/pre-commit-home" PRE_COMMIT_COLOR=never NO_COLOR=1
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid GIT_COMMITTER_NAME=t \
    GIT_COMMITTER_EMAIL=t@example.invalid GIT_CONFIG_NOSYSTEM=1 HOME="$work/home"
mkdir -p "$HOME" "$work/bin"
ln -s "$(cd "$(dirname "$sc")" && pwd)/$(basename "$sc")" "$work/bin/sockcheck"
PATH="$work/bin:$PATH"
pre-commit validate-manifest "$src/.pre-commit-hooks.yaml" || fail "validate-manifest refused .pre-commit-hooks.yaml"

# The hook repository: this checkout's hook files as they are now, committed in a repository
# of their own (a clone of HEAD would miss uncommitted edits under test).
hookrepo=$work/hookrepo
mkdir -p "$hookrepo/integrations"
cp "$src/.pre-commit-hooks.yaml" "$hookrepo/"
cp -R "$src/integrations/pre-commit" "$hookrepo/integrations/"
git -C "$hookrepo" init -q && git -C "$hookrepo" add -A && git -C "$hookrepo" commit -qm hooks ||
    { echo "FAIL: cannot make the hook repository"; exit 1; }
rev=$(git -C "$hookrepo" rev-parse HEAD)

# server TEXT-KIND: a TCP server; "bad" forgets SO_REUSEADDR, "good" sets it, "flag" sets it
# only when compiled with -DUSE_REUSE.
server() {
    reuse='setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);'
    case $1 in
        bad) reuse= ;;
        flag) reuse="#ifdef USE_REUSE
    $reuse
#endif" ;;
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
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(8080);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        return 1;
    return listen(fd, 16);
}
C
}

# consumer HOOK-ID: a fresh repository with the hook installed, in $work/HOOK-ID.
consumer() {
    repo=$work/$1
    git init -q "$repo"
    cat >"$repo/.pre-commit-config.yaml" <<Y
repos:
  - repo: $hookrepo
    rev: $rev
    hooks:
      - id: $1
Y
    git -C "$repo" add .pre-commit-config.yaml
    (cd "$repo" && pre-commit install >/dev/null) || fail "$1: pre-commit install failed"
    git -C "$repo" commit -qm config >/dev/null 2>&1 || fail "$1: cannot commit the configuration"
}

# commit HOOK-ID NAME WANT: stages everything, commits; WANT is "refused" or "accepted".
commit() {
    (cd "$work/$1" && git add -A && git commit -m "$2" >"$work/$1.$2.log" 2>&1)
    got=$?
    case $3 in
        refused) [ $got -ne 0 ] || fail "$1/$2: commit accepted, expected refused: $(cat "$work/$1.$2.log")" ;;
        accepted) [ $got -eq 0 ] || fail "$1/$2: commit refused, expected accepted: $(cat "$work/$1.$2.log")" ;;
    esac
}
shows() { grep -q -- "$3" "$work/$1.$2.log" || fail "$1/$2: output lacks '$3': $(cat "$work/$1.$2.log")"; }

for hook in sockcheck sockcheck-script; do
    consumer "$hook"
    repo=$work/$hook
    mkdir -p "$repo/src"
    server bad >"$repo/src/server.c"
    commit "$hook" bad refused
    shows "$hook" bad '^src/server.c:13:9: warning: .*SO_REUSEADDR.*\[SCK001\]'
    shows "$hook" bad 'Failed'
    [ -z "$(git -C "$repo" log --oneline -1 -- src/server.c)" ] || fail "$hook: the bad file was committed"

    server good >"$repo/src/server.c"
    commit "$hook" fixed accepted
    shows "$hook" fixed 'Passed'

    # A header is never passed (exclude_types: [header]); a broken one cannot fail the commit.
    printf 'this is not C\n' >"$repo/src/broken.h"
    commit "$hook" header accepted
done

# The wrapper with a compilation database in build/: flags apply, unlisted files are checked.
repo=$work/sockcheck-script
server flag >"$repo/src/flagged.c"
mkdir -p "$repo/build"
cat >"$repo/build/compile_commands.json" <<J
[{"directory": "$repo", "file": "src/flagged.c", "arguments": ["cc", "-DUSE_REUSE", "-c", "src/flagged.c"]},
 {"directory": "$repo", "file": "src/server.c", "arguments": ["cc", "-c", "src/server.c"]}]
J
printf 'build/\n' >"$repo/.gitignore"
commit sockcheck-script flagged accepted
server flag >"$repo/src/unlisted.c"
commit sockcheck-script unlisted refused
shows sockcheck-script unlisted '^src/unlisted.c:[0-9]*:9: warning: .*\[SCK001\]'
grep -q 'flagged.c' "$work/sockcheck-script.unlisted.log" &&
    fail "flagged.c was reported: the database's -DUSE_REUSE was not used"
rm "$repo/src/unlisted.c"

# SOCKCHECK_COMPDB pointing at nothing is a configuration error (exit 2), shown to the user.
server good >"$repo/src/other.c"
(cd "$repo" && git add -A && SOCKCHECK_COMPDB=nowhere git commit -m compdb >"$work/compdb.log" 2>&1) &&
    fail "SOCKCHECK_COMPDB=nowhere: commit accepted"
grep -q 'SOCKCHECK_COMPDB=nowhere holds no compile_commands.json' "$work/compdb.log" ||
    fail "SOCKCHECK_COMPDB=nowhere: no explanation: $(cat "$work/compdb.log")"
commit sockcheck-script other accepted

# Without a database (fresh checkout, never built), a clean new file still commits.
rm -rf "$repo/build"
server good >"$repo/src/fresh.c"
commit sockcheck-script nodb accepted

[ $failures -eq 0 ] && echo "pre-commit: ok (pre-commit $(pre-commit --version | awk '{print $2}'))"
[ $failures -eq 0 ]
