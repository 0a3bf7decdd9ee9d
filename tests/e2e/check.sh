#!/bin/bash
# check.sh - end-to-end test of `salesgen check`.
#
# usage: bash check.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
#
# 1. The sample content is clean: exit 0, nothing on stdout.
# 2. A copy of it with one customer per mistake (each made from the sample
#    customer with one edit) reports every mistake at its file and line, and
#    exits 1. The copies are made here rather than kept in the tree, so the
#    test follows the sample content as it grows.
# 3. --strict turns a warning into an error; bad usage exits 2.
. "$(dirname "$0")/lib/prologue.sh" "$@"

# ---------------------------------------------------------------- the sample is clean
"$BIN" check --content "$SRC/content" >clean.out 2>clean.err
rc=$?
[ "$rc" -eq 0 ] || fail "the sample content does not pass (exit $rc):
$(cat clean.out clean.err)"
# One warning is expected: huajun-auto's discount lacks its branch manager's
# approval (approval as code); every other line would be a problem.
grep -v 'content/customers/huajun-auto.xml:[0-9]*:[0-9]*: warning: the offer.s discount needs the approval of branch-manager' \
	clean.out >clean.rest
[ ! -s clean.rest ] || fail "a clean check printed on stdout:
$(cat clean.rest)"
grep -q '^0 errors, 1 warning in [0-9]* files$' clean.err ||
	fail "unexpected summary: $(cat clean.err)"
# ... and --strict fails on it, at the offer's line.
"$BIN" check --content "$SRC/content" --strict >clean-strict.out 2>&1
[ $? -eq 1 ] || fail "check --strict passes an offer that lacks its approval"
line=$(grep -n '<offer ' "$SRC/content/customers/huajun-auto.xml" | head -1 | cut -d: -f1)
grep -q "content/customers/huajun-auto.xml:$line:[0-9]*: error: the offer's discount needs the approval of branch-manager" \
	clean-strict.out || fail "check --strict does not report the missing approval at line $line:
$(cat clean-strict.out)"

# ---------------------------------------------------------------- usage
"$BIN" check --help >help.out 2>&1 || fail "check --help exits $?"
grep -q -- '--content' help.out || fail "--help does not mention --content"
"$BIN" check --no-such-flag >/dev/null 2>&1
[ $? -eq 2 ] || fail "an unknown flag does not exit 2"
"$BIN" check --content >/dev/null 2>&1
[ $? -eq 2 ] || fail "--content without a folder does not exit 2"

# ---------------------------------------------------------------- a broken copy
cp -r "$SRC/content" content || die "cannot copy the content"
SAMPLE=content/customers/hengtong-logistics.xml
[ -f "$SAMPLE" ] || die "the sample customer $SAMPLE is missing"

# new_customer FILE ID NUMBER: the sample under another file name and id,
# with its own proposal number so that copies do not collide.
new_customer() {
	sed -e "s/id=\"hengtong-logistics\"/id=\"$2\"/" \
		-e "s/YM-2026-0031/YM-2026-$3/" "$SAMPLE" >"content/customers/$1.xml" ||
		fail "cannot write $1.xml"
}

# edit FILE SED-EXPRESSION: one edit, which must change the file.
edit() {
	local f="content/customers/$1.xml"
	cp "$f" "$f.orig"
	LC_ALL=C sed -i -e "$2" "$f" || fail "sed failed on $f"
	if cmp -s "$f" "$f.orig"; then
		rm -f "$f.orig"
		fail "the edit '$2' changed nothing in $f"
	fi
	rm -f "$f.orig"
}

new_customer bad-money bad-money 9901
edit bad-money 's/amount="180000"/amount="12,000"/'
new_customer negative-amount negative-amount 9902
edit negative-amount 's/amount="95000"/amount="-95000"/'
new_customer bad-share bad-share 9903
edit bad-share 's/share="0.6"/share="1.5"/'
new_customer unknown-edition unknown-edition 9904
edit unknown-edition 's/edition="business"/edition="gold"/'
new_customer unknown-rep unknown-rep 9905
edit unknown-rep 's/rep="zhang-wei"/rep="nobody"/'
# Sorts after hengtong-logistics.xml, so it is the one reported.
new_customer repeat-number repeat-number 0031
new_customer dotdot 'dot..dot' 9907
new_customer mismatch mismatch-other 9908
new_customer bad-utf8 bad-utf8 9909
edit bad-utf8 "s/<short-name>/<short-name>$(printf '\377\376')/"
new_customer malformed malformed 9910
edit malformed 's|</address>|</adress>|'
new_customer unknown-element unknown-element 9911
edit unknown-element 's|<traits>|<traits><colour>red</colour>|'

