#!/bin/bash
# quotes.sh - the quotations (报价单) of the sample content: every customer with
# an offer has quotes/ID.pdf, one page, whose line items add up to its total,
# whose total in figures and in capitals (大写) is the one its proposal names
# beside the quotation's number; a draft carries the watermark and no seal,
# an approved quotation the seal of site.xml (red ink at its foot) and no
# watermark; no proposal, report or playbook carries the seal.
set -- "$(realpath "$1")" "$(realpath "$2")" "${@:3}"
. "$(dirname "$0")/lib/prologue.sh" "$@"
need pdftotext pdfinfo qpdf pdftoppm pdfimages

export SOURCE_DATE_EPOCH=1795651200 # 2026-11-26
"$BIN" build --content "$SRC/content" --out out >build.out 2>build.err ||
	die "salesgen build failed: $(cat build.err)"
"$BIN" build --content "$SRC/content" --out only --only quotes >only.out 2>only.err ||
	fail "salesgen build --only quotes failed: $(cat only.err)"
[ -z "$(find only -name '*.pdf' ! -path 'only/quotes/*' | head -1)" ] ||
	fail "--only quotes built more than quotations"

# Whether a PDF draws the seal: its marked content (qpdf expands the
# streams), and red ink (pdftoppm) in the lower half of its last page,
# where the foot is.
sealed() {
	qpdf --qdf --object-streams=disable "$1" "$1.qdf" 2>/dev/null
	grep -aq "/Subtype /Seal" "$1.qdf"
}
red_ink() {
	pdftoppm -r 40 -f "$(pdfinfo "$1" | sed -n 's/^Pages: *//p')" -singlefile "$1" "$1.page" &&
		python3 - "$1.page.ppm" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
parts = data.split(maxsplit=4)
w, h = int(parts[1]), int(parts[2])
px = parts[4][: w * h * 3]
red = 0
for y in range(h // 2, h):
    row = px[y * w * 3:(y + 1) * w * 3]
    for i in range(0, len(row), 3):
        r, g, b = row[i], row[i + 1], row[i + 2]
        red += r > 170 and g < 110 and b < 110
# A seal of 42 mm at 40 dpi is some 4,300 pixels, a fifth of them ink.
print(red)
sys.exit(0 if red > 400 else 1)
PY
}

quotes=0 drafts=0
for f in "$SRC"/content/customers/*.xml; do
	id=$(basename "$f" .xml)
	q=out/quotes/$id.pdf
	p=out/proposals/$id.pdf
	if ! grep -q "<offer" "$f"; then
		[ -e "$q" ] && fail "$id has no offer but a quotation"
		continue
	fi
	[ -s "$q" ] || { fail "$id has an offer but no quotation"; continue; }
	cmp -s "$q" "only/quotes/$id.pdf" || fail "$id: --only quotes made other bytes"
	quotes=$((quotes + 1))
	pages=$(pdfinfo "$q" | sed -n 's/^Pages: *//p')
	[ "$pages" = 1 ] || fail "$id: the quotation has $pages pages, not one"
	pdftotext -layout "$q" "$id.q.txt"
	# A proposal that went out before quotations existed is kept as sent
	# and names none: the quotation agrees with the proposal made now.
	if grep -q "<sent" "$f"; then
		p=$id.now.pdf
		"$BIN" proposal "$f" -o "$p" 2>/dev/null || fail "$id: salesgen proposal failed"
	fi
	pdftotext "$p" "$id.p.txt"
	# The line items and the total, the total's capitals, and what the
	# proposal says of the quotation: all from the text as a reader sees it.
	python3 - "$id" "$id.q.txt" "$id.p.txt" <<'PY' || fail "$id: the quotation's figures (above)"
import re, sys
ident, qpath, ppath = sys.argv[1:]
q = open(qpath, encoding="utf-8").read()
p = re.sub(r"\s+", "", open(ppath, encoding="utf-8").read())
bad = []
MONEY = r"(?:¥|CNY )([0-9][0-9,]*(?:\.[0-9]{2})?)"
def fen(s):
    y, _, f = s.replace(",", "").partition(".")
    return int(y) * 100 + int((f or "0").ljust(2, "0"))
# A line item starts with its number and ends with its amount.
items = [fen(m.group(1)) for m in re.finditer(r"^ *\d+ .*?" + MONEY + r" *$", q, re.M)]
tot = re.search(r"^ *(?:合计|Total) +" + MONEY + r" *$", q, re.M)
if not items:
    bad.append("no line items")
if not tot:
    bad.append("no total row")
elif sum(items) != fen(tot.group(1)):
    bad.append(f"the line items add up to {sum(items)} fen, the total is {fen(tot.group(1))}")
flat = re.sub(r"\s+", "", q)
cap = re.search(r"(人民币[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整负]+)", flat)
if not cap:
    bad.append("no total in capitals")
number = re.search(r"(YM-\d{4}-\d{4}-Q)", flat)
if not number:
    bad.append("no quotation number")
# The proposal names the quotation by number, with the same total in
# figures and (a Chinese one, as an English proposal holds no Chinese) in
# capitals.
zh = "报价单" in flat
if number and tot and cap:
    want = [number.group(1), re.sub(r"\s", "", re.search(MONEY, tot.group(0)).group(0))]
    want += [cap.group(1)] if zh else []
    for w in want:
        if w not in p:
            bad.append(f"the proposal does not say {w!r}")
    i = p.find(number.group(1))
    if i >= 0 and (tot.group(1) not in p[i:i + 300] or (zh and cap.group(1) not in p[i:i + 300])):
        bad.append("the proposal's sentence on the quotation has another total")
for b in bad:
    print(f"{ident}: {b}")
sys.exit(1 if bad else 0)
PY
	grep -q "INTERNAL\|内部资料" "$id.q.txt" && fail "$id: the quotation is marked internal"
	lang=$(grep -o 'lang="[^"]*"' "$f" | head -1 | cut -d'"' -f2)
	wm="草稿 · 未审批"
	[ "$lang" = en ] && wm="DRAFT - NOT APPROVED"
	if grep -q "customers/$id.xml:.*its proposal is a draft" build.err; then
		python3 "$SRC/tests/tools/pdf_watermark.py" --draft "$wm" "$q" ||
			fail "$id is a draft but its quotation lacks the watermark (above)"
		sealed "$q" && fail "$id is a draft but its quotation is sealed"
		red_ink "$q" >/dev/null && fail "$id is a draft but its quotation has red ink at its foot"
		drafts=$((drafts + 1))
	else
		python3 "$SRC/tests/tools/pdf_watermark.py" --approved "$wm" "$q" ||
			fail "$id is approved but its quotation carries a watermark (above)"
		sealed "$q" || fail "$id is approved but its quotation draws no seal"
		red_ink "$q" >/dev/null || fail "$id is approved but its quotation has no red ink at its foot"
		# Never over a figure: no amount's box (pdftotext -bbox, points)
		# meets the box of the red ink (pixels at 40 dpi).
		pdftotext -bbox "$q" "$id.bbox.html"
		python3 - "$q.page.ppm" "$id.bbox.html" <<'PY' || fail "$id: the seal covers a figure (above)"
import re, sys
data = open(sys.argv[1], "rb").read()
parts = data.split(maxsplit=4)
w, h = int(parts[1]), int(parts[2])
px = parts[4][: w * h * 3]
xs, ys = [], []
for y in range(h):
    for x in range(w):
        i = (y * w + x) * 3
        if px[i] > 170 and px[i + 1] < 110 and px[i + 2] < 110:
            xs.append(x), ys.append(y)
k = 72 / 40
sx0, sx1, sy0, sy1 = min(xs) * k, (max(xs) + 1) * k, min(ys) * k, (max(ys) + 1) * k
bad = 0
for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                     open(sys.argv[2], encoding="utf-8").read()):
    x0, y0, x1, y1 = map(float, m.groups()[:4])
    word = m.group(5)
    if not re.search(r"¥|CNY|人民币|[0-9],[0-9]{3}", word):
        continue
    if x0 < sx1 and x1 > sx0 and y0 < sy1 and y1 > sy0:
        print(f"the seal ({sx0:.0f},{sy0:.0f})-({sx1:.0f},{sy1:.0f}) covers {word!r}")
        bad += 1
