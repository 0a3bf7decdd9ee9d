#!/usr/bin/env bash
# build_incremental.sh - a second build does only what changed, and the
# --report JSON says so: nothing after no change; one customer's outputs
# after an edit to it; every cost after a catalog edit; a hand-edited or
# deleted output is made again; a customer whose file is gone loses its
# outputs; --clean rebuilds all; --customer and --only stay in their lane;
# --junit is well-formed JUnit XML; the folder a build starts from
# changes nothing.
# usage: bash build_incremental.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
export SOURCE_DATE_EPOCH=1795132800
python3 "$SRC/tests/tools/make_customers.py" "$SRC/content" content 30 || die "cannot make the test content"
# Playbooks have their own test (build_playbooks.sh); this one is about customers.
rm -f content/playbooks/*.md

build() { # build REPORT [ARGS...]
	local report=$1
	shift
	"$BIN" build --content content --out out --quiet --report "$report" "$@" 2>"$report.err"
}

# expect REPORT 'python condition on s (summary) and by (status -> sorted paths)' MESSAGE
expect() {
	python3 - "$1" "$2" <<'PY' || fail "$3 ($(cat "$1.err" 2>/dev/null | head -3))"
import json, sys
r = json.load(open(sys.argv[1]))
s = r["summary"]
by = {}
for o in r["outputs"]:
    by.setdefault(o["status"], []).append(o["path"])
s_total = len(r["outputs"])
ok = eval(sys.argv[2])
if not ok:
    print("summary:", s, "built:", by.get("built"), "removed:", by.get("removed"))
sys.exit(0 if ok else 1)
PY
}

build r1.json || fail "first build exited $?"
expect r1.json 'not by.get("unchanged") and s["failed"] == 0 and s["built"] > 100' \
	"first build: every output"

build r2.json || fail "second build exited $?"
expect r2.json 'not by.get("built") and s["unchanged"] == s_total' "no change rebuilt something"

# One customer edited: its own outputs (its account page too), the pipeline
# report, and of the site's pages about every customer those that show what
# changed: the pipeline's totals and the page of its stage's list that holds
# its row; not the home page nor the search index, which show nothing of its
# users; nothing else.
sed -i 's/users="107"/users="207"/' content/customers/gen-00007.xml
build r3.json || fail "build after edit exited $?"
expect r3.json 'sorted(by["built"]) == ["costs/gen-00007.json", "proposals/gen-00007.pdf", "quotes/gen-00007.pdf", "reports/pipeline.pdf", "reports/review-gen-00007.pdf", "site/accounts/gen-00007.html", "site/pipeline.html", "site/pipeline/solution-confirmation.html"]' \
	"an edit to one customer"
python3 -c "
import json
o=[o for o in json.load(open('r3.json'))['outputs'] if o['path']=='costs/gen-00007.json'][0]
assert o['why']=='customers/gen-00007.xml', o
assert 'catalog.xml' in o['sources'] and 'customers/gen-00007.xml' in o['sources'], o
" || fail "the report does not say why or from what"
grep -q '"users": 207' out/costs/gen-00007.json || fail "the edit is not in the output"

# The catalog: every cost output.
sed -i '0,/<catalog/s/<catalog/<!-- edited -->\n<catalog/' content/catalog.xml
build r4.json || fail "build after a catalog edit exited $?"
expect r4.json 'all(p.startswith("site/") for p in by.get("unchanged", [])) and "site/prices.html" in by["built"] and "site/playbooks/index.html" in by["unchanged"]' \
	"a catalog edit must rebuild every cost, proposal, report and page with prices, only those"

# An output changed by hand, one deleted: made again.
echo '{}' >out/costs/gen-00003.json
rm out/costs/gen-00004.json
build r5.json || fail "build after hand edits exited $?"
expect r5.json 'by["built"] == ["costs/gen-00003.json", "costs/gen-00004.json"]' \
	"hand-edited and deleted outputs"
cmp -s out/costs/gen-00003.json <("$BIN" cost content/customers/gen-00003.xml --content content --json) ||
	fail "the hand-edited output was not restored"

# A customer whose file is gone: its output goes; a file salesgen did not
# make stays.
rm content/customers/gen-00009.xml
echo keep >out/costs/notes.txt
build r6.json || fail "build after removing a customer exited $?"
expect r6.json 'sorted(by["removed"]) == ["costs/gen-00009.json", "proposals/gen-00009.pdf", "quotes/gen-00009.pdf", "reports/review-gen-00009.pdf", "site/accounts/gen-00009.html"] and [p for p in sorted(by["built"]) if not p.startswith("site/search/")] == ["reports/pipeline.pdf", "site/index.html", "site/pipeline.html", "site/pipeline/solution-confirmation.html", "site/search-index.js"] and "site/search/t0.js" in by["built"]' \
	"a removed customer"
[ ! -e out/costs/gen-00009.json ] || fail "the output of a removed customer is still there"
[ -f out/costs/notes.txt ] || fail "a file salesgen did not write was removed"

# --customer and --only: only theirs.
sed -i 's/users="111"/users="311"/' content/customers/gen-00011.xml
sed -i 's/users="112"/users="312"/' content/customers/gen-00012.xml
build r7.json --customer gen-00011 || fail "--customer exited $?"
expect r7.json 'sorted(by["built"]) == ["costs/gen-00011.json", "proposals/gen-00011.pdf", "quotes/gen-00011.pdf", "reports/review-gen-00011.pdf", "site/accounts/gen-00011.html"] and "costs/gen-00012.json" in by["skipped"]' \
	"--customer built more than its customer"
build r8.json --only costs --junit junit.xml || fail "--only costs exited $?"
expect r8.json 'by["built"] == ["costs/gen-00012.json"]' "--only costs"
# --only declares only its kind's targets: the report lists the costs
# alone (a target per customer: 38) and the other outputs
# and their records stay as they were.
expect r8.json 'set(by) == {"built", "unchanged"} and all(p.startswith("costs/") for v in by.values() for p in v) and s_total == 38 and s["skipped"] == 0' \
	"--only costs declared the targets of other kinds"
build r8b.json || fail "a build after --only costs exited $?"
expect r8b.json 's["removed"] == 0 and "proposals/gen-00011.pdf" in by["unchanged"] and "proposals/gen-00012.pdf" in by["built"] and "costs/gen-00012.json" in by["unchanged"]' \
	"the outputs --only costs left out were not kept as they were"
python3 - <<'PY' || fail "junit.xml is not what CI expects"
import xml.etree.ElementTree as ET
root = ET.parse("junit.xml").getroot()
assert root.tag == "testsuites", root.tag
cases = root.findall("./testsuite/testcase")
assert len(cases) == 38, len(cases)
assert all(c.get("classname") == "cost" for c in cases)
assert not root.findall(".//failure")
PY

build r9.json --clean || fail "--clean exited $?"
expect r9.json 'not by.get("unchanged") and s["failed"] == 0' "--clean rebuilt everything"

# The same build started from another folder: no theme named, so the PDFs
# use the built-in theme (or themes/default beside the content), never a
# themes/default that happens to be in the current folder.
mkdir -p elsewhere/themes/default
printf 'page:\n  size: A5\n' >elsewhere/themes/default/pdf.yaml
(cd elsewhere && "$BIN" build --content ../content --out ../out --quiet --report ../r10.json \
	2>../r10.json.err) || fail "a build from another folder exited $?"
expect r10.json 'not by.get("built") and s["failed"] == 0' \
	"a build started from a folder with its own themes/default rebuilt outputs"

# Reports without times are the same bytes for the same build.
build t1.json --report-no-times && cp t1.json t1.copy
build t1.json --report-no-times
cmp -s t1.json t1.copy || fail "--report-no-times reports differ between two no-change builds"

verdict
