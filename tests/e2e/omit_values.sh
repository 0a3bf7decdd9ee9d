#!/usr/bin/env bash
# omit_values.sh - omit, don't invent. A Chinese and an English customer with
# every optional element left out (tests/data/omit/customers) are built with
# the sample's site, catalog, templates and theme, without a build date. No
# output of theirs (the text of each PDF, the words of their account pages)
# may make up what the file does not give: a count of 0 ("0 个", "0
# offices"), a date of 1970 (in the text or in the PDF's dates), "(null)", an
# empty slot, a self-hosted cost of ¥0 or a saving against it, one-time fees,
# a VAT rate, a validity, a proposal number or renewals there are none of;
# nor a feature (the overseas relay) that their edition does not have.
# usage: bash omit_values.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
need pdftotext pdfinfo python3

unset SOURCE_DATE_EPOCH
cp -r "$SRC/content" content
cp -r "$SRC/themes" themes
rm -rf content/customers content/sent
cp -r "$SRC/tests/data/omit/customers" content/customers
"$BIN" build --content content --out out --jobs 2 --quiet 2>build.err ||
	die "the customers without optional values do not build: $(head -c 800 build.err)"
grep -E 'warning|error' build.err && fail "the build warns or fails: $(head -c 800 build.err)"

IDS="qinghe-studio lumen-design"
mkdir text
for id in $IDS; do
	for f in proposals/$id.pdf reports/review-$id.pdf; do
		[ -s "out/$f" ] || { fail "out/$f was not built"; continue; }
		pdftotext -q "out/$f" "text/$(echo "$f" | tr / _).txt" || fail "pdftotext $f"
		# The PDF's own dates: the customer's as-of date, never 1970.
		pdfinfo "out/$f" | grep -E '^(CreationDate|ModDate):' >"text/$(echo "$f" | tr / _).dates"
		grep -q 1970 "text/$(echo "$f" | tr / _).dates" && fail "$f is dated 1970"
		grep -q 'Nov 20 .* 2026' "text/$(echo "$f" | tr / _).dates" ||
			fail "$f is not dated by the customer's as-of: $(cat "text/$(echo "$f" | tr / _).dates")"
	done
	[ -s "out/site/accounts/$id.html" ] || fail "the account page of $id was not built"
done

python3 - out/site/accounts text <<'PY' || fail "see above"
import html.parser, os, re, sys
pages, textdir = sys.argv[1], sys.argv[2]

class Words(html.parser.HTMLParser):
    """The text a reader sees: no markup, no script or style."""
    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "svg"):
            self.skip += 1
    def handle_endtag(self, tag):
        if tag in ("script", "style", "svg") and self.skip:
            self.skip -= 1
    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

texts = {}
for name in sorted(os.listdir(textdir)):
    if name.endswith(".txt"):
        texts[name] = open(os.path.join(textdir, name), encoding="utf-8").read()
for name in sorted(os.listdir(pages)):
    w = Words()
    w.feed(open(os.path.join(pages, name), encoding="utf-8").read())
    texts["site_accounts_" + name] = "\n".join(w.parts)

# What none of these outputs may say: the file gives no count, no date but
# as-of, no self-hosted cost, no discount, fee, validity, number or renewal.
bad = [
    (r"(?<![\d,.])0\s*个", "a count of 0"),
    (r"(?<![\d,.])0\s+(offices|employees|mailboxes|users|branches)", "a count of 0"),
    (r"1970", "a date of 1970"),
    (r"\(null\)", "(null)"),
    (r"[：:]\s*[。，,.]", "an empty slot"),
    (r"为\s*编制", "an empty name"),
    (r"(¥|CNY)\s*0(?![\d,.])", "an amount of 0"),
    (r"(¥|CNY)\s*0\.00", "an amount of 0"),
    (r"[−-]\s*(¥|CNY)", "a negative saving"),
    (r"一次性费用|one-time", "one-time fees"),
    (r"有效期|valid until|valid for", "a validity"),
    (r"报价编号|方案编号|proposal no|this is proposal", "a proposal number"),
    (r"按年续费|最近一笔到期|renewed every year|next renewal", "renewals"),
    (r"其中人工|不计人工|of which .* is staff time|without counting staff", "labour"),
    (r"\d折|% off\b", "a discount"),
    # They are offered the standard edition, which has no overseas relay:
    # its own summary must not promise one (the product's used to).
    (r"中继|relay", "a feature of another edition"),
]
found = 0
for name, text in texts.items():
    joined = re.sub(r"\s*\n\s*", " ", text)
    for pattern, why in bad:
        for m in re.finditer(pattern, joined, 0 if "off" in pattern else re.IGNORECASE):
            start = max(0, m.start() - 40)
            print(f"FAIL: {name}: {why}: ...{joined[start:m.end() + 40]}...")
            found += 1
# On the account pages, traits the file does not give are unknown, never
# failed, and an empty section says so; a chart of an offer without fees
# does not say the offer starts above zero.
for name, text in texts.items():
    if not name.startswith("site_"):
        continue
    if "✗" in text:
        print(f"FAIL: {name}: a trait the file does not give is marked as failed (✗)")
        found += 1
    if "高于零" in text or "above zero" in text:
        print(f"FAIL: {name}: the chart's caption speaks of fees there are none of")
        found += 1
    words = re.sub(r"\s+", "", text) if "zh" in name or "qinghe" in name else text
    for phrase in (("我方优势暂无", "我方劣势暂无", "？未知") if "qinghe" in name else
                   ("Our strengths", "Nothing yet")):
        if phrase not in words:
            print(f"FAIL: {name} does not say '{phrase}'")
            found += 1
# And what each says instead: that the figures are missing.
want = {
    "proposals_qinghe-studio.pdf.txt": "尚未提供自建邮件系统的费用资料",
    "proposals_lumen-design.pdf.txt": "We do not have the figures",
    "reports_review-qinghe-studio.pdf.txt": "尚未提供自建系统的费用资料",
    "site_accounts_qinghe-studio.html": "尚未提供自建系统的费用资料",
    "site_accounts_lumen-design.html": "have not told us what their own system costs",
}
for name, phrase in want.items():
    if phrase not in re.sub(r"\s*\n\s*", "", texts.get(name, "")) and \
       phrase not in re.sub(r"\s*\n\s*", " ", texts.get(name, "")):
        print(f"FAIL: {name} does not say '{phrase}'")
        found += 1
sys.exit(1 if found else 0)
PY

verdict
