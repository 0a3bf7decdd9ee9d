#!/usr/bin/env bash
# bad_input.sh - every row of docs/errors.md through the real binary. Each
# row copies the sample content into a fresh folder, breaks it the row's way
# and runs `salesgen check` and/or `salesgen build`; then it asserts that
# salesgen did not crash (exit 1, or 2 for bad usage; never a signal or a
# sanitizer report), stayed within its time (timeout 60), printed the
# message with the file and its position, still built the other outputs,
# and left no half-written file in the output folder.
# usage: bash bad_input.sh SALESGEN_BINARY SOURCE_DIR WORKDIR [ROW...]
set -u
BIN=$(realpath "$1")
SRC=$(realpath "$2")
WORK=$3
shift 3
ONLY=" $* "
command -v python3 >/dev/null || { echo "bad_input.sh: python3 missing: skipped"; exit 77; }
rm -rf "$WORK"
mkdir -p "$WORK" || exit 1
cd "$WORK" || exit 1
WORK=$(pwd)
export SOURCE_DATE_EPOCH=1795132800
# Sanitizer reports must fail the row, not scroll by.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failures=0
ROW=
fail() {
	echo "FAIL: $ROW: $*"
	failures=$((failures + 1))
}

# row NAME: start a row in a fresh copy of content/ (and themes/); returns 1
# when the row is not selected on the command line.
row() {
	ROW=$1
	if [ "$ONLY" != "  " ] && [[ $ONLY != *" $1 "* ]]; then
		return 1
	fi
	cd "$WORK" || exit 1
	rm -rf "$ROW"
	mkdir "$ROW" && cd "$ROW" || exit 1
	cp -r "$SRC/content" content
	cp -r "$SRC/themes" themes
	return 0
}

# sg WANT ERR ARGS...: run salesgen (bounded), stderr to ERR; the exit status
# must be WANT (a list like "1" or "1 2").
sg() {
	local want=$1 err=$2
	shift 2
	timeout 60 "$BIN" "$@" >"$err.out" 2>"$err"
	RC=$?
	[ $RC -eq 124 ] && fail "salesgen $1 did not finish within 60 s"
	[ $RC -ge 128 ] && fail "salesgen $1 died of signal $((RC - 128))"
	if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:|UndefinedBehaviorSanitizer' "$err"; then
		fail "sanitizer report from salesgen $1: $(grep -m3 -E 'Sanitizer|runtime error' "$err")"
	fi
	[[ " $want " == *" $RC "* ]] || fail "salesgen $* exits $RC, not $want: $(head -c 600 "$err")"
}

# says ERR REGEX: ERR holds a line matching the extended regex.
# (check prints its problems on standard output, build on standard error.)
says() {
	cat "$1" "$1.out" 2>/dev/null | grep -qE -- "$2" ||
		fail "no line matching '$2' in: $(cat "$1" "$1.out" 2>/dev/null | head -c 800)"
}
# built FILE...: each output exists and is not empty.
built() {
	local f
	for f in "$@"; do
		[ -s "$f" ] || fail "$f was not built"
	done
}
# notbuilt FILE...
notbuilt() {
	local f
	for f in "$@"; do
		[ ! -e "$f" ] || fail "$f was built"
	done
}
# clean DIR: no temporary or half-written file was left behind.
clean() {
	local left
	left=$(find "$1" -name '*.tmp*' -o -path '*/.salesgen/tmp/*' 2>/dev/null | head -3)
	[ -z "$left" ] || fail "half-written files left in $1: $left"
}
# build ERR ARGS...: a full build into out/, which must exit 1.
build1() {
	local err=$1
	shift
	sg 1 "$err" build --content content --out out --jobs 2 --quiet "$@"
	clean out
}
py() { python3 -c "$1" "${@:2}"; }
# edit FILE PY-EXPR: s is the file's text (UTF-8); write back what the expression gives.
edit() {
	python3 - "$1" "$2" <<'PY'
import sys, re
p, expr = sys.argv[1], sys.argv[2]
s = open(p, encoding="utf-8").read()
s = eval(expr)
open(p, "w", encoding="utf-8", newline="").write(s)
PY
}
H=content/customers/hengtong-logistics.xml
HJ=content/customers/huajun-auto.xml
OTHER_COST=out/costs/huajun-auto.json
OTHER_PROPOSAL=out/proposals/huajun-auto.pdf

# ------------------------------------------------------------ XML
if row malformed-xml; then
	sed -i 's|<employees>1300</employees>|<employees>1300</employee>|' $H
	sg 1 check.err check --content content
	says check.err '^content/customers/hengtong-logistics.xml:8:[0-9]+: error: '
	build1 build.err
	says build.err '^content/customers/hengtong-logistics.xml:8:[0-9]+: error: '
	notbuilt out/costs/hengtong-logistics.json out/proposals/hengtong-logistics.pdf
	built $OTHER_COST $OTHER_PROPOSAL out/reports/pipeline.pdf out/site/index.html
fi

