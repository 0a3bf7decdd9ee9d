#!/usr/bin/env bash
# output_text.sh - no output ever shows a value that is not there. The text of
# every output of the sample content (pdftotext of every PDF, the words of
# every page of the site, every string of the cost JSON) holds no "(null)",
# no "nan" or "inf" (as whole words, any case: "information" is fine), and
# no empty slot where a value was left out: "有效期至 。", "至 。", "为编制",
# "¥,", "： 。", a "¥" or "CNY" with no figure after it. Then the same over
# a build of a copy of the content from which a script has removed every
# optional element and attribute of every customer (keeping the offer, with
# only its required attributes, the language and as-of), without a build date:
# a missing value must leave its sentence out, never print as nothing.
# usage: bash output_text.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
need pdftotext python3

# texts OUT DIR: the text of every output under OUT, one file per output in DIR.
texts() {
	local out=$1 dir=$2 f
	mkdir -p "$dir"
	while IFS= read -r f; do
		pdftotext -q "$f" "$dir/$(echo "$f" | tr / _).txt" || fail "pdftotext $f"
	done < <(find "$out" -name '*.pdf' -not -path '*/.salesgen/*')
	python3 - "$out" "$dir" <<'PY' || fail "cannot read the HTML or JSON of $out"
import html.parser, json, os, sys
out, dirname = sys.argv[1], sys.argv[2]

class Words(html.parser.HTMLParser):
    """The text a reader sees: no markup, no script or style."""
    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        # Text a reader also meets: titles, labels, alternative text.
        for k, v in attrs:
            if k in ("title", "alt", "aria-label", "placeholder") and v:
                self.parts.append(v)
    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

def strings(v):
    if isinstance(v, dict):
        for k, x in v.items():
            yield from strings(x)
    elif isinstance(v, list):
        for x in v:
            yield from strings(x)
    elif isinstance(v, float) and v != v or v in (float("inf"), float("-inf")):
        yield "nan"
    elif isinstance(v, str):
        yield v

for root, _, files in os.walk(out):
    if ".salesgen" in root:
        continue
    for name in files:
        path = os.path.join(root, name)
        target = os.path.join(dirname, path.replace("/", "_") + ".txt")
        if name.endswith(".html"):
            p = Words()
            p.feed(open(path, encoding="utf-8").read())
            open(target, "w", encoding="utf-8").write("\n".join(p.parts))
        elif name.endswith(".json"):
            data = json.load(open(path, encoding="utf-8"))
            open(target, "w", encoding="utf-8").write("\n".join(strings(data)))
PY
}

# clean DIR WHAT: no text file in DIR shows a missing or broken value.
clean() {
	local dir=$1 what=$2
	[ -n "$(ls "$dir")" ] || fail "$what: no output text to look at"
	python3 - "$dir" "$what" <<'PY' || fail "$what: see above"
import os, re, sys
dirname, what = sys.argv[1], sys.argv[2]
# pdftotext breaks lines where the PDF does: join them, so that a slot at a
# line's end is still seen.
bad = [
    (r"\(null\)", "(null)"),
    (r"(?<![\w-])-?nan(?![\w-])", "nan"),
    (r"(?<![\w-])-?inf(inity)?(?![\w-])", "inf"),
    (r"有效期至\s*[。，,.]", "an empty validity date"),
    (r"至\s+。", "an empty date"),
    (r"为\s*编制", "an empty name"),
    (r"¥\s*,", "an amount with no figure"),
    (r"：\s*。", "an empty value"),
    # The home page's tile for the price sheet shows "¥" where the other
    # tiles show a count: a sign, not an amount.
    (r"¥(?!\s*-?\d)(?!\s*(价格表|Price))", "a ¥ with no figure"),
    (r"CNY(?!\s*-?\d)(?! thousand)", "a CNY with no figure"),
]
found = 0
for name in sorted(os.listdir(dirname)):
    text = open(os.path.join(dirname, name), encoding="utf-8").read()
    # The currency code of the cost JSON is a code, not an amount.
    if name.endswith(".json.txt"):
        text = re.sub(r"(?m)^CNY$", "", text)
    joined = re.sub(r"\s*\n\s*", " ", text)
    for pattern, why in bad:
        for m in re.finditer(pattern, joined, re.IGNORECASE):
            if found < 20:
                start = max(0, m.start() - 30)
                print(f"FAIL: {what}: {name}: {why}: ...{joined[start:m.end() + 30]}...")
            found += 1
sys.exit(1 if found else 0)
PY
}

# ---------------------------------------------------------------- the sample
export SOURCE_DATE_EPOCH=1795132800
cp -r "$SRC/content" content
cp -r "$SRC/themes" themes
"$BIN" build --content content --out out --jobs 2 --quiet 2>build.err ||
	fail "the sample does not build: $(head -c 600 build.err)"
texts out text
clean text "the sample"

# ---------------------------------------------------------------- every optional value left out
unset SOURCE_DATE_EPOCH
mkdir bare
cp -r "$SRC/content" bare/content
cp -r "$SRC/themes" bare/themes
python3 - bare/content/customers <<'PY' || fail "cannot strip the customers"
# What customer.rng requires stays: the id, <name>, <industry>, and the
# offer's product, edition and users; so does as-of, which a customer with
# an offer must give. The language and the offer's template stay too, so
# that every proposal template is used.
import os, sys
import xml.dom.minidom
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    path = os.path.join(folder, name)
    doc = xml.dom.minidom.parse(path)
    root = doc.documentElement
    for n in list(root.childNodes):
        if n.nodeType == n.ELEMENT_NODE and n.tagName not in ("name", "industry", "offer"):
            root.removeChild(n)
    for a in list(root.attributes.keys()):
        if a not in ("id", "lang", "as-of"):
            root.removeAttribute(a)
    for o in root.getElementsByTagName("offer"):
        for a in list(o.attributes.keys()):
            if a not in ("product", "edition", "users", "template"):
                o.removeAttribute(a)
        for c in list(o.childNodes):
            o.removeChild(c)
    open(path, "w", encoding="utf-8").write(doc.toxml())
PY
(cd bare && "$BIN" build --content content --out out --jobs 2 --quiet 2>build.err) ||
	fail "the stripped content does not build: $(head -c 1200 bare/build.err)"
grep -E 'error|\(null\)' bare/build.err && fail "errors building the stripped content"
for f in "$SRC"/content/customers/*.xml; do
	id=$(basename "$f" .xml)
	for o in proposals/$id.pdf reports/review-$id.pdf costs/$id.json accounts/$id.html; do
		[ "$o" = "accounts/$id.html" ] && o=site/$o
		[ -s "bare/out/$o" ] || fail "the stripped content: $o was not built"
	done
done
texts bare/out bare-text
clean bare-text "the stripped content"

verdict
