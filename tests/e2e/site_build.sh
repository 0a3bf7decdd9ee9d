#!/usr/bin/env bash
# End-to-end test of the HTML site (`salesgen build --only site`): every page
# is there, the account page holds what a rep needs, "in N days" counts from
# SOURCE_DATE_EPOCH (never the clock), two builds give the same bytes, and
# --theme picks another theme. Needs only the binary.
# Usage: bash site_build.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"

# 2026-11-20 00:00 UTC: the sample customers' as-of date.
export SOURCE_DATE_EPOCH=1795132800

build() { # build OUT [ARGS...]
	local out=$1
	shift
	"$BIN" build --content "$SRC/content" --out "$out" --only site --quiet "$@" 2>"$out.err"
}

build "$WORK/a" || fail "build exited $?: $(cat "$WORK/a.err")"
SITE=$WORK/a/site

# ---------------------------------------------------------------- pages
for f in index.html pipeline.html pipeline/solution-confirmation.html prices.html search-index.js assets/site.css assets/site.js \
	playbooks/index.html cases/index.html tags/index.html images/logo.png; do
	[ -s "$SITE/$f" ] || fail "missing $f"
done
for md in "$SRC"/content/playbooks/*.md; do
	[ -s "$SITE/playbooks/$(basename "$md" .md).html" ] || fail "no page for $md"
done
for md in "$SRC"/content/cases/*.md; do
	[ -s "$SITE/cases/$(basename "$md" .md).html" ] || fail "no page for $md"
done
for xml in "$SRC"/content/customers/*.xml; do
	[ -s "$SITE/accounts/$(basename "$xml" .xml).html" ] || fail "no account page for $xml"
done

# has FILE TEXT...: the page contains every TEXT.
has() {
	local file=$SITE/$1
	shift
	for want in "$@"; do
		grep -qF -- "$want" "$file" || fail "$(basename "$file") lacks: $want"
	done
}
lacks() {
	local file=$SITE/$1
	shift
	for bad in "$@"; do
		grep -qF -- "$bad" "$file" && fail "$(basename "$file") should not contain: $bad"
	done
}

ACCT=accounts/hengtong-logistics.html
# A typed space between Chinese and a digit is left out of a Chinese page
# (the browser's text-autospace puts the gap): "41 天后" is written 41天后.
has $ACCT '<html lang="zh-CN">' '恒通物流集团有限公司' \
	'A 类（1000 人以上）' '匹配特征7 / 7' \
	'方案确认' 'type="checkbox" disabled checked> 需求清单经客户签字确认' \
	'type="checkbox" disabled> 自建成本测算得到客户财务认可' \
	'陈国栋' '决策人' 'attitude-ally' '教练' \
	'2026-12-31' '41天后' '2026-08-14' '98天前' \
	'¥422,315.20' '¥2,111,576' '¥102,000' '¥99,000' '8.25折' '8.5折' \
	'客户经理' '分公司市场部主任' \
	'href="../../proposals/hengtong-logistics.pdf"' \
	'<svg class="chart"' 'role="img"' '<title id="chart-title">五年累计成本对比</title>' \
	'拜访记录' '续费预算尚未批复'
# The notes' "## 拜访记录" sits under the page's h2 "内部备注".
grep -q '<h3[^>]*>拜访记录</h3>' "$SITE/$ACCT" || fail "the notes' heading is not an h3"

has accounts/harbourline-trading.html '<html lang="en">' 'Decision chain'
has playbooks/pricing-and-approvals.html '<html lang="en">' 'On this page' 'rel="prev"'
has playbooks/objection-handling.html '<html lang="zh-CN">' '本页目录' 'rel="next"' 'href="#' 'class="tag"'
# The playbook's own "# title" is the page's only h1.
for f in "$SITE"/playbooks/*.html "$SITE"/cases/*.html "$SITE"/accounts/*.html; do
	n=$(grep -o '<h1' "$f" | wc -l)
	[ "$n" = 1 ] || fail "$(basename "$f") has $n h1 elements"
done

# ---------------------------------------------------------------- languages
# The site is Chinese; English case studies, the English playbook and the
# English customer are listed on its pages with lang="en" on what shows
# their text, and their own pages are English throughout.
has cases/index.html '<html lang="zh-CN">' \
	'<a href="../cases/apparel-postfix-en.html" lang="en">A clothing company leaves Postfix behind</a>' \
	'<p class="card-summary" lang="en">A clothing company' \
	'<a class="tag" href="../tags/overseas-mail.html" lang="en">overseas mail</a>'
has cases/apparel-postfix-en.html '<html lang="en">' 'Case study' \
	'<span class="pager-title" lang="zh-CN">某证券公司'
lacks cases/apparel-postfix-en.html '案例' '首页'
has tags/overseas-mail.html '<html lang="zh-CN">' '<h1 lang="en">overseas mail</h1>' \
	'<a href="../cases/import-export-umail-en.html" lang="en">'
has tags/index.html '<a class="tag" href="overseas-mail.html" lang="en">overseas mail'
has playbooks/decision-chain.html '<html lang="zh-CN">' \
	'<span class="pager-title" lang="en">Pricing, discounts and who approves them</span>'
has index.html '<a href="accounts/harbourline-trading.html" lang="en">Harbourline</a>' \
	'<span lang="en">Spam filter subscription</span>' \
	'<a href="cases/futures-imail-en.html" lang="en">'
has pipeline/solution-confirmation.html \
	'<a href="../accounts/harbourline-trading.html" lang="en">Harbourline</a>' \
	'<span lang="en">Spam filter subscription</span>'
grep -qF '"t":"A clothing company leaves Postfix behind","u":"cases/apparel-postfix-en.html","k":"Case study","l":"en"' \
	"$SITE"/search/d*.js || fail "an English case's search entry is not English throughout"

# The pipeline: its totals per stage, each linked to the stage's list.
has pipeline.html 'id="pipeline-stages"' '<a href="pipeline/solution-confirmation.html">方案确认</a>' \
	'<td class="num">9</td>' '18,612' '¥1,939,320'
has pipeline/solution-confirmation.html 'id="pipeline-table"' 'data-type="num"' '恒通物流' '线上' '线下' \
	'2026-12-31' '<a href="../pipeline.html">' 'class="stage-link" aria-current="page"'
has pipeline/technical-promotion.html '本阶段暂无客户。'
has prices.html '云邮企业邮箱' '¥120' '每用户每年' '海外专线中继' '分公司市场部主任' '9折' \
	'仅限标价' '需报省公司市场部备案审批' '特征' '利益'
has index.html '内部资料，严禁外传。' '即将到期的续费' '近期客户动态' 'search-index.js'
grep -q '^window.SG_SEARCH = {"version":1,' "$SITE/search-index.js" || fail "search index does not set SG_SEARCH"
grep -qF '"t":"恒通物流集团有限公司"' "$SITE"/search/d*.js || fail "account not in the search index"
grep -qF '"htwl' "$SITE"/search/t*.js || fail "no pinyin initials of 恒通物流 in the search index"

# Every link is relative: no absolute file paths, no CDN.
if grep -rlE '(href|src)="(/|https?://[^"]*(cdn|googleapis|jsdelivr|unpkg))' "$SITE" --include='*.html'; then
	fail "absolute or CDN links found"
fi

# ---------------------------------------------------------------- dates
# Another build date moves "in N days".
SOURCE_DATE_EPOCH=1795219200 build "$WORK/d" || fail "build with another date failed"
grep -qF '40天后' "$WORK/d/site/$ACCT" || fail "'in N days' does not follow SOURCE_DATE_EPOCH"
# Without it, days count from the customer's as-of date, never the clock.
(unset SOURCE_DATE_EPOCH; build "$WORK/n") || fail "build without SOURCE_DATE_EPOCH failed"
grep -qF '41天后' "$WORK/n/site/$ACCT" || fail "without SOURCE_DATE_EPOCH days do not count from as-of"

# ---------------------------------------------------------------- determinism
build "$WORK/b" || fail "second build failed"
if ! diff -r "$WORK/a/site" "$WORK/b/site" >"$WORK/diff.txt"; then
	fail "two builds differ: $(head -5 "$WORK/diff.txt")"
fi

# ---------------------------------------------------------------- themes
cp -r "$SRC/themes/default" "$WORK/mytheme"
sed -i 's|<main id="main" class="main">|<main id="main" class="main my-theme">|' "$WORK/mytheme/layout.html"
build "$WORK/t" --theme "$WORK/mytheme" || fail "--theme DIR failed: $(cat "$WORK/t.err")"
grep -q 'class="main my-theme"' "$WORK/t/site/index.html" || fail "--theme DIR was not used"
build "$WORK/u" --theme no-such-theme && fail "--theme with an unknown name succeeded"
grep -q "no theme 'no-such-theme'" "$WORK/u.err" || fail "unknown theme message: $(cat "$WORK/u.err")"
# A template error names the file and line.
printf '<p>{{#broken}}</p>\n' >"$WORK/mytheme/pages/home.html"
build "$WORK/v" --theme "$WORK/mytheme" && fail "a broken theme built"
grep -q 'pages/home.html:1:' "$WORK/v.err" || fail "theme error without position: $(cat "$WORK/v.err")"

verdict
