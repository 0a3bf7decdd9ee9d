#!/bin/bash
# pdf_file.sh - salesgen's own PDF writer, read back by other programs.
#
# usage: bash pdf_file.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
# The sample tool comes from $SG_PDF_FILE_SAMPLE (set by tests/CMakeLists.txt).
#
# tests/tools/pdf_file_sample writes a tagged two-page PDF with Noto Serif CJK
# SC and Noto Sans CJK SC Bold (CID-keyed CFF, embedded as CIDFontType0C),
# DejaVu Sans and HanaMinB (TrueType; HanaMinB has CJK Extension B), links,
# bookmarks, an image with a soft mask and a translucent fill. Then:
#   qpdf --check      finds no syntax or stream error;
#   pdffonts          lists the CFF faces as "CID Type 0C" and the TrueType
#                     ones as "CID TrueType", all embedded subsets with
#                     ToUnicode maps;
#   pdftotext         gives every line back exactly, "A𠀀B 王𪚥明" with it;
#   pdfinfo           says PDF 1.7, the title, tagged, and -struct-text shows
#                     the structure in reading order;
#   pdftoppm          renders every character with ink in its box (a glyph
#                     missing from a subset renders blank); the same check
#                     on a sample with 王 drawn blank must fail (a glyph
#                     missing from a CFF subset draws .notdef, a box: the
#                     text and the fonts' checks above are what catch that);
#   and a second run writes the same bytes.
. "$(dirname "$0")/lib/prologue.sh" "$@"
TOOL=${SG_PDF_FILE_SAMPLE:-$(dirname "$WORK")/../pdf_file_sample}
[ -x "$TOOL" ] || die "the sample tool $TOOL is not built (target pdf_file_sample)"
need qpdf pdffonts pdftotext pdfinfo pdftoppm python3 fc-list

