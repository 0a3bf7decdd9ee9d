#!/bin/bash
# pdf_glyphs.sh - every glyph of a PDF is drawn, not only listed.
#
# usage: bash pdf_glyphs.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
# The sheet tool comes from $SG_GLYPH_SHEET (set by tests/CMakeLists.txt).
#
# A font can lose glyphs on the way into a PDF while pdffonts and pdftotext
# look fine: most Han characters of WenQuanYi Micro Hei are composites of
# parts numbered 32,768 and up, which a subset must keep and renumber; a
# CID-keyed CFF subset (Noto CJK) must keep each glyph's CID and flatten its
# subroutines; and each code must reach its glyph through the subset's maps.
# This test sets all 3,755 GB2312 level-1 characters (plus ASCII and Chinese
# punctuation) through the PDF font pipeline in every face of the default
# theme (the families its pdf.yaml names for Chinese and for Kai, each
# regular and bold: Noto Serif CJK SC, Noto Sans CJK SC, LXGW WenKai),
# renders the pages with pdftoppm and compares each character's ink with the
# same character drawn straight from the font file. Characters of CJK
# Extension B, which Noto CJK mostly lacks, go the same way through the
# fallback chain (a HanaMin face of fonts-hanazono), and "A𠀀B 王𪚥明" is
# read back. It then proves the check itself: a sheet with each character
# shown by the next glyph of its font must fail.
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

# --------------------------------------------------- set and check the sheets
sheet() { # NAME CHARS [OPTIONS...]
	local name=$1 chars=$2
	shift 2
	"$TOOL" write "$name.pdf" "$chars" "$@" >"$name.write" 2>&1 ||
		die "the sheet tool cannot write $name.pdf: $(cat "$name.write")"
	pdftoppm -r $DPI -gray "$name.pdf" "$name" 2>"$name.ppm.err" ||
		die "pdftoppm cannot render $name.pdf: $(cat "$name.ppm.err")"
	# pdftoppm names pages NAME-1.pgm or NAME-01.pgm depending on the count.
	local pages
	pages=$(ls "$name"-*.pgm | sort -t- -k2 -n)
	local opts=() o
	for o in "$@"; do [ "$o" = --swap ] || opts+=("$o"); done
	"$TOOL" check "$chars" $DPI "${opts[@]}" $pages >"$name.check" 2>&1
}

# Every font of a sheet is embedded as a subset, and the text comes back.
fonts_and_text() { # NAME CHARS
	local name=$1 chars=$2
	pdffonts "$name.pdf" >"$name.fonts" 2>"$name.fonts.err" || fail "pdffonts cannot read $name.pdf"
	tail -n +3 "$name.fonts" | awk '$(NF-4) != "yes" || $(NF-3) != "yes" { bad = 1 } END { exit bad }' ||
		fail "a font is not embedded as a subset: $(cat "$name.fonts")"
	[ -s "$name.fonts.err" ] && fail "pdffonts complains: $(cat "$name.fonts.err")"
	pdftotext "$name.pdf" "$name.txt" 2>"$name.text.err" || fail "pdftotext cannot read $name.pdf"
	[ -s "$name.text.err" ] && fail "pdftotext complains: $(cat "$name.text.err")"
	python3 - "$chars" "$name.txt" <<'EOF' || fail "pdftotext does not give every character back"
import sys
want = "".join(open(sys.argv[1], encoding="utf-8").read().split())
got = "".join(open(sys.argv[2], encoding="utf-8").read().split())
missing = [c for c in want if c not in got]
if missing or got != want:
    print("missing from the text: %r; %d characters extracted, %d set"
          % ("".join(missing[:40]), len(got), len(want)))
    sys.exit(1)
EOF
	qpdf --check "$name.pdf" >"$name.qpdf" 2>&1 || fail "qpdf --check: $(cat "$name.qpdf")"
}

