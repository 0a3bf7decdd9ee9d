#!/bin/bash
# pdf_cff_subset.sh - the CID-keyed CFF subsets of pdf_cff_subset.c draw
# every glyph as the font does.
#
# usage: bash pdf_cff_subset.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
# The sample tool comes from $SG_PDF_FILE_SAMPLE (set by tests/CMakeLists.txt).
#
# For Noto Serif CJK SC and Noto Sans CJK SC Bold, tests/tools/pdf_file_sample
# sets the 3,755 GB2312 level-1 characters, ASCII and Chinese punctuation in
# a grid, once with the subset made by pdf_cff_subset.c (charstrings
# flattened, hints dropped) and once with HarfBuzz's subset. Then:
#   pdffonts     lists each as an embedded CID Type 0C subset;
#   pdftoppm     renders both at 150 dpi, and every cell of ours has ink and
#                the same pixels as HarfBuzz's; the same comparison on a
#                subset whose outline of 王 was changed after the fact must
#                find that cell, and only it;
#   fontTools    reads our CFF back: CID-keyed like the source, no global
#                subroutines, no hint or call operator left, and every glyph
#                with the source's width, path and bounds (the changed 王
#                must differ).
. "$(dirname "$0")/lib/prologue.sh" "$@"
TOOL=${SG_PDF_FILE_SAMPLE:-$(dirname "$WORK")/../pdf_file_sample}
[ -x "$TOOL" ] || die "the sample tool $TOOL is not built (target pdf_file_sample)"
need pdffonts pdftoppm python3 fc-list
# fontTools (Debian python3-fonttools) belongs to the system's Python, which
# another python3 earlier on the PATH may hide.
PYFT=
for py in python3 /usr/bin/python3; do
	if command -v "$py" >/dev/null && "$py" -c 'import fontTools' 2>/dev/null; then
		PYFT=$py
		break
	fi
done
[ -n "$PYFT" ] || skip "fontTools is not installed (Debian python3-fonttools)"