# FILE:INDEX of the face of family FAMILY in the file named BASENAME.
font() { # BASENAME FAMILY
	fc-list -f '%{file}:%{index}\t%{family}\n' "$2" |
		awk -F'\t' -v base="$1" -v fam="$2" '
			{ n = split($2, names, ","); f = $1; sub(/:[0-9]+$/, "", f); sub(/.*\//, "", f) }
			f == base { for (i = 1; i <= n; i++) if (names[i] == fam) { print $1; exit } }'
}
SERIF=$(font NotoSerifCJK-Regular.ttc "Noto Serif CJK SC")
SANSB=$(font NotoSansCJK-Bold.ttc "Noto Sans CJK SC")
LATIN=$(font DejaVuSans.ttf "DejaVu Sans")
EXTB=$(font HanaMinB.ttf "HanaMinB")
[ -n "$SERIF" ] && [ -n "$SANSB" ] || skip "Noto Serif/Sans CJK SC are not installed (Debian fonts-noto-cjk)"
[ -n "$LATIN" ] || skip "DejaVu Sans is not installed (Debian fonts-dejavu-core)"
[ -n "$EXTB" ] || skip "HanaMinB is not installed (Debian fonts-hanazono)"

"$TOOL" write sample.pdf boxes.txt "$SERIF" "$SANSB" "$LATIN" "$EXTB" 2>write.err ||
	die "the sample tool failed: $(cat write.err)"
sanitizer_check write.err

PART="qpdf --check"
qpdf --check sample.pdf >qpdf.out 2>&1 || fail "qpdf finds errors: $(cat qpdf.out)"
grep -q "No syntax or stream encoding errors" qpdf.out || fail "$(cat qpdf.out)"

PART="pdffonts"
pdffonts sample.pdf >fonts.out 2>&1 || fail "pdffonts failed: $(cat fonts.out)"
expect_font() { # NAME TYPE
	grep -Eq "^[A-Z]{6}\+$1 +$2 +Identity-H +yes +yes +yes " fonts.out ||
		fail "$1 is not listed as an embedded subset of type '$2' with a ToUnicode map:
$(cat fonts.out)"
}
expect_font NotoSerifCJKsc-Regular "CID Type 0C"
expect_font NotoSansCJKsc-Bold "CID Type 0C"
expect_font DejaVuSans "CID TrueType"
expect_font HanaMinB "CID TrueType"
[ "$(tail -n +3 fonts.out | wc -l)" -eq 4 ] || fail "not 4 fonts: $(cat fonts.out)"

PART="pdftotext"
pdftotext -layout sample.pdf text.txt 2>text.err || fail "pdftotext failed: $(cat text.err)"
for line in "粗体标题：黑体加粗" "王明：中文排版，汉字与标点。" "宋体正文：天地玄黄，宇宙洪荒。" \
	"Hello, World: office files 1.7" "A𠀀B 王𪚥明" "第二页的正文。"; do
	grep -qxF -- "$line" <(tr -d '\f' <text.txt | sed 's/^ *//; s/ *$//' ) ||
		fail "'$line' is not a line of the text:
$(cat text.txt)"
done

PART="pdfinfo"
pdfinfo sample.pdf >info.out 2>&1 || fail "pdfinfo failed: $(cat info.out)"
grep -qx "PDF version: *1.7" info.out || fail "not PDF 1.7: $(cat info.out)"
grep -qx "Title: *样例 Sample & <Test>" info.out || fail "wrong title: $(cat info.out)"
grep -qx "Author: *王𪚥明" info.out || fail "wrong author: $(cat info.out)"
grep -qx "Tagged: *yes" info.out || fail "not tagged: $(cat info.out)"
grep -qx "Metadata Stream: *yes" info.out || fail "no XMP metadata: $(cat info.out)"
grep -qx "Pages: *2" info.out || fail "not 2 pages: $(cat info.out)"
pdfinfo -struct-text sample.pdf >struct.out 2>&1 || fail "pdfinfo -struct-text failed"
want=$(printf '%s\n' Document "H1 (block)" "P (block)" "P (block)" "P (block)" "P (block)" \
	"Link (inline)" Figure "P (block)")
got=$(grep -E '^ *[A-Z][A-Za-z0-9]*( \((block|inline)\))?$' struct.out | sed 's/^ *//')
[ "$got" = "$want" ] || fail "the structure is not Document, H1, P x4, Link, Figure, P:
$(cat struct.out)"
grep -qF '"A𠀀B 王𪚥明"' struct.out || fail "the structure lacks the Extension B line"

PART="reproducible"
"$TOOL" write again.pdf boxes2.txt "$SERIF" "$SANSB" "$LATIN" "$EXTB" 2>>write.err ||
	die "the sample tool failed the second time"
cmp -s sample.pdf again.pdf || fail "two runs wrote different bytes"

# Ink: every character's box on the rendered page has dark pixels.
ink() { # PDF BOXES -> prints the characters without ink
	rm -f page-*.pgm
	pdftoppm -r 100 -gray "$1" page 2>/dev/null || { echo "pdftoppm-failed"; return; }
	python3 - "$2" <<'EOF'
import glob, re, sys
DPI = 100
pages = {}
for path in sorted(glob.glob("page-*.pgm")):
    n = int(re.search(r"-(\d+)\.pgm$", path).group(1))
    data = open(path, "rb").read()
    # P5 header: magic, width, height, maxval, one white space.
    parts = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    w, h = int(parts.group(1)), int(parts.group(2))
    pages[n] = (w, h, data[parts.end():])
blank = []
for line in open(sys.argv[1], encoding="utf-8"):
    ch, page, x0, y0, x1, y1 = line.split()
    w, h, px = pages[int(page)]
    page_h = h * 72 / DPI
    c0, c1 = int(float(x0) * DPI / 72), int(float(x1) * DPI / 72)
    r0, r1 = int((page_h - float(y1)) * DPI / 72), int((page_h - float(y0)) * DPI / 72)
    dark = sum(1 for r in range(r0, r1) for c in range(c0, c1) if px[r * w + c] < 128)
    if dark < 4:
        blank.append(ch)
print(" ".join(blank))
EOF
}
PART="ink"
n=$(wc -l <boxes.txt)
[ "$n" -gt 60 ] || fail "only $n characters in the boxes file"
blank=$(ink sample.pdf boxes.txt)
[ -z "$blank" ] || fail "characters drawn blank: $blank"
# The check itself: 王 drawn blank must be found.
"$TOOL" write broken.pdf boxes3.txt "$SERIF" "$SANSB" "$LATIN" "$EXTB" --break 2>>write.err ||
	die "the sample tool failed with --break"
blank=$(ink broken.pdf boxes3.txt)
case " $blank " in
*" U+738B "*) ;;
*) fail "the ink check did not see 王 drawn as .notdef (it found: '$blank')" ;;
esac

verdict "$n characters drawn and read back"
