# Sourced by the test scripts that need npm tools (not a test itself: no test_ prefix).
# npm_tools: installs, once, the pinned packages below into $SOCKCHECK_NPM_TOOLS (default
# ~/.cache/sockcheck-npm-tools) and sets $npm_bin to its node_modules/.bin and $npm_modules.
# A finished install is marked with a stamp naming the package list, so a changed list
# reinstalls; the install goes to a temporary directory renamed into place, so two tests
# starting at once never see half an install. Returns non-zero when npm fails.
npm_tools_packages="@action-validator/cli@0.6.0 @action-validator/core@0.6.0 ajv-cli@5.0.0 ajv-formats@3.0.1 js-yaml@4.1.0"
npm_tools() {
    dir=${SOCKCHECK_NPM_TOOLS:-$HOME/.cache/sockcheck-npm-tools}
    stamp=$(printf '%s' "$npm_tools_packages" | cksum | awk '{print $1}')
    npm_modules=$dir/$stamp/node_modules
    npm_bin=$npm_modules/.bin
    [ -x "$npm_bin/action-validator" ] && [ -x "$npm_bin/ajv" ] && return 0
    command -v npm >/dev/null 2>&1 || { echo "npm is not installed" >&2; return 1; }
    mkdir -p "$dir" || return 1
    tmp=$(mktemp -d "$dir/install.XXXXXX") || return 1
    # shellcheck disable=SC2086
    if ! (cd "$tmp" && npm install --silent --no-audit --no-fund --no-save $npm_tools_packages >npm.log 2>&1); then
        cat "$tmp/npm.log" >&2
        rm -rf "$tmp"
        return 1
    fi
    mv "$tmp" "$dir/$stamp" 2>/dev/null || rm -rf "$tmp" # another test won the race: fine
    [ -x "$npm_bin/action-validator" ] && [ -x "$npm_bin/ajv" ]
}
