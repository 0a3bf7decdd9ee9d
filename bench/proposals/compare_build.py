#!/usr/bin/env python3
"""compare_build.py - `salesgen build --only KIND --jobs 1` of two binaries, taking turns.

usage: compare_build.py CONTENT_DIR KIND RUNS NAME=SALESGEN [NAME=SALESGEN ...]

Builds KIND (proposals, reports, ...) of CONTENT_DIR (made by
gen_customers.py) into a fresh folder with each binary in turn (A B A B ...),
RUNS times, and prints for each the median and range of PDFs made per
second of the build's CPU time (user + system, the whole build: content
loading, fonts, every output of KIND). Run it pinned to one core
(taskset -c 0) so that --jobs 1 is the only worker.
"""
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile


def one(binary, content, kind, out):
    shutil.rmtree(out, ignore_errors=True)
    p = subprocess.Popen([binary, "build", "--content", content, "--out", out, "--only", kind,
                          "--jobs", "1", "--quiet"], stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit(f"{binary}: exit status {status}")
    n = sum(1 for _ in pathlib.Path(out).rglob("*.pdf"))
    return n, n / (ru.ru_utime + ru.ru_stime)


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    content, kind, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    progs = [a.split("=", 1) for a in sys.argv[4:]]
    got = {name: [] for name, _ in progs}
    made = {}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(runs):
            for name, binary in progs:
                made[name], rate = one(binary, content, kind, os.path.join(tmp, "out"))
                got[name].append(rate)
                print(f"run {r + 1} {name} {rate:.1f}", file=sys.stderr)
    for name, _ in progs:
        v = got[name]
        print(f"{name}: {made[name]} {kind} PDFs, median {statistics.median(v):.1f} per CPU "
              f"second ({1000 / statistics.median(v):.2f} ms each), range {min(v):.1f} to "
              f"{max(v):.1f}, {len(v)} runs")


main()
