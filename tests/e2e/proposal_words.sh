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
# may be cut at a line's end).
text() {
	pdftotext -q "out/proposals/$1.pdf" - | tr -d '\n '
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

verdict
