#!/bin/bash
# run.sh - the proposal benchmark: N Chinese proposals, timed.
#
# usage: bench/proposals/run.sh [N] [BUILD_DIR]     (defaults: 200, build)
#
# Makes a content folder of N customers (gen_customers.py), then
#  1. times the proposal producer on one core (proposal_bench: content loaded
#     once, one proposal after another), and
#  2. when `salesgen build --only proposals` makes proposals, times it with
#     --jobs 1 and with every core.
# Prints proposals per second and KB per proposal. Targets (issue 4): 50
# proposals per second per core at least, 100 aimed at; 150 KB at most each.
# Run it pinned to one core (taskset -c 0 bench/proposals/run.sh ...) so that
# "one core" is true of the build runs too.
set -eu
N=${1:-200}
BUILD=$(realpath "${2:-build}")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cmake --build "$BUILD" --target salesgen proposal_bench >/dev/null
python3 "$HERE/gen_customers.py" "$ROOT/content" "$WORK/content" "$N"
export SOURCE_DATE_EPOCH=1795132800

echo "== producer, one core, $N customers"
mkdir -p "$WORK/pdf"
# The producer prints wall-clock figures; on a machine shared with other
# work (fuzzers, other builds) they include time the core spent elsewhere,
# so the CPU time the producer itself used is printed too (user + system,
# content loading included): cpu_per_second is proposals per second of one
# core's own time.
TIMEFORMAT='%U %S'
cpu=$( { time "$BUILD/tests/proposal_bench" "$WORK/content" "$WORK/pdf" >"$WORK/bench.txt"; } 2>&1 )
cat "$WORK/bench.txt"
python3 -c '
import sys
n = int(sys.argv[1]); u, s = map(float, sys.argv[2].split())
print(f"cpu_seconds {u + s:.3f}\ncpu_ms_per_proposal {1000 * (u + s) / n:.2f}\ncpu_per_second {n / (u + s):.1f}")' \
	"$(awk '/^proposals /{print $2}' "$WORK/bench.txt")" "$cpu"
over=$(find "$WORK/pdf" -name '*.pdf' -size +150k | wc -l)
echo "over_150kb $over"

echo "== salesgen build --only proposals"
# Under taskset -c 0 nproc is 1: then one run.
for jobs in $(printf '%s\n' 1 "$(nproc)" | sort -un); do
	rm -rf "$WORK/out"
	start=$(date +%s.%N)
	"$BUILD/salesgen" build --content "$WORK/content" --out "$WORK/out" --only proposals \
		--jobs "$jobs" --quiet >/dev/null 2>&1 || true
	end=$(date +%s.%N)
	made=$(find "$WORK/out/proposals" -name '*.pdf' 2>/dev/null | wc -l)
	if [ "$made" -eq 0 ]; then
		echo "(salesgen build does not make proposals yet: skipped)"
		break
	fi
	python3 -c "import sys; n=int(sys.argv[1]); t=float(sys.argv[3])-float(sys.argv[2]); print(f'jobs {sys.argv[4]}: {n} proposals in {t:.2f} s, {n/t:.1f} per second')" \
		"$made" "$start" "$end" "$jobs"
done
