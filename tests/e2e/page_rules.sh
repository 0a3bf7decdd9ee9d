#!/usr/bin/env bash
# page_rules.sh - where pages break and how table columns are set, measured
# with tests/tools/page_rules.py on what the PDFs draw (mutool): no table
# split leaving fewer than two body rows on a side or its total row alone,
# no table shorter than a third of a page split, no heading at a page's foot
# or with one line under it there, no last page holding only the end of a
# section that the page before could take, no table header in more than two
# lines or a character a line, no number parted from its unit.
#
# The documents are the sample content's outputs, and documents of our own
# (tests/data/pages/*.md), each exercising a rule. Their front matter says
# how they are swept, so that the rule is met at every position on the page
# whatever the lines' exact heights:
#   sweep: pages  the document's body set SWEEP + 1 times, each time on a new
#                 page after k lines (k = 0 .. SWEEP), in one PDF;
#   sweep: tail   one PDF per k, the body after k lines, so that its end
#                 falls at every height of the last page;
#   sweep: none   the document as it is.
# The checks that prove a sweep reaches what it tests (tables split, lists
# across pages) make sure a change of the layout cannot quietly leave a rule
# untested.
# usage: bash page_rules.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
need python3 mutool
TOOL=$SRC/tests/tools/page_rules.py
DATA=$SRC/tests/data/pages
SWEEP=40
export SOURCE_DATE_EPOCH=1795132800

# rules PART JSON PDF...: page_rules.py finds no fault in the PDFs (its
# report in JSON); the whole strings checked are those of columns.md.
rules() {
	local part=$1 json=$2
	shift 2
	python3 "$TOOL" --json --whole 检查点 --whole '0.95 元' --whole 'CNY 86,400' "$@" \
		>"$json" 2>"$json.err"
	local rc=$?
	[ $rc -le 1 ] || { fail "$part: page_rules.py exited $rc: $(head -3 "$json.err")"; return; }
	python3 - "$json" "$part" <<'PY' || fail "$part: the faults above"
import json, sys
docs = json.load(open(sys.argv[1]))["documents"]
bad = [(d["pdf"], f) for d in docs for f in d["faults"]]
for pdf, f in bad[:20]:
    print(f"  {sys.argv[2]}: {pdf.rsplit('/', 1)[-1]}:{f['page']}: {f['kind']}: {f['what']}")
print(f"  {sys.argv[2]}: {len(bad)} fault(s) in {len(docs)} PDF(s)")
sys.exit(1 if bad else 0)
PY
}

# seen JSON NAME FIELD MIN: page_rules.py saw at least MIN of FIELD
# (tables, splits, headings, pages) over the PDFs named NAME*.
seen() {
	python3 - "$@" <<'PY' || fail "the sweep of $2 no longer reaches what it tests (above)"
import json, sys
path, name, field, least = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
docs = [d for d in json.load(open(path))["documents"]
        if d["pdf"].rsplit("/", 1)[-1].startswith(name)]
n = sum(d["seen"][field] for d in docs)
if n < least:
    print(f"  {name}: {n} {field} seen, {least} wanted")
sys.exit(0 if n >= least else 1)
PY
}

# ---------------------------------------------------------------- the sample
PART="the sample"
"$BIN" build --content "$SRC/content" --out out --quiet --jobs 2 2>build.err ||
	fail "the sample does not build: $(head -c 600 build.err)"
mapfile -t sample < <(find out -name '*.pdf' -not -path '*/.salesgen/*' | LC_ALL=C sort)
[ ${#sample[@]} -ge 20 ] || fail "only ${#sample[@]} PDFs built"
rules "the sample" sample.json "${sample[@]}"

# ---------------------------------------------------------------- our documents
PART="the documents"
mkdir docs
python3 - "$DATA" docs "$SWEEP" <<'PY' || die "cannot make the documents from $DATA"
import os, re, sys
data, out, sweep = sys.argv[1], sys.argv[2], int(sys.argv[3])
for name in sorted(os.listdir(data)):
    if not name.endswith(".md"):
        continue
    text = open(os.path.join(data, name), encoding="utf-8").read()
    m = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
    front, body = m.group(1), m.group(2)
    kind = re.search(r"^sweep: (\w+)$", front, re.M).group(1)
    base = name[:-3]

    def lines(k):
        # k lines of one paragraph (hard breaks): the body's height moves
        # by one line at a time, whatever the language's paragraph spacing.
        if k == 0:
            return ""
        return "\\\n".join(f"Filler line {i + 1}." for i in range(k)) + "\n\n"

    def write(path, body):
        with open(path, "w", encoding="utf-8") as f:
            f.write("---\n" + front + "\n---\n\n" + body)

    if kind == "pages":
        parts = [lines(k) + body for k in range(sweep + 1)]
        write(os.path.join(out, base + ".md"), "\n<!-- salesgen:pagebreak -->\n\n".join(parts))
    elif kind == "tail":
        for k in range(sweep + 1):
            write(os.path.join(out, f"{base}-{k:02d}.md"), lines(k) + body)
    else:
        write(os.path.join(out, base + ".md"), body)
PY
for md in docs/*.md; do
	"$BIN" pdf "$md" -o "${md%.md}.pdf" --no-cover --no-toc 2>"${md%.md}.err" ||
		fail "salesgen pdf $(basename "$md"): $(head -c 300 "${md%.md}.err")"
done
mapfile -t ours < <(find docs -name '*.pdf' | LC_ALL=C sort)
rules "our documents" ours.json "${ours[@]}"
# Each sweep reaches what it tests.
seen ours.json total-row splits 5
seen ours.json total-row tables $((SWEEP + 1))
seen ours.json matrix tables $((SWEEP + 1))
seen ours.json short-table tables $((SWEEP + 1))
seen ours.json heading-list headings $((SWEEP + 1))
seen ours.json tail-zh pages $((SWEEP + 1 + 5))
seen ours.json tail-en pages $((SWEEP + 1 + 5))
seen ours.json columns tables 4

verdict "$(( ${#sample[@]} + ${#ours[@]} )) PDFs without a fault"