if row external-entity; then
	echo 'SECRET-MARKER-7731' >"$WORK/secret.txt"
	edit $H "s.replace('<customer ', '<!DOCTYPE customer [<!ENTITY x SYSTEM \"file://$WORK/secret.txt\">]>\n<customer ', 1).replace('<short-name>恒通物流</short-name>', '<short-name>&x;</short-name>')"
	# strace, when present, proves the file is never opened.
	if command -v strace >/dev/null; then
		strace -f -e trace=open,openat -o trace.txt "$BIN" check --content content >/dev/null 2>&1
		grep -q secret.txt trace.txt && fail "salesgen opened the entity's file"
	fi
	sg 1 check.err check --content content
	says check.err '^content/customers/hengtong-logistics.xml:4: error: DOCTYPE and entity declarations are not allowed'
	build1 build.err
	says build.err '^content/customers/hengtong-logistics.xml:4: error: DOCTYPE'
	notbuilt out/costs/hengtong-logistics.json
	built $OTHER_COST $OTHER_PROPOSAL
	grep -rq SECRET-MARKER . --exclude-dir=content && fail "the entity's file was read into an output"
fi

if row billion-laughs; then
	python3 - $H <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
ents = '<!ENTITY lol "lol">' + "".join(
    '<!ENTITY lol%d "%s">' % (i, ("&lol%s;" % ("" if i == 1 else i - 1)) * 10) for i in range(1, 10))
s = s.replace("<customer ", "<!DOCTYPE customer [" + ents + "]>\n<customer ", 1)
s = s.replace("<short-name>恒通物流</short-name>", "<short-name>&lol9;</short-name>")
open(p, "w", encoding="utf-8").write(s)
PY
	start=$(date +%s)
	sg 1 check.err check --content content
	[ $(($(date +%s) - start)) -lt 10 ] || fail "the entity bomb took $(($(date +%s) - start)) s"
	says check.err '^content/customers/hengtong-logistics.xml:4: error: DOCTYPE and entity declarations are not allowed'
	build1 build.err
	says build.err '^content/customers/hengtong-logistics.xml:4: error: DOCTYPE'
	built $OTHER_COST $OTHER_PROPOSAL
fi

if row utf8-xml; then
	# A Latin-1 é on line 6: column 18, counted in characters.
	printf '%s\n' "$(sed -n 1,5p $H)" >x.xml
	printf '  <short-name>Caf\xe9</short-name>\n' >>x.xml
	sed -n '7,$p' $H >>x.xml
	mv x.xml $H
	sg 1 check.err check --content content
	says check.err '^content/customers/hengtong-logistics.xml:6:18: error: invalid UTF-8 \(byte 0xE9\)'
	build1 build.err
	says build.err 'hengtong-logistics.xml:6:[0-9]+: error: .*UTF-8'
	built $OTHER_COST $OTHER_PROPOSAL
fi

if row utf8-markdown; then
	printf '\n\nA broken byte: \xff\xfe here.\n' >>content/playbooks/decision-chain.md
	sg 1 check.err check --content content
	says check.err '^content/playbooks/decision-chain.md:[0-9]+:[0-9]+: error: .*UTF-8'
	build1 build.err
	says build.err 'decision-chain.md:[0-9]+(:[0-9]+)?: error: .*UTF-8'
	notbuilt out/playbooks/decision-chain.pdf
	built out/playbooks/objection-handling.pdf out/costs/hengtong-logistics.json out/proposals/hengtong-logistics.pdf
fi

if row utf8-front-matter; then
	sed -i '0,/^summary:/s/^summary: .*/summary: caf\xc3 broken/' content/playbooks/objection-handling.md
	sg 1 check.err check --content content
	says check.err '^content/playbooks/objection-handling.md:[0-9]+(:[0-9]+)?: error: .*UTF-8'
	build1 build.err
	notbuilt out/playbooks/objection-handling.pdf
	built out/playbooks/decision-chain.pdf out/costs/hengtong-logistics.json
fi

if row bom; then
	for f in $H content/site.xml content/catalog.xml content/playbooks/decision-chain.md \
		content/proposals/standard.md; do
		printf '\xef\xbb\xbf' | cat - "$f" >x && mv x "$f"
	done
	sg 0 check.err check --content content
	sg 0 build.err build --content content --out out --quiet
	built out/costs/hengtong-logistics.json out/proposals/hengtong-logistics.pdf out/playbooks/decision-chain.pdf
	grep -q 'title: ' out/site/playbooks/decision-chain.html 2>/dev/null && fail "the BOM hid the front matter"
fi