# The families the default theme sets Chinese in (fonts.cjk, heading_cjk,
# table_cjk, kai), each once, the body's first.
THEME=$SRC/themes/default/pdf.yaml
families=$(sed -n 's/^  \(cjk\|heading_cjk\|table_cjk\|kai\): *\([^#]*[^# ]\) *\(#.*\)\{0,1\}$/\2/p' "$THEME" |
	awk '!seen[$0]++')
[ "$(echo "$families" | grep -c .)" -ge 3 ] ||
	die "expected three families (Song, Hei, Kai) in $THEME, found: $families"
body=$(echo "$families" | head -1)
[ "$body" = 'Noto Serif CJK SC' ] || fail "the default theme's body is $body, not Noto Serif CJK SC"
n=0
while IFS= read -r family; do
	for weight in regular bold; do
		n=$((n + 1))
		name=face$n
		opts=(--family "$family")
		[ $weight = bold ] && opts+=(--bold)
		PART="$family $weight"
		sheet $name chars.txt "${opts[@]}"
		rc=$?
		echo "$PART: $(grep '^face:' $name.write | tr '\n' ' ')"
		echo "$PART: $(tail -1 $name.check)"
		[ $rc -eq 0 ] || { head -5 $name.check; fail "characters are missing or wrong (above)"; }
		grep -q "^$nchars of $nchars characters drawn" $name.check ||
			fail "not every one of the $nchars characters was compared"
		# The theme's face draws every one of them: nothing from a fallback.
		[ "$(grep -c '^face:' $name.write)" -eq 1 ] ||
			fail "characters were drawn from more than one face: $(grep '^face:' $name.write)"
		if [ $weight = bold ] && ! grep -q '^face:.*Bold' $name.write; then
			fail "no bold face: $(grep '^face:' $name.write)"
		fi
		fonts_and_text $name chars.txt
		case $family in Noto*)
			grep -q 'CID Type 0C' $name.fonts || fail "not embedded as CFF: $(cat $name.fonts)" ;;
		esac
	done
done <<<"$families"

# --------------------------------------------------- beyond the BMP
# Extension B: U+20000 to U+2007F, then A𠀀B 王𪚥明 (U+20000, U+2A6A5), set
# in the body's family, which lacks most of them: they come from the
# fallback chain.
PART="Extension B"
python3 - >extb.txt <<'EOF'
import sys
s = "".join(chr(c) for c in range(0x20000, 0x20080)) + "A\U00020000B王\U0002A6A5明"
sys.stdout.write(s + "\n")
EOF
nextb=$(python3 -c 'import sys; print(len(open(sys.argv[1], encoding="utf-8").read().strip()))' extb.txt)
sheet extb extb.txt --family "$body"
rc=$?
echo "$PART: $(grep '^face:' extb.write | tr '\n' ' ')"
echo "$PART: $(tail -1 extb.check)"
[ $rc -eq 0 ] || { head -5 extb.check; fail "characters are missing or wrong (above)"; }
grep -q '^face: HanaMin' extb.write || fail "no HanaMin face drew them: $(grep '^face:' extb.write)"
grep -q "^$nextb of $nextb characters drawn" extb.check || fail "not every character was compared"
fonts_and_text extb extb.txt
# (Each character has a cell of its own: pdftotext puts spaces between them.)
tr -d ' \n' <extb.txt | grep -q 'A𠀀B王𪚥明' ||
	fail "A𠀀B 王𪚥明 does not come back: $(tail -c 80 extb.txt)"
PART=

# --------------------------------------------------- the check can fail
# Every character shown with the wrong glyph: the same check must reject it.
sheet swapped chars.txt --family "$body" --swap
rc=$?
head -3 swapped.check
tail -1 swapped.check
[ $rc -eq 1 ] || fail "the check passed a sheet of wrong glyphs (exit $rc)"
nbad=$(grep -c '^FAIL' swapped.check)
[ "$nbad" -ge 30 ] || fail "the sheet of wrong glyphs should fail on many characters, not $nbad"

verdict "$n faces, $nchars characters each, and Extension B"
