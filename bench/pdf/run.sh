#!/bin/bash
# run.sh SALESGEN [N] - the typesetting benchmark of issue 3, side by side with
# pandoc + WeasyPrint (issue 17).
#
# Makes N (default 6) Markdown documents of 3 to 5 pages of mixed Chinese
# and English with tables (gen_docs.py) and sets each one
#   A: with `salesgen pdf` (one process: Markdown in, PDF out), and
#   B: with `pandoc -f gfm -t html` then `weasyprint` (two processes), in
#      the default theme's faces, page and sizes (weasyprint.css: Noto Serif
#      CJK SC body, Noto Sans CJK SC headings and tables, A4),
# A then B document by document, ROUNDS times (default 3), both pinned to the
# same core and niced. Each process runs under /usr/bin/time; a round's
# figure is its processor time (user + system) and wall time per document
# and the largest peak resident set. Prints the median and range over the
# rounds of each side and their ratios (B / A), then checks that the two
# outputs hold the same text (the HTML has every document's body; each PDF's
# text has its last heading) and compares their page counts (pdfinfo).
# Last, one document 50 times in one process (`--repeat`: fonts parsed once,
# as `salesgen build` works) with the time by stage (`--stats`).
#
# Needs (Debian 12): apt-get install pandoc weasyprint poppler-utils time.
# Without pandoc or weasyprint only salesgen's side runs.
set -eu
BIN=$(realpath "$1")
N=${2:-6}
ROUNDS=${ROUNDS:-3}
CORE=${CORE:-0}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 1; }
python3 "$HERE/gen_docs.py" "$N" "$WORK/md"
export SOURCE_DATE_EPOCH=1767225600
PEER=1
if ! command -v pandoc >/dev/null || ! command -v weasyprint >/dev/null; then
	PEER=0
	echo "pandoc or weasyprint is missing (apt-get install pandoc weasyprint): salesgen only"
fi
echo "salesgen: $("$BIN" --version 2>/dev/null | head -1)"
[ $PEER = 1 ] && echo "pandoc: $(pandoc --version | head -1 | cut -d' ' -f2)  weasyprint: $(weasyprint --version | awk '{ print $3 }')"
echo "$N documents, $ROUNDS rounds, both sides on core $CORE (taskset), nice; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# Warm the system's font caches (fontconfig) once for each side.
"$BIN" pdf "$WORK/md/doc0000.md" -o "$WORK/warm.pdf" --no-cover --no-toc
if [ $PEER = 1 ]; then
	echo '<p>预热 warm</p>' >"$WORK/warm.html"
	weasyprint -s "$HERE/weasyprint.css" "$WORK/warm.html" "$WORK/warm-w.pdf"
fi

# run LOG CMD...: CMD pinned and niced under /usr/bin/time; appends
# "wall user sys maxrss_kb" to LOG.
run() {
	local log=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$WORK/t" nice taskset -c "$CORE" "$@" >"$WORK/out" 2>&1 || {
		echo "failed: $*" >&2
		tail -5 "$WORK/out" >&2
		exit 1
	}
	cat "$WORK/t" >>"$log"
}

