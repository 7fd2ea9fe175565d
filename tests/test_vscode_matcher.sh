#!/bin/sh
# The VS Code problem matchers of integrations/vscode/tasks.json against sockcheck's real
# text output on the rule testdata: every finding and every note of the JSON output (a trace's
# steps but the one at the finding itself, else the related locations) is matched once, at the
# same file, line, column and severity, with the rule id as the code; source, caret and
# summary lines are not matched; matched files exist under the root; and the recommended
# SARIF Viewer is the one settings.json configures.
# Called by ctest as: test_vscode_matcher.sh SOCKCHECK SOURCE_DIR
set -u
sc=$1
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v node >/dev/null 2>&1 || { echo "FAIL: node is not installed"; exit 1; }
cd "$src" || exit 1
NO_COLOR=1 "$sc" --root "$src" testdata/rules >"$work/out.txt" 2>/dev/null
rc=$?
[ $rc -eq 1 ] || { echo "FAIL: sockcheck on testdata/rules exited $rc"; exit 1; }
NO_COLOR=1 "$sc" --root "$src" --format json testdata/rules >"$work/out.json" 2>/dev/null
node - "$src" "$work/out.txt" "$work/out.json" <<'JS'
const fs = require('fs');
const path = require('path');
const [root, textFile, jsonFile] = process.argv.slice(2);
const vs = path.join(root, 'integrations/vscode');
const tasks = JSON.parse(fs.readFileSync(path.join(vs, 'tasks.json'), 'utf8')).tasks;
const problems = [];
const matchers = tasks.map(t => t.problemMatcher).filter(m => m && typeof m === 'object' && !Array.isArray(m));
if (matchers.length < 2) problems.push(`expected a problem matcher on both text tasks, found ${matchers.length}`);
for (const t of tasks) {
  const args = (t.args || []).join(' ') + ' ' + (t.command || '');
  if (/--format (sarif|json)/.test(args) && t.problemMatcher && t.problemMatcher.length !== 0)
    problems.push(`task '${t.label}' writes ${RegExp.$1} but has a problem matcher`);
}

const text = fs.readFileSync(textFile, 'utf8').split('\n').filter(l => l !== '');
const findings = JSON.parse(fs.readFileSync(jsonFile, 'utf8')).findings;
const expected = [];
for (const f of findings.filter(f => !f.suppressed)) {
  expected.push(`${f.path}|${f.line}|${f.column}|${f.level}|${f.rule_id}`);
  // As the text reporter prints them: a trace's steps (but the one at the finding itself),
  // else the related locations.
  const notes = f.trace.length ? f.trace.filter(t => !(t.path === f.path && t.line === f.line && t.column === f.column)) : f.related;
  for (const r of notes) expected.push(`${r.path}|${r.line}|${r.column}|note|`);
}
expected.sort();
if (findings.length === 0) problems.push('no findings to match');

for (const m of matchers) {
  const p = m.pattern;
  const re = new RegExp(p.regexp);
  if (!Array.isArray(m.fileLocation) || m.fileLocation[0] !== 'relative')
    problems.push('fileLocation must be relative (sockcheck prints root-relative paths)');
  const got = [];
  for (const line of text) {
    const g = re.exec(line);
    if (!g) continue;
    const file = g[p.file];
    if (!fs.existsSync(path.join(root, file))) problems.push(`matched a file that does not exist: ${file} (${line.slice(0, 120)})`);
    got.push(`${file}|${g[p.line]}|${g[p.column]}|${g[p.severity]}|${g[p.code] || ''}`);
    if (!g[p.message] || /\[SCK\d{3}\]$/.test(g[p.message])) problems.push(`message keeps the code or is empty: ${line.slice(0, 120)}`);
  }
  got.sort();
  if (got.join('\n') !== expected.join('\n')) {
    const missing = expected.filter(e => !got.includes(e)).slice(0, 5);
    const extra = got.filter(e => !expected.includes(e)).slice(0, 5);
    problems.push(`matched ${got.length} lines for ${expected.length} diagnostics; missing ${missing}; extra ${extra}`);
  }
  // Lines that must never match, and a path with a colon and a space that must.
  for (const l of ['   13 |     if (bind(fd, 0, 0) < 0)', '      |         ^~~~', '1 warning in 1 file (1 file analysed)',
                   'no findings (3 files analysed)'])
    if (re.test(l)) problems.push(`matches a non-diagnostic line: ${l}`);
  const odd = re.exec('C:/odd:dir/a b.c:3:4: warning: Listening socket is bound. [SCK001]');
  if (!odd || odd[p.file] !== 'C:/odd:dir/a b.c' || odd[p.line] !== '3' || odd[p.code] !== 'SCK001')
    problems.push('a path with a colon and a space is not matched whole');
}

const ext = JSON.parse(fs.readFileSync(path.join(vs, 'extensions.json'), 'utf8'));
if (!(ext.recommendations || []).includes('MS-SarifVSCode.sarif-viewer')) problems.push('extensions.json does not recommend the SARIF Viewer');
const settings = JSON.parse(fs.readFileSync(path.join(vs, 'settings.json'), 'utf8'));
if (!Object.keys(settings).some(k => k.startsWith('sarif-viewer.'))) problems.push('settings.json has no SARIF Viewer setting');
if (!tasks.some(t => /--format sarif -o \.sarif\//.test(t.command || ''))) problems.push('no task writes SARIF into .sarif/');

if (problems.length) { console.log('FAIL: ' + problems.join('\nFAIL: ')); process.exit(1); }
console.log(`vscode matcher: ok (${expected.length} diagnostics matched by ${matchers.length} matchers)`);
JS
