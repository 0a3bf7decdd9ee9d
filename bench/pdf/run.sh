#!/bin/bash
# run.sh SALESGEN [N] - the typesetting benchmark of issue 3.
#
# Makes N (default 40) Markdown documents of 3 to 5 pages of mixed Chinese
# and English with tables (gen_docs.py), sets each with `salesgen pdf` on one
# core, and prints documents per second and kilobytes per document. When
# WeasyPrint is installed the same documents are set with it too (from the
# HTML cmark-gfm makes of them), side by side.
set -eu
BIN=$(realpath "$1")
N=${2:-40}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 "$HERE/gen_docs.py" "$N" "$WORK/md"
export SOURCE_DATE_EPOCH=1767225600
mkdir -p "$WORK/pdf"
# Warm the font caches of the system (fontconfig) once.
"$BIN" pdf "$WORK/md/doc0000.md" -o "$WORK/warm.pdf" --no-cover

start=$(date +%s.%N)
for f in "$WORK"/md/*.md; do
	taskset -c 0 "$BIN" pdf "$f" -o "$WORK/pdf/$(basename "$f" .md).pdf" --no-cover
done
end=$(date +%s.%N)
pages=0
for p in "$WORK"/pdf/*.pdf; do
	pages=$((pages + $(pdfinfo "$p" | awk '/^Pages:/ { print $2 }')))
done
bytes=$(cat "$WORK"/pdf/*.pdf | wc -c)
python3 - "$N" "$start" "$end" "$pages" "$bytes" <<'PY'
import sys
n, s, e, pages, b = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
t = e - s
print(f"salesgen: {n} documents, {pages} pages, {t:.2f} s on one core: "
      f"{n / t:.1f} documents/s, {t / n * 1000:.1f} ms and {b / n / 1024:.0f} KB per document "
      f"({pages / n:.1f} pages each; process start included)")
PY
# One document in detail: where the time goes, and the steady state of a
# long-running build (fonts parsed once, as `salesgen build` sets many
# documents in one process).
taskset -c 0 "$BIN" pdf "$WORK/md/doc0001.md" -o "$WORK/one.pdf" --no-cover --stats --repeat 50

if command -v weasyprint >/dev/null; then
	mkdir -p "$WORK/html"
	start=$(date +%s.%N)
	for f in "$WORK"/md/*.md; do
		n=$(basename "$f" .md)
		{ echo '<html lang="zh-CN"><meta charset="utf-8"><style>body{font-family:"Noto Serif CJK SC";font-size:12pt;line-height:1.5}</style><body>'
		  sed '1,/^---$/{/^---$/!d};1d' "$f" | sed '1,/^---$/d' | cmark-gfm -e table
		  echo '</body></html>'; } >"$WORK/html/$n.html"
		weasyprint "$WORK/html/$n.html" "$WORK/html/$n.pdf" 2>/dev/null
	done
	end=$(date +%s.%N)
	python3 -c "import sys; n,t=int(sys.argv[1]),float(sys.argv[3])-float(sys.argv[2]); print(f'weasyprint: {n / t:.2f} documents/s, {t / n * 1000:.0f} ms per document')" "$N" "$start" "$end"
else
	echo "weasyprint: not installed (pip install weasyprint to compare side by side)"
fi
