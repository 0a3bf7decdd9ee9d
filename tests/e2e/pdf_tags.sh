#!/bin/bash
# pdf_tags.sh - the PDFs salesgen makes are tagged: a structure tree in
# reading order, every drawn thing either content of an element or an
# artifact, as a screen reader and veraPDF need them.
#
# usage: bash pdf_tags.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
#
# 1. tests/data/pdf/tagged.md, set with a cover and contents, holds every
#    kind of block (headings of levels 1 to 4, a paragraph longer than a
#    page, a nested list with a task, a table over two pages, an image with
#    a description, links, remote images shown as links, emphasis, code, a
#    quote). Then:
#      pdfinfo             says Tagged: yes;
#      qpdf --check        finds no error;
#      pdfinfo -struct-text gives the elements, in order, that
#                          tests/data/pdf/tagged.struct lists; the long
#                          paragraph is one P with content on two pages; the
#                          table's header, drawn on both pages, is content
#                          once (its repeat an artifact); the link's words
#                          are a Link element inside the paragraph;
#      tests/tools/pdf_tags.py (MCIDs and the parent tree, artifacts, link
#                          annotations, the tree itself) finds nothing wrong,
#                          and its tree gives the figure its description.
# 2. Every PDF of a build of the sample content (proposals, reports,
#    playbooks), the test documents mixed.md and english.md (a draft with a
#    watermark), and tagged.md with Chinese emphasis in dots pass pdfinfo,
#    qpdf --check and pdf_tags.py; a
#    proposal kept as sent (content/sent) is the sent file itself, as it was.
# 3. pdf_tags.py can fail: a page whose marked content is taken out, and one
#    whose first MCID is changed, are reported.
#
# After a deliberate change of the test document's structure, write the
# list again with
#     bash tests/e2e/pdf_tags.sh build/salesgen . /tmp/pt --update
. "$(dirname "$0")/lib/prologue.sh" "$@"
need qpdf fix-qdf pdfinfo pdftotext python3
export SOURCE_DATE_EPOCH=1767225600
CHECK=$SRC/tests/tools/pdf_tags.py
WANT=$SRC/tests/data/pdf/tagged.struct

# The element lines of pdfinfo -struct-text: the type, indented by depth
# ("(block)" and "(inline)" as poppler says, a TH's attributes left out).
elements() { # PDF
	pdfinfo -struct-text "$1" | grep -E '^ *[A-Z][A-Za-z0-9]*( \((block|inline)\))?:?$' | sed 's/:$//'
}

basic() { # PDF
	pdfinfo "$1" >"$1.info" 2>&1 || fail "pdfinfo $1: $(cat "$1.info")"
	grep -qx "Tagged: *yes" "$1.info" || fail "$1 is not tagged: $(grep Tagged "$1.info")"
	qpdf --check "$1" >"$1.qpdf" 2>&1 || fail "qpdf --check $1: $(tail -3 "$1.qpdf")"
	grep -qi "warning" "$1.qpdf" && fail "qpdf warns about $1: $(grep -i warning "$1.qpdf" | head -3)"
	python3 "$CHECK" "$1" >"$1.tags" 2>&1 || fail "pdf_tags.py: $(head -20 "$1.tags")"
}

# ------------------------------------------------------------ 1. every block
PART="tagged.md"
cp "$SRC/tests/data/pdf/tagged.md" "$SRC/tests/data/pdf/mixed.md" "$SRC/tests/data/pdf/english.md" . ||
	die "no test documents"
cp "$SRC/content/images/logo.png" logo.png || die "no logo"
"$BIN" pdf tagged.md -o tagged.pdf --toc 2>tagged.err || die "salesgen pdf tagged.md: $(cat tagged.err)"
sanitizer_check tagged.err
if [ "${4:-}" = --update ]; then
	elements tagged.pdf >"$WANT"
	echo "pdf_tags.sh: wrote $(wc -l <"$WANT") elements to $WANT"
	exit 0
fi
basic tagged.pdf
pdfinfo -struct-text tagged.pdf >struct.txt 2>&1 || fail "pdfinfo -struct-text failed"
elements tagged.pdf >got.struct
diff -u "$WANT" got.struct >struct.diff || fail "the structure differs from tagged.struct:
$(head -40 struct.diff)"

# The paragraph over the page: one P after its heading, with two pieces of
# content (a piece per page: its lines on one page are one sequence), which
# pdftotext finds on two pages.
python3 - struct.txt <<'EOF' || fail "the long paragraph is not one P in two pieces (see above)"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'"二级标题：跨页的段落"\n  P \(block\)\n((?:    ".*"\n)+)', text)
if not m:
    print("no P after the heading"); sys.exit(1)
pieces = re.findall(r'"(.*)"', m.group(1))
if len(pieces) != 2 or not pieces[0].startswith("这一段特意") or not pieces[1].endswith("标记内容。"):
    print(f"{len(pieces)} pieces: " + " | ".join(p[:12] + "…" + p[-8:] for p in pieces)); sys.exit(1)