if row crlf; then
	"$BIN" build --content content --out ref --quiet --only costs 2>/dev/null
	for f in $H content/site.xml content/catalog.xml content/playbooks/*.md content/proposals/*.md; do
		sed -i 's/$/\r/' "$f"
	done
	sg 0 check.err check --content content
	sg 0 build.err build --content content --out out --quiet
	cmp -s ref/costs/hengtong-logistics.json out/costs/hengtong-logistics.json ||
		fail "CRLF changed the cost model"
	built out/playbooks/decision-chain.pdf out/proposals/hengtong-logistics.pdf
	# A later error is still reported at the right line.
	sed -i 's/<branches>14</<branches>x14</' $H
	sg 1 check2.err check --content content
	says check2.err '^content/customers/hengtong-logistics.xml:10:[0-9]+: error: '
fi

# ------------------------------------------------------------ numbers
# number NAME SED VALUE-REGEX LINE: one bad value in hengtong's file.
number() {
	if row "$1"; then
		sed -i "$2" $H
		sg 1 check.err check --content content
		says check.err "^content/customers/hengtong-logistics.xml:$4:[0-9]+: error: .*$3"
		build1 build.err
		says build.err "hengtong-logistics.xml:$4:[0-9]+: error: .*$3"
		notbuilt out/costs/hengtong-logistics.json
		built $OTHER_COST $OTHER_PROPOSAL
	fi
}
number number-negative 's/amount="95000"/amount="-95000"/' "'-95000'" 18
number number-huge 's/amount="95000"/amount="92233720368547758070"/' "'92233720368547758070'" 18
number number-nan 's/amount="95000"/amount="NaN"/' "'NaN'" 18
number number-separators 's/amount="95000"/amount="95,000"/' "'95,000'" 18
number number-fullwidth 's/amount="95000"/amount="９５０００"/' "'９５０００'" 18
number number-users-huge 's/users="1000"/users="99999999999999999999"/' "'99999999999999999999'" 74

if row number-overflow-sum; then
	# Each amount fits, the sum over five years and all users does not.
	sed -i 's/users="1000"/users="2000000000"/' $H
	sed -i 's/<edition id="business"\(.*\)price="[0-9.]*"/<edition id="business"\1price="9000000000"/' content/catalog.xml
	sg 1 check.err check --content content
	says check.err "^content/customers/hengtong-logistics.xml:4:1: error: cannot compute the cost model: an amount or total is too large"
	build1 build.err
	says build.err "^content/customers/hengtong-logistics.xml:4:1: error: cannot compute the cost model: an amount or total is too large"
	# No JSON with a wrapped-around number: none at all.
	notbuilt out/costs/hengtong-logistics.json out/proposals/hengtong-logistics.pdf
	built $OTHER_COST $OTHER_PROPOSAL out/playbooks/decision-chain.pdf
fi

# ------------------------------------------------------------ references and ids
if row unknown-product; then
	sed -i 's/offer product="mail"/offer product="fax"/' $H
	sg 1 check.err check --content content
	says check.err "^content/customers/hengtong-logistics.xml:74:[0-9]+: error: .*'fax'"
	build1 build.err
	built $OTHER_COST $OTHER_PROPOSAL
fi

if row unknown-edition; then
	sed -i 's/edition="business" users="1000"/edition="gold" users="1000"/' $H
	sg 1 check.err check --content content
	says check.err "^content/customers/hengtong-logistics.xml:74:[0-9]+: error: unknown edition 'gold'"
	build1 build.err
	built $OTHER_COST $OTHER_PROPOSAL
fi

if row duplicate-ids; then
	# The same customer id in two files, and a checklist item done twice.
	sed 's/id="hengtong-logistics"/id="huajun-auto"/' $H >content/customers/copy.xml
	sg 1 check.err check --content content
	says check.err "^content/customers/copy.xml:4:[0-9]+: error: "
	# A duplicate rep id in site.xml.
	edit content/site.xml "re.sub(r'(<rep id=\"[^\"]+\"[^>]*/>)', lambda m: m.group(1) + '\n' + m.group(1), s, count=1)"
	sg 1 check2.err check --content content
	says check2.err "^content/site.xml:[0-9]+:[0-9]+: error: .*duplicate"
fi

# badid NAME ID FILE-NAME: a customer whose id is unsafe.
badid() {
	if row "$1"; then
		sed "s|id=\"hengtong-logistics\"|id=\"$2\"|" $H >"content/customers/$3"
		sed -i 's/number="YM-2026-0031"/number="YM-2026-0931"/' "content/customers/$3"
		sg 1 check.err check --content content
		says check.err "^content/customers/$3:4:[0-9]+: error: "
		build1 build.err
		built $OTHER_COST out/costs/hengtong-logistics.json $OTHER_PROPOSAL
		[ -z "$(find out -name '*..*' -o -name 'con.*' -o -name 'etc' 2>/dev/null)" ] || fail "an unsafe name reached the output"
		[ ! -e "$WORK/$ROW/x.json" ] || fail "an output escaped the output folder"
	fi
}
badid id-slash 'a/b' slash.xml
badid id-dotdot '../../x' dotdot.xml
badid id-reserved 'con' con.xml
badid id-upper 'Hengtong Logistics' upper.xml

if row id-nul; then
	python3 - $H <<'PY'
import sys
p = sys.argv[1]
b = open(p, "rb").read().replace(b'id="hengtong-logistics"', b'id="heng\x00tong"', 1)
open(p, "wb").write(b)
PY
	sg 1 check.err check --content content
	says check.err "^content/customers/hengtong-logistics.xml:4:[0-9]+: error: "
	edit $HJ "s.replace('id=\"huajun-auto\"', 'id=\"hua&#0;jun\"', 1)"
	sg 1 check2.err check --content content
	says check2.err "^content/customers/huajun-auto.xml:[0-9]+:[0-9]+: error: "
	build1 build.err
	built out/costs/jinxiu-apparel.json out/proposals/jinxiu-apparel.pdf
