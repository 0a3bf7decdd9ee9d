#!/bin/bash
# bench/build/run.sh - the batch-build benchmark of issue 6.
#
# usage: bench/build/run.sh [BUILD_DIR] [SIZES]     (defaults: build, "1000 10000")
#
# For each size N, makes a content folder of N customers (each with a 3-to-5
# page Chinese proposal and a project review, bench/proposals/gen_customers.py)
# and times, side by side:
#   full        salesgen build of everything (proposals, reports, costs, site)
#   no-change   the same build again: nothing to do
#   one edit    after changing one customer's user count
# and, for the smallest size, a full build with --jobs 1 against --jobs 2.
# Peak memory is the largest resident set of the build (GNU time's %M: the
# parent, or its largest worker). Prints the ratios and whether the targets
# are met: no-change under 5% of the full build at 10,000 customers, one
# edit under 2 s, --jobs 2 at least 1.8x --jobs 1, peak under 200 MB.
set -eu
BUILD=$(realpath "${1:-build}")
SIZES=${2:-"1000 10000"}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=$BUILD/salesgen
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1795132800
command -v /usr/bin/time >/dev/null || { echo "run.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
cmake --build "$BUILD" --target salesgen >/dev/null

# timed LABEL ARGS...: runs salesgen build, prints "LABEL seconds peak_kb built unchanged"
timed() {
	local label=$1
	shift
	/usr/bin/time -f "%e %M" -o "$WORK/time" "$BIN" build --quiet --report "$WORK/report.json" "$@" \
		>"$WORK/log" 2>&1 || true
	read -r secs kb <"$WORK/time"
	python3 - "$label" "$secs" "$kb" "$WORK/report.json" <<'PY'
import json, sys
label, secs, kb, rep = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
s = json.load(open(rep))["summary"]
print(f"{label:<28} {secs:8.2f} s {kb / 1024:7.0f} MB  built {s['built']:6}  unchanged {s['unchanged']:6}  failed {s['failed']}")
PY
	echo "$secs $kb" >"$WORK/last"
}

secs() { cut -d' ' -f1 "$WORK/last"; }
peak() { cut -d' ' -f2 "$WORK/last"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.3f}')" "$1" "$2"; }
verdict() { # NAME VALUE OP LIMIT
	if python3 -c "import sys; v,l=float(sys.argv[1]),float(sys.argv[3]); sys.exit(0 if (v<l if sys.argv[2]=='<' else v>=l) else 1)" "$2" "$3" "$4"; then
		echo "  target $1: $2 $3 $4: met"
	else
		echo "  target $1: $2 $3 $4: MISSED (bench/README.md, \"Batch builds\", says why)"
	fi
}

echo "salesgen batch-build benchmark: $(nproc) cores, $(date -u +%Y-%m-%d)"
first=1
for n in $SIZES; do
	content=$WORK/content-$n
	out=$WORK/out-$n
	python3 "$ROOT/bench/proposals/gen_customers.py" "$ROOT/content" "$content" "$n"
	echo "== $n customers"
	timed "full build" --content "$content" --out "$out"
	full=$(secs)
	fullpeak=$(peak)
	timed "no-change rebuild" --content "$content" --out "$out"
	none=$(secs)
	[ "$(peak)" -gt "$fullpeak" ] && fullpeak=$(peak)
	one=$(ls "$content/customers" | head -1)
	sed -i 's/ users="\([0-9]*\)"/ users="\11"/' "$content/customers/$one"
	timed "one customer edited" --content "$content" --out "$out"
	edit=$(secs)
	[ "$(peak)" -gt "$fullpeak" ] && fullpeak=$(peak)
	echo "  no-change / full: $(ratio "$none" "$full"); peak memory of the three $((fullpeak / 1024)) MB"
	if [ "$n" -ge 10000 ]; then
		verdict "no-change under 5% of full" "$(ratio "$none" "$full")" "<" 0.05
		verdict "one edit under 2 s" "$edit" "<" 2
		verdict "peak memory under 200 MB" "$((fullpeak / 1024))" "<" 200
	fi
	if [ $first -eq 1 ]; then
		first=0
		timed "full, --jobs 1" --content "$content" --out "$WORK/j1" --jobs 1
		j1=$(secs)
		timed "full, --jobs 2" --content "$content" --out "$WORK/j2" --jobs 2
		j2=$(secs)
		echo "  --jobs 2 speed-up: $(ratio "$j1" "$j2")x"
		verdict "--jobs 2 at least 1.8x --jobs 1" "$(ratio "$j1" "$j2")" ">=" 1.8
	fi
	rm -rf "$content" "$out" "$WORK/j1" "$WORK/j2"
done
