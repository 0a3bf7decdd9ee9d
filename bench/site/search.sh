#!/usr/bin/env bash
# search.sh - the size of the site's search index and the most a query
# loads of it, at M pages (default 10,000).
#
# Builds the site, prints the index's total size, its number of files and
# the largest, then types queries into the search box in Debian's Chromium
# (headless, from file://, tests/tools/site_search.js) and prints the bytes
# of index each one loaded and the most. Needs node, Chromium and
# puppeteer-core (./build.sh test installs them; tests/node_modules).
#
# usage: bench/site/search.sh [BUILD_DIR] [M...]
#          the synthetic pages (gen_pages.py); PAGES=newsletter for the
#          newsletter-shaped ones (gen_newsletter.py)
#        bench/site/search.sh --site SITE_DIR synthetic|newsletter
#          a site built already (bench/site/run.sh uses this)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

# index SITE_DIR SET: the index's size, then the queries of SET.
index() {
	local site=$1 set=$2 total files largest
	total=$(cat "$site/search-index.js" "$site"/search/* | wc -c)
	files=$(($(ls "$site/search" | wc -l) + 1))
	largest=$(ls -S "$site/search-index.js" "$site"/search/* | head -1)
	echo "  search index: $total bytes in $files files; the largest ${largest##*/}, $(wc -c <"$largest") bytes"
	local queries
	if [ "$set" = newsletter ]; then
		# Words of the titles and sections, a Chinese pair, English words.
		queries=(科技 周刊 '图片 来源' 本期专题 文摘 browser 'open source' 'security update')
	else
		# Queries of one word, of two, of Chinese (a pair, a run of four, one
		# character), of English and of pinyin initials.
		queries=(续费 '预算 审批' 预算审批 客 renewal 'migration security' se ys)
	fi
	node "$ROOT/tests/tools/site_search.js" "$site" "${queries[@]}" | grep -v '^all passed' | sed 's/^/  /'
}

if [ "${1:-}" = --site ]; then
	index "$2" "${3:-synthetic}"
	exit
fi

BUILD=$(cd "${1:-$ROOT/build}" && pwd)
shift || true
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000)
PAGES=${PAGES:-synthetic}
GEN=$HERE/gen_pages.py
[ "$PAGES" = newsletter ] && GEN=$HERE/gen_newsletter.py
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1795132800
for M in "${SIZES[@]}"; do
	P=$WORK/pages-$M
	echo "== $M pages: $(python3 "$GEN" "$M" "$P")"
	"$BUILD/salesgen" build --content "$P/salesgen/content" --out "$P/out" --only site --verbose \
		2>&1 | grep 'search index:' | sed 's/^salesgen build: /  /'
	index "$P/out/site" "$PAGES"
done