fi

if row customer-option; then
	for id in ../x ../site a/b con ''; do
		sg 2 usage.err build --content content --out out --customer "$id"
		says usage.err "^salesgen build: --customer .*: no customers/.*\.xml in content"
	done
	[ ! -e out/costs ] || fail "a bad --customer built something"
fi

if row out-overlap; then
	# An output folder that is, holds or lies inside the content folder or
	# the theme: bad usage, refused before anything is written.
	for out in content content/out . themes/default themes; do
		sg 2 usage.err build --content content --out $out --theme default
		says usage.err "^salesgen build: --out $out: the output folder (is|is inside|holds) the (content|theme) folder "
	done
	says usage.err "^salesgen build: --out themes: the output folder holds the theme folder content/\.\./themes/default: choose a folder outside it"
	[ ! -e content/.salesgen ] && [ ! -e content/costs ] && [ ! -e themes/default/.salesgen ] && [ ! -e costs ] ||
		fail "an overlapping output folder was written"
	diff -r "$SRC/content" content >/dev/null || fail "the content changed"
	diff -r "$SRC/themes" themes >/dev/null || fail "the themes changed"
fi

# ------------------------------------------------------------ templates
if row template-self-include; then
	printf '<ul>{{> tags}}</ul>\n' >themes/default/partials/tags.html
	build1 build.err --theme default
	says build.err "tags.html:1:[0-9]+: error: .*partial 'tags'.*deep"
	built $OTHER_COST $OTHER_PROPOSAL out/playbooks/decision-chain.pdf
fi

if row template-missing-partial; then
	sed -i '2s/^/{{> no-such-partial}}\n/' themes/default/pages/playbook.html
	build1 build.err --theme default
	says build.err "playbook.html:[0-9]+:[0-9]+: error: .*no-such-partial"
	built $OTHER_COST $OTHER_PROPOSAL
fi

if row mustache-unclosed; then
	# A tag opened at the end of the template and never closed: three lines
	# below the last, column 5 (after three Chinese characters and a space).
	line=$(($(wc -l <content/proposals/standard.md) + 3))
	printf '\n\n未闭合 {{customer.name\n' >>content/proposals/standard.md
	sg 1 check.err check --content content
	says check.err "^content/proposals/standard.md:$line:5: error: unclosed tag: no '}}' after this '\{\{'"
	build1 build.err
	says build.err "^content/proposals/standard.md:$line:5: error: unclosed tag"
	notbuilt out/proposals/hengtong-logistics.pdf
	built out/costs/hengtong-logistics.json out/proposals/harbourline-trading.pdf out/playbooks/decision-chain.pdf
fi

# ------------------------------------------------------------ fonts, themes, images
if row missing-font; then
	sed -i 's/^  latin: DejaVu Sans$/  latin: No Such Font Family/' themes/default/pdf.yaml
	line=$(grep -n '^  latin: No Such Font Family$' themes/default/pdf.yaml | cut -d: -f1)
	build1 build.err --theme default
	# Reported where pdf.yaml names the family, once for all the PDFs.
	says build.err "^content/\.\./themes/default/pdf\.yaml:$line:10: error: font family \"No Such Font Family\" is not installed"
	n=$(grep -c 'font family' build.err)
	[ "$n" -eq 1 ] || fail "the font error is printed $n times, not once: $(grep 'font family' build.err | head -3)"
	notbuilt out/playbooks/decision-chain.pdf out/proposals/hengtong-logistics.pdf
	built out/costs/hengtong-logistics.json out/site/index.html
	# The one-document commands say the same.
	sg 1 pdf.err pdf content/playbooks/decision-chain.md --theme default -o one.pdf
	says pdf.err "themes/default/pdf\.yaml:$line:10: error: font family \"No Such Font Family\" is not installed"
	sg 1 proposal.err proposal $H --theme default -o one.pdf
	says proposal.err "^themes/default/pdf\.yaml:$line:10: error: font family \"No Such Font Family\""
	notbuilt one.pdf
fi

if row missing-theme; then
	# On the command line: bad usage, found before anything is built.
	sg 2 usage.err build --content content --out out --quiet --theme no-such-theme
	says usage.err "^salesgen build: --theme no-such-theme: no theme 'no-such-theme': looked for themes/no-such-theme next to the content folder and in the current folder"
	sg 2 usage2.err build --content content --out out --quiet --theme ./no/such/folder
	says usage2.err "^salesgen build: --theme ./no/such/folder: no such folder"
	[ ! -e out ] || fail "an unknown --theme built something"
	# Named by site.xml, it is the content's problem (exit 1): what reads
	# site.xml (the site, proposals and reports) fails; costs and playbooks
	# are built.
	sed -i 's|<site lang="zh-CN" currency="CNY">|<site lang="zh-CN" currency="CNY" theme="no-such-theme">|' content/site.xml
	build1 build.err
	says build.err "^content/site.xml:4:[0-9]+: error: no theme 'no-such-theme'"
	built out/costs/hengtong-logistics.json out/playbooks/decision-chain.pdf
	notbuilt out/site/index.html out/proposals/hengtong-logistics.pdf
	cp "$SRC/content/site.xml" content/site.xml
	rm -rf out
	rm themes/default/pages/playbook.html
	build1 build2.err --theme default
	says build2.err "playbook.html"
	built out/costs/hengtong-logistics.json out/proposals/hengtong-logistics.pdf
