#!/usr/bin/env python3
"""compare.py - two proposal producers side by side, taking turns.

usage: compare.py CONTENT_DIR RUNS NAME=PROPOSAL_BENCH [NAME=PROPOSAL_BENCH ...]

Runs each proposal_bench binary on CONTENT_DIR (made by gen_customers.py)
RUNS times, in turns (A B A B ...), pinned to the core this script is pinned
to, and prints for each the median and range of proposals per second of its
own CPU time (user + system, content loading included: what run.sh calls
cpu_per_second). Taking turns spreads the load of a shared machine over
both alike; CPU time leaves out the time the core spent on other work.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile


def one(binary, content, out):
    p = subprocess.Popen([binary, content, out], stdout=subprocess.PIPE)
    text = p.stdout.read().decode()
    _, status, ru = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit(f"{binary}: exit status {status}")
    n = int(re.search(r"^proposals (\d+)", text, re.M).group(1))
    return n / (ru.ru_utime + ru.ru_stime)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    content, runs = sys.argv[1], int(sys.argv[2])
    progs = [a.split("=", 1) for a in sys.argv[3:]]
    got = {name: [] for name, _ in progs}
    with tempfile.TemporaryDirectory() as out:
        for r in range(runs):
            for name, binary in progs:
                got[name].append(one(binary, content, out))
                print(f"run {r + 1} {name} {got[name][-1]:.1f}", file=sys.stderr)
    for name, _ in progs:
        v = got[name]
        print(f"{name}: median {statistics.median(v):.1f} proposals per CPU second "
              f"({1000 / statistics.median(v):.2f} ms each), range {min(v):.1f} to {max(v):.1f}, "
              f"{len(v)} runs")


main()
