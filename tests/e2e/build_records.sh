#!/usr/bin/env bash
# build_records.sh - the customers' records (model/customer_record.h): a
# build keeps each customer file's loaded form in OUT/.salesgen/x-customers;
# the next build parses only the files that changed, rebuilds only the
# outputs of the edited customer and those that list every customer, and
# gives the same bytes as a clean build into a new folder. The records made
# since the pack was written whole go to a delta beside it
# (x-customers-delta), until they pass an eighth of it. A record pack cut
# short, with a changed byte, or from elsewhere, is ignored: every file is
# parsed and nothing is rebuilt. --clean reads no record.
# usage: bash build_records.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
export SOURCE_DATE_EPOCH=1795132800
python3 "$SRC/tests/tools/make_customers.py" "$SRC/content" content 30 || die "cannot make the test content"
rm -f content/playbooks/*.md
n=$(ls content/customers/*.xml | wc -l)

build() { # build OUT REPORT [ARGS...]
	local out=$1 report=$2
	shift 2
	"$BIN" build --content content --out "$out" --quiet --report "$report" "$@" 2>"$report.err"
}

# expect REPORT 'python condition on s (summary), by (status -> paths), n' MESSAGE
expect() {
	python3 - "$1" "$2" "$n" <<'PY' || fail "$3 ($(head -3 "$1.err" 2>/dev/null))"
import json, sys
r = json.load(open(sys.argv[1]))
s = r["summary"]
n = int(sys.argv[3])
by = {}
for o in r["outputs"]:
    by.setdefault(o["status"], []).append(o["path"])
ok = eval(sys.argv[2])
if not ok:
    print("summary:", s, "built:", sorted(by.get("built", []))[:12])
sys.exit(0 if ok else 1)
PY
}

# same OUT_A OUT_B: the outputs of two folders are the same bytes.
same() {
	diff -r -q -x .salesgen "$1" "$2" >diff.txt || fail "$1 and $2 differ: $(head -3 diff.txt)"
}

PART="first build"
build out r1.json || fail "first build exited $?"
expect r1.json 's["records_made"] == n and s["records_used"] == 0 and s["failed"] == 0' \
	"every customer file read without a message is recorded"
[ -f out/.salesgen/x-customers ] || fail "no records in out/.salesgen"

PART="no change"
cp out/.salesgen/x-customers pack1
build out r2.json || fail "second build exited $?"
expect r2.json 's["records_used"] == n and s["records_made"] == 0 and not by.get("built")' \
	"a build with nothing changed takes every record and builds nothing"
cmp -s pack1 out/.salesgen/x-customers || fail "the records were written again with nothing new"

PART="one edit"
sed -i 's/users="107"/users="207"/' content/customers/gen-00007.xml
build out r3.json || fail "build after an edit exited $?"
expect r3.json 's["records_made"] == 1 and s["records_used"] == n - 1' \
	"only the edited file is parsed"
expect r3.json 'sorted(by["built"]) == ["costs/gen-00007.json", "proposals/gen-00007.pdf", "quotes/gen-00007.pdf", "reports/pipeline.pdf", "reports/review-gen-00007.pdf", "site/accounts/gen-00007.html", "site/pipeline.html", "site/pipeline/solution-confirmation.html"]' \
	"the edited customer's outputs, the pipeline's totals and its row's page, nothing else"
grep -q '"users": 207' out/costs/gen-00007.json || fail "the edit is not in the output"
# One record made of n: written beside the pack, which is left as it was.
cmp -s pack1 out/.salesgen/x-customers || fail "one edit wrote the whole pack again"
[ -s out/.salesgen/x-customers-delta ] || fail "one edit wrote no delta"
[ "$(stat -c %s out/.salesgen/x-customers-delta)" -lt "$(($(stat -c %s pack1) / 4))" ] ||
	fail "the delta is not small: $(stat -c %s out/.salesgen/x-customers-delta) bytes"
build out r3b.json || fail "the build after the edit exited $?"
expect r3b.json 's["records_used"] == n and s["records_made"] == 0 and not by.get("built")' \
	"the next build takes every record, the pack's and the delta's"
build clean r4.json || fail "a build into a new folder exited $?"
same out clean

PART="a delta not intact"
cp out/.salesgen/x-customers-delta delta1
python3 -c "
b = bytearray(open('delta1', 'rb').read()); b[len(b) // 2] ^= 1
open('out/.salesgen/x-customers-delta', 'wb').write(b)"
build out r-delta.json || fail "a build with a broken delta exited $?"
expect r-delta.json 's["records_used"] == n - 1 and s["records_made"] == 1 and not by.get("built")' \
	"a delta that is not intact is ignored: its file parsed again, nothing rebuilt"

PART="many edits"
# More than an eighth of the customers changed: the pack is written whole,
# and the delta removed.
for f in $(ls content/customers/gen-*.xml | head -$((n / 4))); do
	sed -i 's/users="\([0-9]*\)"/users="\11"/' "$f"
done
build out r-many.json || fail "a build after many edits exited $?"
expect r-many.json 's["records_made"] == n // 4' "the edited files are parsed"
[ -e out/.salesgen/x-customers-delta ] && fail "the pack was written whole but its delta kept"
cmp -s pack1 out/.salesgen/x-customers && fail "many edits did not write the pack again"
build out r-many2.json || fail "the build after many edits exited $?"
expect r-many2.json 's["records_used"] == n and s["records_made"] == 0 and not by.get("built")' \
	"the pack written whole holds every record"
build clean r-many-clean.json || fail "a build into the new folder exited $?"
same out clean

PART="bad records"
for how in flip cut foreign empty; do
	rm -f out/.salesgen/x-customers-delta
	cp out/.salesgen/x-customers good
	case $how in
	flip) python3 -c "
import sys; b = bytearray(open('good', 'rb').read()); b[len(b) // 2] ^= 1
open('out/.salesgen/x-customers', 'wb').write(b)" ;;
	cut) head -c 5000 good >out/.salesgen/x-customers ;;
	foreign) cp pack1 out/.salesgen/x-customers && printf 'x' | dd of=out/.salesgen/x-customers bs=1 seek=10 conv=notrunc 2>/dev/null ;;
	empty) : >out/.salesgen/x-customers ;;
	esac
	build out "r-$how.json" || fail "$how: the build exited $?"
	expect "r-$how.json" 's["records_used"] == 0 and s["records_made"] == n and not by.get("built") and s["failed"] == 0' \
		"$how: a pack that is not intact is ignored, every file parsed, nothing rebuilt"
	[ -s "r-$how.json.err" ] && fail "$how: messages: $(head -2 "r-$how.json.err")"
done
same out clean

PART="--clean"
build out r5.json --clean || fail "--clean exited $?"
expect r5.json 's["records_used"] == 0 and s["records_made"] == n' "--clean reads no record"
same out clean

PART="a changed dependency"
# The site's language is in every key: all parsed again.
sed -i '0,/lang="zh-CN"/s//lang="en"/' content/site.xml
build out r6.json
expect r6.json 's["records_used"] == 0' "a new default language uses no record"
verdict "$n customer files"
