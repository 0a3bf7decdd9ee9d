#!/bin/bash
# run.sh - the site benchmark: M Markdown pages built by salesgen and by Hugo
# on an equivalent minimal site, the two taking turns.
#
# usage: bench/site/run.sh [BUILD_DIR] [M...]     (defaults: build, 1000 10000)
#   SETS="synthetic newsletter"  the page sets (default both):
#       synthetic   gen_pages.py: ~12 KB pages, tables and lists, 80 words
#       newsletter  gen_newsletter.py: ~26 KB pages shaped like a weekly
#                   newsletter's, about 230 links each, a large vocabulary
#   RUNS=3      rounds (default 3)
#   HUGO=0      salesgen alone (Hugo needs some 470 KB of memory a page)
#   SEARCH=0    skip the search index's query check (bench/site/search.sh)
#
# For each M and set, the pages are written twice: a salesgen content folder
# (playbooks only, a minimal site.xml and catalog) and a Hugo site with the
# same pages and layouts that do what salesgen's pages do. Then RUNS rounds,
# each of
#   A  salesgen build --only site   a full build (every core, forked
#                                   workers with budgets)
#   B  hugo                         a full build (every core)
#   A' salesgen build, again        a rebuild with nothing changed
# every build niced, into a folder of its own, under /usr/bin/time -v. For
# each it prints the median and range over the rounds of the wall time, the
# processor time (user + system: the fairer figure on a shared machine) and
# the peak memory (the largest resident set of the process or of any child
# it waited for), and the ratios Hugo / salesgen of the medians, with the
# range of the ratios round by round. Last, salesgen's search index: its
# total size and, in Chromium, the most a query loads of it (search.sh).
# Targets (issue 5): salesgen at least 2 times faster than Hugo with a
# quarter of its peak memory.
#
# Installs nothing. Hugo: `apt-get install hugo` (Debian); skipped when it is
# missing. /usr/bin/time: `apt-get install time`.
set -eu
BUILD=$(realpath "${1:-build}")
shift || true
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
SETS=${SETS:-synthetic newsletter}
RUNS=${RUNS:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d -p "${TMPDIR:-/tmp}")
trap 'rm -rf "$WORK"' EXIT

if [ ! -x /usr/bin/time ]; then
	echo "/usr/bin/time is missing: apt-get install time" >&2
	exit 1
fi
SALESGEN=$BUILD/salesgen
[ -x "$SALESGEN" ] || { echo "no $SALESGEN: build it first" >&2; exit 1; }
HUGO_BIN=$(command -v hugo || true)
if [ "${HUGO:-1}" = 0 ]; then
	HUGO_BIN=
	echo "HUGO=0: salesgen alone"
elif [ -z "$HUGO_BIN" ]; then
	echo "hugo is not installed (apt-get install hugo): its side is skipped"
fi
export SOURCE_DATE_EPOCH=1795132800

# run NAME CMD...: CMD niced under /usr/bin/time -v; appends
# "wall cpu mib" to $WORK/NAME.
run() {
	local name=$1
	shift
	/usr/bin/time -v -o "$WORK/time.txt" nice "$@" >"$WORK/run.out" 2>&1 || {
		echo "$name failed:" >&2
		tail -5 "$WORK/run.out" >&2
		exit 1
	}
	awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0
			for (i = 1; i <= n; i++) s = s * 60 + p[i] }
		/User time|System time/ { c += $2 }
		/Maximum resident set size/ { m = $2 / 1024 }
		END { printf "%s %s %.0f\n", s, c, m }' "$WORK/time.txt" >>"$WORK/$name"
}

# report KEY...: the median and range of each measured build, and the ratios.
report() {
	python3 - "$WORK" "$@" <<'PY'
import os, statistics, sys
work, keys = sys.argv[1], sys.argv[2:]
names = {"sg": "salesgen build", "hugo": "hugo", "noop": "salesgen, nothing changed"}
data = {}
for k in keys:
    p = f"{work}/{k}"
    if os.path.exists(p):
        data[k] = [[float(v) for v in l.split()] for l in open(p) if l.strip()]
def med(rows, i):
    return statistics.median(r[i] for r in rows)
def cell(rows, i, unit, prec):
    v = [r[i] for r in rows]
    return f"{med(rows, i):.{prec}f} {unit} ({min(v):.{prec}f}-{max(v):.{prec}f})"
print(f"  {'median (range) of ' + str(len(data['sg'])) + ' rounds':34} {'wall':>22} {'cpu (user+sys)':>22} {'peak memory':>22}")
for k, rows in data.items():
    print(f"  {names[k]:34} {cell(rows, 0, 's', 2):>22} {cell(rows, 1, 's', 2):>22} {cell(rows, 2, 'MiB', 0):>22}")
if "hugo" in data:
    a, b = data["sg"], data["hugo"]
    for i, what, target in ((0, "wall time", "target: 2 or more"), (1, "cpu time", ""),
                            (2, "peak memory", "target: 4 or more")):
        rs = [y[i] / x[i] for x, y in zip(a, b)]
        print(f"  {what + ', hugo / salesgen:':34} {med(b, i) / med(a, i):5.2f} "
              f"(round by round {min(rs):.2f}-{max(rs):.2f})  {target}")
PY
}

echo "salesgen: $("$SALESGEN" --version 2>/dev/null | head -1)  hugo: ${HUGO_BIN:+$("$HUGO_BIN" version | cut -d' ' -f2)}"
echo "cores: $(nproc), memory: $(free -g | awk '/^Mem:/ { print $2 }') GB, load: $(cut -d' ' -f1-3 /proc/loadavg), rounds: $RUNS"
for M in "${SIZES[@]}"; do
	for SET in $SETS; do
		# Nothing is deleted until the very end: for about half a minute
		# after many files are deleted, ext4 is several times slower to
		# create new ones (it scans past recently freed inodes), which would
		# penalise whichever build comes next. Every build writes into a
		# folder of its own.
		P=$WORK/$SET-$M
		GEN=$HERE/gen_pages.py
		[ "$SET" = newsletter ] && GEN=$HERE/gen_newsletter.py
		echo "== $SET, $M pages: $(python3 "$GEN" "$M" "$P")"
		SG=$P/salesgen
		rm -f "$WORK/sg" "$WORK/hugo" "$WORK/noop"
		for r in $(seq "$RUNS"); do
			run sg "$SALESGEN" build --content "$SG/content" --out "$SG/out.$r" --only site --quiet
			[ -z "$HUGO_BIN" ] || run hugo "$HUGO_BIN" --quiet -s "$P/hugo" -d "$P/public.$r"
			run noop "$SALESGEN" build --content "$SG/content" --out "$SG/out.$r" --only site --quiet
		done
		report sg hugo noop
		echo "  salesgen wrote $(find "$SG/out.1/site" -name '*.html' | wc -l) HTML pages" \
			"($(du -sm "$SG/out.1/site" | cut -f1) MB)${HUGO_BIN:+, hugo $(find "$P/public.1" -name '*.html' | wc -l) ($(du -sm "$P/public.1" | cut -f1) MB)}"
		if [ "${SEARCH:-1}" = 1 ]; then
			"$HERE/search.sh" --site "$SG/out.1/site" "$SET"
		else
			echo "  search index: $(cat "$SG/out.1/site/search-index.js" "$SG/out.1/site/search/"* | wc -c) bytes"
		fi
	done
done
