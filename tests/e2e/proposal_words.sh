#!/usr/bin/env bash
# proposal_words.sh - the sample proposals read right to the customer: each
# addresses the customer as its kind of organisation is addressed (the law
# firm 贵所, the business school 贵校, never 贵公司), and the templates
# name no kind of organisation themselves.
# usage: bash proposal_words.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
need pdftotext pdfimages

export SOURCE_DATE_EPOCH=1795132800
cp -r "$SRC/content" content
cp -r "$SRC/themes" themes
"$BIN" build --content content --out out --jobs 2 --quiet 2>build.err ||
	die "the sample does not build: $(head -c 600 build.err)"

# text ID: the proposal of customer ID as text, its lines joined (a word
# may be cut at a line's end); text FILE: the text of that PDF.
text() {
	local f=$1
	[ -f "$f" ] || f=out/proposals/$1.pdf
	pdftotext -q "$f" - | tr -d '\n '
}
# has TEXT WHAT WORD...: TEXT holds every WORD.
has() {
	local t=$1 what=$2 w
	shift 2
	for w in "$@"; do
		[[ $t == *"$w"* ]] || fail "$what does not say $w"
	done
}

# ---------------------------------------------------------------- how the customer is addressed
PART=address
# addressed ID WORD: the proposal of ID says WORD, and no other honorific.
addressed() {
	local t
	t=$(text "$1")
	[ -n "$t" ] || { fail "$1: no proposal text"; return; }
	[[ $t == *"$2"* ]] || fail "$1: the proposal never says $2"
	local other
	for other in 贵公司 贵所 贵校 贵院 贵行 贵单位; do
		[ "$other" = "$2" ] && continue
		[[ $t != *"$other"* ]] || fail "$1: the proposal says $other"
	done
}
addressed zhengyuan-law 贵所
addressed donghai-business-school 贵校
addressed hengtong-logistics 贵公司

