#!/usr/bin/env bash
# proposal_words.sh - the sample proposals read right to the customer: each
# addresses the customer as its kind of organisation is addressed (the law
# firm 贵所, the business school 贵校, never 贵公司), and the templates
# name no kind of organisation themselves.
# usage: bash proposal_words.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
need pdftotext

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
has "$(text out/reports/review-zhengyuan-law.pdf)" "the law firm's review" '设备到期更新：Exchange服务器'
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

verdict