fi

if row image-not-image; then
	echo 'this is not a picture' >content/images/fake.png
	printf '\n\n![a picture](../images/fake.png)\n' >>content/playbooks/decision-chain.md
	build1 build.err
	says build.err "decision-chain.md:[0-9]+(:[0-9]+)?: error: .*fake.png"
	notbuilt out/playbooks/decision-chain.pdf
	built out/playbooks/objection-handling.pdf out/costs/hengtong-logistics.json
fi

if row image-huge; then
	python3 - <<'PY'
import struct, zlib
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
ihdr = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)
open("content/images/huge.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
    + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))
PY
	printf '\n\n![a big one](../images/huge.png)\n' >>content/playbooks/decision-chain.md
	build1 build.err
	says build.err "decision-chain.md:[0-9]+(:[0-9]+)?: error: .*huge.png.*too large"
	notbuilt out/playbooks/decision-chain.pdf
	built out/playbooks/objection-handling.pdf out/costs/hengtong-logistics.json
fi

# ------------------------------------------------------------ pathological Markdown
if row markdown-nested; then
	# 10,000 nested quotes, then 10,000 nested lists, from line 104. The PDF
	# refuses more than 32 levels at once (no budget needed); the site shows them.
	py 'import sys; open(sys.argv[1], "a").write("\n\n" + "> " * 10000 + "deep\n\n" + "- " * 10000 + "deep\n")' \
		content/playbooks/decision-chain.md
	start=$(date +%s)
	build1 build.err
	took=$(($(date +%s) - start))
	[ $took -lt 20 ] || fail "took $took s"
	says build.err "^content/playbooks/decision-chain.md:104: error: lists and block quotes nested more than 32 deep"
	says build.err "^content/playbooks/decision-chain.md:106: error: lists and block quotes nested more than 32 deep"
	notbuilt out/playbooks/decision-chain.pdf
	built out/playbooks/objection-handling.pdf out/costs/hengtong-logistics.json \
		out/proposals/hengtong-logistics.pdf out/site/playbooks/decision-chain.html
fi

if row markdown-slow-links; then
	py 'import sys; open(sys.argv[1], "a").write("\n\n" + "![[]()" * 80000 + "\n")' content/playbooks/decision-chain.md
	start=$(date +%s)
	sg 1 build.err build --content content --out out --jobs 2 --quiet --budget-time 0.5 --only playbooks
	took=$(($(date +%s) - start))
	[ $took -lt 20 ] || fail "took $took s despite the budget"
	clean out
	says build.err "^content/playbooks/decision-chain.md: error: building playbooks/decision-chain.pdf took longer than its time budget"
	notbuilt out/playbooks/decision-chain.pdf
	built out/playbooks/objection-handling.pdf
fi

if row markdown-slow-table; then
	python3 - content/playbooks/decision-chain.md <<'PY'
import sys
cols = 300
rows = ["|" + "|".join("h" for _ in range(cols)) + "|", "|" + "|".join("-" for _ in range(cols)) + "|"]
rows += ["|" * (cols + 1)] * 20000
open(sys.argv[1], "a").write("\n\n" + "\n".join(rows) + "\n")
PY
	start=$(date +%s)
	sg 1 build.err build --content content --out out --jobs 2 --quiet --budget-time 0.5 --only playbooks
	took=$(($(date +%s) - start))
	[ $took -lt 20 ] || fail "took $took s despite the budget"
	clean out
	says build.err "^content/playbooks/decision-chain.md(:[0-9]+)*: error: "
	notbuilt out/playbooks/decision-chain.pdf
	built out/playbooks/objection-handling.pdf
fi

# ------------------------------------------------------------ sizes
if row file-50mb; then
	# A 50 MB customer file and a 50 MB playbook: refused by their cap.
	truncate -s 50M content/customers/big.xml
	py 'import sys; f = open(sys.argv[1], "a"); f.write(("x" * 1023 + "\n") * 51200)' content/playbooks/objection-handling.md
	sg 1 check.err check --content content
	says check.err "^content/customers/big.xml: error: file is 52428800 bytes, over the 1048576-byte limit"
	says check.err "^content/playbooks/objection-handling.md: error: file is [0-9]+ bytes, over the 8388608-byte limit"
	build1 build.err
	built out/costs/hengtong-logistics.json out/proposals/hengtong-logistics.pdf out/playbooks/decision-chain.pdf
fi

