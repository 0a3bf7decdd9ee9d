#!/bin/bash
# init_new.sh - end-to-end test of `salesgen init` and `salesgen new`.
#
# usage: bash init_new.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
#
# 1. init into a missing folder and into an empty one: the minimal content
#    passes check and builds (a proposal among the outputs). The files come
#    from the binary: the test runs outside the source tree.
# 2. init into a folder that is not empty, or onto a file, is refused with
#    exit 2 and a message, and writes nothing.
# 3. init --example writes the sample content, file for file, and it builds.
# 4. new customer (bare and with an offer), new playbook and new case each
#    pass check as written, in the minimal content and in the sample; the
#    customer lists the catalog's products and editions, the site's reps and
#    stages; new refuses to overwrite a file and refuses unknown ids.
. "$(dirname "$0")/lib/prologue.sh" "$@"

# ---------------------------------------------------------------- init
PART="init"
"$BIN" init >init.out 2>init.err
rc=$?
[ "$rc" -eq 0 ] || fail "init with no folder: exit $rc: $(cat init.err)"
[ -f content/site.xml ] && [ -f content/catalog.xml ] ||
	fail "init with no folder did not write ./content"
grep -q '^made content with [0-9]* files; next: salesgen check --content content$' init.err ||
	fail "unexpected message: $(cat init.err)"

mkdir empty
"$BIN" init empty 2>init-empty.err || fail "init into an empty folder: $(cat init-empty.err)"
for f in site.xml catalog.xml customers/example-customer.xml proposals/standard.md \
	reports/review.md reports/pipeline.md playbooks/getting-started.md; do
	[ -f "empty/$f" ] || fail "init wrote no $f"
