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
# 2. pdftotext gives each Chinese sentence of rules-zh.md back as written:
#    no space where Han meets a Latin letter or digit without one (the
#    quarter em is room), the typed ones kept, none between Han characters.
#    Set before the spans of ActualText (pdf_paint.c), rules-zh.pdf read
#    "2026 年" and "8.5 折", and the sample "2026 年 10 月 8 日".
# 3. English is hyphenated: some line of rules-en.md ends with a hyphen.
# 4. The sample: every PDF `salesgen build` makes of content/ (proposals,
#    reports, playbooks) measures the same, but for a proposal kept as sent
#    (a copy of content/sent/, made before) and for the gap of a template's
#    ideographic space (a whole em, on purpose) next to Latin text; and
#    pdftotext reads each Han/Latin boundary of them as drawn (part 2).
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
# copied_text PDF...: pdftotext gives the text back as it was written, page
# by page with the running heads and feet taken out. Each Chinese sentence
# of rules-zh.md (SENTENCES_FROM, the Markdown) comes back with the spaces
# the layout keeps (a typed space between Han and a Latin letter or digit,
# which is drawn) and no others: none where Han meets a Latin letter or
# digit without a space (the quarter em there is room, and the span of
# ActualText around it keeps pdftotext from reading it as a space), none
# between two Han characters or beside Chinese punctuation. A sentence may
# be cut by line ends, and a space it had may be where its line ended; a
# hyphen may be missing (pdftotext joins a line that ends with a hyphen to
# the next one without it: "138-" then "0013-5566" reads "1380013-5566").
# And in every PDF, each place on a line (mutool's characters, which are
# the glyphs drawn, spaces only where one is drawn) where Han meets a Latin
# letter or digit reads the same in pdftotext, a space or none, and so does
# each space after a Latin letter or digit (English words stay apart).
copied_text() {
	local f
	for f in "$@"; do
		pdftotext -enc UTF-8 "$f" "${f%.pdf}.txt" || fail "pdftotext $f"
		mutool convert -F stext -O inhibit-spaces -o "${f%.pdf}.stext" "$f" 2>/dev/null ||
			fail "mutool cannot read $f"
	done
	python3 - "$@" <<'PY' || fail "pdftotext does not give the text back (above)"
import html, os, re, sys
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
PUNCT = "\u3001-\u3006\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"
LATIN = "A-Za-z0-9"
han, punct, latin = "[%s]" % HAN, "[%s]" % PUNCT, "[%s]" % LATIN
bad = 0

def pages_text(pdf):
    """pdftotext's pages, the running heads and feet out, lines kept."""
    pages = open(pdf[:-4] + ".txt", encoding="utf-8").read().split("\f")
    lines = [[l for l in p.split("\n") if l.strip()] for p in pages]
    seen = {}
    for ls in lines:
        for l in set(ls):
            seen[l] = seen.get(l, 0) + 1
    npages = len([ls for ls in lines if ls])
    def keep(l): # not a page number, nor a line on (nearly) every page
        if re.fullmatch(r"第\s*\d+\s*页\s*/\s*共\s*\d+\s*页|\d+", l.strip()):
            return False
        return npages < 2 or seen[l] < max(2, npages - 1)
    gone = {re.sub(r"\s", "", l) for ls in lines for l in ls if not keep(l)}
    return ["\n".join(l for l in ls if keep(l)) for ls in lines], gone

source = os.environ.get("SENTENCES_FROM")
checked = [0, 0] # Han/Latin boundaries, spaces between two Latin words
for pdf in sys.argv[1:]:
    name = os.path.basename(pdf)
    pages, gone = pages_text(pdf)
    # 1. Each place where Han meets a Latin letter or digit on a drawn line.
    xml = open(pdf[:-4] + ".stext", encoding="utf-8").read()
    for pi, page in enumerate(xml.split("</page>")[:len(pages)]):
        flat = pages[pi].replace("\n", "")
        for line in page.split("</line>"):
            t = html.unescape("".join(re.findall(r'<char [^>]*c="([^"]*)"', line)))
            if re.sub(r"\s", "", t) in gone:
                continue
            t = re.sub(r"(?<=[A-Za-z])-$", "", t) # pdftotext joins a hyphenated word
            for m in re.finditer(r"(?=(%s|%s)( ?)(%s|%s))" % (han, latin, latin, han), t):
                a, gap, b = m.group(1), m.group(2), m.group(3)
                if bool(re.match(han, a)) == bool(re.match(han, b)) and not (
                        gap and re.match(latin, a)):
                    continue # (two English words: their space must stay too)
                checked[bool(re.match(han, a)) == bool(re.match(han, b))] += 1
                i = m.start()
                want = t[max(0, i - 2):i + 2 + len(gap) + 2].strip()
                if want not in flat:
                    near = re.search(" ?".join(map(re.escape, want.replace(" ", ""))), flat)
                    print("  %s p%d: drawn %r, pdftotext %r" % (
                        name, pi + 1, want, near.group(0) if near else None))
                    bad = 1
    if not source or not name.startswith("rules-zh"):
        continue
    # 2. The sentences of the Markdown.
    text = "\n\f".join(pages)
    md = open(source, encoding="utf-8").read().split("\n---\n", 1)[1]
    paras = [p for p in md.split("\n\n") if p.strip() and not p.startswith("#")]
    n = 0
    for para in paras:
        para = " ".join(para.split())
        # The layout's spaces: none between Han, none beside Chinese marks.
        para = re.sub(r"(?<=%s) (?=%s)" % (han, han), "", para)
        para = re.sub(r"(?<=%s) | (?=%s)" % (punct, punct), "", para)
        for sent in re.findall(r".+?(?:[。！？；][”’）]?|$)", para):
            if not re.search(han, sent) or not sent.strip():
                continue
            n += 1
            pat = "".join(r"(?: |[\n\f]+)" if c == " " else "-?" if c == "-" else
                          re.escape(c) + r"[\n\f]*" for c in sent.strip())
            if not re.search(pat, text):
                got = re.sub(r"[\n\f]", "", text)
                k = got.find(sent.strip().replace(" ", "")[:6])
                print("  %s: %s\n    pdftotext: %s" % (name, sent, got[k:k + len(sent) + 8]
                                                    if k >= 0 else "(not found)"))
                bad = 1
    if n < 30:
        print("  %s: only %d sentences" % (name, n))
        bad = 1
if checked[0] < 40 or checked[1] < 40:
    print("  only %d Han/Latin boundaries and %d word spaces checked" % tuple(checked))
    bad = 1
sys.exit(bad)
PY
}
PART="pdftotext"
SENTENCES_FROM=$DATA/rules-zh.md copied_text rules-zh.pdf rules-en.pdf

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
PART="sample pdftotext"
copied_text "${pdfs[@]}"

verdict "${#pdfs[@]} sample PDFs"
