#!/bin/bash
# proposal_firewall.sh - no internal field reaches a customer-facing PDF.
#
# usage: bash proposal_firewall.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
#
# A copy of the sample content gets a marker string (INTMARK, a number) in
# every free-text internal field of every customer: the decision chain
# (names, titles, phones, e-mails), events, strengths, weaknesses, next
# actions, approvals and the internal notes. Every customer's proposal is
# made from that copy, with every proposal template of the content, and
# pdftotext must find no marker in any of them. As a control, the internal
# reviews must show the markers (so they really are in the data), and a
# template asking for an internal field must fail with its file and line.
. "$(dirname "$0")/lib/prologue.sh" "$@"
need pdftotext python3
export SOURCE_DATE_EPOCH=1795132800
cp -r "$SRC/content" content || die "cannot copy the content"

# Markers in every internal text: attributes and element texts.
python3 - content/customers/*.xml <<'EOF' || die "cannot place the markers"
import re, sys
n = 0
def mark(_):
    global n
    n += 1
    return f"INTMARK{n:03d}"
for path in sys.argv[1:]:
    t = open(path, encoding="utf-8").read()
    def attrs(m, names):
        tag = m.group(0)
        for a in names:
            tag = re.sub(rf'(\b{a}=")[^"]*(")', lambda x: x.group(1) + mark(None) + x.group(2), tag)
        return tag
    t = re.sub(r"<contact\b[^>]*>", lambda m: attrs(m, ["name", "title"]), t)
    t = re.sub(r"<action\b[^>]*>", lambda m: attrs(m, ["owner", "checkpoint"]), t)
    t = re.sub(r"<approval\b[^>]*>", lambda m: attrs(m, ["name"]), t)
    # Contacts may give a phone and an e-mail: add them where missing.
    t = re.sub(r"<contact\b(?![^>]*\bemail=)", lambda m: m.group(0) + f' email="{mark(None).lower()}@example.com"', t)
    for el in ["event", "action"]:
        t = re.sub(rf"(<{el}\b[^>]*>)([^<]*)(</{el}>)", lambda m: m.group(1) + mark(None) + m.group(3), t)
    for el in ["strengths", "weaknesses"]:
        t = re.sub(rf"<{el}>.*?</{el}>", lambda m: re.sub(r"(<item>)[^<]*(</item>)", lambda x: x.group(1) + mark(None) + x.group(2), m.group(0)), t, flags=re.S)
    t = re.sub(r"(<notes>)(.*?)(</notes>)", lambda m: m.group(1) + f"<![CDATA[{mark(None)} 内部备注 {mark(None)}]]>" + m.group(3), t, flags=re.S)
    open(path, "w", encoding="utf-8").write(t)
print(n, "markers", file=sys.stderr)
EOF

"$BIN" check --content content >check.out 2>&1
grep -q ": error:" check.out && fail "the marked copy does not load: $(grep error: check.out | head -5)"

templates=$(ls content/proposals/*.md | xargs -n1 basename | sed 's/\.md$//')
count=0
for f in content/customers/*.xml; do
	id=$(basename "$f" .xml)
	for t in $templates; do
		"$BIN" proposal "$f" --template "$t" -o "$id-$t.pdf" 2>"$id-$t.err" ||
			fail "salesgen proposal $id --template $t: $(cat "$id-$t.err")"
		pdftotext -enc UTF-8 "$id-$t.pdf" "$id-$t.txt" || fail "pdftotext $id-$t.pdf"
		pdftotext -raw -enc UTF-8 "$id-$t.pdf" - >>"$id-$t.txt" || fail "pdftotext -raw"
		if grep -qi "INTMARK" "$id-$t.txt"; then
			fail "$id-$t.pdf shows internal fields: $(grep -oi 'INTMARK[0-9]*' "$id-$t.txt" | sort -u | tr '\n' ' ')"
		fi
		count=$((count + 1))
	done
	# The control: the internal review does show them.
	"$BIN" proposal "$f" --review -o "review-$id.pdf" 2>/dev/null || fail "review $id"
	pdftotext -enc UTF-8 "review-$id.pdf" "review-$id.txt"
	grep -q "INTMARK" "review-$id.txt" || fail "review-$id.pdf shows no marker: were they placed?"
done
[ "$count" -ge 8 ] || fail "only $count proposals were checked"

# Asking for an internal field is an error at the template's line.
cat >content/proposals/asks.md <<'EOF'
---
title: Asks
lang: en
audience: customer
---
Dear {{customer.name}},

{{customer.notes}}
EOF
"$BIN" proposal content/customers/harbourline-trading.xml --template asks -o asks.pdf 2>asks.err
[ $? -eq 1 ] || fail "a template asking for customer.notes does not fail"
grep -q "^content/proposals/asks.md:8:[0-9]*: error: unknown name 'customer.notes'" asks.err ||
	fail "no error at asks.md:8: $(cat asks.err)"
verdict "$count proposals"
