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
	# Each amount fits, the sum over five years and all users does not (the
	# other customers of the edition stay under 999,999,999,999.99).
	sed -i 's/users="1000"/users="2000000000"/' $H
	sed -i 's/<edition id="business"\(.*\)price="[0-9.]*"/<edition id="business"\1price="40000000"/' content/catalog.xml
	sg 1 check.err check --content content
	says check.err "^content/customers/hengtong-logistics.xml:74:3: error: cannot compute the cost model: an amount or total is too large"
	build1 build.err
	says build.err "^content/customers/hengtong-logistics.xml:74:3: error: cannot compute the cost model: an amount or total is too large"
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

# ------------------------------------------------------------ values that cannot be shown
# pdftext PDF: the PDF's text on one line (empty without pdftotext).
pdftext() {
	command -v pdftotext >/dev/null && pdftotext -q "$1" - | tr -d '\n'
}
HERR='^content/customers/hengtong-logistics.xml'
hengtong_failed() {
	notbuilt out/costs/hengtong-logistics.json out/proposals/hengtong-logistics.pdf \
		out/reports/review-hengtong-logistics.pdf
	built $OTHER_COST $OTHER_PROPOSAL out/playbooks/decision-chain.pdf out/site/index.html
}

if row value-name-blank; then
	# The name is only spaces and there is no short name: the proposal said
	# "本方案专为(null)编制" on every page.
	sed -i 's|<name>恒通物流集团有限公司</name>|<name>   </name>|; /<short-name>/d' $H
	sg 1 check.err check --content content
	says check.err "$HERR:5:9: error: <name> is empty \(only spaces\)$"
	build1 build.err
	says build.err "$HERR:5:9: error: <name> is empty \(only spaces\)$"
	hengtong_failed
	grep -rq '(null)' out && fail "(null) in an output"
fi

if row value-blank-everywhere; then
	# The same rule for every text value the schema types as text, in a
	# customer (an element, an attribute, ideographic spaces, an empty one).
	sed -i 's|<contact name="陈国栋"|<contact name="  "|; s|<item>信息中心主任认可托管方案，愿意牵线副总裁。</item>|<item>　</item>|; s|<address>.*</address>|<address></address>|; s|amount="95000"|amount=" "|' $H
	sg 1 check.err check --content content
	says check.err "$HERR:11:12: error: <address> is empty$"
	says check.err "$HERR:18:27: error: attribute amount of <hardware> is empty \(only spaces\)$"
	says check.err "$HERR:49:14: error: attribute name of <contact> is empty \(only spaces\)$"
	says check.err "$HERR:61:11: error: <item> is empty \(only spaces\)$"
	# Said once: the amount is not also "not a number".
	[ "$(grep -c 'hardware\|amount' check.err.out)" -eq 1 ] || fail "the blank amount is reported twice: $(cat check.err.out)"
	build1 build.err
	hengtong_failed
fi

if row value-site-blank; then
	sed -i 's|name="张伟" name-en|name=" " name-en|' content/site.xml
	sg 1 check.err check --content content
	says check.err "^content/site.xml:17:25: error: attribute name of <rep> is empty \(only spaces\)$"
	build1 build.err
	says build.err "^content/site.xml:17:25: error: attribute name of <rep> is empty \(only spaces\)$"
	built out/costs/hengtong-logistics.json out/playbooks/decision-chain.pdf
	notbuilt out/proposals/hengtong-logistics.pdf out/reports/pipeline.pdf
fi

if row value-catalog-blank; then
	# An ideographic space (U+3000) is a space too.
	sed -i '0,/<name>云邮企业邮箱<\/name>/s//<name>　<\/name>/' content/catalog.xml
	sg 1 check.err check --content content
	says check.err "^content/catalog.xml:48:11: error: <name> is empty \(only spaces\)$"
	build1 build.err
	says build.err "^content/catalog.xml:48:11: error: <name> is empty \(only spaces\)$"
	built out/playbooks/decision-chain.pdf out/site/playbooks/decision-chain.html
	notbuilt out/proposals/hengtong-logistics.pdf
fi

if row value-title-blank; then
	sed -i '2s/^title: .*/title: "   "/' content/playbooks/decision-chain.md
	sed -i '0,/^subtitle: .*/s//subtitle: ""/' content/proposals/standard.md
	sg 1 check.err check --content content
	says check.err "^content/playbooks/decision-chain.md:2:8: error: title is empty \(only spaces\)$"
	says check.err "^content/proposals/standard.md:3:11: error: subtitle is empty$"
	build1 build.err
	says build.err "^content/playbooks/decision-chain.md:2:8: error: title is empty \(only spaces\)$"
	notbuilt out/playbooks/decision-chain.pdf out/proposals/hengtong-logistics.pdf
	built out/playbooks/objection-handling.pdf out/costs/hengtong-logistics.json
fi

if row value-date-9999; then
	# Valid until 9999-12-31 + 30 days: the proposal said "有效期至 。".
	sed -i 's|as-of="2026-11-20"|as-of="9999-12-31"|; s|date="2026-11-20" valid-days|date="9999-12-31" valid-days|; s|YM-2026-0031|YM-9999-0031|' $H
	msg="$HERR:75:28: error: valid-days '30' from the offer's date 9999-12-31 runs past 9999-12-31, the last date a document can show"
	sg 1 check.err check --content content
	says check.err "$msg"
	build1 build.err
	says build.err "$msg"
	hengtong_failed
fi

