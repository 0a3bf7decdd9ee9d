#!/bin/bash
# pdf_glyphs.sh - every glyph of a PDF is drawn, not only listed.
#
# usage: bash pdf_glyphs.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
# The sheet tool comes from $SG_GLYPH_SHEET (set by tests/CMakeLists.txt).
#
# A font can lose glyphs on the way into a PDF while pdffonts and pdftotext
# look fine: most Han characters of WenQuanYi Micro Hei are composites of
# parts numbered 32,768 and up, which a subset must keep and renumber, and
# each code must reach its glyph through the subset's maps. This test sets
# all 3,755 GB2312 level-1 characters (plus ASCII and Chinese punctuation)
# through the PDF font pipeline, renders the pages with pdftoppm and
# compares each character's ink with the same character drawn straight from
# the font file. It then proves the check itself: the same sheet with each
# character shown by the next glyph of its font must fail.
. "$(dirname "$0")/lib/prologue.sh" "$@"
TOOL=${SG_GLYPH_SHEET:-$(dirname "$WORK")/../pdf_glyph_sheet}
DPI=144

[ -x "$TOOL" ] || die "the sheet tool $TOOL is not built (target pdf_glyph_sheet)"
for t in pdftoppm pdffonts pdftotext qpdf python3; do
	command -v $t >/dev/null || die "$t is not installed"
done

# --------------------------------------------------- the characters
# GB2312 level 1 is rows 16 to 55 (lead bytes 0xB0-0xD7), 94 cells a row
# except the last, which has 89.
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
nchars=$(python3 -c 'import sys; print(len(open(sys.argv[1], encoding="utf-8").read().strip()))' chars.txt)

# --------------------------------------------------- set and check the sheet
sheet() { # NAME [--swap]
	"$TOOL" write "$1.pdf" chars.txt ${2:-} >"$1.write" 2>&1 ||
		die "the sheet tool cannot write $1.pdf: $(cat "$1.write")"
	pdftoppm -r $DPI -gray "$1.pdf" "$1" 2>"$1.ppm.err" ||
		die "pdftoppm cannot render $1.pdf: $(cat "$1.ppm.err")"
	# pdftoppm names pages NAME-1.pgm or NAME-01.pgm depending on the count.
	pages=$(ls "$1"-*.pgm | sort -t- -k2 -n)
	"$TOOL" check chars.txt $DPI $pages >"$1.check" 2>&1
}

sheet subset
rc=$?
cat subset.write subset.check
[ $rc -eq 0 ] || fail "characters are missing or wrong in the subset sheet (see above)"
grep -q "^$nchars of $nchars characters drawn" subset.check ||
	fail "not every one of the $nchars characters was compared"

# Every font is embedded, and the text comes back.
pdffonts subset.pdf >fonts.txt 2>fonts.err || fail "pdffonts cannot read the sheet"
[ "$(tail -n +3 fonts.txt | wc -l)" -ge 2 ] || fail "expected a Latin and a CJK font: $(cat fonts.txt)"
tail -n +3 fonts.txt | awk '$(NF-4) != "yes" { bad = 1 } END { exit bad }' ||
	fail "a font is not embedded: $(cat fonts.txt)"
[ -s fonts.err ] && fail "pdffonts complains: $(cat fonts.err)"
pdftotext subset.pdf text.txt 2>text.err || fail "pdftotext cannot read the sheet"
[ -s text.err ] && fail "pdftotext complains: $(cat text.err)"
python3 - chars.txt text.txt <<'EOF' || fail "pdftotext does not give every character back"
import sys
want = open(sys.argv[1], encoding="utf-8").read().split()[0]
got = "".join(open(sys.argv[2], encoding="utf-8").read().split())
missing = [c for c in want if c not in got]
if missing or got != want:
    print("missing from the text: %r; %d characters extracted, %d set"
          % ("".join(missing[:40]), len(got), len(want)))
    sys.exit(1)
EOF
qpdf --check subset.pdf >qpdf.txt 2>&1 || fail "qpdf --check: $(cat qpdf.txt)"

# --------------------------------------------------- the check can fail
# Every character shown with the wrong glyph: the same check must reject it.
sheet swapped --swap
rc=$?
head -3 swapped.check
tail -1 swapped.check
[ $rc -eq 1 ] || fail "the check passed a sheet of wrong glyphs (exit $rc)"
nbad=$(grep -c '^FAIL' swapped.check)
[ "$nbad" -ge 30 ] || fail "the sheet of wrong glyphs should fail on many characters, not $nbad"

verdict
