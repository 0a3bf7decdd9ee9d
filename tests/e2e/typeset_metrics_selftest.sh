#!/usr/bin/env bash
# typeset_metrics_selftest.sh - tests/tools/typeset_metrics.py finds each
# typesetting fault it measures, and finds none where there is none.
#
# The fixtures are tests/data/typeset/*.pdf, made by make_fixtures.py there:
# each holds one fault on its first page(s), every character placed by hand,
# and the same text without the fault on its last page. For each, the counts
# the tool gives page by page (--json) must be exactly the ones the fixture was
# made with, so the test fails when the tool stops seeing a fault, starts
# seeing one that is not there, or changes how it counts. The options that
# move a threshold must move the counts as they should; the human table must
# name the page and the line; bad usage exits 2, an unreadable file 1.
# When WenQuanYi Micro Hei and DejaVu Sans are installed, the fixtures are
# made again from the script and must measure the same (the script and the
# committed files agree).
#
# usage: bash typeset_metrics_selftest.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
# (the binary is not used: the tool reads PDFs only)
. "$(dirname "$0")/lib/prologue.sh" "$@"
need python3 mutool
TOOL=$SRC/tests/tools/typeset_metrics.py
DATA=$SRC/tests/data/typeset

# expect PDF 'OPTIONS' 'PAGE:MEASURE.FIELD=VALUE ...'
#   every listed count of that page must be the value; PAGE * is the totals.
expect() {
	local pdf=$1 opts=$2 want=$3 out
	out=$WORK/$(basename "$pdf" .pdf)-$RANDOM.json
	# shellcheck disable=SC2086
	python3 "$TOOL" --json $opts "$pdf" >"$out" 2>"$out.err" ||
		{ fail "$(basename "$pdf") $opts: exit $?: $(head -3 "$out.err")"; return; }
	python3 - "$out" "$want" <<'PY' || fail "$(basename "$pdf") ${opts:-(no options)}: counts differ (above)"
import json, sys
doc = json.load(open(sys.argv[1]))["documents"][0]
pages = {str(p["page"]): p["counts"] for p in doc["per_page"]}
pages["*"] = doc["totals"]
bad = 0
for item in sys.argv[2].split():
    where, _, value = item.partition("=")
    page, _, path = where.partition(":")
    measure, _, field = path.partition(".")
    got = pages.get(page, {}).get(measure, {}).get(field)
    if str(got) != value:
        print("  page %s %s.%s: %s, expected %s" % (page, measure, field, got, value))
        bad = 1
sys.exit(bad)
PY
}

check_all() { # DIR: the fixtures in DIR, as committed or made again
	local d=$1
	PART="letter-spaced lines ($d)"
	# 0.27 em, and 2.2 em (a line mupdf cuts into pieces of one character).
	expect "$d/letterspaced.pdf" "" \
		"1:letterspaced.lines=2 1:letterspaced.checked=5 2:letterspaced.lines=0 2:letterspaced.checked=5"
	# 0.1 em is under the default threshold, over 0.05.
	expect "$d/letterspaced.pdf" "--threshold 0.05" "1:letterspaced.lines=3 2:letterspaced.lines=0"
	# The 4-character heading spaced by 1 em (on both pages) is judged once 3
	# pairs are enough, and so is a line with 3 Han pairs.
	expect "$d/letterspaced.pdf" "--min-pairs 3" \
		"1:letterspaced.lines=3 1:letterspaced.checked=7 2:letterspaced.lines=1"

	PART="adjacent punctuation ($d)"
	expect "$d/pairs.pdf" "" \
		"1:pairs.uncompressed=7 1:pairs.pairs=7 2:pairs.uncompressed=0 2:pairs.pairs=7"

	PART="runts ($d)"
	expect "$d/runts.pdf" "" \
		"1:runts.runts=6 1:runts.paragraph_ends=6 2:runts.runts=0 2:runts.paragraph_ends=6"
	python3 "$TOOL" --json --fault runts "$d/runts.pdf" >"$WORK/runts.json" ||
		fail "runts.pdf: exit $?"
	python3 - "$WORK/runts.json" <<'PY' || fail "runts.pdf: not each way of ending a paragraph (above)"
import json, sys
doc = json.load(open(sys.argv[1]))["documents"][0]
got = [(f["page"], f["text"], f["ends_by"]) for f in doc["faults"]]
want = [(1, "道。", "indent"), (1, "路。", "gap"), (1, "了。", "size"),
        (1, "宽。", "outdent"), (1, "钱？", "short"), (1, "受；", "end")]
if got != want:
    print("  got      %s\n  expected %s" % (got, want))
    sys.exit(1)
PY

	PART="sheared Han characters ($d)"
	expect "$d/sheared.pdf" "" \
		"1:sheared.chars=6 1:sheared.lines=1 2:sheared.chars=0 2:watermark.chars=2"
	expect "$d/sheared.pdf" "--shear 0.01" "1:sheared.chars=10 1:sheared.lines=2"

	PART="Han/Latin boundaries and stray spaces ($d)"
	expect "$d/boundaries.pdf" "" \
		"1:boundaries.total=8 1:boundaries.quarter=2 1:boundaries.none=2 1:boundaries.narrow=2 1:boundaries.wide=2 1:boundaries.spaced=6 1:spaces.stray=2
		 2:boundaries.total=8 2:boundaries.quarter=8 2:spaces.stray=0"
	expect "$d/boundaries.pdf" "--tolerance 0.2" "1:boundaries.quarter=6 1:boundaries.none=2"

	PART="watermark ($d)"
	expect "$d/watermark.pdf" "" \
		"1:watermark.chars=6 2:watermark.chars=5 3:watermark.chars=4 4:watermark.chars=0 *:watermark.pages=3"
	# The watermark is no other fault: the page is one line of plain text.
	expect "$d/watermark.pdf" "--page 1" "*:sheared.chars=0 *:letterspaced.checked=1 *:boundaries.total=0"
}