# ------------------------------------------------------------ text
if row long-word; then
	word=$(py 'print("Supercalifragilistic" * 20)')
	printf '\n\n%s\n\n%s\n' "$word" "$(py 'print("长" * 400)')" >>content/playbooks/decision-chain.md
	sed -i "s|<short-name>恒通物流</short-name>|<short-name>$word</short-name>|" $H
	sg 0 build.err build --content content --out out --quiet
	built out/playbooks/decision-chain.pdf out/proposals/hengtong-logistics.pdf
	if command -v pdftotext >/dev/null; then
		pdftotext out/playbooks/decision-chain.pdf - | tr -d '\n' | grep -q "SupercalifragilisticSupercalifragilistic" ||
			fail "the long word is not in the PDF"
		# Broken where it must be: no word runs past the right margin.
		pdftotext -bbox out/playbooks/decision-chain.pdf words.html
		python3 - words.html <<'PY' || fail "a word runs off the page"
import re, sys
h = open(sys.argv[1], encoding="utf-8").read()
w = float(re.search(r'<page width="([\d.]+)"', h).group(1))
over = [float(x) for x in re.findall(r'xMax="([\d.]+)"', h) if float(x) > w - 60]
sys.exit(1 if over else 0)
PY
	fi
fi

if row non-bmp-name; then
	sed -i 's|<name>恒通物流集团有限公司</name>|<name>𠮷野家😀物流集团有限公司</name>|' $H
	sg 0 build.err build --content content --out out --quiet
	built out/proposals/hengtong-logistics.pdf out/costs/hengtong-logistics.json
	grep -rq '𠮷野家😀物流' out/site || fail "the name is not on the site"
	# PDF text is 16-bit: the character is left out there, with a warning.
	says build.err "^content/proposals/standard.md:[0-9]+: warning: the character 𠮷 \(U\+20BB7\) is outside the Basic Multilingual Plane"
	if command -v pdftotext >/dev/null; then
		pdftotext out/proposals/hengtong-logistics.pdf - | grep -q '野家' || fail "the rest of the name is not in the proposal"
	fi
fi

if row empty-content; then
	mkdir empty
	sg 1 check.err check --content empty
	says check.err "^empty: error: content folder is empty"
	sg 1 build.err build --content empty --out out --quiet
	says build.err "^empty: error: content folder is empty"
	clean out
	sg 1 check2.err check --content no-such-folder
	says check2.err "^no-such-folder: error: content folder not found"
	sg 1 build2.err build --content no-such-folder --out out2 --quiet
	says build2.err "^no-such-folder: error: content folder not found"
fi

# ------------------------------------------------------------ deep nesting and damaged images
# nest OPEN CLOSE N: OPEN N times, "x", CLOSE N times: inlines nested N deep.
nest() { py 'import sys; o, c, n = sys.argv[1], sys.argv[2], int(sys.argv[3]); print(o * n + "x" + c * n)' "$@"; }
# every_build WANT ERR: the same content built with worker processes (out/)
# and with threads (out-threads/), each exiting WANT; their outputs must be
# the same.
every_build() {
	sg "$1" "$2" build --content content --out out --jobs 2 --quiet
	clean out
	sg "$1" "$2.threads" build --content content --out out-threads --jobs 2 --quiet --workers threads
	clean out-threads
	diff -rq -x .salesgen out out-threads >/dev/null || fail "processes and threads built different outputs"
}

if row crash-nested-emphasis; then
	# 60,000 nested emphases (240 KB, under the 8 MB cap) used to overflow
	# the stack of the inline layout: SIGSEGV in `pdf` and in threads.
	printf '\n\n%s\n' "$(nest '*a ' '*' 60000)" >>content/playbooks/decision-chain.md
	sg 0 pdf.err pdf content/playbooks/decision-chain.md -o one.pdf --content content
	built one.pdf
	every_build 0 build.err
	built out/playbooks/decision-chain.pdf out/site/playbooks/decision-chain.html \
		out/playbooks/objection-handling.pdf out/proposals/hengtong-logistics.pdf
	if command -v pdftotext >/dev/null; then
		[ "$(pdftotext one.pdf - | grep -o a | wc -l)" -ge 60000 ] || fail "the nested text is not all in the PDF"
	fi
fi

if row crash-nested-inlines; then
	# Each kind of inline nested deep, one playbook each: strong, strikethrough
	# and emphasis mixed, emphasis inside one link, images inside images.
	printf '\n\n%s\n' "$(nest '**a ' '**' 60000)" >>content/playbooks/objection-handling.md
	printf '\n\n%s\n' "$(nest '~~a ' '~~b' 60000)" >>content/playbooks/project-stages.md
	printf '\n\n%s\n' "$(nest '*a **b ~~c ' '~~***' 20000)" >>content/playbooks/self-hosted-segment.md
	printf '\n\n[%s](https://example.com)\n\n%s\n' "$(nest '*a ' '*' 60000)" \
		"$(nest '![a ' '](../images/logo.png)' 20000)" >>content/playbooks/pricing-and-approvals.md
	for p in objection-handling project-stages self-hosted-segment pricing-and-approvals; do
		sg 0 pdf-$p.err pdf content/playbooks/$p.md -o $p.pdf --content content
		built $p.pdf
	done
	every_build 0 build.err
	built out/playbooks/objection-handling.pdf out/playbooks/project-stages.pdf \
		out/playbooks/self-hosted-segment.pdf out/playbooks/pricing-and-approvals.pdf \
		out/site/playbooks/pricing-and-approvals.html out/site/search-index.js