# FILE:INDEX of the face of family FAMILY in the file named BASENAME.
font() { # BASENAME FAMILY
	fc-list -f '%{file}:%{index}\t%{family}\n' "$2" |
		awk -F'\t' -v base="$1" -v fam="$2" '
			{ n = split($2, names, ","); f = $1; sub(/:[0-9]+$/, "", f); sub(/.*\//, "", f) }
			f == base { for (i = 1; i <= n; i++) if (names[i] == fam) { print $1; exit } }'
}
SERIF=$(font NotoSerifCJK-Regular.ttc "Noto Serif CJK SC")
SANSB=$(font NotoSansCJK-Bold.ttc "Noto Sans CJK SC")
[ -n "$SERIF" ] && [ -n "$SANSB" ] || skip "Noto Serif/Sans CJK SC are not installed (Debian fonts-noto-cjk)"

python3 - >chars.txt <<'EOF' || die "cannot list the GB2312 characters"
import sys
out = []
for lead in range(0xB0, 0xD8):
    for trail in range(0xA1, 0xFF):
        try:
            out.append(bytes([lead, trail]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
assert len(out) == 3755, len(out)
out += [chr(c) for c in range(0x21, 0x7F)]
out += list("，。、；：？！（）「」『』《》“”‘’—…")
sys.stdout.write("".join(out) + "\n")
EOF

# Compares the cells of BOXES in the renderings A-N.pgm and B-N.pgm: prints
# the cells of A without ink, then the cells whose pixels differ.
compare() { # BOXES A B
	python3 - "$@" <<'EOF'
import glob, re, sys
DPI = 150
def pages(prefix):
    out = {}
    for path in glob.glob(prefix + "-*.pgm"):
        n = int(re.search(r"-(\d+)\.pgm$", path).group(1))
        data = open(path, "rb").read()
        m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
        out[n] = (int(m.group(1)), int(m.group(2)), data[m.end():])
    return out
a, b = pages(sys.argv[2]), pages(sys.argv[3])
blank, differ = [], []
for line in open(sys.argv[1], encoding="utf-8"):
    ch, page, x0, y0, x1, y1 = line.split()
    w, h, pa = a[int(page)]
    pb = b[int(page)][2]
    ph = h * 72 / DPI
    c0, c1 = int(float(x0) * DPI / 72), int(float(x1) * DPI / 72)
    r0, r1 = int((ph - float(y1)) * DPI / 72), int((ph - float(y0)) * DPI / 72)
    dark = same = 0
    for r in range(r0, r1):
        sa, sb = pa[r * w + c0:r * w + c1], pb[r * w + c0:r * w + c1]
        dark += sum(1 for v in sa if v < 128)
        same += sa == sb
    if dark < 4:
        blank.append(ch)
    if same != r1 - r0:
        differ.append(ch)
print(" ".join(blank))
print(" ".join(differ))
EOF
}

# Checks the CFF of PDF (ours) against the source FONT with fontTools;
# prints the glyphs that differ.
fonttools() { # PDF FONT
	"$PYFT" - "$@" <<'EOF'
import io, re, sys
from fontTools.cffLib import CFFFontSet
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTCollection
pdf = open(sys.argv[1], "rb").read()
m = re.search(rb"/Subtype /CIDFontType0C /Length (\d+) >>\s*stream\r?\n", pdf)
cff = CFFFontSet()
cff.decompile(io.BytesIO(pdf[m.end():m.end() + int(m.group(1))]), None)
top = cff[cff.fontNames[0]]
path, index = sys.argv[2].rsplit(":", 1)
scff = TTCollection(path, lazy=True).fonts[int(index)]["CFF "].cff
src = scff[scff.fontNames[0]]
if not hasattr(top, "ROS") or top.ROS[:2] != src.ROS[:2]:
    print("not-CID-keyed")
if len(cff.GlobalSubrs) != 0:
    print("global-subroutines")
drop = {"hstem", "vstem", "hstemhm", "vstemhm", "hintmask", "cntrmask", "callsubr", "callgsubr"}
for name in top.charset:
    a, b = top.CharStrings[name], src.CharStrings[name]
    ra, rb, ba, bb = RecordingPen(), RecordingPen(), BoundsPen(None), BoundsPen(None)
    a.draw(ra)
    b.draw(rb)
    ra.replay(ba)
    rb.replay(bb)
    if a.width != b.width or ra.value != rb.value or ba.bounds != bb.bounds:
        print(name)
    elif drop & {t for t in a.program if isinstance(t, str)}:
        print(name + ":hints-or-calls")
print("checked", len(top.charset))
EOF
}

for spec in "$SERIF" "$SANSB"; do
	base=$(basename "${spec%:*}" .ttc)
	PART=$base
	"$TOOL" grid "$base-own.pdf" own.boxes "$spec" chars.txt 2>grid.err ||
		die "the sample tool failed: $(cat grid.err)"
	"$TOOL" grid "$base-hb.pdf" hb.boxes "$spec" chars.txt --harfbuzz 2>>grid.err ||
		die "the sample tool failed with --harfbuzz: $(cat grid.err)"
	broke=$("$TOOL" grid "$base-broken.pdf" broken.boxes "$spec" chars.txt --break 王 2>>grid.err) ||
		die "the sample tool failed with --break: $(cat grid.err)"
	sanitizer_check grid.err
	cmp -s own.boxes hb.boxes || fail "the two grids are not laid out alike"
	n=$(wc -l <own.boxes)
	[ "$n" -ge 3800 ] || fail "only $n characters set"

	pdffonts "$base-own.pdf" >fonts.out 2>&1 || fail "pdffonts failed: $(cat fonts.out)"
	grep -Eq "^[A-Z]{6}\+NotoS[a-z]+CJKsc-[A-Za-z]+ +CID Type 0C +Identity-H +yes +yes +yes " \
		fonts.out || fail "not an embedded CID Type 0C subset: $(cat fonts.out)"

	rm -f ./*.pgm
	for k in own hb broken; do
		pdftoppm -r 150 -gray "$base-$k.pdf" "$k" 2>render.err ||
			die "pdftoppm cannot render $base-$k.pdf: $(cat render.err)"
	done
	compare own.boxes own hb >cmp.out
	[ -z "$(sed -n 1p cmp.out)" ] || fail "cells without ink: $(sed -n 1p cmp.out)"
	[ -z "$(sed -n 2p cmp.out)" ] ||
		fail "cells drawn otherwise than with HarfBuzz's subset: $(sed -n 2p cmp.out)"
	# The comparison itself: the changed 王 must be found, and only it.
	compare own.boxes own broken >cmp.out
	[ "$(sed -n 2p cmp.out)" = "U+738B" ] ||
		fail "the comparison did not find the changed 王 alone (it found: '$(sed -n 2p cmp.out)')"

	fonttools "$base-own.pdf" "$spec" >ft.out 2>&1 || fail "fontTools cannot read the subset: $(tail -3 ft.out)"
	[ "$(tail -1 ft.out)" = "checked $((n + 1))" ] || fail "fontTools did not check every glyph: $(tail -3 ft.out)"
	[ "$(wc -l <ft.out)" -eq 1 ] || fail "glyphs unlike the source's: $(head -20 ft.out)"
	fonttools "$base-broken.pdf" "$spec" >ft.out 2>&1
	[ "$(head -1 ft.out)" = "$(printf 'cid%05d' "${broke#broke CID }")" ] &&
		[ "$(wc -l <ft.out)" -eq 2 ] ||
		fail "fontTools did not find the changed 王 alone: $(head -5 ft.out)"
done
PART=

verdict "$n characters of each face drawn alike"
