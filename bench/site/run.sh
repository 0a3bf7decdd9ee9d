#!/bin/bash
# run.sh - the site benchmark: M Markdown pages built by salesgen and, side by
# side in the same run, by Hugo on an equivalent minimal site.
#
# usage: bench/site/run.sh [BUILD_DIR] [M...]     (defaults: build, 1000 10000)
#
# For each M, gen_pages.py writes M pages of ~12 KB (mixed Chinese and English,
# tables and lists) twice: a salesgen content folder (playbooks only, a
# minimal site.xml and catalog) and a Hugo site with the same pages. Then:
#   salesgen build --only site       a full build (default: every core,
#                                    forked workers with budgets)
#   salesgen build --workers threads the same in one process (its peak memory
#                                    is the whole build's)
#   salesgen build, again            a rebuild with nothing changed
#   hugo                             a full build (every core)
# each under /usr/bin/time -v, printing the wall time, the peak memory (the
# largest resident set of the process or of any child it waited for) and the
# ratios. Targets (issue 5): salesgen at least 2 times faster than Hugo with a
# quarter of its peak memory.
#
# Installs nothing. Hugo: `apt-get install hugo` (Debian); skipped when it is
# missing. /usr/bin/time: `apt-get install time`.
set -eu
BUILD=$(realpath "${1:-build}")
shift || true
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [ ! -x /usr/bin/time ]; then
	echo "/usr/bin/time is missing: apt-get install time" >&2
	exit 1
fi
SALESGEN=$BUILD/salesgen
[ -x "$SALESGEN" ] || { echo "no $SALESGEN: build it first" >&2; exit 1; }
HUGO=$(command -v hugo || true)
[ -n "$HUGO" ] || echo "hugo is not installed (apt-get install hugo): its side is skipped"
export SOURCE_DATE_EPOCH=1795132800

# measure NAME OUT CMD...: runs CMD (which writes into the folder OUT) under
# /usr/bin/time -v, $RUNS times, each into a fresh OUT.N; sets SECS (the
# fastest wall time: the machine may be shared, and the least disturbed run
# is the best estimate), CPU (user + system seconds of that run) and MIB (the
# largest peak resident set of the runs).
RUNS=${RUNS:-3}
measure() {
	local name=$1 out=$2 r
	shift 2
	SECS="" CPU="" MIB=0
	for r in $(seq "$RUNS"); do
		local args=("${@//@OUT@/$out.$r}")
		/usr/bin/time -v -o "$WORK/time.txt" "${args[@]}" >"$WORK/run.out" 2>&1 || {
			echo "$name failed:" >&2
			tail -5 "$WORK/run.out" >&2
			exit 1
		}
		local s c m
		s=$(awk -F': ' '/Elapsed \(wall clock\)/ {
			n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' \
			"$WORK/time.txt")
		c=$(awk -F': ' '/User time|System time/ { t += $2 } END { print t }' "$WORK/time.txt")
		m=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/time.txt")
		if [ -z "$SECS" ] || python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$s" "$SECS"; then
			SECS=$s CPU=$c
		fi
		[ "$m" -gt "$MIB" ] && MIB=$m
	done
	printf '  %-34s %8.2f s  (cpu %6.2f s) %7s MiB\n' "$name" "$SECS" "$CPU" "$MIB"
}

ratio() { python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(f'{a / b:.2f}' if b else '-')" "$1" "$2"; }

echo "salesgen: $("$SALESGEN" --version 2>/dev/null | head -1)  hugo: ${HUGO:+$("$HUGO" version | cut -d' ' -f2)}"
echo "cores: $(nproc)"
for M in "${SIZES[@]}"; do
	# Nothing is deleted until the very end: for about half a minute after
	# many files are deleted, ext4 is several times slower to create new
	# ones (it scans past recently freed inodes), which would penalise
	# whichever build comes next. Each M gets folders of its own.
	P=$WORK/pages-$M
	echo "== $M pages: $(python3 "$HERE/gen_pages.py" "$M" "$P")"
	SG=$P/salesgen
	# Every build writes into a folder of its own, for the same reason.
	measure "salesgen build (processes)" "$SG/out" "$SALESGEN" build --content "$SG/content" \
		--out @OUT@ --only site --quiet
	sg_secs=$SECS sg_mib=$MIB
	pages=$(find "$SG/out.1/site" -name '*.html' | wc -l)
	measure "salesgen build, nothing changed" "$SG/unused" "$SALESGEN" build \
		--content "$SG/content" --out "$SG/out.1" --only site --quiet
	measure "salesgen build (threads)" "$SG/outt" "$SALESGEN" build --content "$SG/content" \
		--out @OUT@ --only site --quiet --workers threads --budget-time 0 --budget-memory 0
	th_secs=$SECS th_mib=$MIB
	echo "  salesgen wrote $pages HTML pages; search index (search-index.js, search/):" \
		"$(cat "$SG/out.1/site/search-index.js" "$SG/out.1/site/search/"* | wc -c) bytes in" \
		"$(($(ls "$SG/out.1/site/search" | wc -l) + 1)) files (bench/site/search.sh: the most a query loads)"
	if [ -n "$HUGO" ]; then
		measure "hugo" "$P/public" "$HUGO" --quiet -s "$P/hugo" -d @OUT@
		hg_pages=$(find "$P/public.1" -name '*.html' | wc -l)
		echo "  hugo wrote $hg_pages HTML pages"
		echo "  time, hugo / salesgen: $(ratio "$SECS" "$sg_secs") (processes)," \
			"$(ratio "$SECS" "$th_secs") (threads)   target: 2 or more"
		echo "  peak memory, hugo / salesgen: $(ratio "$MIB" "$sg_mib") (processes)," \
			"$(ratio "$MIB" "$th_mib") (threads)   target: 4 or more"
	fi
done