fi

if row crash-many-links; then
	# 60,000 links in one paragraph, and as many Chinese-ended bare
	# addresses: finding which links were written <like this> searched the
	# whole line for each, minutes of work (the time budget stopped it; with
	# threads nothing did).
	py 'import sys; open(sys.argv[1], "a").write("\n\n" + "[a](u) " * 60000 + "\n\n" + "见https://example.com/a。" * 20000 + "\n")' \
		content/playbooks/decision-chain.md
	sg 0 pdf.err pdf content/playbooks/decision-chain.md -o one.pdf --content content
	every_build 0 build.err
	built out/playbooks/decision-chain.pdf out/site/playbooks/decision-chain.html
fi

if row crash-nested-notes; then
	# The same in a customer's notes: the review PDF, the account page and
	# the search index read them.
	edit $H "s.replace('<notes><![CDATA[', '<notes><![CDATA[\n' + '*a ' * 60000 + 'x' + '*' * 60000 + '\n\n' + '**a ~~b ' * 20000 + 'x' + '~~**' * 20000 + '\n\n[' + '*a ' * 20000 + 'x' + '*' * 20000 + '](https://example.com)\n', 1)"
	sg 0 check.err check --content content
	every_build 0 build.err
	built out/reports/review-hengtong-logistics.pdf out/site/accounts/hengtong-logistics.html \
		out/proposals/hengtong-logistics.pdf out/site/search-index.js
fi

# crash_images: damaged images in content/images/, made from the sample logo
# (an 8-bit RGBA PNG) and a small JPEG written here.
crash_images() {
	python3 - content/images <<'PY'
import struct, sys, zlib
d = sys.argv[1]
logo = open(d + "/logo.png", "rb").read()
def chunk(t, b):
    return struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b) & 0xffffffff)
def chunks(png):
    i, out = 8, []
    while i < len(png):
        n = struct.unpack(">I", png[i:i + 4])[0]
        out.append((png[i + 4:i + 8], png[i + 8:i + 8 + n]))
        i += 12 + n
    return out
sig = logo[:8]
ihdr = chunk(b"IHDR", dict(chunks(logo))[b"IHDR"])
idat = dict(chunks(logo))[b"IDAT"]
iend = chunk(b"IEND", b"")
def write(name, data):
    open(d + "/" + name, "wb").write(data)
write("cut.png", logo[:1000])
crc = bytearray(logo)
pos = 8 + 25 + 8 + len(idat)  # the CRC of IDAT
crc[pos] ^= 0xFF
write("crc.png", bytes(crc))
# A deflate block of the reserved type 3, with a right CRC.
write("idat.png", sig + ihdr + chunk(b"IDAT", b"\x78\x9c" + b"\xff" * 40) + iend)
pal = struct.pack(">IIBBBBB", 8, 8, 8, 3, 0, 0, 0)
write("noplte.png", sig + chunk(b"IHDR", pal) + chunk(b"IDAT", zlib.compress(b"\0" * 72)) + iend)
write("noidat.png", sig + ihdr + chunk(b"IDAT", b"") + iend)
# 16 bits per channel, and interlaced (Adam7): both are read now.
w, h = 24, 16
rows = b"".join(b"\0" + bytes((x * 7 + y * 13) & 0xFF for x in range(w * 6)) for y in range(h))
write("deep16.png", sig + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + iend)
raw = b""
for x0, y0, dx, dy in ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)):
    xs = range(x0, w, dx)
    for y in range(y0, h, dy):
        if len(xs):
            raw += b"\0" + b"".join(bytes(((x * 5 + y * 3 + k * 40) & 0xFF) for k in range(4)) for x in xs)
write("adam7.png", sig + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 1)) + chunk(b"IDAT", zlib.compress(raw)) + iend)
# A 16 x 16 gray baseline JPEG of flat blocks: one-code Huffman tables.
jpg = (b"\xff\xd8" + b"\xff\xdb\x00\x43\x00" + b"\x01" * 64
       + b"\xff\xc0\x00\x0b\x08\x00\x10\x00\x10\x01\x01\x11\x00"
       + b"\xff\xc4\x00\x14\x00\x01" + b"\x00" * 15 + b"\x00"
       + b"\xff\xc4\x00\x14\x10\x01" + b"\x00" * 15 + b"\x00"
       + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" + b"\x00" + b"\xff\xd9")
write("ok.jpg", jpg)
write("cut.jpg", jpg[:-3])
write("bad.jpg", jpg[:-3] + b"\xff\xd3\xff\xd9")
write("deep12.jpg", jpg.replace(b"\xff\xc0\x00\x0b\x08", b"\xff\xc0\x00\x0b\x0c"))
PY
}

