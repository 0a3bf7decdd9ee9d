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

# timed LABEL REV: RUNS diffs of REV~1..REV; prints the median and range.
timed() {
	local label=$1 rev=$2 times=()
	for _ in $(seq "$RUNS"); do
		local t0 t1
		t0=$(date +%s.%N)
		"$BIN" diff "$rev~1" "$rev" --format json >"$WORK/out.json"
		t1=$(date +%s.%N)
		times+=("$(python3 -c "print($t1 - $t0)")")
	done
	python3 - "$label" "$WORK/out.json" "${times[@]}" <<'PY'
import json, statistics, sys
label, out, times = sys.argv[1], sys.argv[2], sorted(map(float, sys.argv[3:]))
d = json.load(open(out))
print(f"{label:<10} {d['changed']:5} of {d['compared']} customers changed: "
      f"median {statistics.median(times):.2f} s, range {times[0]:.2f}-{times[-1]:.2f} s "
      f"({len(times)} runs)")
PY
}

echo "salesgen diff benchmark: $N customers more than the sample, $(nproc) cores, $(date -u +%Y-%m-%d)"
timed catalog HEAD~1
timed template HEAD
