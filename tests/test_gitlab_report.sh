#!/bin/sh
# --format gitlab and integrations/gitlab/sockcheck.gitlab-ci.yml:
#   - sockcheck's report on the rule testdata, and on a clean file ([]), validate with ajv
#     against tests/gitlab-codequality.schema.json; a report with a wrong severity does not
#     (so the schema is known to bite);
#   - fingerprints are unique and are the findings' own (the JSON output's "fingerprint");
#   - the CI file is valid YAML whose job writes the report it declares under
#     artifacts:reports:codequality, uploaded even when the job fails.
# Called by ctest as: test_gitlab_report.sh SOCKCHECK SOURCE_DIR
set -u
sc=$1
src=$(cd "$2" && pwd)
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$src/tests/npm_tools.sh"
npm_tools || { echo "FAIL: cannot install the npm tools"; exit 1; }
schema=$src/tests/gitlab-codequality.schema.json
validate() { "$npm_bin/ajv" validate --spec=draft7 -s "$schema" -d "$1" >"$work/ajv.out" 2>&1; }

cd "$src" || exit 1
NO_COLOR=1 "$sc" --root "$src" --format gitlab -o "$work/report.json" testdata/rules 2>/dev/null
rc=$?
[ $rc -eq 1 ] || fail "sockcheck --format gitlab on testdata/rules exited $rc"
validate "$work/report.json" || fail "the report does not validate: $(cat "$work/ajv.out")"
"$sc" --root "$src" --format gitlab -o "$work/clean.json" testdata/rules/SCK001/reuse_before_bind.c ||
    fail "clean file: exit $?"
[ "$(cat "$work/clean.json")" = "[]" ] || fail "a clean run is not []: $(cat "$work/clean.json")"
validate "$work/clean.json" || fail "[] does not validate: $(cat "$work/ajv.out")"
sed 's/"severity": "minor"/"severity": "warning"/' "$work/report.json" >"$work/bad.json"
validate "$work/bad.json" && fail "the schema accepted severity 'warning'"
printf '[{"description": "d", "check_name": "c", "fingerprint": "f", "severity": "info", "location": {"path": "./a.c", "lines": {"begin": 1}}}]\n' >"$work/dot.json"
validate "$work/dot.json" && fail "the schema accepted a ./ path"

NO_COLOR=1 "$sc" --root "$src" --format json -o "$work/report.sc.json" testdata/rules 2>/dev/null
node - "$work/report.json" "$work/report.sc.json" >"$work/fp.out" 2>&1 <<'JS' || fail "fingerprints: $(cat "$work/fp.out")"
const fs = require('fs');
const gl = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const sc = JSON.parse(fs.readFileSync(process.argv[3], 'utf8')).findings.filter(f => !f.suppressed && f.baseline_state !== 'unchanged');
const fps = gl.map(i => i.fingerprint);
const problems = [];
if (gl.length === 0) problems.push('empty report');
if (new Set(fps).size !== fps.length) problems.push('fingerprints repeat');
const key = (path, line, rule) => `${path}:${line}:${rule}`;
const want = new Map(sc.map(f => [key(f.path, f.line, f.rule_id), f.fingerprint]));
for (const i of gl) {
  const fp = want.get(key(i.location.path, i.location.lines.begin, i.check_name));
  if (fp !== i.fingerprint) problems.push(`${i.location.path}:${i.location.lines.begin}: fingerprint ${i.fingerprint}, JSON says ${fp}`);
}
if (gl.length !== sc.length) problems.push(`${gl.length} entries for ${sc.length} findings`);
if (problems.length) { console.log(problems.join('\n')); process.exit(1); }
JS

NODE_PATH=$npm_modules node - "$src/integrations/gitlab/sockcheck.gitlab-ci.yml" >"$work/ci.out" 2>&1 <<'JS' || fail "gitlab-ci: $(cat "$work/ci.out")"
const yaml = require('js-yaml');
const ci = yaml.load(require('fs').readFileSync(process.argv[2], 'utf8'));
const job = ci.sockcheck;
const problems = [];
if (!job) problems.push('no job "sockcheck"');
else {
  const report = ((job.artifacts || {}).reports || {}).codequality;
  if (!report) problems.push('no artifacts:reports:codequality');
  if ((job.artifacts || {}).when !== 'always') problems.push('artifacts are not uploaded when the job fails');
  const script = (job.script || []).join('\n');
  if (!new RegExp(`sockcheck .*--format gitlab -o ${report}\\b`).test(script))
    problems.push(`no script line writes ${report} with --format gitlab`);
}
if (problems.length) { console.log(problems.join('\n')); process.exit(1); }
JS

[ $failures -eq 0 ] && echo "gitlab report: ok"
[ $failures -eq 0 ]
