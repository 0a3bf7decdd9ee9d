#!/usr/bin/env bash
# build_sent.sh - a proposal that went to a customer is frozen: recorded with
# <sent> (number, date, SHA-256) and kept under content/sent/, it is copied
# to the output byte for byte, and the build says whether making it again
# would now differ. A catalog change does not rewrite it; a changed sent file
# fails that customer alone with the line of its record; a sent record for
# an older offer number leaves the new proposal to be built.
# usage: bash build_sent.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
cp -r "$SRC/content" content
# content/sent/ holds the sample's own sent proposal; this test adds another.
ID=hengtong-logistics
XML=content/customers/$ID.xml
NUMBER=$(python3 -c 'import re,sys; print(re.search(r"<offer\b[^>]*\bnumber=\"([^\"]+)\"", open(sys.argv[1], encoding="utf-8").read()).group(1))' "$XML")
[ -n "$NUMBER" ] || die "no proposal number in $XML"
DATE=2026-11-21
export SOURCE_DATE_EPOCH=$(date -u -d "$DATE" +%s)

build() { # OUT LOG [ARGS...]
	local out=$1 log=$2
	shift 2
	"$BIN" build --content content --out "$out" --jobs 2 "$@" >"$log" 2>&1
}

# 1. Build, then "send" the proposal: copy it under content/sent/ and record it.
build out1 b1.log || fail "first build exited $? ($(tail -3 b1.log))"
mkdir -p content/sent
cp "out1/proposals/$ID.pdf" "content/sent/$NUMBER.pdf"
SHA=$(sha256sum "content/sent/$NUMBER.pdf" | cut -d' ' -f1)
python3 - "$XML" "$NUMBER" "$DATE" "$SHA" <<'PY'
import sys
path, number, date, sha = sys.argv[1:]
s = open(path, encoding="utf-8").read()
rec = f'  <sent number="{number}" date="{date}" sha256="{sha}"/>\n'
i = s.index("</offer>") + len("</offer>\n")
open(path, "w", encoding="utf-8").write(s[:i] + rec + s[i:])
PY
LINE=$(grep -n "<sent " "$XML" | cut -d: -f1)

# 2. Same content: the sent file is the output and made again it is the same.
unset SOURCE_DATE_EPOCH
build out2 b2.log --report r2.json || fail "build with the sent record exited $? ($(tail -3 b2.log))"
cmp -s "content/sent/$NUMBER.pdf" "out2/proposals/$ID.pdf" || fail "the output is not the sent file"
grep -q "^$XML:$LINE:[0-9]*: note: proposal $NUMBER is kept as sent; made again now it is the same" b2.log ||
	fail "no 'same' note at $XML:$LINE ($(grep note b2.log))"

# 3. A price change in the catalog: the sent proposal stays, and the build says it would differ.
python3 - content/catalog.xml <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s2 = re.sub(r'(unit-price=")(\d+)', lambda m: m.group(1) + str(int(m.group(2)) + 7), s)
assert s2 != s, "no price found to change"
open(p, "w", encoding="utf-8").write(s2)
PY
build out2 b3.log --report r3.json || fail "build after the catalog change exited $? ($(tail -3 b3.log))"
cmp -s "content/sent/$NUMBER.pdf" "out2/proposals/$ID.pdf" || fail "a catalog change rewrote the sent proposal"
grep -q "^$XML:$LINE:[0-9]*: note: proposal $NUMBER is kept as sent; made again now it would differ" b3.log ||
	fail "no 'would differ' note ($(grep note b3.log))"
python3 - r3.json "$ID" "$NUMBER" <<'PY' || fail "the report does not show the sent proposal rebuilt from the catalog change, with its note"
import json, sys
r = json.load(open(sys.argv[1]))
o = [o for o in r["outputs"] if o["path"] == f"proposals/{sys.argv[2]}.pdf"][0]
assert o["status"] == "built" and o["why"] == "catalog.xml", o
assert f"sent/{sys.argv[3]}.pdf" in o["sources"], o["sources"]
assert any("would differ" in e for e in o["errors"]), o["errors"]
PY