if row value-date-edges; then
	# The first and last days, and a leap day, that can be shown are fine.
	sed -i 's|as-of="2026-11-20"|as-of="9999-12-31"|; s|date="2026-11-20" valid-days="30"|date="2028-02-29" valid-days="365"|; s|YM-2026-0031|YM-2028-0031|; s|due="2027-01-31"|due="9999-12-31"|; s|date="2026-08-14"|date="1900-01-01"|' $H
	sed -i 's|as-of="[0-9-]*"|as-of="1900-01-01"|' $HJ
	sg 0 build.err build --content content --out out --quiet
	built out/proposals/hengtong-logistics.pdf out/reports/review-hengtong-logistics.pdf
	pdftext out/proposals/hengtong-logistics.pdf | grep -q '有效期至 2029年2月28日' ||
		[ -z "$(pdftext out/proposals/hengtong-logistics.pdf)" ] || fail "the validity is not 2029-02-28"
	# A build date past 9999 is ignored, with a warning.
	SOURCE_DATE_EPOCH=253402300800 sg 0 build2.err build --content content --out out2 --quiet
	says build2.err "^SOURCE_DATE_EPOCH: warning: '253402300800' is a day after 9999-12-31"
	# And a date before 1900 is not a date.
	sed -i 's|date="1900-01-01"|date="0001-01-01"|' $H
	sg 1 check.err check --content content
	says check.err "$HERR:[0-9]+:[0-9]+: error: date '0001-01-01' is not a date"
fi

if row value-labour-share; then
	# Labour of 96 billion yuan a year fits every total, but labour x 10^6
	# passed 64 bits: the share printed as -92.2% (UBSan flagged it).
	sed -i 's|monthly-salary="13000" share="0.6"|monthly-salary="4000000000" share="1"|' $H
	sed -i 's|^## 二、自建系统的真实成本|&\n\n人工占比 {{self_hosted.labour_share}}。|' content/proposals/standard.md
	sg 0 build.err build --content content --out out --quiet
	built out/proposals/hengtong-logistics.pdf
	t=$(pdftext out/proposals/hengtong-logistics.pdf)
	[ -z "$t" ] || [[ $t == *"人工占比 100%"* ]] || fail "the labour share is not 100%: $(echo "$t" | grep -o '人工占比.\{0,12\}')"
fi

if row value-chart-overflow; then
	# A 17-digit purchase over 100 years: the site's chart overflowed its
	# coordinates. Past 999,999,999,999.99 a figure is refused at its element.
	sed -i 's|amount="180000" years="5"|amount="90000000000000000" years="100"|' $H
	msg="$HERR:17:5: error: cannot compute the cost model: an amount or total is too large \(a document shows at most 999,999,999,999.99\)"
	sg 1 check.err check --content content
	says check.err "$msg"
	build1 build.err
	says build.err "$msg"
	hengtong_failed
	notbuilt out/site/accounts/hengtong-logistics.html
fi

if row value-amount-edges; then
	# Each amount that makes a figure past what a document shows is blamed on
	# its own element: the electricity, a salary, a renewal, a fee, the offer.
	cp $H orig.xml
	for c in '20:5|s/watts="1600"/watts="9000000000000000"/' \
		'22:5|s/monthly-salary="11000"/monthly-salary="900000000000"/' \
		'23:5|s/amount="36000"/amount="90000000000000000"/' \
		'76:5|s/amount="15000"/amount="90000000000000000"/' \
		'74:3|s/users="1000"/users="1000000000000"/'; do
		pos=${c%%|*}
		sed "${c#*|}" orig.xml >$H
		sg 1 check-$pos.err check --content content
		says check-$pos.err "$HERR:$pos: error: cannot compute the cost model: an amount or total is too large"
	done
	build1 build.err
	hengtong_failed
	# Discounts at the edges are fine: 1 (list price) and one millionth.
	for dsc in 1 0.000001; do
		sed "s/discount=\"0.85\"/discount=\"$dsc\"/" orig.xml >$H
		sg 0 build-$dsc.err build --content content --out out-$dsc --quiet
		built out-$dsc/proposals/hengtong-logistics.pdf
	done
fi

if row value-counts-huge; then
	sed -i 's|users="1000"|users="90000000000000000"|; s|<employees>1300</employees>|<employees>9000000000000000000</employees>|' $H
	sg 1 check.err check --content content
	says check.err "$HERR:74:44: error: users '90000000000000000' is more than 1000000000000, the largest count whose totals a document can show"
	says check.err "$HERR:8:3: error: employees '9000000000000000000' is more than 1000000000000"
	build1 build.err
	hengtong_failed
fi

if row value-template-null; then
	# A template that shows a value the customer does not give: an error at
	# the tag, never "本报价编号为 ，".
	sed -i 's| number="YM-2026-0031"||' $H
	sed -i 's|^## 四、节省测算|方案编号 {{offer.number}}。\n\n&|' content/proposals/standard.md
	build1 build.err
	says build.err "^content/proposals/standard.md:[0-9]+:6: error: 'offer.number' has no value here \(the content does not give it\), and would print as nothing: show it inside \{\{#offer.number\}\}...\{\{/offer.number\}\}"
	notbuilt out/proposals/hengtong-logistics.pdf
	built out/costs/hengtong-logistics.json $OTHER_PROPOSAL out/reports/review-hengtong-logistics.pdf
fi

if row value-label-missing; then
	# No lifecycle and a contact without attitude: the review took their
	# labels from a buffer that was gone (garbage in the PDF, ASan's
	# stack-use-after-scope). Now a dash.
	sed -i '/<lifecycle>/d; s| attitude="supporter"||' $H
	sg 0 build.err build --content content --out out --quiet
	built out/reports/review-hengtong-logistics.pdf
	t=$(pdftext out/reports/review-hengtong-logistics.pdf)
	[[ $t != *$'\ufffd'* ]] || fail "garbage in the review"
fi

if [ $failures -ne 0 ]; then
	echo "bad_input.sh: $failures failures"
	exit 1
fi
echo "bad_input.sh: ok"
