#!/bin/bash
# pdf_docs.sh - `salesgen pdf` sets the sample playbooks and the test
# documents of tests/data/pdf into PDFs that real tools accept.
#
# usage: bash pdf_docs.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
#
# For every document: qpdf --check is clean; pdffonts lists every font as
# embedded; pdftotext gives whole Chinese sentences back; every word's box
# (pdftotext -bbox) lies on the page, inside the body or in the header and
# footer bands; no two words overlap (the watermark aside); the footer's
# "of N" agrees with the page count; two runs give the same bytes. Then the
# errors: an image that is not one, and one of 20000 x 20000 pixels, are
# reported with file and line, and no PDF is written.
. "$(dirname "$0")/lib/prologue.sh" "$@"
need qpdf pdffonts pdftotext pdfinfo pdftoppm python3
export SOURCE_DATE_EPOCH=1767225600

# The test documents, with a PNG and a JPEG next to them.
cp "$SRC"/tests/data/pdf/*.md . || die "no test documents"
cp "$SRC/content/images/logo.png" logo.png || die "no logo"
# pdftoppm makes the JPEG from a PDF: set a tiny one first.
"$BIN" pdf english.md -o jpegsrc.pdf --no-cover >/dev/null 2>&1 || die "cannot set english.md"
pdftoppm -jpeg -r 20 -f 1 -l 1 -singlefile jpegsrc.pdf photo || die "pdftoppm cannot make a JPEG"
sed 's/!\[公司标志\](logo.png)/![公司标志](logo.png)\n\n![第一页缩略图](photo.jpg)/' mixed.md >mixed-img.md
mv mixed-img.md mixed.md

check_pdf() { # PDF SENTENCE; sets pages
	local pdf=$1 sentence=$2 mark=
	qpdf --check "$pdf" >"$pdf.qpdf" 2>&1 || fail "qpdf --check $pdf: $(tail -3 "$pdf.qpdf")"
	grep -qi "warning" "$pdf.qpdf" && fail "qpdf warns about $pdf: $(grep -i warning "$pdf.qpdf" | head -3)"
	pdffonts "$pdf" >"$pdf.fonts" 2>&1 || fail "pdffonts $pdf"
	awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }' "$pdf.fonts" ||
		fail "$pdf has a font that is not embedded: $(cat "$pdf.fonts")"
	pdftotext -enc UTF-8 "$pdf" "$pdf.txt" 2>/dev/null || fail "pdftotext $pdf"
	# Whole sentences: lines of the text joined (Chinese has no spaces).
	python3 - "$pdf.txt" "$sentence" <<'EOF' || fail "$pdf: the sentence '$sentence' is not in its text"
import sys
text = open(sys.argv[1], encoding="utf-8").read()
flat = "".join(text.split())
sys.exit(0 if "".join(sys.argv[2].split()) in flat else 1)
EOF
	pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
	pdftotext -bbox -enc UTF-8 "$pdf" "$pdf.html" 2>/dev/null || fail "pdftotext -bbox $pdf"
	python3 - "$pdf.html" "$pages" "$mark" <<'EOF' || fail "$pdf: boxes (see above)"
import re, sys, html
sys.stdout = sys.stderr
doc = open(sys.argv[1], encoding="utf-8").read()
pages = int(sys.argv[2])
mark = set(sys.argv[3].split()) if sys.argv[3] else set()
# A full-width mark set half width (punctuation compression, layout/linebreak.h)
# keeps the font's advance: a word's box reaches half an em past the ink of a
# closing mark it ends with, or before an opening mark it starts with, into
# its neighbour's box or past the margin. That half is left out (a box is
# about an em and a sixth tall in these fonts).
def ink(x0, y0, x1, y1, t):
    half = (y1 - y0) * 0.43
    cjk = any("\u3400" <= ch <= "\u9fff" for ch in t)
    if t and (t[-1] in "，。、；：？！）」』》〉】〕" or (cjk and t[-1] in "”’")):
        x1 -= half
    if t and (t[0] in "（「『《〈【〔" or (cjk and t[0] in "“‘")):
        x0 += half
    return x0, y0, x1, y1
# A4 with the default theme's margins: 2.54 cm top and bottom, 3.17 cm sides.
cm = 72 / 2.54
top, bottom, side = 2.54 * cm, 2.54 * cm, 3.17 * cm
bad = 0
found_pages = 0
total_label = None
for pm in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', doc, re.S):
    found_pages += 1
    W, H = float(pm.group(1)), float(pm.group(2))
    words = []
    for wm in re.finditer(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>', pm.group(3)):
        x0, y0, x1, y1 = map(float, wm.groups()[:4])
        t = html.unescape(wm.group(5))
        words.append(ink(x0, y0, x1, y1, t) + (t,))
    for (x0, y0, x1, y1, t) in words:
        if t in mark:
            continue
        if x0 < -0.5 or y0 < -0.5 or x1 > W + 0.5 or y1 > H + 0.5:
            print(f"page {found_pages}: '{t}' is off the page ({x0:.1f},{y0:.1f},{x1:.1f},{y1:.1f})"); bad += 1
            continue
        # Inside the body's columns (a little slack for hanging punctuation).
        if x0 < side - 14 or x1 > W - side + 14:
            print(f"page {found_pages}: '{t}' is outside the text columns ({x0:.1f}..{x1:.1f})"); bad += 1
        # The header band above the body, the footer band below it.
        if y0 < top - 40 or y1 > H - bottom + 45:
            print(f"page {found_pages}: '{t}' is outside the body and the header and footer bands ({y0:.1f}..{y1:.1f})"); bad += 1
    real = [w for w in words if w[4] not in mark]
    for i in range(len(real)):
        a = real[i]
        for b in real[i + 1:]:
            ox = min(a[2], b[2]) - max(a[0], b[0])
            oy = min(a[3], b[3]) - max(a[1], b[1])
            if ox > 1.0 and oy > 2.5:
                print(f"page {found_pages}: '{a[4]}' and '{b[4]}' overlap ({ox:.1f} x {oy:.1f})"); bad += 1
    text = "".join(w[4] for w in words)
    m = re.search(r'共(\d+)页', text) or re.search(r'of(\d+)$', "".join(w[4] for w in words[-4:]))
    if m:
        total_label = int(m.group(1))
if found_pages != pages:
    print(f"pdftotext saw {found_pages} pages, pdfinfo {pages}"); bad += 1
if total_label is not None and total_label != pages:
    print(f"the footer says {total_label} pages, the file has {pages}"); bad += 1
sys.exit(1 if bad else 0)
EOF
}

# ---------------------------------------------------------------- playbooks
declare -A SENT=(
	[decision-chain]="企业采购是组织行为，选对人往往比说对话更重要。"
	[pricing-and-approvals]="Every proposal we send states a list price, a discount and the price the customer pays."
)
for f in "$SRC"/content/playbooks/*.md; do
	n=$(basename "$f" .md)
	"$BIN" pdf "$f" -o "$n.pdf" 2>"$n.err" || fail "salesgen pdf $n: $(cat "$n.err")"
	[ -s "$n.err" ] && fail "salesgen pdf $n warned: $(cat "$n.err")"
	sentence=${SENT[$n]:-}
	if [ -z "$sentence" ]; then
		# The first sentence of the summary, as written in the front matter.
		sentence=$(python3 -c 'import re,sys; t=open(sys.argv[1],encoding="utf-8").read(); m=re.search(r"^summary: *(.*)$", t, re.M); s=m.group(1); print(re.split(r"(?<=[。；.;])", s)[0])' "$f")
	fi
	check_pdf "$n.pdf" "$sentence"
	"$BIN" pdf "$f" -o "$n.again.pdf" 2>/dev/null || fail "second run of $n"
	cmp -s "$n.pdf" "$n.again.pdf" || fail "$n: two runs gave different bytes"
done

# ---------------------------------------------------------------- test documents
"$BIN" pdf mixed.md -o mixed.pdf 2>mixed.err || fail "salesgen pdf mixed.md: $(cat mixed.err)"
check_pdf mixed.pdf "恒通物流成立于二〇〇八年，总部在苏州，在华东地区有十二个仓库，员工约两千人。"
[ "$pages" = 6 ] || fail "mixed.pdf has $pages pages, expected 6 (cover, contents, 4 of body)"
grep -q "恒通物流有限公司" mixed.pdf.txt || fail "the cover field is missing"
grep -q "目录" mixed.pdf.txt || fail "no table of contents"
# The long table crosses a page: its header row is repeated.
python3 - mixed.pdf.txt <<'EOF' || fail "mixed.pdf: the table header is not repeated on the next page"
import sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")
sys.exit(0 if sum(1 for p in pages if "单价（元/年）" in "".join(p.split())) >= 2 else 1)
EOF
pdfinfo mixed.pdf | grep -q "^Title: *混排测试文档：华东区续约方案" || fail "the title metadata is wrong: $(pdfinfo mixed.pdf | head -3)"
python3 - mixed.pdf <<'EOF' || fail "mixed.pdf: links, images or bookmarks are missing"
import re, subprocess, sys
raw = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", sys.argv[1], "-"], capture_output=True).stdout
ok = b"/URI (https://intranet.example.com" in raw and raw.count(b"/Subtype /Image") >= 3 and b"/Outlines" in raw and raw.count(b"/Subtype /Link") >= 5 and b"/Dest " in raw
sys.exit(0 if ok else 1)
EOF

"$BIN" pdf english.md -o english.pdf 2>english.err || fail "salesgen pdf english.md: $(cat english.err)"
check_pdf english.pdf "Hengtong runs twelve warehouses in East China"
[ "$pages" = 2 ] || fail "english.pdf has $pages pages, expected 2"
grep -q "Page 2 of 2" english.pdf.txt || fail "no English page label"
# The watermark: drawn across every page, rotated (pdftotext cuts rotated
# text into pieces, so the word checks above are made without it).
"$BIN" pdf english.md -o draft.pdf --watermark "DRAFT - NOT APPROVED" 2>draft.err ||
	fail "salesgen pdf --watermark: $(cat draft.err)"
qpdf --check draft.pdf >/dev/null 2>&1 || fail "qpdf --check draft.pdf"
[ "$(pdfinfo draft.pdf | awk '/^Pages:/ { print $2 }')" = 2 ] || fail "the watermark changed the page count"
python3 - draft.pdf <<'EOF' || fail "draft.pdf: no watermark on every page"
import subprocess, sys
raw = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", sys.argv[1], "-"], capture_output=True).stdout
sys.exit(0 if raw.count(b"/ca 0.16") >= 1 and raw.count(b" gs") >= 2 else 1)
EOF

# ---------------------------------------------------------------- a row taller than a page
# One table cell of about 150 lines: the row goes on over three pages,
# each under the repeated header, and nothing leaves the body area (stricter
# than check_pdf: only the running header and footer may lie outside it).
# The same document has curly quotes of Chinese and English text and
# images inside lines of text.
python3 - <<'EOF' || fail "cannot write tall.md"
para = "第{}段：恒通物流在华东地区有十二个仓库，信息中心共有九名工程师，其中两人负责邮件和办公系统。"
cell = "".join(para.format(i) for i in range(1, 81))
open("tall.md", "w", encoding="utf-8").write(f"""---
title: 长单元格
lang: zh-CN
---

客户说：“我们下周签约。”图标 ![提示](logo.png) 在行内，所谓‘私有化’就是自建。

He said “fine” and didn’t wait; the logo ![logo](logo.png) sits in the line.

| 序号 | 项目 | 说明 |
|---|---|---|
| 1 | 短行 | 只有一行。 |
| 2 | 长说明 | {cell}第八十段之后结束。 |
| 3 | 结尾 | 表格最后一行。 |
""")
EOF
"$BIN" pdf tall.md -o tall.pdf --no-cover 2>tall.err || fail "salesgen pdf tall.md: $(cat tall.err)"
[ -s tall.err ] && fail "salesgen pdf tall.md warned: $(cat tall.err)"
check_pdf tall.pdf "客户说：“我们下周签约。”图标"
# (pdftotext takes the gap of an inline image for a column break: the rest
# of that line comes back elsewhere.)
grep -q "所谓‘私有化’就是" tall.pdf.txt || fail "tall.pdf: the Chinese single quotes are lost"
[ "$pages" -ge 3 ] || fail "tall.pdf has $pages pages: the long row was not cut"
grep -q "第八十段之后结束" tall.pdf.txt || fail "tall.pdf: the end of the long cell is missing"
python3 - tall.pdf.html <<'EOF' || fail "tall.pdf: text outside the body area (see above)"
import re, sys, html
sys.stdout = sys.stderr
doc = open(sys.argv[1], encoding="utf-8").read()
cm = 72 / 2.54
top, bottom, side = 2.54 * cm, 2.54 * cm, 3.17 * cm
# A full-width mark set half width (punctuation compression, layout/linebreak.h)
# keeps the font's advance: a word's box reaches half an em past the ink of a
# closing mark it ends with, or before an opening mark it starts with, into
# its neighbour's box or past the margin. That half is left out (a box is
# about an em and a sixth tall in these fonts).
def ink(x0, y0, x1, y1, t):
    half = (y1 - y0) * 0.43
    cjk = any("\u3400" <= ch <= "\u9fff" for ch in t)
    if t and (t[-1] in "，。、；：？！）」』》〉】〕" or (cjk and t[-1] in "”’")):
        x1 -= half
    if t and (t[0] in "（「『《〈【〔" or (cjk and t[0] in "“‘")):
        x0 += half
    return x0, y0, x1, y1
bad = 0
for n, pm in enumerate(re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', doc, re.S), 1):
    W, H = float(pm.group(1)), float(pm.group(2))
    heads = 0
    for wm in re.finditer(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>', pm.group(3)):
        x0, y0, x1, y1 = ink(*map(float, wm.groups()[:4]), html.unescape(wm.group(5)))
        t = html.unescape(wm.group(5))
        heads += t == "序号"
        if y1 <= top - 5 or y0 >= H - bottom + 10:
            continue  # the running header and footer
        if y0 < top - 1 or y1 > H - bottom + 1 or x0 < side - 1 or x1 > W - side + 1:
            print(f"page {n}: '{t}' leaves the body ({x0:.1f},{y0:.1f},{x1:.1f},{y1:.1f})"); bad += 1
    if heads != 1:
        print(f"page {n}: the header row is there {heads} times"); bad += 1
sys.exit(1 if bad else 0)
EOF
# The inline images are drawn: the logo twice in the text (one image).
python3 - tall.pdf <<'EOF' || fail "tall.pdf: the inline images are not drawn"
import re, subprocess, sys
raw = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", sys.argv[1], "-"], capture_output=True).stdout
sys.exit(0 if raw.count(b"/Subtype /Image") >= 1 and len(re.findall(rb"/X\w+ Do", raw)) >= 2 else 1)
EOF

# ---------------------------------------------------------------- errors
printf 'this is not a picture\n' >notimage.png
printf '# Bad\n\nText.\n\n![x](notimage.png)\n' >bad.md
"$BIN" pdf bad.md -o bad.pdf 2>bad.err && fail "an image that is not one was accepted"
grep -q "bad.md:5: error: image 'notimage.png': not a PNG or JPEG image" bad.err ||
	fail "wrong message for a bad image: $(cat bad.err)"
[ -e bad.pdf ] && fail "a PDF was written despite the error"
python3 - <<'EOF' || fail "cannot write huge.png"
import struct, zlib
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
ihdr = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)
open("huge.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))
EOF
printf -- '---\ntitle: Huge\n---\n\nText.\n\n![big](huge.png)\n' >huge.md
"$BIN" pdf huge.md -o huge.pdf 2>huge.err && fail "a 20000 x 20000 image was accepted"
grep -q "huge.md:7: error: image 'huge.png': too large" huge.err ||
	fail "wrong message for a huge image: $(cat huge.err)"
verdict