check_all "$DATA"

PART="options"
expect "$DATA/pairs.pdf" "--page 2" "*:pairs.uncompressed=0 *:pairs.pairs=7"
expect "$DATA/runts.pdf" "--page 1-2" "*:runts.runts=6"
python3 "$TOOL" --json --fault pairs,runts "$DATA/pairs.pdf" >"$WORK/only.json" || fail "--fault: exit $?"
python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["totals"]
sys.exit(0 if sorted(t) == ["pairs", "runts"] else 1)' "$WORK/only.json" ||
	fail "--fault pairs,runts measured something else: $(head -c 300 "$WORK/only.json")"

# The table names the document, then each fault with its page and line.
python3 "$TOOL" "$DATA/letterspaced.pdf" "$DATA/runts.pdf" >"$WORK/table.txt" || fail "table: exit $?"
grep -q '^letterspaced.pdf ' "$WORK/table.txt" || fail "the table has no row for letterspaced.pdf"
grep -q '^total (2)' "$WORK/table.txt" || fail "the table has no total row"
grep -q 'p1 .*letter-spaced, median gap 0.27 em: 托管在国内多线机房的企业邮箱海外' "$WORK/table.txt" ||
	fail "the letter-spaced line is not listed with its page and text: $(cat "$WORK/table.txt")"
grep -q 'p1 .*runt (ends by indent).*: 道。' "$WORK/table.txt" || fail "the runt is not listed"

python3 "$TOOL" --compare "faulty=$DATA/pairs.pdf,$DATA/runts.pdf" "none=$DATA/watermark.pdf" \
	>"$WORK/compare.txt" || fail "--compare: exit $?"
grep -Eq '^adjacent CJK punctuation set full width each +7 of 14 +0 of 0$' "$WORK/compare.txt" ||
	fail "--compare: no pairs row with both columns: $(cat "$WORK/compare.txt")"
grep -Eq "^paragraph's last line with one Han character +6 +0$" "$WORK/compare.txt" ||
	fail "--compare: no runts row"

PART="usage"
for bad in "--fault nosuch" "--threshold x" "--page 0" "--min-pairs 0" "--bogus" "--compare nolabel"; do
	# shellcheck disable=SC2086
	python3 "$TOOL" $bad "$DATA/pairs.pdf" >/dev/null 2>"$WORK/usage.err"
	rc=$?
	[ $rc -eq 2 ] || fail "'$bad': exit $rc, expected 2"
done
python3 "$TOOL" >/dev/null 2>&1; [ $? -eq 2 ] || fail "no file: not exit 2"
printf 'not a pdf' >"$WORK/broken.pdf"
python3 "$TOOL" "$WORK/broken.pdf" >/dev/null 2>"$WORK/broken.err"; rc=$?
[ $rc -eq 1 ] || fail "an unreadable PDF: exit $rc, expected 1"
grep -q 'broken.pdf' "$WORK/broken.err" || fail "an unreadable PDF is not named: $(cat "$WORK/broken.err")"

# The script makes the same fixtures (the same counts) when its fonts are here.
if fc-list | grep -q 'WenQuanYi Micro Hei' && fc-list | grep -q 'DejaVu Sans'; then
	mkdir -p "$WORK/made"
	python3 "$DATA/make_fixtures.py" "$WORK/made" || fail "make_fixtures.py: exit $?"
	check_all "$WORK/made"
	verdict "the fixtures made again measure the same"
fi
verdict "make_fixtures.py not run: its fonts are not installed"
