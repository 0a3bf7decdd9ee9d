#!/bin/bash
# quotes.sh - the quotations (报价单) of the sample content: every customer with
# an offer has quotes/ID.pdf, one page, whose line items add up to its total,
# whose total in figures and in capitals (大写) is the one its proposal names
# beside the quotation's number; a draft carries the watermark, an approved
# quotation none.
set -- "$(realpath "$1")" "$(realpath "$2")" "${@:3}"
. "$(dirname "$0")/lib/prologue.sh" "$@"
need pdftotext pdfinfo qpdf pdftoppm

export SOURCE_DATE_EPOCH=1795651200 # 2026-11-26
"$BIN" build --content "$SRC/content" --out out >build.out 2>build.err ||
	die "salesgen build failed: $(cat build.err)"
"$BIN" build --content "$SRC/content" --out only --only quotes >only.out 2>only.err ||
	fail "salesgen build --only quotes failed: $(cat only.err)"
[ -z "$(find only -name '*.pdf' ! -path 'only/quotes/*' | head -1)" ] ||
	fail "--only quotes built more than quotations"

quotes=0
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
# figures and in capitals.
if number and tot and cap:
    want = [number.group(1), tot.group(0).split()[-1].replace(" ", ""), cap.group(1)]
    for w in want:
        if w not in p:
            bad.append(f"the proposal does not say {w!r}")
    i = p.find(number.group(1))
    if i >= 0 and (tot.group(1) not in p[i:i + 300] or cap.group(1) not in p[i:i + 300]):
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
	else
		python3 "$SRC/tests/tools/pdf_watermark.py" --approved "$wm" "$q" ||
			fail "$id is approved but its quotation carries a watermark (above)"
	fi
done
[ "$quotes" -ge 5 ] || fail "only $quotes quotations checked"
grep -q "huajun-auto.xml:.*its proposal is a draft" build.err ||
	fail "huajun-auto was expected to be a draft (the test checks a draft through it)"

verdict "$quotes quotations"
