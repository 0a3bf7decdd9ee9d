#!/bin/bash
# run.sh - is a page's build time linear in its links? One playbook of N links
# (gen_links.py: shaped like a link-heavy newsletter) built as the HTML site,
# for each N and for a page without links, the sizes taking turns run by run;
# prints the median and range of the wall time and the time per link over the
# page without links, which stays about the same from 1,000 to 100,000 links
# when nothing rescans the page per link (issue 17).
#
# usage: bench/markdown/run.sh [BUILD_DIR] [N...]   (defaults: build, 100 1000 10000)
# RUNS=7 sets the number of runs (default 5). Installs nothing.
set -eu
BUILD=$(realpath "${1:-build}")
shift || true
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100 1000 10000)
HERE=$(cd "$(dirname "$0")" && pwd)
SALESGEN=$BUILD/salesgen
[ -x "$SALESGEN" ] || { echo "no $SALESGEN: build it first" >&2; exit 1; }
RUNS=${RUNS:-5}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1795132800

echo "salesgen: $("$SALESGEN" --version 2>/dev/null | head -1)  cores: $(nproc)  runs: $RUNS"
# Size 0 (the page without links) is the baseline: the build's fixed cost
# (start, theme, site pages) is taken off before dividing by the links.
SIZES=(0 "${SIZES[@]}")
for N in "${SIZES[@]}"; do
	python3 "$HERE/gen_links.py" "$N" "$WORK/c$N" | awk '{ print $3 }' >"$WORK/bytes$N"
	: >"$WORK/times$N"
done
# The sizes take turns run by run, so that a busy moment of the machine
# falls on all of them alike.
for r in $(seq "$RUNS"); do
	for N in "${SIZES[@]}"; do
		s=$(date +%s%N)
		"$SALESGEN" build --content "$WORK/c$N" --out "$WORK/o$N.$r" --only site --quiet
		e=$(date +%s%N)
		echo $((e - s)) >>"$WORK/times$N"
	done
done
python3 - "$WORK" "${SIZES[@]}" <<'PY'
import statistics, sys
work, sizes = sys.argv[1], [int(x) for x in sys.argv[2:]]
def times(n):
    return [int(x) / 1e6 for x in open(f"{work}/times{n}").read().split()]
base = statistics.median(times(0))
print(f"{'links':>8} {'bytes':>9} {'median':>10} {'range':>18} {'over 0 links':>13} {'us per link':>12}")
for n in sizes:
    t = times(n)
    m = statistics.median(t)
    size = int(open(f"{work}/bytes{n}").read())
    per = f"{(m - base) * 1000 / n:12.1f}" if n else f"{'-':>12}"
    print(f"{n:8d} {size:9d} {m:7.1f} ms {min(t):8.1f}-{max(t):.1f} ms {m - base:10.1f} ms {per}")
PY