HEAD='<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>bench</title></head><body>'
for r in $(seq "$ROUNDS"); do
	mkdir -p "$WORK/a$r" "$WORK/b$r"
	: >"$WORK/a$r.log"
	: >"$WORK/b$r.log"
	for f in "$WORK"/md/*.md; do
		n=$(basename "$f" .md)
		run "$WORK/a$r.log" "$BIN" pdf "$f" -o "$WORK/a$r/$n.pdf" --no-cover --no-toc
		[ $PEER = 1 ] || continue
		# pandoc's gfm reader takes the YAML front matter off itself.
		run "$WORK/b$r.log" pandoc -f gfm -t html --wrap=none "$f" -o "$WORK/b$r/$n.body"
		{ echo "$HEAD"; cat "$WORK/b$r/$n.body"; echo '</body></html>'; } >"$WORK/b$r/$n.html"
		run "$WORK/b$r.log" weasyprint -s "$HERE/weasyprint.css" "$WORK/b$r/$n.html" "$WORK/b$r/$n.pdf"
	done
done

python3 - "$WORK" "$N" "$ROUNDS" "$PEER" <<'PY'
import statistics, sys
work, n, rounds, peer = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
def rounds_of(side):
    out = []  # per round: (wall ms/doc, cpu ms/doc, peak MiB)
    for r in range(1, rounds + 1):
        rows = [l.split() for l in open(f"{work}/{side}{r}.log") if l.strip()]
        wall = sum(float(x[0]) for x in rows)
        cpu = sum(float(x[1]) + float(x[2]) for x in rows)
        mib = max(int(x[3]) for x in rows) / 1024
        out.append((wall * 1000 / n, cpu * 1000 / n, mib))
    return out
def fmt(vals, unit, prec):
    return f"{statistics.median(vals):.{prec}f} {unit} ({min(vals):.{prec}f} to {max(vals):.{prec}f})"
a = rounds_of("a")
print(f"per document, median (range) of {rounds} rounds:")
print(f"{'':24} {'processor time':>24} {'wall time':>24} {'peak memory':>22}")
def row(name, x):
    print(f"{name:24} {fmt([v[1] for v in x], 'ms', 1):>24} {fmt([v[0] for v in x], 'ms', 1):>24} {fmt([v[2] for v in x], 'MiB', 0):>22}")
row("salesgen pdf", a)
if peer:
    b = rounds_of("b")
    row("pandoc + weasyprint", b)
    def ratio(i):
        rs = [y[i] / x[i] for x, y in zip(a, b)]
        return f"{statistics.median([v[i] for v in b]) / statistics.median([v[i] for v in a]):.1f} (rounds: {min(rs):.1f} to {max(rs):.1f})"
    pandoc = [sum(float(l.split()[1]) + float(l.split()[2]) for l in list(open(f"{work}/b{r}.log"))[0::2]) * 1000 / n
              for r in range(1, rounds + 1)]
    print(f"  of which pandoc: processor time {fmt(pandoc, 'ms', 1)}")
    print(f"ratio, pandoc + weasyprint / salesgen: processor time {ratio(1)}, wall time {ratio(0)}, peak memory {ratio(2)}")
PY

# The same text on both sides, and the pages each made.
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
if [ $PEER = 1 ]; then
	pa=0 pb=0 same=0 bad=0
	for f in "$WORK"/md/*.md; do
		n=$(basename "$f" .md)
		last=$(grep '^## ' "$f" | tail -1 | sed 's/^## //')
		# The body is there: the HTML has every paragraph and the last heading.
		paras=$(awk 'NR == 1 && /^---$/ { fm = 1; next } fm { if (/^---$/) fm = 0; next } /^[^-#|]/' "$f" | wc -l)
		hp=$(grep -o '<p>' "$WORK/b1/$n.html" | wc -l)
		for p in "$WORK/a1/$n.pdf" "$WORK/b1/$n.pdf"; do
			pdftotext "$p" - | tr -d ' \n' | grep -qF "$(echo "$last" | tr -d ' ')" || {
				echo "  $n: '$last' is missing from $p" >&2
				bad=$((bad + 1))
			}
		done
		[ "$hp" -ge "$paras" ] || { echo "  $n: the HTML has $hp paragraphs, the Markdown $paras" >&2; bad=$((bad + 1)); }
		x=$(pages "$WORK/a1/$n.pdf") y=$(pages "$WORK/b1/$n.pdf")
		pa=$((pa + x)) pb=$((pb + y))
		[ "$x" = "$y" ] && same=$((same + 1))
	done
	ka=$(cat "$WORK"/a1/*.pdf | wc -c) kb=$(cat "$WORK"/b1/*.pdf | wc -c)
	echo "pages: salesgen $pa, weasyprint $pb ($same of $N documents the same count);" \
		"size: salesgen $((ka / N / 1024)) KB, weasyprint $((kb / N / 1024)) KB a document"
	if [ $bad != 0 ]; then
		echo "text: $bad checks failed" >&2
		exit 1
	fi
	echo "text: every document's body and last heading are in both PDFs"
fi

# One document in detail: where the time goes, and the steady state of a
# long-running build (fonts parsed once, as `salesgen build` sets many
# documents in one process).
one=$WORK/md/doc0001.md
[ -f "$one" ] || one=$WORK/md/doc0000.md
taskset -c "$CORE" "$BIN" pdf "$one" -o "$WORK/one.pdf" --no-cover --stats --repeat 50
