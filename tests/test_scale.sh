#!/bin/sh
# The pathological units of bench/scale, at sizes a test can afford, must give exactly their
# findings: one SCK001 per listener among 2,000 locals, 4,000 statements, 200 sockets in one
# function, 200 listener functions, 200 assignments chained bottom-up, macro-made listeners,
# and at main's call of a chain of 200 wrappers across 10 files. Their timings belong to bench/scale (docs/performance.md), not here.
# Called by ctest as: test_scale.sh SOCKCHECK SOURCE_DIR
set -u
sc=$1
src=$(cd "$2" && pwd)
failures=0
python3 "$src/bench/scale" --check --sockcheck "$sc" --scale 0.04 locals statements nesting macros ||
  failures=$((failures + 1))
python3 "$src/bench/scale" --check --sockcheck "$sc" --scale 0.2 sockets functions chain assignments ||
  failures=$((failures + 1))
# The checker of the checks: a case whose expected findings are not all there must fail.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/fake" <<'S'
#!/bin/sh
printf '{"version": 1, "findings": []}\n'
exit 0
S
chmod +x "$work/fake"
if python3 "$src/bench/scale" --check --sockcheck "$work/fake" --scale 0.01 sockets >/dev/null 2>&1; then
  echo "FAIL: bench/scale --check accepted a run without findings"
  failures=$((failures + 1))
fi
[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "scale: all cases give their findings"
