#!/bin/sh
# integrations/github/sockcheck.yml and --format github:
#   - the workflow passes @action-validator/cli (its schema check; a broken copy must fail, so
#     the validator is known to be running);
#   - every `uses:` is on an allow-list of actions that exist (REQUIREMENTS §4.1), the SARIF
#     upload has sarif_file and category, the job may write security events, and steps run
#     sockcheck with --format sarif and --format github;
#   - sockcheck --format github on the rule testdata prints only well-formed workflow commands,
#     one per finding of the JSON output, at the same file and line.
# Called by ctest as: test_github_workflow.sh SOCKCHECK SOURCE_DIR
set -u
sc=$1
src=$(cd "$2" && pwd)
wf=$src/integrations/github/sockcheck.yml
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$src/tests/npm_tools.sh"
npm_tools || { echo "FAIL: cannot install the npm tools"; exit 1; }

"$npm_bin/action-validator" "$wf" >"$work/av.out" 2>&1 || fail "action-validator: $(cat "$work/av.out")"
sed 's/runs-on:/runs_on:/' "$wf" >"$work/broken.yml"
"$npm_bin/action-validator" "$work/broken.yml" >/dev/null 2>&1 && fail "action-validator accepted a broken workflow"

NODE_PATH=$npm_modules node - "$wf" >"$work/structure.out" 2>&1 <<'JS' || fail "workflow structure: $(cat "$work/structure.out")"
const fs = require('fs');
const yaml = require('js-yaml');
const wf = yaml.load(fs.readFileSync(process.argv[2], 'utf8'));
const allowed = new Set(['actions/checkout@v4', 'actions/checkout@v5', 'actions/checkout@v6',
                         'actions/checkout@v7', 'github/codeql-action/upload-sarif@v4']);
const problems = [];
let upload = null, sarifRun = false, githubRun = false, canWrite = false;
for (const [name, job] of Object.entries(wf.jobs || {})) {
  if ((job.permissions || {})['security-events'] === 'write') canWrite = true;
  for (const step of job.steps || []) {
    if (step.uses && !allowed.has(step.uses)) problems.push(`job ${name}: uses ${step.uses} is not on the allow-list`);
    if (step.uses === 'github/codeql-action/upload-sarif@v4') upload = step;
    const run = step.run || '';
    if (/\bsockcheck\b.*--format sarif/.test(run)) sarifRun = true;
    if (/\bsockcheck\b.*--format github/.test(run)) githubRun = true;
  }
}
if (!upload) problems.push('no github/codeql-action/upload-sarif@v4 step');
else {
  const w = upload.with || {};
  if (!w.sarif_file || !/\.sarif$/.test(w.sarif_file)) problems.push('upload-sarif: sarif_file must name a .sarif file');
  if (!w.category) problems.push('upload-sarif: no category');
}
if (!canWrite) problems.push('no job has permissions security-events: write');
if (!sarifRun) problems.push('no step runs sockcheck --format sarif');
if (!githubRun) problems.push('no step runs sockcheck --format github');
if (problems.length) { console.log(problems.join('\n')); process.exit(1); }
JS
# The allow-list check itself must catch an unknown action.
sed 's#github/codeql-action/upload-sarif@v4#github/codeql-action/upload-sarif@v9#' "$wf" >"$work/v9.yml"
NODE_PATH=$npm_modules node -e '
const wf = require("js-yaml").load(require("fs").readFileSync(process.argv[1], "utf8"));
const uses = Object.values(wf.jobs).flatMap(j => j.steps).map(s => s.uses).filter(Boolean);
process.exit(uses.includes("github/codeql-action/upload-sarif@v9") ? 0 : 1);' "$work/v9.yml" ||
    fail "the mutated workflow was not parsed as expected"

# Real output: one well-formed command per finding, at the finding's file and line.
cd "$src" || exit 1
NO_COLOR=1 "$sc" --root "$src" --format github testdata/rules >"$work/gh.out" 2>"$work/gh.err"
rc=$?
[ $rc -eq 1 ] || fail "sockcheck --format github on testdata/rules exited $rc: $(head -c 300 "$work/gh.err")"
NO_COLOR=1 "$sc" --root "$src" --format json testdata/rules >"$work/gh.json" 2>/dev/null
node - "$work/gh.out" "$work/gh.json" >"$work/lines.out" 2>&1 <<'JS' || fail "annotations: $(head -20 "$work/lines.out")"
const fs = require('fs');
const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(l => l !== '');
const findings = JSON.parse(fs.readFileSync(process.argv[3], 'utf8')).findings.filter(f => !f.suppressed && f.baseline_state !== 'unchanged');
const re = /^::(error|warning|notice) file=([^,:]+),line=(\d+),endLine=(\d+)(?:,col=(\d+)(?:,endColumn=(\d+))?)?,title=(SCK\d{3}) [a-z-]+::([^\r\n]*)$/;
const problems = [];
const seen = [];
const problemRe = /^::(error|warning) (?:file=[^,:]+(?:,line=\d+)?,)?title=sockcheck::[^\r\n]*$/;
let nproblems = 0;
for (const l of lines) {
  if (problemRe.test(l)) { nproblems++; continue; } // a file that could not be analysed
  const m = re.exec(l);
  if (!m) { problems.push(`not a workflow command: ${l.slice(0, 200)}`); continue; }
  if (m[8].includes('\n') || /%(?!25|0D|0A)/.test(m[8])) problems.push(`badly escaped message: ${l.slice(0, 200)}`);
  seen.push(`${m[7]} ${m[2]}:${m[3]}`);
}
const want = findings.map(f => `${f.rule_id} ${f.path}:${f.line}`);
if (findings.length === 0) problems.push('no findings in the JSON output');
if (seen.slice().sort().join('|') !== want.slice().sort().join('|'))
  problems.push(`annotations ${seen.length} != findings ${want.length}`);
const rank = {error: 0, warning: 1, notice: 2};
const levels = lines.slice(nproblems).map(l => rank[l.slice(2, l.indexOf(' '))]);
for (let i = 1; i < levels.length; i++) if (levels[i] < levels[i - 1]) problems.push('not sorted errors first');
if (problems.length) { console.log(problems.join('\n')); process.exit(1); }
JS

[ $failures -eq 0 ] && echo "github workflow: ok"
[ $failures -eq 0 ]
