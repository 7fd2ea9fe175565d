#!/usr/bin/env python3
"""Times sockcheck against the parse floor and its peers on built corpus packages.

    bench/measure.py --sockcheck BIN [--repeat N] [--markdown FILE] PACKAGE_DIR...

Each PACKAGE_DIR holds a compile_commands.json. Every time is wall-clock seconds, the best of
--repeat runs (-j1 and -j2 runs alternate, so that a busy spell of a shared machine weighs
on both) (clang-tidy and cppcheck run once: they are slow and not what is tuned here);
peak memory is "Maximum resident set size" from /usr/bin/time -v. Prints one markdown table:
times as ratios to the serial parse floor (clang -fsyntax-only over every unit).
"""
import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

TIME = "/usr/bin/time"


def unknown_arguments(db):
    """Arguments the clang driver refuses (GCC-only flags such as -mindirect-branch=thunk):
    with them clang -fsyntax-only parses nothing, which would make the floor meaningless."""
    unknown, tried = set(), set()
    for e in db:
        args = e.get("arguments") or shlex.split(e["command"])
        flags = tuple(a for a in args[1:] if a.startswith("-") and a not in ("-c", "-o"))
        if flags in tried:
            continue
        tried.add(flags)
        proc = subprocess.run(["clang", "-###", "-fsyntax-only", *flags, "-x", "c", "/dev/null"],
                              capture_output=True, text=True)
        unknown.update(re.findall(r"unknown argument: '([^']*)'", proc.stderr))
    return unknown


def cleaned_database(pkg, work):
    """pkg's compile_commands.json without the arguments clang refuses, written into work
    (every tool reads this one, so that all of them parse the same code)."""
    db = json.load(open(os.path.join(pkg, "compile_commands.json")))
    unknown = unknown_arguments(db)
    if unknown:
        print(f"bench: {os.path.basename(pkg)}: dropping arguments clang does not know: "
              f"{' '.join(sorted(unknown))}", file=sys.stderr)
    for e in db:
        args = e.pop("arguments", None) or shlex.split(e.pop("command"))
        e["arguments"] = [a for a in args if a not in unknown]
    with open(os.path.join(work, "compile_commands.json"), "w") as f:
        json.dump(db, f, indent=1)
    return work


def units_of(pkg):
    """(directory, clang -fsyntax-only command, file) per unit, each file once, as sockcheck."""
    db = json.load(open(os.path.join(pkg, "compile_commands.json")))
    seen, units = set(), []
    for e in db:
        path = os.path.normpath(os.path.join(e["directory"], e["file"]))
        if path in seen or not path.endswith(".c"):
            continue
        seen.add(path)
        args = e.get("arguments") or shlex.split(e["command"])
        cmd, skip = ["clang", "-fsyntax-only", "-w"], False
        for a in args[1:]:
            if skip:
                skip = False
            elif a in ("-o", "-MF", "-MT", "-MQ"):
                skip = True
            elif a == "-c" or a.startswith("-M"):
                continue
            else:
                cmd.append(a)
        units.append((e["directory"], cmd, path))
    return units


