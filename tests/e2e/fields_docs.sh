#!/usr/bin/env bash
# fields_docs.sh - the documentation's list of template fields is the table
# the data is made of (generator/document/fields.h).
#
# 1. docs/templates.md holds, between its markers, exactly what `salesgen
#    fields --markdown` prints: every field with its type, form and audience.
# 2. docs/templates.md and docs/proposals.md name no field the table lacks:
#    every `name.name` they put in backticks under one of the table's
#    top-level names is a field or a key of a field's form (offer.annual_wan).
#    The pipeline report's own namespace is made by the report, not the
#    table, and the names in templates.md's first examples and error
#    messages are made up on purpose: those are left out.
# usage: bash fields_docs.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
set -- "$(realpath "$1")" "$(realpath "$2")" "${@:3}"
. "$(dirname "$0")/lib/prologue.sh" "$@"

"$BIN" fields --markdown >table.md || fail "salesgen fields --markdown failed"
"$BIN" fields >table.tsv || fail "salesgen fields failed"
[ "$(wc -l <table.tsv)" -gt 200 ] || fail "the table has $(wc -l <table.tsv) fields"

python3 - "$SRC/docs/templates.md" table.md <<'PY' || failures=$((failures + 1))
import sys
doc = open(sys.argv[1], encoding="utf-8").read()
begin, end = "<!-- fields: begin (salesgen fields --markdown) -->\n", "<!-- fields: end -->"
if begin not in doc or end not in doc:
    print("FAIL: docs/templates.md lacks the markers of the list of fields"); sys.exit(1)
section = doc.split(begin, 1)[1].split(end, 1)[0]
table = open(sys.argv[2], encoding="utf-8").read()
if section != table:
    import difflib
    print("FAIL: docs/templates.md's list of fields is not what `salesgen fields --markdown` "
          "prints (paste its output between the markers):")
    sys.stdout.writelines(list(difflib.unified_diff(section.splitlines(True), table.splitlines(True),
                                                    "docs/templates.md", "salesgen fields"))[:40])
    sys.exit(1)
PY

python3 - table.tsv "$SRC/docs/templates.md" "$SRC/docs/proposals.md" <<'PY' || failures=$((failures + 1))
import re, sys
fields = {}
for line in open(sys.argv[1], encoding="utf-8"):
    path, kind, audience, what = line.rstrip("\n").split("\t")
    fields[path] = kind
# The keys each form adds beside its field.
forms = {"money, formatted": ["_number", "_wan", "_capitals", "_plain"],
         "share, formatted": ["_percent", "_zhe", "_share"],
         "date, formatted": ["_iso"], "count, formatted": ["_text"],
         "date, formatted, days": ["_iso", "_in_days", "_in"]}
known = set(fields)
for path, kind in fields.items():
    known.update(path + k for k in forms.get(kind, []))
tops = {p for p in fields if "." not in p}
bad = 0
for doc in sys.argv[2:]:
    text = open(doc, encoding="utf-8").read()
    if doc.endswith("templates.md"):
        # Only the section on the data: the examples before it are made up.
        text = text.split("## The data templates see", 1)[1].split("## Errors", 1)[0]
    for name in re.findall(r"`\{*#?/?([a-z_]+(?:\.[a-z_]+)+)\}*`", text):
        if name.split(".")[0] not in tops:
            continue
        if name not in known and not name.endswith("_X"):
            print("FAIL: %s names `%s`, which is not a field" % (doc.split("/")[-1], name))
            bad += 1
sys.exit(1 if bad else 0)
PY

if [ $failures -ne 0 ]; then
	echo "fields_docs.sh: $failures failures"
	exit 1
fi
echo "fields_docs.sh: ok ($(wc -l <table.tsv) fields, as documented)"