"$BIN" check --content content >broken.out 2>broken.err
rc=$?
[ "$rc" -eq 1 ] || fail "the broken copy exits $rc, not 1:
$(cat broken.out broken.err)"

# line_of FILE TEXT: the first line of the customer file holding TEXT.
line_of() {
	LC_ALL=C grep -n -F -- "$2" "content/customers/$1.xml" | head -n 1 | cut -d: -f1
}

# expect FILE MARKER MESSAGE: a problem in FILE at the line of MARKER whose
# message contains MESSAGE.
expect() {
	local line
	line=$(line_of "$1" "$2")
	[ -n "$line" ] || { fail "marker '$2' not found in $1.xml"; return; }
	LC_ALL=C grep -F -- "content/customers/$1.xml:$line:" broken.out | grep -q -F -- "$3" ||
		fail "expected content/customers/$1.xml:$line: ... $3
got:
$(cat broken.out)"
}

expect bad-money '12,000' "error: amount '12,000' has a thousands separator"
expect negative-amount '-95000' "error: amount '-95000' must not be negative"
expect bad-share 'share="1.5"' "error: share '1.5' must be between 0 and 1"
expect unknown-edition 'edition="gold"' "error: unknown edition 'gold' of product 'mail'"
expect unknown-rep 'rep="nobody"' "error: unknown rep 'nobody'"
expect repeat-number 'number="YM-2026-0031"' "error: duplicate proposal number 'YM-2026-0031'"
expect dotdot 'id="dot..dot"' "error: customer id 'dot..dot' is not a safe file name"
expect mismatch 'id="mismatch-other"' "error: customer id 'mismatch-other' does not match the file name"
expect bad-utf8 "$(printf '\377')" "error: invalid UTF-8"
expect malformed '</adress>' "error: "
expect unknown-element '<colour>' "colour"

# Nothing else is reported: every problem is in one of the broken files.
# (and huajun-auto's missing approval, a warning of the sample itself).
if grep -v -E '^content/customers/(bad-money|negative-amount|bad-share|unknown-edition|unknown-rep|repeat-number|dotdot|mismatch|bad-utf8|malformed|unknown-element)\.xml:[0-9]+(:[0-9]+)?: error: ' broken.out |
	grep -v -E '^content/customers/huajun-auto\.xml:[0-9]+:[0-9]+: warning: the offer.s discount needs'; then
	fail "unexpected problems (above) in the broken copy"
fi
grep -q '^[0-9][0-9]* errors, [01] warnings\{0,1\} in [0-9]* files$' broken.err ||
	fail "unexpected summary: $(cat broken.err)"

# ---------------------------------------------------------------- warnings and --strict
rm -rf strict && mkdir strict && cp -r "$SRC/content" strict/content || die "cannot copy"
# A checklist item of a later stage than the project's is only a warning.
LC_ALL=C sed -i -e 's/<done item="tech-demo"\/>/<done item="tech-demo"\/><done item="bid-review"\/>/' \
	strict/content/customers/hengtong-logistics.xml
(cd strict && "$BIN" check >warn.out 2>warn.err)
rc=$?
[ "$rc" -eq 0 ] || fail "a warning alone exits $rc:
$(cat strict/warn.out strict/warn.err)"
grep -q "^content/customers/hengtong-logistics.xml:[0-9]*:[0-9]*: warning: checklist item 'bid-review'" \
	strict/warn.out || fail "no warning for a later stage's item: $(cat strict/warn.out)"
(cd strict && "$BIN" check --strict >strict.out 2>strict.err)
rc=$?
[ "$rc" -eq 1 ] || fail "--strict with a warning exits $rc, not 1"
grep -q ": error: checklist item 'bid-review'" strict/strict.out ||
	fail "--strict does not print the warning as an error: $(cat strict/strict.out)"

verdict
