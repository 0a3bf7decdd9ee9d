#!/usr/bin/env python3
"""ab_nochange.py - no-change builds of two salesgen programs, interleaved.

usage: ab_nochange.py BIN_A BIN_B CONTENT [RUNS [BUILD_ARGS...]]   (RUNS default 9)

Builds CONTENT once with each program into an output folder of its own (the
program is an input of every output, so each needs its own), then runs the
no-change build A B A B ... RUNS times each, and prints the median and range
of the wall and CPU time (user + system, of the process and its workers) of
each, their ratios, and how many files each read to hash
(the report's "hashed"; a program without that count prints "-"). BUILD_ARGS
go to every build (--only costs: the loader and the plan without typesetting).
Set SOURCE_DATE_EPOCH for outputs that show a date.
"""
import json
import resource
import os
import statistics
import subprocess
import sys
import tempfile
import time


EXTRA = []


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def build(binary, content, out, report):
    c0 = cpu()
    t0 = time.monotonic()
    subprocess.run([binary, "build", "--quiet", "--content", content, "--out", out,
                    "--jobs", "2", "--report", report] + EXTRA,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    secs = time.monotonic() - t0
    s = json.load(open(report))["summary"]
    return secs, cpu() - c0, s


def main():
    a, b, content = sys.argv[1], sys.argv[2], sys.argv[3]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 9
    EXTRA.extend(sys.argv[5:])
    work = tempfile.mkdtemp()
    bins = {"A": a, "B": b}
    for k, binary in bins.items():
        build(binary, content, os.path.join(work, "out-" + k), os.path.join(work, "r.json"))
        build(binary, content, os.path.join(work, "out-" + k), os.path.join(work, "r.json"))
    times = {"A": [], "B": []}
    cpus = {"A": [], "B": []}
    hashed = {}
    for _ in range(runs):
        for k, binary in bins.items():
            secs, c, s = build(binary, content, os.path.join(work, "out-" + k),
                            os.path.join(work, "r.json"))
            if s["built"]:
                sys.exit(f"ab_nochange.py: {k} built {s['built']} outputs: not a no-change build")
            times[k].append(secs)
            cpus[k].append(c)
            hashed[k] = s.get("hashed", "-")
    for k in bins:
        t, c = times[k], cpus[k]
        print(f"{k} {bins[k]}: wall median {statistics.median(t):.3f} s"
              f" (range {min(t):.3f}-{max(t):.3f}), CPU median {statistics.median(c):.3f} s"
              f" (range {min(c):.3f}-{max(c):.3f}), files hashed {hashed[k]}")
    for what, d in (("wall", times), ("CPU", cpus)):
        print(f"B/A {what}: {statistics.median(d['B']) / statistics.median(d['A']):.2f}")
    subprocess.run(["rm", "-rf", work], check=False)


if __name__ == "__main__":
    main()