# 3b. The sent file goes through the stat cache: a build that changes
# nothing hashes no file (the report's "hashed"), and a sent file touched
# but unchanged is read once, by the loader, whose hash the plan reuses.
find content -exec touch -h -d '1 hour ago' {} +
build out2 b3b.log || fail "build after aging the content exited $? ($(tail -3 b3b.log))"
build out2 b3c.log --report r3c.json || fail "no-change build exited $?"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; assert s["hashed"] == 0 and s["built"] == 0, s' r3c.json ||
	fail "a no-change build hashed files: $(grep -o '"hashed": [0-9]*' r3c.json)"
touch -d '30 minutes ago' "content/sent/$NUMBER.pdf"
if command -v strace >/dev/null; then
	# LeakSanitizer cannot run under ptrace.
	ASAN_OPTIONS=${ASAN_OPTIONS:-}:detect_leaks=0 \
		strace -f -y -e trace=read -o reads.txt "$BIN" build --content content --out out2 --jobs 2 \
		--report r3d.json >b3d.log 2>&1 || fail "build after touching the sent file exited $?"
	n=$(grep -c "read([0-9]*<[^>]*/$NUMBER\.pdf>, .*) = [1-9]" reads.txt)
	[ "$n" -ge 1 ] || fail "the touched sent file was not read (its time changed)"
	# Read in 64 KiB blocks once: more reads than blocks is a second pass.
	blocks=$(( ($(stat -c %s "content/sent/$NUMBER.pdf") + 65535) / 65536 ))
	[ "$n" -le "$blocks" ] || fail "the sent file was read $n times for $blocks blocks: hashed more than once"
else
	build out2 b3d.log --report r3d.json || fail "build after touching the sent file exited $?"
fi
python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; assert s["hashed"] == 1 and s["built"] == 0, s' r3d.json ||
	fail "a touched sent file: want 1 file hashed, 0 built: $(grep -o '"summary": {[^}]*' r3d.json)"

# 4. A changed byte in the sent file: that customer fails, the others build, exit 1.
cp "content/sent/$NUMBER.pdf" sent.bak
printf 'x' >>"content/sent/$NUMBER.pdf"
build out2 b4.log
rc=$?
[ $rc -eq 1 ] || fail "a tampered sent file should exit 1, got $rc"
grep -q "^$XML:$LINE:[0-9]*: error: content/sent/$NUMBER.pdf is not the proposal that was sent" b4.log ||
	fail "no error at the sent record for a tampered file ($(grep error b4.log | head -3))"
cmp -s sent.bak "out2/proposals/$ID.pdf" || fail "the failed customer's output did not keep the sent file"
grep -q "0 failed" b4.log && fail "nothing failed"
cp sent.bak "content/sent/$NUMBER.pdf"

# 5. A missing sent file is an error too.
mv "content/sent/$NUMBER.pdf" sent.moved
build out2 b5.log
[ $? -eq 1 ] || fail "a missing sent file should exit 1"
grep -q "error: the sent proposal content/sent/$NUMBER.pdf is missing" b5.log || fail "no error for a missing sent file"
mv sent.moved "content/sent/$NUMBER.pdf"

# 6. A new offer number: the record is history, and the new proposal is built.
NEW=${NUMBER%????}0099 # the site's pattern: YM-YYYY-NNNN
sed -i "s/ number=\"$NUMBER\">/ number=\"$NEW\">/" "$XML"
grep -q "number=\"$NEW\"" "$XML" || fail "could not change the offer number"
build out2 b6.log || fail "build with a new offer number exited $? ($(tail -3 b6.log))"
cmp -s "content/sent/$NUMBER.pdf" "out2/proposals/$ID.pdf" && fail "the new offer still shows the sent proposal"
grep -q "kept as sent" b6.log && fail "a note about a sent proposal that is not the current offer"

# 7. Bad records: a malformed SHA-256 and a file outside sent/.
sed -i "s|<sent number=\"$NUMBER\"[^>]*>|<sent number=\"$NUMBER\" date=\"$DATE\" sha256=\"abc\" file=\"../catalog.xml\"/>|" "$XML"
build out2 b7.log
[ $? -eq 1 ] || fail "bad sent records should exit 1"
grep -q "^$XML:$LINE:[0-9]*: error: sha256 'abc' is not a SHA-256" b7.log || fail "no error for a malformed sha256 ($(grep error b7.log))"
grep -q "^$XML:$LINE:[0-9]*: error: sent file '../catalog.xml' must be a PDF directly in the sent/ folder" b7.log ||
	fail "no error for a file outside sent/"

verdict