sys.exit(1 if bad else 0)
PY
	fi
done
[ "$quotes" -ge 5 ] || fail "only $quotes quotations checked"
[ "$drafts" -ge 1 ] || fail "no draft quotation checked"
# The seal is a quotation's only.
for pdf in out/proposals/*.pdf out/reports/*.pdf out/playbooks/*.pdf; do
	sealed "$pdf" && fail "$pdf draws the seal"
done
grep -q "huajun-auto.xml:.*its proposal is a draft" build.err ||
	fail "huajun-auto was expected to be a draft (the test checks a draft through it)"

# The seal as a picture: <seal src="images/seal.png"/>, a red ring with
# transparency made here, is an image with a soft mask on an approved
# quotation, drawn at the foot (red ink there), and on no draft.
cp -r "$SRC/content" png-content
python3 - png-content/images/seal.png <<'PY'
import math, struct, sys, zlib
n = 240
rows = []
for y in range(n):
    row = bytearray([0])
    for x in range(n):
        r = math.hypot(x - n / 2 + 0.5, y - n / 2 + 0.5)
        ink = n * 0.42 < r < n * 0.48 or r < n * 0.12
        row += bytes([215, 20, 30, 230] if ink else [255, 255, 255, 0])
    rows.append(bytes(row))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
sed -i 's|<seal [^>]*/>|<seal src="images/seal.png" size="42"/>|' png-content/site.xml
grep -q '<seal src="images/seal.png"' png-content/site.xml || die "no <seal> in site.xml to replace"
"$BIN" build --content png-content --out png --only quotes >png.out 2>png.err ||
	fail "the build with the seal's picture failed: $(cat png.err)"