done
"$BIN" check --content empty >check.out 2>check.err
rc=$?
[ "$rc" -eq 0 ] && [ ! -s check.out ] || fail "the minimal content does not pass check (exit $rc):
$(cat check.out check.err)"
"$BIN" build --content empty --out out-min --jobs 2 >build.out 2>&1
rc=$?
[ "$rc" -eq 0 ] || fail "the minimal content does not build (exit $rc): $(cat build.out)"
ls out-min/proposals/*.pdf >/dev/null 2>&1 || fail "the minimal content made no proposal"
[ -f out-min/site/index.html ] || fail "the minimal content made no site"

# The starter's templates are the sample's: one changed without the other
# would give a new user an older proposal.
for f in proposals/standard.md proposals/standard-en.md reports/review.md reports/pipeline.md; do
	cmp -s "$SRC/content/$f" "empty/$f" || fail "init's $f differs from the sample's (starter/$f)"
done

# ---------------------------------------------------------------- refusals
PART="init refuses"
mkdir full && echo keep >full/notes.txt
"$BIN" init full >refuse.out 2>refuse.err
rc=$?
[ "$rc" -eq 2 ] || fail "init into a non-empty folder: exit $rc, not 2"
grep -qx 'salesgen init: full is not empty: init writes only into a new or empty folder' \
	refuse.err || fail "unexpected message: $(cat refuse.err)"
[ "$(ls full)" = notes.txt ] && [ "$(cat full/notes.txt)" = keep ] ||
	fail "init changed a non-empty folder: $(ls full)"
echo x >afile
"$BIN" init afile 2>file.err
rc=$?
[ "$rc" -eq 2 ] || fail "init onto a file: exit $rc, not 2"
grep -qx 'salesgen init: afile exists and is not a folder' file.err ||
	fail "unexpected message: $(cat file.err)"
"$BIN" init a b 2>two.err
[ $? -eq 2 ] || fail "init with two folders is not bad usage"

# ---------------------------------------------------------------- --example
PART="init --example"
"$BIN" init --example example 2>example.err || fail "init --example: $(cat example.err)"
diff -r "$SRC/content" example >example.diff || fail "init --example differs from the sample:
$(head -20 example.diff)"
"$BIN" build --content example --out out-ex --jobs 2 >build-ex.out 2>&1
rc=$?
[ "$rc" -eq 0 ] || fail "the example content does not build (exit $rc): $(tail -5 build-ex.out)"

# ---------------------------------------------------------------- new
# new_passes DIR KIND ID [ARGS...]: new writes the file and check passes.
new_passes() {
	local dir=$1
	shift
	local out="new-$(basename "$dir")-$1-$2"
	"$BIN" new "$@" --content "$dir" >"$out.out" 2>"$out.err"
	local rc=$?
	[ "$rc" -eq 0 ] || { fail "new $*: exit $rc: $(cat "$out.err")"; return; }
	"$BIN" check --content "$dir" >"$out.check" 2>&1 ||
		fail "after new $*, check fails: $(cat "$out.check")"
}

for dir in empty example; do
	PART="new in $dir"
	new_passes $dir customer bare-one
	new_passes $dir customer with-offer --name '新客户有限公司' --product mail --users 300
	new_passes $dir playbook first-steps --name '第一步'
	new_passes $dir case a-win
	[ -f $dir/customers/bare-one.xml ] && [ -f $dir/playbooks/first-steps.md ] &&
		[ -f $dir/cases/a-win.md ] || fail "new did not write its files"
	grep -q '<offer product="mail" edition="[a-z]*" users="300"' $dir/customers/with-offer.xml ||
		fail "new customer --product mail wrote no offer"
done
PART="new customer lists"
f=example/customers/bare-one.xml
for want in 'product="mail"' 'product="office-bundle"' '"premium"' '"voice-30"' \
	'zhang-wei (张伟)' 'emily-chen' 'technical-promotion' 'bidding-negotiation' \
	'law-firm' 'amount="0"' 'monthly-salary="0"' 'annual="0"' 'Every amount is in CNY'; do
	grep -qF -- "$want" $f || fail "the new customer does not list $want"
done
grep -q '<owner rep="zhang-wei"/>' $f || fail "the new customer has no owner"
"$BIN" new customer ed --content example --product mail --edition premium 2>/dev/null ||
	fail "new customer --edition premium"
grep -q 'edition="premium"' example/customers/ed.xml || fail "--edition was not used"

PART="new refuses"
cp empty/customers/bare-one.xml before.xml
"$BIN" new customer bare-one --content empty --name other 2>over.err
rc=$?
[ "$rc" -eq 2 ] || fail "new over an existing file: exit $rc, not 2"
grep -qx 'salesgen new: empty/customers/bare-one.xml exists already; new never overwrites a file' \
	over.err || fail "unexpected message: $(cat over.err)"
cmp -s before.xml empty/customers/bare-one.xml || fail "new changed an existing file"
"$BIN" new playbook first-steps --content empty 2>/dev/null
[ $? -eq 2 ] || fail "new playbook over an existing file is not refused"
"$BIN" new customer x --content empty --product nosuch 2>prod.err
[ $? -eq 2 ] || fail "new with an unknown product is not bad usage"
grep -qx "salesgen new: the catalog has no product 'nosuch'; products: mail" prod.err ||
	fail "unexpected message: $(cat prod.err)"
"$BIN" new customer x --content empty --product mail --edition gold 2>ed.err
[ $? -eq 2 ] || fail "new with an unknown edition is not bad usage"
grep -qx "salesgen new: product 'mail' has no edition 'gold'; editions: standard, premium" ed.err ||
	fail "unexpected message: $(cat ed.err)"
"$BIN" new customer ../escape --content empty 2>id.err
[ $? -eq 2 ] || fail "new with an unsafe id is not bad usage"
[ ! -e customers ] && [ ! -e escape.xml ] || fail "new wrote outside the folder"
"$BIN" new widget x --content empty 2>kind.err
[ $? -eq 2 ] || fail "new with an unknown kind is not bad usage"
grep -qx "salesgen new: unknown kind 'widget': customer, playbook or case" kind.err ||
	fail "unexpected message: $(cat kind.err)"
"$BIN" new customer x --content missing 2>missing.err
[ $? -eq 2 ] || fail "new in a missing folder is not bad usage"
[ ! -e x.xml ] && [ ! -e empty/customers/x.xml ] || fail "a refused new wrote a file"

PART="help"
for c in init new; do
	"$BIN" $c --help >help-$c.out 2>&1 || fail "$c --help fails"
	grep -q "^usage: salesgen $c" help-$c.out || fail "$c --help prints no usage"
done
"$BIN" --help | grep -q '^  init ' || fail "salesgen --help does not list init"
"$BIN" --help | grep -q '^  new ' || fail "salesgen --help does not list new"

# An English site gets English placeholders and headings.
PART="new in English"
# (The starter's texts without lang are then English, those marked lang="en"
# Chinese: the labels swap, so that no language is given twice.)
sed -i 's/<site lang="zh-CN"/<site lang="en"/; s/ lang="en">/ lang="zh-CN">/g' \
	empty/site.xml empty/catalog.xml
new_passes empty case en-win
grep -q '^## The customer$' empty/cases/en-win.md || fail "an English case has Chinese headings"
new_passes empty customer en-customer --product mail
grep -q '<hardware name="Mail server"' empty/customers/en-customer.xml ||
	fail "an English customer has Chinese placeholders"

sanitizer_check init.err check.out build.out
verdict "init, init --example, new customer/playbook/case"
