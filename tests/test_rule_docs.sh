#!/bin/sh
# The rule docs and the registry agree (STYLE.md §6): every rule of --list-rules has a
# docs/rules/<ID>.md whose front matter gives the same id, name and level, every doc names a
# listed rule, the "## Example" block gives findings of that rule only, and the "## Fix" block
# gives none. Called by ctest as: test_rule_docs.sh SOCKCHECK SOURCE_DIR
set -u
sc=$1
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$sc" --list-rules --format json >"$work/rules.json" || { echo "FAIL: --list-rules"; exit 1; }
python3 - "$sc" "$src" "$work" <<'PY'
import json, os, re, subprocess, sys
sc, src, work = sys.argv[1:]
rules = {r["id"]: r for r in json.load(open(os.path.join(work, "rules.json")))}
docs = os.path.join(src, "docs", "rules")
bad = []
def block_after(text, heading):
    m = re.search(r"^## " + heading + r"\s*$(.*?)^```c\n(.*?)^```", text, re.S | re.M)
    return m.group(2) if m else None
def findings(code, name):
    path = os.path.join(work, name)
    open(path, "w").write(code)
    p = subprocess.run([sc, "--no-config", "--format", "json", "--root", work, path],
                       capture_output=True, text=True)
    if p.returncode not in (0, 1):
        return None, p.stderr
    d = json.loads(p.stdout)
    return [f["rule_id"] for f in d["findings"] if not f["suppressed"]], d["errors"]
for name in sorted(os.listdir(docs)):
    if name.endswith(".md") and name[:-3] not in rules:
        bad.append("docs/rules/%s: no such rule in --list-rules" % name)
for rid, rule in sorted(rules.items()):
    path = os.path.join(docs, rid + ".md")
    if not os.path.exists(path):
        bad.append("%s: no docs/rules/%s.md" % (rid, rid))
        continue
    text = open(path).read()
    front = dict(re.findall(r"^(\w+): *([^#\n]*?) *(?:#.*)?$", text.split("---")[1], re.M))
    for key in ("id", "name", "level"):
        if front.get(key) != rule[key]:
            bad.append("%s.md: front matter %s is %r, the registry says %r" % (rid, key, front.get(key), rule[key]))
    example, fix = block_after(text, "Example"), block_after(text, "Fix")
    if example is None or fix is None:
        bad.append("%s.md: no ```c block under ## Example or ## Fix" % rid)
        continue
    got, errors = findings(example, rid + "_example.c")
    if got is None or errors:
        bad.append("%s.md: the example cannot be analysed: %s" % (rid, errors))
    elif not got or set(got) != {rid}:
        bad.append("%s.md: the example gives %s, expected %s only" % (rid, got, rid))
    got, errors = findings(fix, rid + "_fix.c")
    if got is None or errors:
        bad.append("%s.md: the fix cannot be analysed: %s" % (rid, errors))
    elif got:
        bad.append("%s.md: the fix still gives %s" % (rid, got))
for b in bad:
    print("FAIL: " + b)
print("rule docs: %s (%d rules)" % ("ok" if not bad else "%d problems" % len(bad), len(rules)))
sys.exit(1 if bad else 0)
PY
