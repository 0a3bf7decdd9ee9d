#!/usr/bin/env python3
"""ab_edit.py - one-edit builds of two salesgen programs, interleaved.

usage: ab_edit.py BIN_A BIN_B CONTENT BUILT_OUT [RUNS]     (RUNS default 7)

BUILT_OUT is an output folder that a full build of CONTENT made (with either
program, or another one that makes the same bytes: at 10,000 customers a full
build takes minutes, so it is made once and reused). It is copied into a
folder for each program (hard links), and each copy's manifest is made to name that
program (the program is an input of every output; rewriting its hash is
sound only because both programs make the same bytes, which
tests/e2e/output_hashes.sh checks; its changes file, manifest-changes, too,
when there is one). Each program then builds its copy once
(nothing is rebuilt; a program with customer records makes them), and then,
RUNS times: one customer's users="..." is raised by one, and A and B each
build (A B, then B A, ...). Prints each run and the median and range of the
wall-clock and CPU time (user + system of the build and its workers), their
ratios, and how many customers each took from records. Set SOURCE_DATE_EPOCH
as the full build had it.
"""
import hashlib
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def adopt(src, dst, binary):
    """dst: a copy of src whose manifest names binary as the program. The
    outputs are hard links (salesgen replaces an output by renaming a new
    file over it, never writes into one); its records are copies."""
    shutil.copytree(src, dst, symlinks=True, copy_function=os.link,
                    ignore=lambda d, names: [".salesgen"] if d == src else [])
    shutil.copytree(os.path.join(src, ".salesgen"), os.path.join(dst, ".salesgen"),
                    ignore=shutil.ignore_patterns("lock*", "tmp*"))
    new = hashlib.sha256(open(binary, "rb").read()).hexdigest()
    state = os.path.join(dst, ".salesgen")
    man = os.path.join(state, "manifest")
    text = open(man).read()
    old = re.search(r"^I ([0-9a-f]{64}) :salesgen-binary$", text, re.M).group(1)
    # The manifest's changes (a newer salesgen's manifest-changes) too.
    for name in ("manifest", "manifest-changes"):
        path = os.path.join(state, name)
        if os.path.exists(path):
            text = open(path).read()
            open(path, "w").write(text.replace("I %s :salesgen-binary" % old,
                                               "I %s :salesgen-binary" % new))
    cache = os.path.join(state, "cache")
    if os.path.exists(cache):
        lines = [l for l in open(cache) if not l.rstrip("\n").endswith(" in:/proc/self/exe")]
        open(cache, "w").writelines(lines)


def build(binary, content, out, report):
    c0 = cpu()
    t0 = time.monotonic()
    subprocess.run([binary, "build", "--quiet", "--content", content, "--out", out,
                    "--report", report],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    secs = time.monotonic() - t0
    return secs, cpu() - c0, json.load(open(report))["summary"]


def main():
    a, b, content, built = sys.argv[1:5]
    runs = int(sys.argv[5]) if len(sys.argv) > 5 else 7
    work = tempfile.mkdtemp()
    report = os.path.join(work, "r.json")
    bins = {"A": a, "B": b}
    outs = {k: os.path.join(work, "out-" + k) for k in bins}
    for k in bins:
        adopt(built, outs[k], bins[k])
        build(bins[k], content, outs[k], report)
    files = sorted(os.listdir(os.path.join(content, "customers")))
    target = os.path.join(content, "customers", files[len(files) // 2])
    wall = {"A": [], "B": []}
    cpus = {"A": [], "B": []}
    for i in range(runs):
        text = open(target).read()
        text = re.sub(r' users="(\d+)"', lambda m: ' users="%d"' % (int(m.group(1)) + 1),
                      text, count=1)
        open(target, "w").write(text)
        for k in ("AB" if i % 2 == 0 else "BA"):
            secs, c, s = build(bins[k], content, outs[k], report)
            wall[k].append(secs)
            cpus[k].append(c)
            print(f"run {i + 1} {k}: wall {secs:.2f} s, cpu {c:.2f} s, built {s['built']}, "
                  f"records used {s.get('records_used', '-')}", flush=True)
    for k in bins:
        w, c = wall[k], cpus[k]
        print(f"{k}: wall {statistics.median(w):.2f} s ({min(w):.2f}-{max(w):.2f}), "
              f"cpu {statistics.median(c):.2f} s ({min(c):.2f}-{max(c):.2f})")
    print("B/A: wall %.2f, cpu %.2f" % (statistics.median(wall["B"]) / statistics.median(wall["A"]),
                                       statistics.median(cpus["B"]) / statistics.median(cpus["A"])))
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