for id in dingsheng-group huajun-auto; do
	q=png/quotes/$id.pdf
	pdfimages -list "$q" >"$id.images" 2>&1 || fail "$q: pdfimages: $(cat "$id.images")"
	if [ $id = huajun-auto ]; then
		grep -q " smask " "$id.images" && fail "$q is a draft but holds the seal's picture"
		red_ink "$q" >/dev/null && fail "$q is a draft but has red ink at its foot"
	else
		grep -Eq "^ *1 +[0-9]+ +image +240 +240 " "$id.images" &&
			grep -Eq "^ *1 +[0-9]+ +smask +240 +240 " "$id.images" ||
			fail "$q: the seal's picture (240 x 240 with its soft mask) is not there: $(cat "$id.images")"
		sealed "$q" || fail "$q: the seal's picture is not marked as the seal"
		red_ink "$q" >/dev/null || fail "$q: no red ink at its foot"
	fi
done

# A sent quotation is frozen: recorded with <sent number="NUMBER-Q"> and kept
# under content/sent/, it is the output byte for byte after the catalog
# changes, the build says it would now differ, salesgen verify knows it by
# its SHA-256, and a changed byte in it is an error at its record.
cp -r "$SRC/content" sent-content
ID=dingsheng-group
XML=sent-content/customers/$ID.xml
NUMBER=$(python3 -c 'import re,sys; print(re.search(r"<offer\b[^>]*\bnumber=\"([^\"]+)\"", open(sys.argv[1], encoding="utf-8").read()).group(1))' "$XML")
[ -n "$NUMBER" ] || die "no proposal number in $XML"
"$BIN" build --content sent-content --out sent1 --only quotes >sent1.log 2>&1 ||
	fail "build before sending exited $?: $(tail -3 sent1.log)"
mkdir -p sent-content/sent
cp "sent1/quotes/$ID.pdf" "sent-content/sent/$NUMBER-Q.pdf"
SHA=$(sha256sum "sent-content/sent/$NUMBER-Q.pdf" | cut -d' ' -f1)
python3 - "$XML" "$NUMBER-Q" "$SHA" <<'PY'
import sys
path, number, sha = sys.argv[1:]
s = open(path, encoding="utf-8").read()
i = s.index("</offer>") + len("</offer>\n")
rec = f'  <sent number="{number}" date="2026-11-26" sha256="{sha}"/>\n'
open(path, "w", encoding="utf-8").write(s[:i] + rec + s[i:])
PY
LINE=$(grep -n "<sent number=\"$NUMBER-Q\"" "$XML" | cut -d: -f1)
python3 - sent-content/catalog.xml <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s2 = re.sub(r'(unit-price=")(\d+)', lambda m: m.group(1) + str(int(m.group(2)) + 7), s)
assert s2 != s, "no price found to change"
open(p, "w", encoding="utf-8").write(s2)
PY
"$BIN" build --content sent-content --out sent2 --only quotes >sent2.log 2>&1 ||
	fail "build with the sent quotation exited $?: $(tail -3 sent2.log)"
cmp -s "sent-content/sent/$NUMBER-Q.pdf" "sent2/quotes/$ID.pdf" ||
	fail "the sent quotation is not the output byte for byte"
grep -q "^$XML:$LINE:[0-9]*: note: quotation $NUMBER-Q is kept as sent; made again now it would differ" sent2.log ||
	fail "no 'would differ' note at $XML:$LINE ($(grep note sent2.log))"
"$BIN" verify --content sent-content "sent2/quotes/$ID.pdf" >verify.txt 2>&1 ||
	fail "salesgen verify exited $?: $(cat verify.txt)"
grep -q "sent: $NUMBER-Q of $ID on 2026-11-26" verify.txt ||
	fail "salesgen verify does not know the sent quotation: $(cat verify.txt)"
printf 'x' >>"sent-content/sent/$NUMBER-Q.pdf"
"$BIN" build --content sent-content --out sent2 --only quotes >sent3.log 2>&1
[ $? -eq 1 ] || fail "a changed sent quotation should exit 1"
grep -q "^$XML:$LINE:[0-9]*: error: sent-content/sent/$NUMBER-Q.pdf is not the quotation that was sent" sent3.log ||
	fail "no error at the record of a changed sent quotation ($(grep error sent3.log | head -3))"
cmp -s "sent1/quotes/$ID.pdf" "sent2/quotes/$ID.pdf" || fail "the failed quotation did not keep the sent file"

verdict "$quotes quotations"
