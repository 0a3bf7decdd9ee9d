#!/bin/bash
# bench/serve/run.sh - the time from save to reload of `salesgen serve`
# (issue 15's target: under 300 ms for one customer at 1,000 customers).
#
# usage: bench/serve/run.sh [BUILD_DIR] [CUSTOMERS] [RUNS]   (defaults: build, 1000, 9)
#
# Makes a content folder of CUSTOMERS customers beside the sample ones
# (tests/tools/make_customers.py), starts salesgen serve on it (its first,
# full build is not timed), then saves one customer's file RUNS times and
# times each save until the open page's event arrives and until the page
# has been fetched again (reload.py). Prints each run and the median and
# range.
set -eu
BUILD=$(realpath "${1:-build}")
N=${2:-1000}
RUNS=${3:-9}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=$BUILD/salesgen
WORK=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill -INT "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT
export SOURCE_DATE_EPOCH=1795132800
cmake --build "$BUILD" --target salesgen >/dev/null

python3 "$ROOT/tests/tools/make_customers.py" "$ROOT/content" "$WORK/content" "$N"
echo "salesgen serve benchmark: $N generated customers, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%d)"
TMPDIR=$WORK "$BIN" serve --content "$WORK/content" --port 0 >"$WORK/out" 2>"$WORK/err" &
pid=$!
start=$(date +%s)
url=
while [ -z "$url" ]; do
	kill -0 "$pid" 2>/dev/null || { cat "$WORK/err" >&2; exit 1; }
	sleep 1
	url=$(sed -n 's|^salesgen serve: \(http://[^ ]*\) .*|\1|p' "$WORK/out")
done
echo "first (full) build: $(($(date +%s) - start)) s"
port=${url##*:}
python3 "$HERE/reload.py" "${port%/}" "$WORK/content" gen-00500 "$RUNS"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
