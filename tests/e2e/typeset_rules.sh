#!/usr/bin/env bash
# typeset_rules.sh - the PDFs are set by the rules of layout/linebreak.h,
# measured from their character boxes (tests/tools/typeset_metrics.py, mutool).
#
# 1. Documents written for this test, tests/data/typeset/rules-zh.md and
#    rules-en.md (each rule a paragraph or two: adjacent punctuation, marks at
#    line starts and ends, Han next to Latin with and without spaces, a
#    template's stray spaces, numbers with units, a phone number and addresses
#    that do not fit, paragraphs whose last line would hold one character,
#    justified English), set with `salesgen pdf`: no letter-spaced line, no
#    adjacent marks both at full width, no last line of one Han character,
#    every Han/Latin boundary a quarter em, no space in the text between two
#    Han characters or beside Chinese punctuation. Each measure must also
#    have something to count (so many pairs, boundaries, paragraph ends), so
#    that a document that stopped exercising a rule fails. Set by the line
#    breaking before issue 13, rules-zh.md has 36 uncompressed pairs, 2
#    one-character last lines, a letter-spaced line, 46 boundaries without a
#    quarter em and 2 stray spaces.
# 2. pdftotext gives the Chinese sentences back without spaces inside them.
# 3. English is hyphenated: some line of rules-en.md ends with a hyphen.
# 4. The sample: every PDF `salesgen build` makes of content/ (proposals,
#    reports, playbooks) measures the same, but for a proposal kept as sent
#    (a copy of content/sent/, made before) and for the gap of a template's
#    ideographic space (a whole em, on purpose) next to Latin text.
#
# usage: bash typeset_rules.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
need python3 mutool pdftotext
TOOL=$SRC/tests/tools/typeset_metrics.py
DATA=$SRC/tests/data/typeset

for doc in rules-zh rules-en; do
	"$BIN" pdf "$DATA/$doc.md" -o "$doc.pdf" --no-cover --no-toc >"$doc.out" 2>"$doc.err" ||
		die "salesgen pdf $doc.md failed: $(head -3 "$doc.err")"
done

# check JSON LABEL 'MEASURE.FIELD OP VALUE ...' [1EM_WIDE_OK]
#   each condition on the totals of the documents in JSON; with 1EM_WIDE_OK,
#   a Han/Latin boundary may be an em wide (an ideographic space), no other
#   width but a quarter em.
check() {
	python3 - "$@" <<'PY' || fail "measures differ (above)"
import json, sys
path, label, conds = sys.argv[1], sys.argv[2], sys.argv[3]
em_ok = len(sys.argv) > 4
docs = json.load(open(path))["documents"]
tot = {}
for d in docs:
    for m, fields in d["totals"].items():
        for f, v in fields.items():
            tot.setdefault(m, {}).setdefault(f, 0)
            tot[m][f] += v
bad = 0
for cond in conds.split(","):
    where, op, value = cond.split()
    m, _, f = where.partition(".")
    got = tot.get(m, {}).get(f, 0)
    ok = {"==": got == int(value), ">=": got >= int(value)}[op]
    if not ok:
        print("  %s: %s is %s, expected %s %s" % (label, where, got, op, value))
        bad = 1
for d in docs:
    for f in d["faults"]:
        if f["fault"] != "boundaries":
            continue
        if em_ok and abs(f["gap_em"] - 1.0) <= 0.02:
            continue
        print("  %s: %s p%s %s: %s em (%s)" % (label, d["file"].split("/")[-1], f["page"],
                                              f["pair"], f["gap_em"], f["text"]))
        bad = 1
sys.exit(bad)
PY
}

measure() { # OUT.json PDF...: the measures of the PDFs, with every boundary that is not a quarter em
	local out=$1
	shift
	python3 "$TOOL" --json --details "$@" >"$out" 2>"$out.err" ||
		fail "typeset_metrics.py $*: $(head -3 "$out.err")"
}

# ------------------------------------------------------------ 1. our documents
PART="rules-zh.md"
measure zh.json rules-zh.pdf
check zh.json rules-zh.md "letterspaced.lines == 0,letterspaced.checked >= 30,pairs.uncompressed == 0,pairs.pairs >= 30,runts.runts == 0,runts.paragraph_ends >= 12,boundaries.total >= 40,spaces.stray == 0,sheared.chars == 0"
PART="rules-en.md"
measure en.json rules-en.pdf
check en.json rules-en.md "letterspaced.lines == 0,runts.runts == 0"

# ------------------------------------------------------------ 2. copied text
PART="pdftotext"
pdftotext rules-zh.pdf zh.txt || fail "pdftotext rules-zh.pdf"
python3 - zh.txt <<'PY' || fail "the text of rules-zh.pdf has spaces it should not (above)"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
han = r"[\u3400-\u9fff]"
punct = r"[，。、；：？！（）《》“”‘’「」『』【】]"
bad = 0
for m in re.finditer(r"(%s|%s) +(%s|%s)" % (han, punct, han, punct), text):
    print("  a space in %r" % text[max(0, m.start() - 8):m.end() + 8])
    bad = 1
# Sentences with a template's stray spaces, and with no space to begin with,
# come back whole once the lines are joined (and the spaces where Han meets a
# Latin letter or digit, which the quarter em may give, are taken out).
joined = text.replace("\n", "")
joined = re.sub(r"(?<=[\u3400-\u9fff]) +(?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) +(?=[\u3400-\u9fff])",
                "", joined)
for want in ("本次报价按目录价的8.5折计算，每年为贵公司节省一笔可观的费用。如果需要",
             "项目经理的意见是：“先核对成本（含人工），再定迁移日期。”财务部照办了",
             "其中人工¥492,000；即使完全不计人工"):
    if want not in joined:
        print("  not found: %s" % want)
        bad = 1
sys.exit(bad)
PY

# ------------------------------------------------------------ 3. hyphenation
PART="hyphenation"
mutool convert -F stext -O inhibit-spaces -o en.stext rules-en.pdf 2>/dev/null ||
	fail "mutool cannot read rules-en.pdf"
python3 - en.stext <<'PY' || fail "no line of rules-en.pdf ends with a hyphen"
import re, sys
xml = open(sys.argv[1], encoding="utf-8").read()
lines = ["".join(re.findall(r'<char [^>]*c="([^"]*)"', l)) for l in xml.split("</line>")]
sys.exit(0 if any(re.search(r"[a-z]-$", l) for l in lines) else 1)
PY

# ------------------------------------------------------------ 4. the sample
PART="sample"
"$BIN" build --content "$SRC/content" --out out --quiet >build.out 2>build.err ||
	die "salesgen build of content/ failed: $(head -3 build.err)"
sent=$(for f in "$SRC"/content/sent/*.pdf; do [ -f "$f" ] && sha256sum <"$f" | cut -d' ' -f1; done)
pdfs=()
while IFS= read -r f; do
	sum=$(sha256sum <"$f" | cut -d' ' -f1)
	grep -qx "$sum" <<<"$sent" || pdfs+=("$f")
done < <(find out/proposals out/reports out/playbooks -name '*.pdf' | sort)
[ ${#pdfs[@]} -ge 15 ] || fail "only ${#pdfs[@]} PDFs made of the sample"
measure sample.json "${pdfs[@]}"
check sample.json sample "letterspaced.lines == 0,pairs.uncompressed == 0,pairs.pairs >= 60,runts.runts == 0,spaces.stray == 0,boundaries.total >= 1000" em-ok

verdict "${#pdfs[@]} sample PDFs"
