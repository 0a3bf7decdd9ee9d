#!/usr/bin/env bash
# pipeline_count.sh - the pipeline report's kept count (render/pdf/pdf_hint.h):
# a build of a long pipeline report keeps what its first layout counted in
# OUT/.salesgen/k-HASH, not an output and not in the manifest; the next build
# of the report lays it out once with it. Whatever that file is (kept by the
# build before, from a content since changed, missing, cut short, with a byte
# changed, not a count at all, empty, a folder, a symbolic link), the report
# is the bytes a build without it makes, and the build passes.
# usage: bash pipeline_count.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
export SOURCE_DATE_EPOCH=1795132800
# 1,000 customers: a report of some 70 pages, drawn page by page from 64.
python3 "$SRC/tests/tools/make_customers.py" "$SRC/content" content 1000 >/dev/null ||
	die "cannot make the test content"
rm -f content/playbooks/*.md
count=".salesgen/k-$(printf %s reports/pipeline.pdf | sha256sum | cut -c1-16)"

build() { # build OUT
	"$BIN" build --content content --out "$1" --quiet --only reports 2>"$1.err" ||
		fail "the build into $1 exited $? ($(grep -v warning "$1.err" | head -3))"
}

# state N: the content as one of three edits leaves it (1 and 2: one
# customer's users; 3: as 2 with a customer file gone).
cp content/customers/gen-00003.xml gone.xml
state() {
	local users=$((111 * ($1 < 2 ? 1 : 2)))
	sed -i "s/users=\"[0-9]*\"/users=\"$users\"/" content/customers/gen-00007.xml
	if [ "$1" = 3 ]; then
		rm -f content/customers/gen-00003.xml
	else
		cp gone.xml content/customers/gen-00003.xml
	fi
}

# Each state's report, made into a folder that keeps no count.
PART="reference"
for k in 1 2 3; do
	state $k
	rm -f ref/$count
	build ref
	cp ref/reports/pipeline.pdf ref$k.pdf
done
[ -f ref/$count ] || die "no count kept in ref/$count"
! grep -q "${count#.salesgen/}" ref/.salesgen/manifest || fail "the manifest names the kept count"

PART="first build"
state 1
build out
cmp -s out/reports/pipeline.pdf ref1.pdf || fail "the report differs"
[ -f out/$count ] || die "no count kept in out/$count"
cp out/$count count1
cp count1 count1.orig

# damage HOW: the kept count, as HOW leaves it.
damage() {
	rm -rf "out/$count"
	case $1 in
	kept) cp count1 "out/$count" ;;
	missing) ;;
	cut) head -c 1000 count1 >"out/$count" ;;
	byte) cp count1 "out/$count" &&
		printf '\377' | dd of="out/$count" bs=1 seek=500 conv=notrunc 2>/dev/null ;;
	garbage) head -c 5000 /dev/urandom >"out/$count" ;;
	empty) : >"out/$count" ;;
	folder) mkdir "out/$count" ;;
	link) ln -s "$WORK/count1" "out/$count" ;;
	esac
}

k=1
for how in kept missing cut byte garbage empty folder link; do
	PART="count $how"
	k=$((3 - k)) # 2, 1, 2, ...
	state $k
	damage $how
	build out
	cmp -s out/reports/pipeline.pdf ref$k.pdf || fail "the report differs"
	[ -f out/$count ] || [ "$how" = folder ] || fail "no count kept after the build"
done
cmp -s count1 count1.orig || fail "the build wrote through the symbolic link"

PART="count of another content"
rm -rf "out/$count"
cp count1 "out/$count"
state 3
build out
cmp -s out/reports/pipeline.pdf ref3.pdf || fail "the report differs"
cmp -s out/$count ref/$count || fail "the count kept is not the content's"
verdict "8 kinds of kept count"