# crash_image NAME FILE MESSAGE: decision-chain.md shows ../images/FILE on its
# last line; it is refused with MESSAGE at that line, by `pdf` and by the
# build in processes and threads; only that playbook's PDF is missing.
crash_image() {
	if row "$1"; then
		crash_images
		local md=content/playbooks/decision-chain.md line
		line=$(($(wc -l <$md) + 3))
		printf '\n\n![x](../images/%s)\n' "$2" >>$md
		local want="^content/playbooks/decision-chain.md:$line: error: image '../images/$2': $3"
		sg 1 pdf.err pdf $md -o one.pdf --content content
		says pdf.err "$want"
		notbuilt one.pdf
		every_build 1 build.err
		says build.err "$want"
		says build.err.threads "$want"
		notbuilt out/playbooks/decision-chain.pdf out-threads/playbooks/decision-chain.pdf
		built out/playbooks/objection-handling.pdf out/proposals/hengtong-logistics.pdf \
			out/site/playbooks/decision-chain.html out-threads/playbooks/objection-handling.pdf
	fi
}
crash_image crash-png-truncated cut.png 'corrupt PNG \(the file is cut short\)$'
crash_image crash-png-crc crc.png 'corrupt PNG \(IDAT: CRC error\)$'
crash_image crash-png-idat idat.png 'corrupt PNG \(IDAT: invalid block type\)$'
crash_image crash-png-no-plte noplte.png 'corrupt PNG \(IDAT: Missing PLTE before IDAT\)$'
crash_image crash-png-empty-idat noidat.png 'corrupt PNG \(Not enough image data\)$'
crash_image crash-jpeg-truncated cut.jpg 'corrupt JPEG \(Premature end of JPEG file\)$'
crash_image crash-jpeg-corrupt bad.jpg 'corrupt JPEG \(Corrupt JPEG data: premature end of data segment\)$'
crash_image crash-jpeg-12bit deep12.jpg 'a JPEG of other than 8 bits per sample, which the PDF library cannot read: save it with 8 bits$'

if row crash-png-16bit-interlaced; then
	# Refused before ("save it with 8 bits", "without interlacing"); now
	# decoded like any other PNG, and the PDF shows them.
	crash_images
	printf '\n\n![a](../images/deep16.png) ![b](../images/adam7.png) ![c](../images/ok.jpg)\n' \
		>>content/playbooks/decision-chain.md
	sg 0 pdf.err pdf content/playbooks/decision-chain.md -o one.pdf --content content
	every_build 0 build.err
	built one.pdf out/playbooks/decision-chain.pdf
	if command -v pdfimages >/dev/null; then
		pdfimages -list one.pdf >images.txt 2>&1
		grep -qE '^ *[0-9]+ +[0-9]+ +image +24 +16 +rgb +3 +8 ' images.txt ||
			fail "the 16-bit PNG is not in the PDF: $(cat images.txt)"
		grep -qE 'smask +24 +16 +gray' images.txt || fail "the interlaced PNG's alpha is not in the PDF"
		grep -qE 'image +16 +16 +gray +1 +8 +jpeg' images.txt || fail "the JPEG is not in the PDF"
	fi
fi

if row crash-image-repeated; then
	# The logo shown 20,000 times in one paragraph: one image in the PDF.
	# Each showing was a copy of its pixels (2 GB, the memory budget
	# stopped it; with threads nothing did).
	py 'import sys; open(sys.argv[1], "a").write("\n\n" + "![logo](../images/logo.png) " * 20000 + "\n")' \
		content/playbooks/decision-chain.md
	sg 0 pdf.err pdf content/playbooks/decision-chain.md -o one.pdf --content content
	every_build 0 build.err
	built one.pdf out/playbooks/decision-chain.pdf
	# The cover's logo and the body's, each with its soft mask.
	n=$(grep -ac '/Subtype /Image' one.pdf)
	[ "$n" -eq 4 ] || fail "the PDF holds $n images, not 4"
fi

if row crash-logo-truncated; then
	# The cover logo cut short: every PDF with a cover fails, naming the
	# logo once; the rest is built. Before, libpng aborted each of them (and
	# the whole build with threads).
	head -c 1000 content/images/logo.png >logo.png && mv logo.png content/images/logo.png
	every_build 1 build.err
	for e in build.err build.err.threads; do
		says $e '^content/images/logo.png: error: corrupt PNG \(the file is cut short\)$'
		n=$(grep -c 'logo.png' $e)
		[ "$n" -eq 1 ] || fail "$e names the logo $n times, not once"
	done
	for o in out out-threads; do
		notbuilt $o/playbooks/decision-chain.pdf $o/proposals/hengtong-logistics.pdf
		built $o/reports/review-hengtong-logistics.pdf $o/reports/pipeline.pdf \
			$o/costs/hengtong-logistics.json $o/site/index.html
		# A sent proposal is the sent file itself, logo or not.
		cmp -s content/sent/YM-2026-0038.pdf $o/proposals/huayue-securities.pdf ||
			fail "$o: the sent proposal is not the sent file"
	done
	sg 1 pdf.err pdf content/playbooks/decision-chain.md -o one.pdf --content content
	says pdf.err '^content/images/logo.png: error: corrupt PNG \(the file is cut short\)$'
	notbuilt one.pdf
fi

if [ $failures -ne 0 ]; then
	echo "bad_input.sh: $failures failures"
	exit 1
fi
echo "bad_input.sh: ok"
