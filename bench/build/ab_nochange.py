#!/usr/bin/env python3
"""ab_nochange.py - no-change builds of two salesgen programs, interleaved.

usage: ab_nochange.py BIN_A BIN_B CONTENT [RUNS]   (RUNS default 9)

Builds CONTENT once with each program into an output folder of its own (the
program is an input of every output, so each needs its own), then runs the
no-change build A B A B ... RUNS times each, and prints the median and range
of the wall time of each, their ratio, and how many files each read to hash
(the report's "hashed"; a program without that count prints "-").
Set SOURCE_DATE_EPOCH for outputs that show a date.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def build(binary, content, out, report):
    t0 = time.monotonic()
    subprocess.run([binary, "build", "--quiet", "--content", content, "--out", out,
                    "--jobs", "2", "--report", report],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    secs = time.monotonic() - t0
    s = json.load(open(report))["summary"]
    return secs, s


def main():
    a, b, content = sys.argv[1], sys.argv[2], sys.argv[3]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 9
    work = tempfile.mkdtemp()
    bins = {"A": a, "B": b}
    for k, binary in bins.items():
        build(binary, content, os.path.join(work, "out-" + k), os.path.join(work, "r.json"))
        build(binary, content, os.path.join(work, "out-" + k), os.path.join(work, "r.json"))
    times = {"A": [], "B": []}
    hashed = {}
    for _ in range(runs):
        for k, binary in bins.items():
            secs, s = build(binary, content, os.path.join(work, "out-" + k),
                            os.path.join(work, "r.json"))
            if s["built"]:
                sys.exit(f"ab_nochange.py: {k} built {s['built']} outputs: not a no-change build")
            times[k].append(secs)
            hashed[k] = s.get("hashed", "-")
    for k in bins:
        t = times[k]
        print(f"{k} {bins[k]}: median {statistics.median(t):.3f} s  range {min(t):.3f}-{max(t):.3f} s"
              f"  files hashed {hashed[k]}")
    print(f"B/A: {statistics.median(times['B']) / statistics.median(times['A']):.2f}")
    subprocess.run(["rm", "-rf", work], check=False)


if __name__ == "__main__":
    main()