# No template writes the honorific or the kind of organisation itself.
for f in "$SRC"/content/proposals/*.md; do
	grep -n '贵公司\|公司' "$f" && fail "$(basename "$f") names 公司 instead of {{customer.you}} or {{customer.kind_word}}"
done

# ---------------------------------------------------------------- depreciation
PART=replacement
# The law firm's servers and licences, bought in 2019: spread over their
# five-year cycle, seven years old, due for replacement; in the proposal, the
# review and on the account page. Hengtong's, bought in 2022, are not due.
law=$(text zhengyuan-law)
has "$law" "the law firm's proposal" '¥190,000÷5年，按五年更新周期；已用7年，到期应更新' \
	'到期应更新的设备' 'Exchange服务器（两台）与存储：2019年购置，已使用7年' '按更新周期平均分摊'
[[ $law != *五年直线折旧* ]] || fail "the law firm's proposal still says 五年直线折旧"
has "$(text out/reports/review-zhengyuan-law.pdf)" "the law firm's review" '设备到期更新：' \
	'Exchange服务器（两台）与存储：2019年购置，已使用7年（更新周期5年），原价¥190,000' '系统故障'
has "$(tr -d '\n ' <out/site/accounts/zhengyuan-law.html)" "the law firm's account page" \
	'设备到期更新</span>Exchange服务器（两台）与存储'
ht=$(text hengtong-logistics)
has "$ht" "hengtong's proposal" '按五年更新周期'
[[ $ht != *到期应更新* ]] || fail "hengtong's proposal calls equipment of 2022 due for replacement"
en=$(text harbourline-trading)
has "$en" "the English proposal" 'CNY48,000/5years' 'buyingthemagainattheendoftheircycle'

# ---------------------------------------------------------------- honest figures
PART=figures
# Discounts with at most two decimals; a higher cost said in words, never as
# a negative saving, never in bold; on the site the same formats as in the
# PDFs: grouping, no .00 on whole yuan, 折 in Chinese.
ding=$(text dingsheng-group)
has "$ding" "dingsheng's proposal" '7.86折（优惠21.43%）' '按7.86折报价' \
	'不计人工时，托管每年多支出¥35,224' '多支出¥184,120' '托管相比自建' '四、成本对比'
for id in dingsheng-group jinheng-futures zhengyuan-law hengtong-logistics harbourline-trading; do
	t=$(text "$id")
	[[ $t != *7.85714* && $t != *21.4286* ]] || fail "$id: a discount with more than two decimals"
	[[ $t != *−¥* && $t != *−CNY* && $t != *-¥* ]] || fail "$id: a negative amount where words belong"
	[[ $t != *节省测算* && $t != *"4.Savings"* ]] || fail "$id: a heading of savings over a comparison"
	"$BIN" proposal "content/customers/$id.xml" --markdown -o "$id.md" 2>/dev/null ||
		fail "$id: no Markdown"
	grep -E '^\| (每年|五年|A year|Five years)' "$id.md" | grep -q '\*\*' &&
		fail "$id: the comparison is in bold: $(grep -E '^\| (每年|五年)' "$id.md" | head -2)"
done
has "$(text jinheng-futures)" "jinheng's proposal" '多支出'
site=out/site/accounts
grep -l '¥[0-9,]*\.00\b' out/site/*.html $site/*.html && fail "the site writes .00 on whole yuan"
grep -h -o '[0-9.]*%（\|[0-9]\{2,3\}%' $site/dingsheng-group.html | grep -q . &&
	fail "the Chinese account page writes a discount as a percentage"
has "$(tr -d '\n ' <$site/dingsheng-group.html)" "dingsheng's account page" '8.5折' '7.86折' \
	'¥107,100' '多支出¥184,120'
has "$(tr -d '\n' <$site/harbourline-trading.html)" "the English account page" 'CNY 30,600' '15% off'
has "$(tr -d '\n ' <out/site/prices.html)" "the price sheet" '9折' '¥120'

# ---------------------------------------------------------------- relevant cases
PART=cases
# The law firm has no case of its industry: the sentence says the cases come
# from other industries, never 相近 for all, and each says what it has in
# common; the school's own case says 同行业.
has "$law" "the law firm's proposal" '七、客户案例' '以下客户来自其他行业' \
	'相近之处：规模相近；同样关注系统稳定性' '某进出口公司'
[[ $law != *行业或规模相近* && $law != *相似客户* ]] || fail "the law firm's proposal claims its cases are alike"
has "$(text donghai-business-school)" "the school's proposal" '相近之处：同行业；规模相近；同样关注系统集成、服务与响应'
has "$en" "the English proposal" 'Incommon:thesameindustry;asimilarsize;sharedconcerns:overseasmail,spam'

# ---------------------------------------------------------------- the site
PART=site
# The law firm's offer (¥34,020) is far under the price line: no hint about
# the line; hengtong's is over it. Captions say what the chart shows.
acct=$(tr -d '\n ' <$site/zhengyuan-law.html)
[[ $acct != *心理价位线* ]] || fail "the law firm's page talks about the price line for a ¥34,020 offer"
has "$(tr -d '\n ' <$site/hengtong-logistics.html)" "hengtong's page" '年报价超过¥100,000的心理价位线'
has "$acct" "the law firm's page" '我方报价包含一次性费用，因此从第0年起就高于零'
# Chinese pages use full-width punctuation after Chinese words: no ": " or
# "(" beside Chinese text, "张伟（大客户经理）".
python3 - out/site <<'PY' || fail "ASCII punctuation in Chinese text (above)"
import html.parser, os, re, sys
class Words(html.parser.HTMLParser):
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
bad = 0
for root, _, files in os.walk(sys.argv[1]):
    for name in files:
        if not name.endswith(".html"):
            continue
        text = open(os.path.join(root, name), encoding="utf-8").read()
        if 'lang="zh-CN"' not in text[:400]:
            continue
        w = Words()
        w.feed(text)
        joined = " ".join(" ".join(w.parts).split())
        for m in re.finditer(r"[\u4e00-\u9fff]\s?[:(]|\(\s?[\u4e00-\u9fff]|[\u4e00-\u9fff]\s?\)", joined):
            print(f"FAIL: {name}: ...{joined[max(0, m.start() - 20):m.end() + 20]}...")
            bad += 1
sys.exit(1 if bad else 0)
PY
has "$(tr -d '\n' <$site/hengtong-logistics.html)" "hengtong's page" '张伟（大客户经理）'
# Tag pages are named after their tag, and linked percent-encoded.
[ -s out/site/tags/金融.html ] || fail "no tags/金融.html: $(ls out/site/tags | head -5)"
ls out/site/tags | grep -q '^t-[0-9a-f]\{8\}\.html$' && fail "a tag page is named by a hash: $(ls out/site/tags | grep '^t-')"
grep -q 'href="../tags/%E9%87%91%E8%9E%8D.html"' out/site/cases/futures-imail.html ||
	fail "the link to the tag 金融 is not its percent-encoded name"

# ---------------------------------------------------------------- covers
PART=covers
# A playbook's cover shows its author, version and date from the front
# matter; the logo is printed at 300 dpi or more.
cover=$(pdftotext -q -l 1 out/playbooks/decision-chain.pdf - | tr -d '\n ')
has "$cover" "the playbook's cover" '编写李娜' '版本1.2' '日期2026年10月8日'
cover=$(pdftotext -q -l 1 out/playbooks/pricing-and-approvals.pdf - | tr -d '\n ')
has "$cover" "the English playbook's cover" 'AuthorEmilyChen' 'Version1.0' 'Date2November2026'
has "$(tr -d '\n' <out/site/playbooks/decision-chain.html)" "the playbook's page" '编写：李娜 · 版本：1.2'
for f in out/proposals/hengtong-logistics.pdf out/playbooks/decision-chain.pdf; do
	pdfimages -list -f 1 -l 1 "$f" | awk 'NR > 2 && $3 == "image" { print $13 }' | while read -r ppi; do
		[ "$ppi" -ge 300 ] || echo "$f: the logo is printed at $ppi dpi"
	done
done >lowres.txt
[ -s lowres.txt ] && fail "$(cat lowres.txt)"

verdict
