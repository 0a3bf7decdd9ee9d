#!/bin/bash
# pdf_faces.sh - the default theme's faces, real weights, and Chinese
# emphasis that is never slanted.
#
# usage: bash pdf_faces.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
#
# 1. A sample proposal (hengtong-logistics, built from the sample content)
#    embeds Noto Serif CJK SC and Noto Sans CJK SC, each regular and bold,
#    as subsets of type "CID Type 0C" (pdffonts), its Chinese emphasis in
#    LXGW WenKai, and no character of it is drawn sheared.
# 2. tests/data/faces/emphasis.md with the default theme: from the
#    characters mutool extracts (mutool draw -F stext: font and quad of each),
#    the heading in Noto Sans CJK SC Bold, the body in Noto Serif CJK SC,
#    its bold in Noto Serif CJK SC Bold, the table in Noto Sans CJK SC, the
#    Chinese emphasis (and only it) in LXGW WenKai, bold emphasis in its
#    bold; no Han character or Chinese punctuation mark sheared (each quad's
#    left edge vertical); English emphasis slanted.
# 3. The same with emphasis_cjk: dots (tests/data/faces/themes/dots): the
#    emphasis upright in the body's faces, no Kai, nothing Chinese sheared,
#    and one round dot (mutool trace: a filled path of four curves) centred
#    under each emphasised Han character, a quarter em below its baseline;
#    none under punctuation or Latin letters, none anywhere else.
. "$(dirname "$0")/lib/prologue.sh" "$@"
need pdffonts mutool python3
DATA=$SRC/tests/data/faces

# --------------------------------------------------- a sample proposal
PART=proposal
"$BIN" build --content "$SRC/content" --out out --only proposals --customer hengtong-logistics \
	--quiet >build.out 2>&1 || fail "the sample build fails: $(cat build.out)"
P=out/proposals/hengtong-logistics.pdf
if [ -f $P ]; then
	pdffonts $P >fonts.txt 2>&1 || fail "pdffonts cannot read $P"
	cat fonts.txt
	for face in NotoSerifCJKsc-Regular NotoSerifCJKsc-Bold NotoSansCJKsc-Regular NotoSansCJKsc-Bold; do
		grep -Eq "^[A-Z]{6}\+$face +CID Type 0C +Identity-H +yes +yes +yes " fonts.txt ||
			fail "$face is not an embedded CID Type 0C subset"
	done
	grep -Eq '^[A-Z]{6}\+LXGWWenKai-Regular +CID TrueType +Identity-H +yes +yes +yes ' fonts.txt ||
		fail "the Kai face of its emphasis is not embedded"
	grep -Eq 'WenQuanYi|DejaVuSans ' fonts.txt && fail "a face of the old theme is embedded"
	mutool draw -q -F stext -o proposal.stext $P 2>mutool.err || fail "mutool cannot read $P"
else
	fail "no proposal was built: $(cat build.out)"
fi

# --------------------------------------------------- the emphasis document
PART=kai
"$BIN" pdf "$DATA/emphasis.md" -o kai.pdf --no-cover --themes "$SRC/themes" >kai.out 2>&1 ||
	fail "salesgen pdf fails: $(cat kai.out)"
[ -s kai.out ] && fail "salesgen pdf says something: $(cat kai.out)"
PART=dots
"$BIN" pdf "$DATA/emphasis.md" -o dots.pdf --no-cover --themes "$DATA/themes" --theme dots \
	>dots.out 2>&1 || fail "salesgen pdf --theme dots fails: $(cat dots.out)"
[ -s dots.out ] && fail "salesgen pdf says something: $(cat dots.out)"
PART=
for f in kai dots; do
	mutool draw -q -F stext -o $f.stext $f.pdf 2>>mutool.err || fail "mutool cannot read $f.pdf"
	mutool trace $f.pdf >$f.trace 2>>mutool.err || fail "mutool trace cannot read $f.pdf"
done

python3 - <<'EOF' || fail "faces or emphasis wrong (above)"
import re, sys, xml.etree.ElementTree as ET

bad = 0
def fail(msg):
    global bad
    print("FAIL:", msg)
    bad += 1

def chars(path):
    """(character, font, quad, origin x, origin y, size) in reading order."""
    out = []
    for font in ET.parse(path).getroot().iter("font"):
        for ch in font.iter("char"):
            q = [float(v) for v in ch.get("quad").split()]
            out.append((ch.get("c"), font.get("name"), q, float(ch.get("x")),
                        float(ch.get("y")), float(font.get("size"))))
    return out

def han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0x20000 <= o <= 0x3FFFF or 0xF900 <= o <= 0xFAFF

def chinese(c):
    o = ord(c)
    return han(c) or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF

