#!/usr/bin/env bash
# bench/typst/run.sh [BUILD_DIR] - salesgen and Typst set the same Chinese text
# with the same fonts and page; tests/tools/typeset_metrics.py measures both.
#
# Two documents:
#   hengtong   the hengtong-logistics proposal of the sample content: salesgen's
#              PDF from `salesgen build`, and its text (`salesgen proposal
#              --markdown`, the Markdown after templates) set by Typst. The
#              cover is left out of salesgen's PDF (qpdf --pages 2-z): the
#              Typst document has none.
#   kinsoku    bench/typst/kinsoku.md, a page of punctuation, bracket,
#              Han/Latin and number cases, set by `salesgen pdf --no-cover
#              --no-toc` and by Typst.
# Typst's compiler is the npm package @myriaddreamin/typst-ts-node-compiler,
# installed into bench/typst/node_modules (npm ci, from package-lock.json)
# when it is not there. md2typ.py turns the Markdown into a Typst document
# styled like themes/default/pdf.yaml, with Noto Serif CJK SC (body) and Noto
# Sans CJK SC (headings, tables), found with fc-list.
#
# The PDFs, the Typst sources and the measures (JSON) are left in
# BUILD_DIR/bench-typst/. Needs node and npm, mutool, qpdf, pdfinfo, pdftotext,
# python3, fc-list and fonts-noto-cjk. Prints one table per document.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=$(realpath -m "${1:-$ROOT/build}")
BIN=$BUILD/salesgen
METRICS=$ROOT/tests/tools/typeset_metrics.py

die() { echo "run.sh: $*" >&2; exit 2; }
[ -x "$BIN" ] || die "no salesgen in $BUILD: build it first (cmake --build $BUILD)"
for tool in node npm mutool qpdf pdfinfo pdftotext python3 fc-list; do
	command -v "$tool" >/dev/null || die "$tool is not installed"
done

if [ ! -f "$HERE/node_modules/@myriaddreamin/typst-ts-node-compiler/package.json" ]; then
	echo "Installing Typst's compiler (npm ci in bench/typst) ..."
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed"
fi
TYPST_VERSION=$(cd "$HERE" && node compile.js --version) ||
	die "the Typst compiler does not run here (node compile.js --version failed)"

# The folders of the Noto CJK faces (Regular and Bold of both families).
fontdirs=()
for family in "Noto Serif CJK SC" "Noto Sans CJK SC"; do
	file=$(fc-list -f '%{file}\n' ":family=$family" | sort | head -1)
	[ -n "$file" ] || die "$family is not installed (apt-get install fonts-noto-cjk)"
	dir=$(dirname "$file")
	[[ " ${fontdirs[*]-} " == *" $dir "* ]] || fontdirs+=("$dir")
done

OUT=$BUILD/bench-typst
rm -rf "$OUT"
mkdir -p "$OUT"
cd "$ROOT"

# hengtong: salesgen's PDF as the build makes it, and its text.
"$BIN" build --content content --out "$OUT/sample" --only proposals \
	--customer hengtong-logistics --quiet || die "salesgen build failed"
PDF=$OUT/sample/proposals/hengtong-logistics.pdf
[ -f "$PDF" ] || die "salesgen build wrote no $PDF"
qpdf --empty --pages "$PDF" 2-z -- "$OUT/hengtong-salesgen.pdf"
"$BIN" proposal content/customers/hengtong-logistics.xml --markdown -o "$OUT/hengtong.md" ||
	die "salesgen proposal --markdown failed"
title=$(pdfinfo "$PDF" | sed -n 's/^Title: *//p')
footer=$(pdftotext -f 2 -l 2 -enc UTF-8 "$PDF" - | grep -m1 '请勿外传' || true)
python3 "$HERE/md2typ.py" "$OUT/hengtong.md" "$OUT/hengtong.typ" --title "$title" --footer "$footer"

# kinsoku: the same Markdown through both.
"$BIN" pdf "$HERE/kinsoku.md" -o "$OUT/kinsoku-salesgen.pdf" --no-cover --no-toc ||
	die "salesgen pdf kinsoku.md failed"
python3 "$HERE/md2typ.py" "$HERE/kinsoku.md" "$OUT/kinsoku.typ"

for doc in hengtong kinsoku; do
	(cd "$HERE" && node compile.js "$OUT/$doc.typ" "$OUT/$doc-typst.pdf" "${fontdirs[@]}") ||
		die "Typst could not set $doc.typ"
done

salesgen_version=$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)
echo "salesgen $salesgen_version ($BIN) and Typst $TYPST_VERSION; fonts: ${fontdirs[*]}"
for doc in hengtong kinsoku; do
	echo
	echo "== $doc =="
	python3 "$METRICS" --compare "salesgen=$OUT/$doc-salesgen.pdf" "typst=$OUT/$doc-typst.pdf"
	python3 "$METRICS" --json "$OUT/$doc-salesgen.pdf" "$OUT/$doc-typst.pdf" >"$OUT/$doc.json"
done
echo
echo "PDFs, Typst sources and measures (JSON, each fault with its page and line): $OUT"
