#!/bin/bash
# bench/diff/run.sh - `salesgen diff` between two git revisions of a content
# folder of many customers (issue 16: 1,000 customers under 2 s).
#
# usage: bench/diff/run.sh [BUILD_DIR] [CUSTOMERS] [RUNS]   (defaults: build 1000 5)
#
# Makes a git repository of the sample content plus CUSTOMERS customers
# (tests/tools/make_customers.py), then commits two changes and times the
# diff of each against the revision before it, RUNS times, printing the
# median and the range:
#   catalog     the business edition's price: every generated customer's
#               figures and proposal change (the worst case)
#   template    one sentence of the standard template: every proposal made
#               from it changes by that sentence
set -eu
BUILD=$(realpath "${1:-build}")
N=${2:-1000}
RUNS=${3:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=$BUILD/salesgen
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1795132800 HOME=$WORK GIT_CONFIG_NOSYSTEM=1 TMPDIR=$WORK
cmake --build "$BUILD" --target salesgen >/dev/null
git_() { git -c user.name=bench -c user.email=bench@example.com -c init.defaultBranch=main "$@"; }

mkdir "$WORK/repo"
python3 "$ROOT/tests/tools/make_customers.py" "$ROOT/content" "$WORK/repo/content" "$N"
cd "$WORK/repo"
git_ init -q . && git_ add -A && git_ commit -qm base
sed -i 's/unit-price="120" period="year"/unit-price="130" period="year"/' content/catalog.xml
git_ commit -qam catalog
sed -i 's/托管费用则在合同期内固定不变。/托管费用则在合同期内保持不变。/' content/proposals/standard.md
git_ commit -qam template

# timed LABEL REV: RUNS diffs of REV~1..REV; prints the median and range of
# the wall-clock time and of the CPU time (user + system, every thread):
# on a shared machine the first grows with the load, the second much less.
timed() {
	python3 - "$1" "$BIN" "$2" "$RUNS" "$WORK/out.json" <<'PY'
import json, resource, statistics, subprocess, sys, time
label, binary, rev, runs, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
walls, cpus = [], []
for _ in range(runs):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    with open(out, "w") as f:
        subprocess.run([binary, "diff", rev + "~1", rev, "--format", "json"], stdout=f, check=True)
    walls.append(time.monotonic() - t0)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
d = json.load(open(out))
def span(v):
    v = sorted(v)
    return f"median {statistics.median(v):.2f} s, range {v[0]:.2f}-{v[-1]:.2f} s"
print(f"{label:<9} {d['changed']:5} of {d['compared']} customers changed, {len(walls)} runs")
print(f"          wall {span(walls)}; CPU {span(cpus)}")
PY
}

echo "salesgen diff benchmark: $N customers more than the sample, $(nproc) cores, load $(cut -d" " -f1 /proc/loadavg), $(date -u +%Y-%m-%d)"
timed catalog HEAD~1
timed template HEAD