def sheared(q):
    # ul, ur, ll, lr: a slanted glyph's left edge is not vertical.
    return abs(q[0] - q[4]) > 0.01 or abs(q[2] - q[6]) > 0.01

def text_in(cs, s, skip=0):
    """The characters of the first occurrence of s (after skip) in cs."""
    t = "".join(c[0] for c in cs)
    i = t.find(s, skip)
    if i < 0:
        fail(f"{s!r} is not in the text")
        return []
    return cs[i:i + len(s)]

def fonts_of(cs, s):
    return {c[1] for c in text_in(cs, s) if not c[0].isspace()}

def no_shear(cs, what):
    n = [c for c in cs if chinese(c[0]) and sheared(c[2])]
    if n:
        fail(f"{what}: {len(n)} Chinese characters drawn sheared, first {n[0][0]!r} in {n[0][1]}")

# 1. The proposal.
p = chars("proposal.stext")
no_shear(p, "proposal")
kai = [c for c in p if "WenKai" in c[1]]
if not kai:
    fail("proposal: no character in LXGW WenKai")

# 2. Kai.
k = chars("kai.stext")
no_shear(k, "kai")
want = [("标题用黑体加粗", {"NotoSansCJKsc-Bold"}),
        ("正文用宋体，这里有", {"NotoSerifCJKsc-Regular"}),
        ("强调的中文，带标点", {"LXGWWenKai-Regular"}),
        ("加粗的正文", {"NotoSerifCJKsc-Bold"}),
        ("加粗的强调", {"LXGWWenKai-Bold"}),
        ("表头用黑体加粗", {"NotoSansCJKsc-Bold"}),
        ("表格用黑体", {"NotoSansCJKsc-Regular"})]
for s, fonts in want:
    got = fonts_of(k, s)
    if got != fonts:
        fail(f"kai: {s!r} is set in {sorted(got)}, not {sorted(fonts)}")
emph = set("强调的中文，带标点加粗的强调强调")
for c in k:
    if "WenKai" in c[1] and c[0] not in emph:
        fail(f"kai: {c[0]!r} is set in {c[1]} but is not emphasised")
eng = [c for c in text_in(k, "English") if sheared(c[2])]
if len(eng) != 7:
    fail(f"kai: English emphasis is not slanted ({len(eng)} of 7 letters)")

# 3. Dots.
d = chars("dots.stext")
no_shear(d, "dots")
if any("WenKai" in c[1] for c in d):
    fail("dots: a character is set in Kai")
for s, fonts in [("强调的中文，带标点", {"NotoSerifCJKsc-Regular"}),
                 ("加粗的强调", {"NotoSerifCJKsc-Bold"})]:
    got = fonts_of(d, s)
    if got != fonts:
        fail(f"dots: {s!r} is set in {sorted(got)}, not {sorted(fonts)}")
dots = []
trace = open("dots.trace", encoding="utf-8").read()
for m in re.finditer(r'<fill_path [^>]*transform="([^"]*)">(.*?)</fill_path>', trace, re.S):
    body = m.group(2)
    if body.count("<curveto") != 4 or body.count("<moveto") != 1:
        continue
    t = [float(v) for v in m.group(1).split()]
    xs = [float(v) for v in re.findall(r' x\d?="([-\d.]+)"', body)]
    ys = [float(v) for v in re.findall(r' y\d?="([-\d.]+)"', body)]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    # page space to mutool's (y down), as the stext is
    dots.append((t[0] * cx + t[2] * cy + t[4], t[1] * cx + t[3] * cy + t[5], max(xs) - min(xs)))
# The emphasised characters: two runs of the paragraph and the table cell's.
targets = [c for s in ("强调的中文，带标点", "加粗的强调") for c in text_in(d, s) if han(c[0])]
targets += text_in(d, "单元格里的强调")[5:]
if len(dots) != len(targets):
    fail(f"dots: {len(dots)} dots drawn for {len(targets)} emphasised Han characters")
for c in targets:
    cx = (c[2][0] + c[2][2]) / 2
    match = [p for p in dots if abs(p[0] - cx) < 0.3 and 0.15 * c[5] < p[1] - c[4] < 0.4 * c[5]]
    if len(match) != 1:
        fail(f"dots: {c[0]!r} at {cx:.1f},{c[4]:.1f} has {len(match)} dots under it")
    elif not 0.08 * c[5] < match[0][2] < 0.2 * c[5]:
        fail(f"dots: the dot under {c[0]!r} is {match[0][2]:.2f} pt wide")
print(f"{len(k)} characters (kai), {len(d)} (dots), {len(dots)} dots, {len(p)} in the proposal")
sys.exit(1 if bad else 0)
EOF

verdict