def timed(cmd, cwd=None, env=None):
    """Runs cmd under /usr/bin/time -v: (seconds, peak KiB, exit status)."""
    with tempfile.NamedTemporaryFile("r") as report:
        start = time.monotonic()
        proc = subprocess.run([TIME, "-v", "-o", report.name, *cmd], cwd=cwd, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.monotonic() - start
        peak = 0
        for line in report.read().splitlines():
            if "Maximum resident set size" in line:
                peak = int(line.split(":")[1])
    return elapsed, peak, proc.returncode


def best(repeat, fn):
    runs = [fn() for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def best_pair(repeat, fa, fb):
    """best() of two commands run alternately, so that a busy spell of the machine weighs on
    both alike (their ratio is what is compared)."""
    ra, rb = [], []
    for _ in range(repeat):
        ra.append(fa())
        rb.append(fb())
    return ((min(r[0] for r in ra), max(r[1] for r in ra)),
            (min(r[0] for r in rb), max(r[1] for r in rb)))


def parse_floor(units, jobs):
    """clang -fsyntax-only over every unit with jobs at once: (seconds, largest unit's KiB)."""
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        peaks = list(pool.map(lambda u: timed(u[1], cwd=u[0])[1], units))
    return time.monotonic() - start, max(peaks or [0])


def sockcheck(sc, db, pkg, *extra):
    return timed([sc, "-p", db, "--root", pkg, *extra])


def measure(pkg, sc, repeat):
    work = tempfile.mkdtemp(prefix="sockcheck-bench-")
    try:
        return measure_in(pkg, cleaned_database(pkg, work), sc, repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure_in(pkg, db, sc, repeat):
    units = units_of(db)
    row = {"package": os.path.basename(os.path.normpath(pkg)), "units": len(units)}
    (row["floor"], row["clang_peak"]), (row["floor_j2"], _) = best_pair(
        repeat, lambda: parse_floor(units, 1), lambda: parse_floor(units, 2))
    if shutil.which("clang-tidy"):
        files = [u[2] for u in units]
        row["tidy"] = timed(["clang-tidy", "-p", db, "--quiet",
                             "-checks=-*,android-cloexec-socket", *files])[0]
    if shutil.which("cppcheck"):
        row["cppcheck"] = timed(["cppcheck", "-q", "--project=" +
                                 os.path.join(db, "compile_commands.json")])[0]
    cache = tempfile.mkdtemp(prefix="sockcheck-bench-cache-")
    try:
        row["cold"], row["cold_peak"], row["status"] = sockcheck(sc, db, pkg, "--cache-dir", cache)
        row["warm"], _ = best(repeat, lambda: sockcheck(sc, db, pkg, "--cache-dir", cache)[:2])
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    # -j1 and -j2 parse every unit (--no-skip): the threads' gain, and the peak memory of the
    # run that keeps the most facts; the default run (skipping) is the cold column's, without
    # the cache.
    (row["j1"], row["j1_peak"]), (row["j2"], _) = best_pair(
        repeat, lambda: sockcheck(sc, db, pkg, "--no-cache", "--no-skip", "-j1")[:2],
        lambda: sockcheck(sc, db, pkg, "--no-cache", "--no-skip", "-j2")[:2])
    row["skip"], _ = best(repeat, lambda: sockcheck(sc, db, pkg, "--no-cache", "-j2")[:2])
    return row


def ratio(row, key):
    return f"{row[key] / row['floor']:.2f}×" if key in row and row["floor"] else "n/a"


def table(rows):
    head = ("| package | units | parse floor | floor -j2 | clang-tidy | cppcheck | sockcheck cold "
            "| warm | --no-skip -j1 | --no-skip -j2 | -j2 | -j1 ÷ -j2 "
            "| peak MiB: sockcheck --no-skip -j1 / clang largest |")
    out = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        speedup = r["j1"] / r["j2"] if r["j2"] else 0
        out.append(
            f"| {r['package']} | {r['units']} | {r['floor']:.2f} s | {ratio(r, 'floor_j2')} "
            f"| {ratio(r, 'tidy')} | {ratio(r, 'cppcheck')} | {ratio(r, 'cold')} "
            f"| {ratio(r, 'warm')} | {ratio(r, 'j1')} | {ratio(r, 'j2')} | {ratio(r, 'skip')} "
            f"| {speedup:.2f}× | {r['j1_peak'] / 1024:.0f} / {r['clang_peak'] / 1024:.0f} "
            f"({r['j1_peak'] / max(r['clang_peak'], 1):.2f}×) |")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sockcheck", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--markdown", help="also write the table to this file")
    ap.add_argument("packages", nargs="+")
    args = ap.parse_args()
    rows = []
    load_before = os.getloadavg()[0]
    for pkg in args.packages:
        print(f"bench: measuring {pkg} ...", file=sys.stderr, flush=True)
        rows.append(measure(os.path.abspath(pkg), os.path.abspath(args.sockcheck), args.repeat))
    # On a shared machine the numbers mean little without the load they were taken under.
    text = table(rows) + (f"\n{os.cpu_count()} processors; load average {load_before:.1f} "
                          f"before, {os.getloadavg()[0]:.1f} after.\n")
    print(text, end="")
    if args.markdown:
        open(args.markdown, "w").write(text)


if __name__ == "__main__":
    main()