EOF
pages=$(pdfinfo tagged.pdf | awk '/^Pages:/ { print $2 }')
on=0
for p in $(seq 1 "$pages"); do
	pdftotext -f "$p" -l "$p" -enc UTF-8 tagged.pdf - 2>/dev/null | tr -d ' \n' | grep -q "跨页的段落在结构树里" && on=$((on + 1))
done
[ "$on" -ge 2 ] || fail "the long paragraph is on $on page(s), not two: the test document no longer tests a paragraph over a page"

# The table's header: drawn on two pages, content once.
drawn=0
for p in $(seq 1 "$pages"); do
	pdftotext -f "$p" -l "$p" -enc UTF-8 tagged.pdf - 2>/dev/null | grep -qx "项目" && drawn=$((drawn + 1))
done
[ "$drawn" -ge 2 ] || fail "the table's header is drawn on $drawn page(s): the table no longer spans pages"
[ "$(grep -c '^ *"项目"$' struct.txt)" -eq 1 ] ||
	fail "the table's header is content $(grep -c '^ *"项目"$' struct.txt) times, not once"
# The link: its words in a Link inside the paragraph, with its annotation.
python3 - struct.txt <<'EOF' || fail "the link is not a Link of the paragraph with its annotation"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
# (The paragraph's text before the link may be in pieces: a span of copied
# text around a Han/Latin gap ends a piece, pdf_paint.c's S_show_spans.)
sys.exit(0 if re.search(r'  P \(block\)\n(?:    "[^"]*"\n)*    "[^"]*详见"\n    Link \(inline\)\n      "云邮官网"\n      Object \d+ 0\n', text) else 1)
EOF
python3 "$CHECK" --tree tagged.pdf >tree.txt 2>&1
grep -qx "  Figure \[公司标志：蓝色方块上的白字\]" tree.txt ||
	fail "the figure has not its description: $(grep Figure tree.txt)"

# ------------------------------------------------------------ 2. every sample PDF
PART="samples"
"$BIN" build --content "$SRC/content" --out out --quiet --jobs 2 2>build.err ||
	fail "the build failed: $(head -5 build.err)"
sanitizer_check build.err
"$BIN" pdf mixed.md -o mixed.pdf 2>mixed.err || fail "salesgen pdf mixed.md: $(cat mixed.err)"
"$BIN" pdf english.md -o draft.pdf --watermark "DRAFT - NOT APPROVED" 2>draft.err ||
	fail "salesgen pdf english.md: $(cat draft.err)"
# Chinese emphasis in dots (drawn under the characters: artifacts).
mkdir -p dots && printf 'emphasis_cjk: dots\n' >dots/pdf.yaml
"$BIN" pdf tagged.md -o dots.pdf --theme ./dots 2>dots.err || fail "salesgen pdf --theme ./dots: $(cat dots.err)"
n=0
for f in out/proposals/*.pdf out/reports/*.pdf out/playbooks/*.pdf mixed.pdf draft.pdf dots.pdf; do
	[ -f "$f" ] || { fail "no $f"; continue; }
	sent=
	for s in "$SRC"/content/sent/*.pdf; do
		cmp -s "$f" "$s" && sent=$s
	done
	if [ -n "$sent" ]; then
		continue # kept as sent: the file the customer got, never made again
	fi
	basic "$f"
	n=$((n + 1))
done
[ "$n" -ge 20 ] || fail "only $n PDFs checked"

# ------------------------------------------------------------ 3. the check fails
PART="pdf_tags.py"
qpdf --qdf --object-streams=disable tagged.pdf tagged.qdf || die "qpdf --qdf failed"
# Page 1's content without its marked-content operators.
python3 - tagged.qdf bare.qdf mcid.qdf <<'EOF' || die "cannot make the broken copies"
import re, sys
data = open(sys.argv[1], "rb").read()
m = re.search(rb"%% Contents for page 1\n(?:%%[^\n]*\n)*\d+ 0 obj\n.*?\nstream\n(.*?)\nendstream", data, re.S)
body = m.group(1)
bare = re.sub(rb"^(/\w+ <<[^\n]*>> BDC|/Artifact BMC|EMC)$", b"", body, flags=re.M)
open(sys.argv[2], "wb").write(data[:m.start(1)] + bare + data[m.end(1):])
first = re.search(rb"/MCID 0>>", body)
moved = body[:first.start()] + b"/MCID 99>>" + body[first.end():]
open(sys.argv[3], "wb").write(data[:m.start(1)] + moved + data[m.end(1):])
EOF
fix-qdf bare.qdf >bare.pdf && fix-qdf mcid.qdf >mcid.pdf || die "fix-qdf failed"
python3 "$CHECK" bare.pdf >bare.out 2>&1 && fail "a page without marked content passes"
grep -q "page 1: 'Tj' paints outside any tagged sequence or artifact" bare.out ||
	fail "untagged text is not reported: $(head -5 bare.out)"
python3 "$CHECK" mcid.pdf >mcid.out 2>&1 && fail "a page with a wrong MCID passes"
grep -q "page 1: MCID 99 has no element in the parent tree" mcid.out ||
	fail "an MCID outside the parent tree is not reported: $(head -5 mcid.out)"

verdict "$n PDFs and tagged.md checked"
