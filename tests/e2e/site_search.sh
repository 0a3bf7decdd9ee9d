#!/usr/bin/env bash
# Search on a site of 10,000 pages (bench/site/gen_pages.py's synthetic
# playbooks and three of our own), in a real browser (Debian's Chromium,
# headless, from file://): a Chinese substring and pinyin initials find
# their pages, a title ranks above the text, and no query loads more than a
# megabyte of the index. Also the build's report of the index's size.
# Skipped without node, python3, Chromium or puppeteer-core.
# It takes a minute or two (most of it the build of 10,000 pages).
# Usage: bash site_search.sh SALESGEN_BINARY SOURCE_DIR WORKDIR [PAGES]
# (or PAGES from SG_SEARCH_PAGES)
. "$(dirname "$0")/lib/prologue.sh" "$@"
need node python3
PAGES=${4:-${SG_SEARCH_PAGES:-10000}}
export SOURCE_DATE_EPOCH=1795132800
python3 "$SRC/bench/site/gen_pages.py" "$PAGES" "$WORK/gen" >/dev/null || die "gen_pages.py failed"
C=$WORK/gen/salesgen/content
mark() { # FILE TITLE BODY
	printf -- '---\ntitle: "%s"\nlang: zh-CN\norder: 1\nsummary: "%s"\n---\n\n%s\n' \
		"$2" "$2" "$3" >"$C/playbooks/$1.md"
}
mark zz-plan '解决方案与实施步骤' '先谈预算，再谈上线。'
mark zz-whale '一般的报价说明' '报价单附有鲸鱼座星云条款，谈判时先讲。'
mark zz-title 'Zebracorn playbook' '给大客户的打法。'
mark zz-body '另一篇作战手册' '文中顺带提到 zebracorn 一次。'

"$BIN" build --content "$C" --out "$WORK/out" --only site --verbose --report "$WORK/r.json" \
	--report-no-times 2>"$WORK/verbose" || die "build exited $?: $(grep -v built "$WORK/verbose" | head -5)"
PART=report
grep -E '^salesgen build: search index: [0-9]+ bytes in [0-9]+ files, the largest [0-9]+ bytes$' \
	"$WORK/verbose" >/dev/null || fail "no line on the index's size: $(grep -i 'search index:' "$WORK/verbose")"
python3 - "$WORK/r.json" "$WORK/out/site" <<'PY' || fail "the report's index figures"
import json, os, sys
s = json.load(open(sys.argv[1]))["summary"]
site = sys.argv[2]
files = [os.path.join(site, "search-index.js")] + [
    os.path.join(site, "search", f) for f in os.listdir(os.path.join(site, "search"))]
sizes = [os.path.getsize(f) for f in files]
want = {"search_index_bytes": sum(sizes), "search_index_files": len(sizes),
        "search_index_largest": max(sizes)}
got = {k: s.get(k) for k in want}
assert got == want, (got, want)
PY

PART=browser
node "$SRC/tests/tools/site_search.js" "$WORK/out/site" \
	'鱼座星=playbooks/zz-whale.html' \
	'jjfa=playbooks/zz-plan.html' \
	'zebracorn=playbooks/zz-title.html' \
	'预算 续费' \
	'报价'
rc=$?
[ $rc -eq 77 ] && skip "the check needs a tool that is not installed (above)"
[ $rc -eq 0 ] || fail "the browser check failed (above)"
verdict "$PAGES pages"
