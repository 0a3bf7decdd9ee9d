#!/usr/bin/env bash
# pdf_long.sh - a long document is drawn page by page as it is laid out
# (render/pdf/pdf_doc.c, layout/paginate.c): a Markdown file with two tables
# of 2,500 rows each (over a hundred pages) set with `salesgen pdf --stats`
# says it was drawn page by page, holding a few pages of the flow at most;
# "Page N of M" is right on the first and the last page (pdftotext), the
# last page ends the document, and the links on the first page to the
# headings further on (laid out after that page was drawn) lead to the pages
# those headings are on (qpdf --json), as do the bookmarks.
# usage: bash pdf_long.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
need python3 pdftotext pdfinfo qpdf
export SOURCE_DATE_EPOCH=1795132800

python3 - >long.md <<'PY'
print("---\ntitle: A long list\nlang: en\n---\n")
print("# A long list\n")
print("Go to [the middle](#the-middle) or [the end](#the-end).\n")
def table(n, k):
    print("| # | Customer | Amount |\n| ---: | --- | ---: |")
    for i in range(1, n + 1):
        print(f"| {i} | Customer {k}-{i} | {(i * 37) % 10007:,} |")
    print()
table(2500, "a")
print("## The middle\n\nHalf way.\n")
table(2500, "b")
print("## The end\n\nLast words.")
PY

PART="set"
"$BIN" pdf long.md -o long.pdf --no-cover --no-toc --stats 2>stats.txt ||
	die "salesgen pdf failed: $(head -5 stats.txt)"
most=$(sed -n 's/.*drawn page by page as laid out (laid out twice; \([0-9]*\) flow items.*/\1/p' stats.txt)
[ -n "$most" ] || die "not drawn page by page: $(cat stats.txt)"
pages=$(pdfinfo long.pdf | awk '/^Pages:/ {print $2}')
[ "${pages:-0}" -ge 100 ] || die "only ${pages:-0} pages"
# A page of this table is some 45 rows, an item each: the flow holds the
# pages not yet final and the one being planned, never the document.
[ "$most" -le 400 ] || fail "the flow held $most items at once ($pages pages)"

PART="page numbers"
pdftotext -f 1 -l 1 long.pdf first.txt
pdftotext -f "$pages" -l "$pages" long.pdf last.txt
grep -q "Page 1 of $pages\$" first.txt || fail "page 1 does not say 'Page 1 of $pages'"
grep -q "Page $pages of $pages\$" last.txt || fail "the last page does not say 'Page $pages of $pages'"
grep -q "Last words" last.txt || fail "the last page does not end the document"

PART="links"
qpdf --json long.pdf long.json || die "qpdf cannot read long.pdf"
python3 - long.json "$pages" >links.txt <<'PY' || fail "$(cat links.txt)"
import json, sys
doc = json.load(open(sys.argv[1]))
objs = {k.split(":", 1)[1]: v.get("value") for k, v in doc["qpdf"][1].items() if k.startswith("obj:")}
pages = [p["object"] for p in doc["pages"]]
def page_of(ref):
    return pages.index(ref) + 1
# The first page's links to headings, in order: the middle, the end.
dests = []
for a in objs[pages[0]].get("/Annots", []):
    a = objs[a]
    if a.get("/Subtype") == "/Link" and "/Dest" in a:
        dests.append(page_of(a["/Dest"][0]))
if len(dests) != 2:
    sys.exit(f"page 1 has {len(dests)} links to headings, not 2")
mid, end = dests
if not (1 < mid < end == int(sys.argv[2])):
    sys.exit(f"the links lead to pages {mid} and {end} of {sys.argv[2]}")
print(mid, end)
PY
if [ -s links.txt ]; then
	read -r mid end <links.txt
	pdftotext -f "$mid" -l "$mid" long.pdf mid.txt
	grep -q "^The middle\$" mid.txt || fail "the link to the middle leads to page $mid, without it"
fi
# The bookmarks lead to the same pages.
python3 - long.json <<'PY' >marks.txt || fail "bookmarks: $(cat marks.txt)"
import json, sys
doc = json.load(open(sys.argv[1]))
outlines = doc.get("outlines", [])
def walk(items):
    for o in items:
        yield o["title"], o["destpageposfrom1"]
        yield from walk(o.get("kids", []))
print(" ".join(f"{t}={p}" for t, p in walk(outlines)))
PY
grep -q "The end=$pages" marks.txt || fail "the bookmark of the end: $(cat marks.txt)"
[ -n "${mid:-}" ] && { grep -q "The middle=$mid" marks.txt || fail "the bookmark of the middle: $(cat marks.txt)"; }

verdict "$pages pages, $most flow items at most"
