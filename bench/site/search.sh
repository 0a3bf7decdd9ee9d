#!/usr/bin/env bash
# search.sh - the size of the site's search index and the most a query
# loads of it, at M synthetic pages (gen_pages.py; default 10,000).
#
# Builds the site, prints the index's total size, its number of files and
# the largest, then types queries into the search box in Debian's Chromium
# (headless, from file://, tests/tools/site_search.js) and prints the bytes
# of index each one loaded and the most. Needs node, Chromium and
# puppeteer-core (./build.sh test installs them; tests/node_modules).
#
# usage: bench/site/search.sh [BUILD_DIR] [M...]
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
shift || true
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1795132800
for M in "${SIZES[@]}"; do
	P=$WORK/pages-$M
	echo "== $M pages: $(python3 "$HERE/gen_pages.py" "$M" "$P")"
	"$BUILD/salesgen" build --content "$P/salesgen/content" --out "$P/out" --only site --verbose \
		2>&1 | grep 'search index:' | sed 's/^salesgen build: /  /'
	# Queries of one word, of two, of Chinese (a pair, a run of four, one
	# character), of English and of pinyin initials.
	node "$ROOT/tests/tools/site_search.js" "$P/out/site" 续费 '预算 审批' 预算审批 客 \
		renewal 'migration security' 'se' 'ys' | grep -v '^all passed' | sed 's/^/  /'
done
