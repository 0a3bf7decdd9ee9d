#!/usr/bin/env bash
# bad_input.sh - every row of docs/errors.md through the real binary. Each
# row copies the sample content into a fresh folder, breaks it the row's way
# and runs `salesgen check` and/or `salesgen build`; then it asserts that
# salesgen did not crash (exit 1, or 2 for bad usage; never a signal or a
# sanitizer report), did not hang (a guard of 60 s: timeout), printed the
# message with the file and its position, still built the other outputs,
# and left no half-written file in the output folder.
# usage: bash bad_input.sh SALESGEN_BINARY SOURCE_DIR WORKDIR [ROW...]
. "$(dirname "$0")/lib/prologue.sh" "$@"
shift 3
ONLY=" $* "
need python3
export SOURCE_DATE_EPOCH=1795132800
ROW=

# row NAME: start a row in a fresh copy of content/ (and themes/); returns 1
# when the row is not selected on the command line.
row() {
	ROW=$1
	PART=$1 # names the row in each failure
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
	[ $RC -eq 124 ] && fail "salesgen $1 hangs (stopped by the guard of 60 s)"
	[ $RC -ge 128 ] && fail "salesgen $1 died of signal $((RC - 128))"
	sanitizer_check "$err"
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
	# strace, when present, proves the file is never opened. (LeakSanitizer
	# cannot run under strace, which holds the ptrace it needs.)
	if command -v strace >/dev/null; then
		ASAN_OPTIONS=$ASAN_OPTIONS:detect_leaks=0 \
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
	sg 1 check.err check --content content
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

if row seal-size; then
	# A seal the size of a page would cover the quotation's figures.
	sed -i 's/<seal \(.*\) size="42"/<seal \1 size="99"/' content/site.xml
	sg 1 check.err check --content content
	says check.err "^content/site.xml:[0-9]+:[0-9]+: error: seal size '99' must be a number of millimetres from 20 to 60 \(a company seal is 42\)\$"
	build1 build.err
	says build.err "^content/site.xml:[0-9]+:[0-9]+: error: seal size '99'"
fi

if row seal-src; then
	# A seal picture that is not there, then a file that is not a PNG: the
	# error at site.xml's line, once, not at each quotation.
	sed -i 's|<seal [^>]*/>|<seal src="images/no-seal.png" size="42"/>|' content/site.xml
	sg 1 check.err check --content content
	says check.err "^content/site.xml:[0-9]+:[0-9]+: error: seal 'images/no-seal.png' cannot be read: no such file in the content folder\$"
	build1 build.err
	says build.err "^content/site.xml:[0-9]+:[0-9]+: error: seal 'images/no-seal.png' cannot be read"
	echo "not a picture" >content/images/seal.png
	sed -i 's|images/no-seal.png|images/seal.png|' content/site.xml
	sg 1 check2.err check --content content
	says check2.err "^content/site.xml:[0-9]+:[0-9]+: error: seal 'images/seal.png' is not a PNG image \(a seal picture is a PNG, with transparency\)\$"
fi

if row seal-src-cut; then
	# A seal picture that is a PNG cut short passes site.xml's check (its
	# header is right) and fails where it is drawn: each approved quotation
	# fails, naming the picture once; drafts (no seal) and the rest are built.
	head -c 1000 content/images/logo.png >content/images/seal.png
	sed -i 's|<seal [^>]*/>|<seal src="images/seal.png" size="42"/>|' content/site.xml
	build1 build.err
	says build.err '^content/images/seal.png: error: corrupt PNG \(the file is cut short\)$'
	n=$(grep -c 'seal.png' build.err)
	[ "$n" -eq 1 ] || fail "build.err names the seal's picture $n times, not once"
	notbuilt out/quotes/hengtong-logistics.pdf
	built out/quotes/huajun-auto.pdf out/proposals/hengtong-logistics.pdf $OTHER_PROPOSAL
fi

if row customer-kind; then
	# A kind of organisation that is not one of the list: the schema's error
	# at the customer's line; the customer is not built, the others are.
	sed -i 's/ kind="company">/ kind="firm">/' $H
	sg 1 check.err check --content content
	says check.err "^content/customers/hengtong-logistics.xml:4: error: <customer kind=\"firm\">: 'firm' is not one of the allowed values: company, law-firm, school, hospital, bank, government, other\$"
	build1 build.err
	says build.err "^content/customers/hengtong-logistics.xml:4: error: <customer kind=\"firm\">"
	notbuilt out/proposals/hengtong-logistics.pdf
	built $OTHER_COST $OTHER_PROPOSAL
fi

if row offer-without-as-of; then
	# A customer with an offer and no as-of: an error at its line (its
	# proposal would have no date); one without an offer: a warning.
	sed -i 's| as-of="2026-11-20"||' $H
	sed -i 's| as-of="2026-11-20"||' content/customers/jinxiu-apparel.xml
	edit content/customers/jinxiu-apparel.xml "re.sub(r'(?s)\\s*<offer .*</offer>', '', s)"
	sg 1 check.err check --content content
	says check.err "^content/customers/hengtong-logistics.xml:4:1: error: a customer with an offer needs as-of, the day its figures describe \\(as-of=\"2026-11-20\"\\): its proposal is dated by it"
	says check.err "^content/customers/jinxiu-apparel.xml:5:1: warning: no as-of, the day the file's figures describe"
	build1 build.err
	notbuilt out/proposals/hengtong-logistics.pdf
	built $OTHER_COST $OTHER_PROPOSAL out/reports/review-jinxiu-apparel.pdf
fi

if row unknown-concern; then
	# A concern outside the list in a customer file: an error naming it; the
	# customer is left out, the others are built.
	sed -i 's|<concerns>confidentiality stability</concerns>|<concerns>confidentiality uptime</concerns>|' content/customers/zhengyuan-law.xml
	sg 1 check.err check --content content
	says check.err "^content/customers/zhengyuan-law.xml:16:3: error: unknown concern 'uptime' \\(one of: confidentiality, overseas-mail, spam, rbl, stability, connectivity, maintenance, integration, mailbox-size, service\\)\$"
	build1 build.err
	notbuilt out/proposals/zhengyuan-law.pdf
	built $OTHER_COST $OTHER_PROPOSAL out/proposals/jinheng-futures.pdf
fi

if row case-unknown-concern; then
	# ... and in a case study's front matter: as for any broken case study,
	# the proposals (which may show it) and its page are not built.
	sed -i 's|^concerns: \[rbl\]|concerns: [rbl, blacklist]|' content/cases/futures-imail.md
	sg 1 check.err check --content content
	says check.err "^content/cases/futures-imail.md:11:17: error: unknown concern 'blacklist' \\(one of: "
	build1 build.err
	notbuilt out/site/cases/futures-imail.html $OTHER_PROPOSAL
	built $OTHER_COST out/site/index.html out/reports/pipeline.pdf out/site/cases/group-imail.html
fi

if row template-feature; then
	# A template that names a feature the offered edition lacks: hengtong
	# offered the standard edition, which has no overseas relay, and the
	# template promising it; an error at the name, from check and build.
	sed -i 's/edition="business" users="1000"/edition="standard" users="1000"/' $H
	sed -i 's|^{{offer.product_summary}}$|{{offer.product_summary}}海外邮件走海外专线中继。|' content/proposals/standard.md
	line=$(grep -n '海外专线中继' content/proposals/standard.md | cut -d: -f1)
	msg="^content/proposals/standard.md:$line:31: error: the template names the feature '海外专线中继' \\(relay\\), which the standard edition offered to hengtong-logistics does not have"
	sg 1 check.err check --content content
	says check.err "$msg"
	build1 build.err
	says build.err "$msg"
	notbuilt out/proposals/hengtong-logistics.pdf
	built $OTHER_COST $OTHER_PROPOSAL out/reports/review-hengtong-logistics.pdf
fi

if row edition-summary-feature; then
	# A summary the standard edition shows (its own) that names a feature it
	# lacks: an error at the summary, as any error of the catalog.
	sed -i 's|<summary>托管在国内多线机房的企业邮箱，垃圾邮件|<summary>托管在国内多线机房的企业邮箱，含海外专线中继，垃圾邮件|' content/catalog.xml
	line=$(grep -n '含海外专线中继' content/catalog.xml | cut -d: -f1)
	sg 1 check.err check --content content
	says check.err "^content/catalog.xml:$line: error: the summary of this edition names the feature '海外专线中继' \\(relay\\), which edition standard of product mail does not have\$"
	build1 build.err
	built out/playbooks/decision-chain.pdf out/site/playbooks/decision-chain.html
	notbuilt out/proposals/hengtong-logistics.pdf
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
if row pdf-yaml-punctuation; then
	echo 'punctuation: hanging' >>themes/default/pdf.yaml
	line=$(grep -n '^punctuation: hanging$' themes/default/pdf.yaml | cut -d: -f1)
	build1 build.err --theme default
	says build.err "^content/\.\./themes/default/pdf\.yaml:$line:14: error: 'punctuation' must be mainland or none\$"
	n=$(grep -c "'punctuation'" build.err)
	[ "$n" -eq 1 ] || fail "the punctuation error is printed $n times, not once"
	notbuilt out/playbooks/decision-chain.pdf out/proposals/hengtong-logistics.pdf
	built out/costs/hengtong-logistics.json out/site/index.html
fi

if row missing-font; then
	sed -i 's/^  latin: .*$/  latin: No Such Font Family/' themes/default/pdf.yaml
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

if row font-no-bold; then
	# A family without a bold face (WenQuanYi Micro Hei has one weight) for
	# the headings: their bold is stroked, with a warning where pdf.yaml
	# names the family, once for the whole build; an error under --strict.
	sed -i 's/^  heading_cjk: .*$/  heading_cjk: WenQuanYi Micro Hei/' themes/default/pdf.yaml
	line=$(grep -n '^  heading_cjk: WenQuanYi Micro Hei$' themes/default/pdf.yaml | cut -d: -f1)
	sg 0 build.err build --content content --out out --quiet
	says build.err "^content/\.\./themes/default/pdf\.yaml:$line:16: warning: font family \"WenQuanYi Micro Hei\" has no bold face: its bold is drawn by stroking the outlines\$"
	n=$(grep -c 'no bold face' build.err)
	[ "$n" -eq 1 ] || fail "the warning is printed $n times, not once"
	built out/proposals/hengtong-logistics.pdf out/playbooks/decision-chain.pdf
	sg 1 strict.err build --content content --out out2 --quiet --strict
	says strict.err "^content/\.\./themes/default/pdf\.yaml:$line:16: error: font family \"WenQuanYi Micro Hei\" has no bold face"
	notbuilt out2/proposals/hengtong-logistics.pdf out2/playbooks/decision-chain.pdf
	built out2/costs/hengtong-logistics.json out2/site/index.html
	clean out2
fi

if row emphasis-cjk-value; then
	sed -i 's/^emphasis_cjk: .*$/emphasis_cjk: italic/' themes/default/pdf.yaml
	line=$(grep -n '^emphasis_cjk: italic$' themes/default/pdf.yaml | cut -d: -f1)
	build1 build.err
	says build.err "^content/\.\./themes/default/pdf\.yaml:$line:15: error: 'emphasis_cjk' must be kai or dots\$"
	notbuilt out/proposals/hengtong-logistics.pdf
	built out/costs/hengtong-logistics.json out/site/index.html
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

# A picture on the web is never downloaded: the PDF shows a link to it, the
# site an <img> (or, with remote-images="false", a link).
if row image-remote; then
	printf '\n\n![示意图](https://img.example.com/a.png)\n\n见 ![图标](https://img.example.com/a.png) 所示。\n' \
		>>content/playbooks/decision-chain.md
	sg 0 build.err build --content content --out out --jobs 2 --quiet
	says build.err "^content/playbooks/decision-chain.md:104: warning: remote image 'https://img.example.com/a.png' is shown as a link \(salesgen never downloads images\)\$"
	[ "$(grep -c 'remote image' build.err)" = 1 ] || fail "not one warning for the address: $(cat build.err)"
	built out/playbooks/decision-chain.pdf out/site/playbooks/decision-chain.html
	grep -qF '<img src="https://img.example.com/a.png" alt="示意图"' out/site/playbooks/decision-chain.html ||
		fail "the site does not show the picture"
	clean out
	rm -rf out
	sg 1 strict.err build --content content --out out --jobs 2 --quiet --strict
	says strict.err "^content/playbooks/decision-chain.md:104: error: remote image 'https://img.example.com/a.png' is shown as a link"
	notbuilt out/playbooks/decision-chain.pdf
	built out/playbooks/objection-handling.pdf out/costs/hengtong-logistics.json
fi

if row site-remote-images; then
	sed -i 's|<site lang="zh-CN"|<site lang="zh-CN" remote-images="no"|' content/site.xml
	sg 1 check.err check --content content
	says check.err "^content/site.xml:4: error: <site remote-images=\"no\">: 'no' is not one of the allowed values: true, false\$"
	build1 build.err
	says build.err "^content/site.xml:4: error: <site remote-images=\"no\">"
	built out/costs/hengtong-logistics.json out/playbooks/decision-chain.pdf
	notbuilt out/site/index.html
fi

# ------------------------------------------------------------ pathological Markdown
if row markdown-nested; then
	# 10,000 nested quotes, then 10,000 nested lists, from line 104. The PDF
	# refuses more than 32 levels at once (no budget needed); the site shows them.
	py 'import sys; open(sys.argv[1], "a").write("\n\n" + "> " * 10000 + "deep\n\n" + "- " * 10000 + "deep\n")' \
		content/playbooks/decision-chain.md
	build1 build.err
	says build.err "^content/playbooks/decision-chain.md:104: error: lists and block quotes nested more than 32 deep"
	says build.err "^content/playbooks/decision-chain.md:106: error: lists and block quotes nested more than 32 deep"
	notbuilt out/playbooks/decision-chain.pdf
	built out/playbooks/objection-handling.pdf out/costs/hengtong-logistics.json \
		out/proposals/hengtong-logistics.pdf out/site/playbooks/decision-chain.html
fi

# The budget of 3 s lies far above what a playbook needs (a tenth of a
# second, sanitizers included) and far below what these two take (from 20 s
# on): the rows check which outputs the budget stopped, never a duration.
if row markdown-slow-links; then
	py 'import sys; open(sys.argv[1], "a").write("\n\n" + "![[]()" * 80000 + "\n")' content/playbooks/decision-chain.md
	sg 1 build.err build --content content --out out --jobs 2 --quiet --budget-time 3 --only playbooks
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
	sg 1 build.err build --content content --out out --jobs 2 --quiet --budget-time 3 --only playbooks
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
	sed -i 's|<name>恒通物流集团有限公司</name>|<name>𠮷野家😀物流𪚥集团有限公司</name>|' $H
	sg 0 build.err build --content content --out out --quiet
	built out/proposals/hengtong-logistics.pdf out/costs/hengtong-logistics.json
	grep -rq '𠮷野家😀物流𪚥集团' out/site || fail "the name is not on the site"
	# In the PDF, characters beyond the BMP are glyphs like any other: 𠮷
	# is in Noto Serif CJK SC, 😀 and 𪚥 (CJK Extension B) in no font of the
	# default theme, but the fallback chain finds them (fonts-hanazono):
	# all drawn, copied back, no warning.
	grep -q 'glyph' build.err && fail "a warning about a character some font has: $(grep glyph build.err)"
	if command -v pdftotext >/dev/null; then
		pdftotext out/proposals/hengtong-logistics.pdf - | grep -q '𠮷野家😀物流𪚥集团' ||
			fail "the name is not in the proposal whole"
	fi
	# 𰀀 (U+30000, CJK Extension G) is in no installed font: a box is drawn
	# in its place, with a warning; under --strict it is an error and the
	# proposal is not made.
	sed -i 's|<name>𠮷野家😀物流𪚥集团有限公司</name>|<name>𠮷野家𰀀物流集团有限公司</name>|' $H
	sg 0 build2.err build --content content --out out2 --quiet
	says build2.err "^content/proposals/standard.md:[0-9]+: warning: no installed font has a glyph for 𰀀 \(U\+30000\); a box is drawn in its place\$"
	built out2/proposals/hengtong-logistics.pdf
	if command -v pdftotext >/dev/null; then
		pdftotext out2/proposals/hengtong-logistics.pdf - | grep -q '𠮷野家 *物流集团' ||
			fail "the rest of the name is not in the proposal"
	fi
	sg 1 strict.err build --content content --out out3 --quiet --strict
	says strict.err "^content/proposals/standard.md:[0-9]+: error: no installed font has a glyph for 𰀀 \(U\+30000\)"
	notbuilt out3/proposals/hengtong-logistics.pdf
	built out3/costs/hengtong-logistics.json out3/proposals/huajun-auto.pdf
	clean out3
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

# ------------------------------------------------------------ raw HTML and links
BOOK=content/playbooks/decision-chain.md
BOOK_PDF=out/playbooks/decision-chain.pdf
BOOK_PAGE=out/site/playbooks/decision-chain.html
# ere TEXT: TEXT as an extended regex that matches it literally.
ere() { printf '%s' "$1" | sed 's/[][\.*^$(){}?+|/]/\\&/g'; }
# raw_html MARKDOWN: site.xml says raw-html="true", MARKDOWN ends the
# playbook; the build succeeds, and no page holds markup that can run.
raw_html() {
	sed -i 's|<site lang="zh-CN"|<site lang="zh-CN" raw-html="true"|' content/site.xml
	printf '\n%s\n' "$1" >>$BOOK
	sg 0 build.err build --content content --out out --jobs 2 --quiet
	clean out
	built $BOOK_PAGE $BOOK_PDF $OTHER_COST $OTHER_PROPOSAL out/reports/pipeline.pdf
	python3 "$SRC/tests/tools/site_inert.py" out/site >inert.txt ||
		fail "markup that can run on the site: $(grep FAIL inert.txt | head -3)"
}
# bad_link TARGET SHOWN: a link to TARGET (as written in Markdown) on the
# playbook's last line; the build warns at that line with SHOWN and goes on,
# and neither the PDF nor the site page links to it.
bad_link() {
	local line
	line=$(($(wc -l <$BOOK) + 2))
	printf '\n坏链接：[点这里](%s)\n' "$1" >>$BOOK
	sg 0 build.err build --content content --out out --jobs 2 --quiet
	clean out
	built $BOOK_PDF $BOOK_PAGE $OTHER_COST $OTHER_PROPOSAL out/reports/pipeline.pdf
	says build.err "^$BOOK:$line: warning: link target '$(ere "$2")' is not allowed \(only http, https, mailto, tel and relative links\): shown as text$"
	python3 "$SRC/tests/tools/pdf_uris.py" $BOOK_PDF >uris.txt || fail "cannot read $BOOK_PDF"
	grep -qxF -- "$2" uris.txt && fail "$BOOK_PDF links to $2"
	grep -iE '^(ACTION:|[[:space:][:cntrl:]]*(javascript|vbscript|file|data)|\\|//)' uris.txt &&
		fail "$BOOK_PDF links to a refused target: $(head -3 uris.txt)"
	grep -q '坏链接：点这里' $BOOK_PAGE || fail "the link's text is not on the site as text"
	python3 "$SRC/tests/tools/site_inert.py" out/site >inert.txt ||
		fail "markup that can run on the site: $(grep FAIL inert.txt | head -3)"
}

if row html-quoted-gt; then
	raw_html '<img title=">" src=x onerror=alert(1)>'
	grep -qF '<img title="&gt;" src="x">' $BOOK_PAGE || fail "the image is not kept without its handler"
fi

if row html-entity-href; then
	raw_html '<a href="&#106;avascript:alert(1)">链接</a>'
	grep -qF '<a>链接</a>' $BOOK_PAGE || fail "the link is not kept without its href"
fi

if row html-unclosed-tag; then
	raw_html "$(printf '<details open title="\n\n[看](http://a/ontoggle=alert(1)//)')"
	# Closed inside the playbook's HTML: the page's pager after it is not
	# inside the <details>.
	py '
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    depth, pager = 0, None
    def handle_starttag(self, tag, attrs):
        self.depth += tag == "details"
        if tag == "nav" and ("class", "pager") in attrs and self.pager is None:
            self.pager = self.depth
    def handle_endtag(self, tag):
        self.depth -= tag == "details"
p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
sys.exit(0 if p.pager == 0 else 1)' $BOOK_PAGE || fail "the unclosed <details> swallows the page after the playbook"
fi

if row link-javascript; then
	bad_link 'javascript:alert(1)' 'javascript:alert(1)'
fi

if row link-vbscript; then
	bad_link 'VBScript:msgbox(1)' 'VBScript:msgbox(1)'
fi

if row link-file; then
	bad_link 'file:///etc/passwd' 'file:///etc/passwd'
fi

if row link-data; then
	bad_link 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' \
		'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='
fi

if row link-unc; then
	# Markdown takes "\\" for one backslash.
	bad_link '\\\\fileserver\\share' '\\fileserver\share'
fi

if row link-entity; then
	bad_link '&#106;avascript:alert(1)' 'javascript:alert(1)'
fi

if row link-percent; then
	bad_link 'javascript%3Aalert(1)' 'javascript%3Aalert(1)'
fi

# ------------------------------------------------------------ outputs and the output folder
# unchanged: content/ and themes/ are as copied (salesgen never writes there).
unchanged() {
	diff -r "$SRC/content" content >/dev/null || fail "the content changed: $(diff -rq "$SRC/content" content | head -3)"
	diff -r "$SRC/themes" themes >/dev/null || fail "the themes changed"
}

if row out-pdf-over-input; then
	D=content/playbooks/decision-chain.md
	# The document itself, however it is spelt or linked to.
	sg 2 self.err pdf $D -o $D
	says self.err "^salesgen pdf: -o $D: this is an input of the run \(the document $D\): choose another file$"
	sg 2 dots.err pdf $D --output content/playbooks/../playbooks/./decision-chain.md
	says dots.err "^salesgen pdf: --output content/playbooks/\.\./playbooks/\./decision-chain\.md: this is an input of the run"
	ln -s $D soft.pdf
	sg 2 soft.err pdf $D -o soft.pdf
	says soft.err "^salesgen pdf: -o soft.pdf: this is an input of the run \(the document $D\)"
	ln $D hard.pdf
	sg 2 hard.err pdf $D -o hard.pdf
	says hard.err "^salesgen pdf: -o hard.pdf: this is an input of the run"
	# Anywhere in the content folder or the theme, existing or not, through
	# '..' or a link that points where nothing is yet.
	sg 2 in.err pdf $D -o content/playbooks/new.pdf
	says in.err "^salesgen pdf: -o content/playbooks/new.pdf: this lies inside the content folder content, which salesgen never writes into: choose a file outside it$"
	sg 2 up.err pdf $D -o no-such/../content/new.pdf
	says up.err "^salesgen pdf: -o no-such/\.\./content/new.pdf: this lies inside the content folder content,"
	ln -s content/playbooks/later.pdf dangling.pdf
	sg 2 dangling.err pdf $D -o dangling.pdf
	says dangling.err "^salesgen pdf: -o dangling.pdf: this lies inside the content folder content,"
	sg 2 theme.err pdf $D -o themes/default/x.pdf
	says theme.err "^salesgen pdf: -o themes/default/x.pdf: this lies inside the theme folder content/\.\./themes/default,"
	# An image the document shows is an input too, found while it is set.
	mkdir notes && cp content/images/logo.png notes/pic.png && cp notes/pic.png pic.orig
	printf '# A note\n\n![a picture](pic.png)\n' >notes/note.md
	sg 2 image.err pdf notes/note.md -o notes/pic.png
	says image.err "^salesgen pdf: -o notes/pic.png: this is an input of the run \(read by this run as notes/pic.png\): choose another file$"
	cmp -s notes/pic.png pic.orig || fail "the image was written over"
	unchanged
	[ -L soft.pdf ] && [ -L dangling.pdf ] && [ ! -e content/playbooks/later.pdf ] || fail "a link was written through"
	# Without -o, a document of the content folder is set into the current folder.
	sg 0 default.err pdf $D
	built decision-chain.pdf
	notbuilt content/playbooks/decision-chain.pdf
	unchanged
fi

if row out-proposal-over-input; then
	sg 2 self.err proposal $H -o $H
	says self.err "^salesgen proposal: -o $H: this is an input of the run \(the customer file $H\): choose another file$"
	sg 2 other.err proposal $H --out $HJ
	says other.err "^salesgen proposal: --out $HJ: this lies inside the content folder content, which salesgen never writes into"
	sg 2 md.err proposal $H --markdown -o content/proposals/standard.md
	says md.err "^salesgen proposal: -o content/proposals/standard.md: this lies inside the content folder content,"
	sg 2 review.err proposal $H --review -o themes/default/review.pdf --theme themes/default
	says review.err "^salesgen proposal: -o themes/default/review.pdf: this lies inside the theme folder themes/default,"
	unchanged
	sg "0 1" ok.err proposal $H -o ok.pdf
	built ok.pdf
fi

if row out-report-in-content; then
	# --report and --junit: refused before anything is built or written.
	sg 2 report.err build --content content --out out --report $H
	says report.err "^salesgen build: --report $H: this lies inside the content folder content, which salesgen never writes into: choose a file outside it$"
	sg 2 junit.err build --content content --out out --junit content/site.xml
	says junit.err "^salesgen build: --junit content/site.xml: this lies inside the content folder content,"
	sg 2 theme.err build --content content --out out --theme default --junit themes/default/junit.xml
	says theme.err "^salesgen build: --junit themes/default/junit.xml: this lies inside the theme folder content/\.\./themes/default,"
	ln -s content/site.xml report-link.json
	sg 2 link.err build --content content --out out --report report-link.json
	says link.err "^salesgen build: --report report-link.json: this lies inside the content folder content,"
	notbuilt out
	unchanged
fi

if row out-forged-manifest; then
	sg 0 first.err build --content content --out out --jobs 2 --quiet
	echo "the user's own notes" >out/notes.txt
	# Forged records (a CI cache restored from elsewhere, say): a manifest
	# entry that names the user's file as an output whose source is gone,
	# and a cached hash made to match the file's size, time and inode.
	python3 - <<'PY'
import os
st = os.stat("out/notes.txt")
h = "0123456789abcdef" * 4
with open("out/.salesgen/manifest", "a") as f:
    f.write("O %s %d cost - notes.txt\nI %s catalog.xml\n" % (h, st.st_size, h))
with open("out/.salesgen/cache", "a") as f:
    f.write("%s %d %d %d %d out:notes.txt\n" % (h, st.st_size, st.st_mtime_ns // 10**9,
                                                st.st_mtime_ns % 10**9, st.st_ino))
PY
	sg 0 build.err build --content content --out out --jobs 2 --quiet
	says build.err "^out/notes.txt: warning: not removed: salesgen's records name it as an output whose source is gone, but its bytes are not what salesgen wrote"
	[ "$(cat out/notes.txt 2>/dev/null)" = "the user's own notes" ] || fail "the user's file was deleted"
	clean out
fi

if row out-readonly; then
	# Works as root, who ignores permission bits: a file or a folder where
	# salesgen needs the other.
	mkdir -p out1/.salesgen/lock
	sg 2 lock.err build --content content --out out1 --quiet
	says lock.err "^out1: error: cannot write the output folder: out1/\.salesgen/lock: it is a folder, not a file$"
	mkdir out2 && touch out2/.salesgen
	sg 2 state.err build --content content --out out2 --quiet
	says state.err "^out2: error: cannot write the output folder: out2/\.salesgen: it is a symbolic link or a file, not a folder$"
	touch afile
	sg 2 file.err build --content content --out afile/out --quiet
	says file.err "^afile/out: error: cannot create the output folder: Not a directory$"
	# EACCES needs a user that permission bits stop: ourselves, or nobody
	# when we are root and setpriv can switch to it.
	as=()
	if [ "$(id -u)" = 0 ]; then
		chmod a+rx "$WORK" "$WORK/$ROW" 2>/dev/null
		if command -v setpriv >/dev/null &&
			setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN" --version >/dev/null 2>&1 &&
			setpriv --reuid=65534 --regid=65534 --clear-groups test -r content/site.xml; then
			as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
		else
			echo "note: $ROW: running as root without a user to switch to: the Permission denied part is skipped"
		fi
	fi
	if [ "$(id -u)" != 0 ] || [ ${#as[@]} -gt 0 ]; then
		mkdir ro && chmod 555 ro
		"${as[@]}" timeout 60 "$BIN" build --content content --out ro --quiet >ro.err.out 2>ro.err
		[ $? -eq 2 ] || fail "a read-only output folder does not exit 2: $(cat ro.err)"
		says ro.err "^ro: error: cannot write the output folder: ro/\.salesgen: Permission denied$"
		# Made by someone else: the lock file cannot be opened for writing.
		mkdir -p ro2/.salesgen/tmp && touch ro2/.salesgen/lock && chmod 755 ro2 ro2/.salesgen &&
			chmod 444 ro2/.salesgen/lock && chmod 777 ro2/.salesgen/tmp
		"${as[@]}" timeout 60 "$BIN" build --content content --out ro2 --quiet >ro2.err.out 2>ro2.err
		[ $? -eq 2 ] || fail "an output folder of another user does not exit 2: $(cat ro2.err)"
		says ro2.err "^ro2: error: cannot write the output folder: ro2/\.salesgen/lock: Permission denied$"
		chmod -R u+w ro ro2
	fi
fi

if row out-long-name; then
	# 245 characters and .md: the longest name whose outputs (.html) still
	# fit in 255 bytes, with room for nothing else.
	name=$(py 'print("l" * 245)')
	cp content/playbooks/decision-chain.md "content/playbooks/$name.md"
	sg 0 build.err build --content content --out out --jobs 2 --quiet
	built "out/playbooks/$name.pdf" "out/site/playbooks/$name.html" out/playbooks/decision-chain.pdf
	clean out
	sg 0 pdf.err pdf "content/playbooks/$name.md"
	built "$name.pdf"
	sg 0 pdf2.err pdf "content/playbooks/$name.md" -o "sub/$name.pdf"
	built "sub/$name.pdf"
	# A message about such a file names it whole.
	printf '\n\n![x](../images/no-such.png)\n' >>"content/playbooks/$name.md"
	sg 1 bad.err build --content content --out out --jobs 2 --quiet
	says bad.err "^content/playbooks/$name.md:[0-9]+(:[0-9]+)?: error: image '../images/no-such.png'"
fi

if row out-jobs-range; then
	# One message, with the real range, whatever is wrong with the number.
	for j in -1 0 1025 99999999999999999999 1.5 x ''; do
		sg 2 jobs.err build --content content --out out --jobs "$j"
		says jobs.err "^salesgen build: --jobs takes a whole number from 1 to 1024, not '$j'$"
		n=$(wc -l <jobs.err)
		[ "$n" -eq 1 ] || fail "--jobs '$j' gives $n lines: $(cat jobs.err)"
	done
	sg 2 shard.err build --content content --out out --shard 1/0
	says shard.err "^salesgen build: --shard '1/0': N must be from 1 to 100000$"
	sg 2 years.err cost --hardware 1000 --years 0
	says years.err "^salesgen cost: --years: '0' is not a whole number from 1 to 100$"
	sg 2 years2.err cost --hardware 1000 --years 1000
	says years2.err "^salesgen cost: --years: '1000' is not a whole number from 1 to 100$"
	sg 2 repeat.err pdf content/playbooks/decision-chain.md -o x.pdf --repeat -1
	says repeat.err "^salesgen pdf: --repeat takes a whole number from 0 to 100000, not '-1'$"
	notbuilt out x.pdf
fi

if row out-budget-memory; then
	# Sizes in MiB, written out: never 1.04858e+06.
	sg 2 mem.err build --content content --out out --budget-memory 99999999
	says mem.err "^salesgen build: --budget-memory takes a number of MiB from 0 to 1048576, not '99999999'$"
	sg 2 mem2.err build --content content --out out --budget-memory -1
	says mem2.err "^salesgen build: --budget-memory takes a number of MiB from 0 to 1048576, not '-1'$"
	sg 2 time.err build --content content --out out --budget-time 1e9
	says time.err "^salesgen build: --budget-time takes a number of seconds from 0 to 86400, not '1e9'$"
	grep -q 'e+' mem.err mem2.err time.err && fail "a number in exponent form: $(cat mem.err)"
	notbuilt out
fi

if row out-case-collision; then
	# Two names that are one on Windows and macOS: the one in lower case is
	# built, the other is an error naming both.
	cp content/playbooks/decision-chain.md content/playbooks/Decision-Chain.md
	cp content/images/logo.png content/images/Logo.png
	sg 1 check.err check --content content
	says check.err "^content/playbooks/Decision-Chain.md: error: its output names differ from those of content/playbooks/decision-chain.md only in case, so on a file system that ignores case \(Windows, macOS\) they would be the same files: not built; rename it$"
	says check.err "^content/images/Logo.png: error: its output names differ from those of content/images/logo.png only in case"
	build1 build.err
	says build.err "^content/playbooks/Decision-Chain.md: error: its output names differ from those of content/playbooks/decision-chain.md only in case"
	built out/playbooks/decision-chain.pdf out/site/playbooks/decision-chain.html out/site/images/logo.png \
		$OTHER_COST $OTHER_PROPOSAL
	notbuilt out/playbooks/Decision-Chain.pdf out/site/playbooks/Decision-Chain.html out/site/images/Logo.png
fi

# ------------------------------------------------------------ tables and titles too large for the page
# pdfcheck WHAT PDF [PAGE]: what mutool (mupdf-tools) reads from a PDF's pages
# (all of them, or PAGE), checked in Python. Exits 1 with the reason.
#   overlap  no two character boxes overlap, nor a character and an image
#   inside   every character box lies inside its page
#   sizes    prints the font sizes the characters are set in, one a line
#   lines    prints the text of each line mutool finds, one a line
pdfcheck() {
	command -v mutool >/dev/null || { echo "mutool (mupdf-tools) is needed"; return 1; }
	python3 - "$@" <<'PY'
import re, subprocess, sys
import xml.etree.ElementTree as ET
what, pdf = sys.argv[1], sys.argv[2]
pages = sys.argv[3:]
def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True).stdout
doc = ET.fromstring(run("mutool", "draw", "-F", "stext", "-o", "-", pdf, *pages))
trace = run("mutool", "trace", pdf, *pages).decode()
images = {}
for n, part in enumerate(trace.split("<page ")[1:]):
    boxes = []
    for t in re.findall(r'<fill_image [^>]*transform="([^"]+)"', part):
        a, b, c, d, e, f = map(float, t.split())
        boxes.append((min(e, e + a + c), min(f, f + b + d), max(e, e + a + c), max(f, f + b + d), "image"))
    images[n] = boxes
bad = []
for n, page in enumerate(doc.iter("page")):
    w, h = float(page.get("width")), float(page.get("height"))
    chars = []
    for font in page.iter("font"):
        for ch in font.iter("char"):
            # ul, ur, ll, lr corners; slanted (italic) glyphs lean, so
            # their width is taken on the baseline.
            q = [float(v) for v in ch.get("quad").split()]
            t = (float(ch.get("y")) - q[1]) / (q[5] - q[1]) if q[5] > q[1] else 0
            x0, x1 = q[0] + t * (q[4] - q[0]), q[2] + t * (q[6] - q[2])
            # mutool's quads reach from the font's ascender to its
            # descender (Noto CJK: 1.16 and 0.29 em), more than the line
            # height of a set-solid title: the em box of a CJK font (0.88
            # above the baseline, 0.12 below) is what a character takes.
            y, size = float(ch.get("y")), float(font.get("size"))
            chars.append((min(x0, x1), y - 0.88 * size, max(x0, x1), y + 0.12 * size, ch.get("c"), font.get("size")))
    if what == "sizes":
        print("\n".join(sorted({c[5] for c in chars}, key=float)))
    elif what == "lines":
        for line in page.iter("line"):
            print("".join(ch.get("c") for ch in line.iter("char")))
    elif what == "inside":
        bad += [f"page {n + 1}: '{c[4]}' at {c[0]:.1f},{c[1]:.1f}-{c[2]:.1f},{c[3]:.1f} leaves the page"
                for c in chars if c[0] < 0 or c[1] < 0 or c[2] > w or c[3] > h]
    elif what == "overlap":
        # Boxes that share more than half a point both ways overlap (glyphs
        # side by side touch; lines are further apart than their glyphs).
        # A space has no ink to overprint. A full-width mark set half width
        # (punctuation compression, layout/linebreak.h) keeps the font's
        # advance, so its box reaches half an em into its neighbour's on its
        # blank side: that half is left out.
        closing, opening = set("，。、；：？！）」』》〉】〕〗〙〛”’"), set("（「『《〈【〔〖〘〚“‘")
        def ink(c):
            size = float(c[5])
            if c[4] in closing and c[2] - c[0] >= 0.9 * size:
                return (c[0], c[1], c[2] - size / 2) + c[3:]
            if c[4] in opening and c[2] - c[0] >= 0.9 * size:
                return (c[0] + size / 2,) + c[1:]
            return c
        chars = [ink(c) for c in chars if c[4] not in (" ", "\u00a0")]
        boxes = sorted(chars + images.get(n, []), key=lambda c: c[1])
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                if b[1] >= a[3] - 0.5:
                    break
                if min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5:
                    bad.append(f"page {n + 1}: '{a[4]}' at {a[0]:.1f},{a[1]:.1f} overlaps '{b[4]}' at {b[0]:.1f},{b[1]:.1f}")
if bad:
    print("\n".join(bad[:5]))
    sys.exit(1)
PY
}

if row fit-table-5000-columns; then
	# A table of 5,000 columns from line 104 of a playbook: it fits at no size.
	py 'import sys; n = 5000; open(sys.argv[1], "a").write("\n\n" + "\n".join(["|" + "|".join(f"c{i}" for i in range(n)) + "|", "|" + "---|" * n, "|" + "|".join(str(i) for i in range(n)) + "|"]) + "\n")' \
		content/playbooks/decision-chain.md
	msg='content/playbooks/decision-chain.md:104: error: table has 5000 columns; at most 22 fit the page width at 7 pt \(split it or turn it into a list\)$'
	# check does not lay out PDFs, so it does not see it.
	sg 0 check.err check --content content
	build1 build.err
	says build.err "^$msg"
	notbuilt out/playbooks/decision-chain.pdf
	built out/playbooks/objection-handling.pdf out/site/playbooks/decision-chain.html out/site/index.html \
		$OTHER_COST $OTHER_PROPOSAL out/reports/pipeline.pdf
	sg 1 pdf.err pdf content/playbooks/decision-chain.md -o one.pdf
	says pdf.err "^$msg"
	notbuilt one.pdf
fi

if row fit-table-shrinks; then
	# A price table of nine columns, too wide at the table's 10.5 pt (its
	# numbers would be broken in the middle): set smaller, one line a cell.
	python3 - content/playbooks/price-table.md <<'PY'
import sys
def money(v):
    return f"¥{v:,}.00"
rows = ["| 产品 | 版本 | 用户数 | 目录单价 | 折扣 | 成交单价 | 年费 | 一次性费用 | 五年合计 |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
for u in (500, 1000, 1500, 2000):
    rows.append(f"| 企业邮箱 | 商务版 | {u} | ¥120.00 | 85% | ¥102.00 | {money(102 * u)} | ¥18,000.00 | {money(510 * u + 18000)} |")
open(sys.argv[1], "w").write("---\ntitle: 价格表\nlang: zh-CN\naudience: internal\n---\n\n价格如下。\n\n" + "\n".join(rows) + "\n")
PY
	sg 0 build.err build --content content --out out --quiet
	built out/playbooks/price-table.pdf
	# Page 2 (after the cover): body text 12 pt, header and footer 9 pt,
	# the table alone at another size, from 7 pt to under 10.5 pt.
	sizes=$(pdfcheck sizes out/playbooks/price-table.pdf 2 | grep -vxE '9|12')
	[ "$(echo "$sizes" | wc -l)" -eq 1 ] && py 'import sys; s = float(sys.argv[1]); sys.exit(0 if 7 <= s < 10.5 else 1)' "$sizes" ||
		fail "the table is set at '$sizes' pt, not at one size from 7 to under 10.5"
	pdfcheck overlap out/playbooks/price-table.pdf 2 >overlap.txt || fail "overprinted: $(cat overlap.txt)"
	pdfcheck lines out/playbooks/price-table.pdf 2 >lines.txt
	[ "$(grep -cx '企业邮箱' lines.txt)" -eq 4 ] || fail "a product name is broken: $(head -c 400 lines.txt)"
	grep -qx '¥1,038,000.00' lines.txt || fail "a number is broken: $(head -c 400 lines.txt)"
	# The generated tables are set as before: at 10.5 pt (nothing smaller
	# than that but the 9 pt header and footer and the 8.5 pt chart labels).
	for f in out/reports/pipeline.pdf out/proposals/hengtong-logistics.pdf out/reports/review-hengtong-logistics.pdf; do
		small=$(pdfcheck sizes $f | py 'import sys; print(" ".join(s for s in sys.stdin.read().split() if float(s) < 10.5 and s not in ("9", "8.5")))')
		[ -z "$small" ] || fail "$f has text at $small pt"
		pdfcheck overlap $f >overlap.txt || fail "$f is overprinted: $(cat overlap.txt)"
	done
fi

if row fit-cover-title-long; then
	# Short names of 600 characters (Chinese and Latin) make the proposals'
	# cover titles; a playbook's front matter has a title of 400.
	zh=$(py 'print("恒通物流集团" * 100)')
	en=$(py 'print("Harbourline Trading Company " * 21 + "Shanghai Ltd")')
	sed -i "s|<short-name>恒通物流</short-name>|<short-name>$zh</short-name>|" $H
	sed -i "s|<short-name>Harbourline</short-name>|<short-name>$en</short-name>|" content/customers/harbourline-trading.xml
	edit content/playbooks/objection-handling.md "s.replace('title: 自建客户的六大顾虑及应对', 'title: ' + '自建客户的六大顾虑及应对：安全、见不到决策人、成本、协同办公、内部传输速度与成交时机（FFAB 与 SPIN）' * 8, 1)"
	sg 0 build.err build --content content --out out --quiet
	says build.err '^content/customers/hengtong-logistics.xml:6:3: warning: the cover title \(610 characters\) does not fit on the cover even at 16 pt: it is cut with an ellipsis after [0-9]+ characters$'
	says build.err '^content/customers/harbourline-trading.xml:6:3: warning: the cover title \(625 characters\) does not fit on the cover even at 16 pt: it is cut with an ellipsis after [0-9]+ characters$'
	says build.err '^content/playbooks/objection-handling.md:2: warning: the cover title \([0-9]+ characters\) does not fit on the cover even at 16 pt: it is cut with an ellipsis after [0-9]+ characters$'
	for f in out/proposals/hengtong-logistics.pdf out/proposals/harbourline-trading.pdf out/playbooks/objection-handling.pdf; do
		built $f
		# The cover: every character on the page, none over another or
		# over the logo; the cut title ends with the ellipsis.
		pdfcheck inside $f 1 >check.txt || fail "$f: $(cat check.txt)"
		pdfcheck overlap $f 1 >check.txt || fail "$f: $(cat check.txt)"
		pdfcheck lines $f 1 >lines.txt
		grep -q '…$' lines.txt || fail "$f: no title cut with an ellipsis"
		# The other pages too (the footer names the customer: one line).
		pdfcheck inside $f >check.txt || fail "$f: $(cat check.txt)"
	done
	built $OTHER_PROPOSAL out/reports/pipeline.pdf out/site/index.html
fi

if row fit-cover-title-shrinks; then
	# A title of 75 characters: five lines at 26 pt, so it is set smaller
	# to fit the room of four, and nothing is cut.
	edit content/playbooks/objection-handling.md "s.replace('title: 自建客户的六大顾虑及应对', 'title: 华东区大型制造业集团企业邮箱迁移与统一通信平台建设项目：自建邮件系统成本核算、托管方案比选、数据迁移演练与分阶段实施计划（含十万元以内的预算优选方案）', 1)"
	sg 0 build.err build --content content --out out --quiet
	grep -q 'cover title' build.err && fail "a warning for a title that fits: $(grep 'cover title' build.err)"
	f=out/playbooks/objection-handling.pdf
	built $f
	# Above the subtitle's 14 pt, only the title's size: under 26, not under 16.
	big=$(pdfcheck sizes $f 1 | py 'import sys; print(" ".join(s for s in sys.stdin.read().split() if float(s) > 14))')
	py 'import sys; s = sys.argv[1].split(); sys.exit(0 if len(s) == 1 and 16 <= float(s[0]) < 26 else 1)' "$big" ||
		fail "the cover title is set at '$big' pt, not at one size from 16 to under 26"
	pdfcheck inside $f 1 >check.txt || fail "$f: $(cat check.txt)"
	pdfcheck overlap $f 1 >check.txt || fail "$f: $(cat check.txt)"
	pdfcheck lines $f 1 >lines.txt
	grep -q '…' lines.txt && fail "$f: the title was cut"
fi

if row fit-cover-fields-long; then
	# A customer <name> of 600 characters (the cover's customer field) and a
	# proposal template's subtitle of 300.
	sed -i "s|<name>恒通物流集团有限公司</name>|<name>$(py 'print("恒通物流集团有限公司" * 60)')</name>|" $H
	edit content/proposals/standard.md "s.replace('subtitle: 自建邮件系统成本分析与托管服务报价', 'subtitle: ' + '自建邮件系统成本分析与托管服务报价，' * 16 + '附录', 1)"
	sg 0 build.err build --content content --out out --quiet
	says build.err "^content/customers/hengtong-logistics.xml:5:3: warning: the cover field '客户' \(600 characters\) does not fit in 2 lines: it is cut with an ellipsis after [0-9]+ characters$"
	says build.err '^content/proposals/standard.md:3: warning: the cover subtitle \(290 characters\) does not fit in 3 lines: it is cut with an ellipsis after [0-9]+ characters$'
	f=out/proposals/hengtong-logistics.pdf
	built $f $OTHER_PROPOSAL
	pdfcheck inside $f 1 >check.txt || fail "$f: $(cat check.txt)"
	pdfcheck overlap $f 1 >check.txt || fail "$f: $(cat check.txt)"
fi

# ------------------------------------------------------------ files outside the content folder
# Each row puts a marker into a file outside content/ (or the theme) and
# reaches it through a symbolic link or a path that climbs out: salesgen
# must refuse it with a message at the file (or the line), build the rest,
# and put the marker into no output. Images are JPEGs with the marker in a
# comment, since a PDF embeds a JPEG's bytes as they are.
MARK=OUTSIDE-MARKER-5150
# outside FILE: a file outside the content folder holding the marker.
outside() {
	mkdir -p "$(dirname "$1")"
	printf 'secret %s\n' "$MARK" >"$1"
}
# jpeg FILE: a 1 x 1 JPEG holding the marker.
jpeg() {
	mkdir -p "$(dirname "$1")"
	python3 - "$1" "$MARK" <<'PY'
import struct, sys
def seg(m, body): return b"\xff" + bytes([m]) + struct.pack(">H", len(body) + 2) + body
out = b"\xff\xd8" + seg(0xFE, sys.argv[2].encode())
out += seg(0xDB, b"\x00" + b"\x01" * 64)
out += seg(0xC0, b"\x08\x00\x01\x00\x01\x01\x01\x11\x00")
out += seg(0xC4, b"\x00\x01" + b"\x00" * 15 + b"\x00")
out += seg(0xC4, b"\x10\x01" + b"\x00" * 15 + b"\x00")
out += seg(0xDA, b"\x01\x01\x00\x00\x3f\x00") + b"\x3f\xff\xd9"
open(sys.argv[1], "wb").write(out)
PY
}
# nomark: the marker is in no output.
nomark() {
	local where
	where=$(grep -rla -- "$MARK" out 2>/dev/null | head -3)
	[ -z "$where" ] || fail "the outside file's contents are in: $where"
}
LINK_OUT='a symbolic link that leads outside the content folder: not read'
D=content/playbooks/decision-chain.md

if row read-image-symlink; then
	jpeg outside/secret.jpg
	ln -s ../../outside/secret.jpg content/images/secret.jpg
	printf '\n![秘密](../images/secret.jpg)\n' >>$D
	line=$(grep -n 'secret.jpg' $D | cut -d: -f1)
	build1 build.err
	says build.err "^content/images/secret.jpg: error: $LINK_OUT\$"
	says build.err "^$D:$line: error: image '../images/secret.jpg' is outside the content folder \(content/images/secret.jpg is a symbolic link that leads out of it\)\$"
	notbuilt out/site/images/secret.jpg out/playbooks/decision-chain.pdf \
		out/site/playbooks/decision-chain.html
	built $OTHER_COST $OTHER_PROPOSAL out/reports/pipeline.pdf out/playbooks/project-stages.pdf \
		out/site/index.html out/site/images/logo.png
	nomark
fi

if row read-playbook-symlink; then
	mkdir outside
	cp content/playbooks/project-stages.md outside/leak.md
	printf '\n%s\n' "$MARK" >>outside/leak.md
	ln -s "$PWD/outside/leak.md" content/playbooks/leak.md
	sg 1 check.err check --content content
	says check.err "^content/playbooks/leak.md: error: $LINK_OUT\$"
	build1 build.err
	says build.err "^content/playbooks/leak.md: error: $LINK_OUT\$"
	notbuilt out/playbooks/leak.pdf out/site/playbooks/leak.html
	built $OTHER_COST $OTHER_PROPOSAL out/reports/pipeline.pdf out/playbooks/project-stages.pdf \
		out/site/index.html out/site/search-index.js out/site/playbooks/project-stages.html
	nomark
fi

if row read-case-symlink; then
	mkdir outside
	cp content/cases/group-imail.md outside/leak.md
	printf '\n%s\n' "$MARK" >>outside/leak.md
	ln -s ../../outside/leak.md content/cases/leak.md
	sg 1 check.err check --content content
	says check.err "^content/cases/leak.md: error: $LINK_OUT\$"
	build1 build.err
	says build.err "^content/cases/leak.md: error: $LINK_OUT\$"
	notbuilt out/site/cases/leak.html
	built $OTHER_COST out/reports/pipeline.pdf out/playbooks/project-stages.pdf \
		out/site/index.html out/site/cases/group-imail.html
	nomark
fi

if row read-customer-symlink; then
	mkdir outside
	sed "s|<name>华骏汽车股份有限公司</name>|<name>$MARK</name>|" $HJ >outside/huajun-auto.xml
	rm $HJ
	ln -s "$PWD/outside/huajun-auto.xml" $HJ
	sg 1 check.err check --content content
	says check.err "^$HJ: error: $LINK_OUT\$"
	build1 build.err
	says build.err "^$HJ: error: $LINK_OUT\$"
	notbuilt $OTHER_COST $OTHER_PROPOSAL out/reports/review-huajun-auto.pdf \
		out/site/accounts/huajun-auto.html
	built out/costs/hengtong-logistics.json out/proposals/hengtong-logistics.pdf \
		out/reports/pipeline.pdf out/site/index.html out/site/pipeline.html
	nomark
fi

if row read-folder-symlink; then
	# The folder is the link: every playbook is refused, naming it.
	mv content/playbooks outside-playbooks
	for f in outside-playbooks/*.md; do printf '\n%s\n' "$MARK" >>"$f"; done
	ln -s ../outside-playbooks content/playbooks
	sg 1 check.err check --content content
	says check.err "^$D: error: content/playbooks is a symbolic link that leads outside the content folder: not read\$"
	build1 build.err
	says build.err "^content/playbooks/project-stages.md: error: content/playbooks is a symbolic link that leads outside the content folder: not read\$"
	notbuilt out/playbooks/decision-chain.pdf out/site/playbooks/decision-chain.html
	built $OTHER_COST $OTHER_PROPOSAL out/reports/pipeline.pdf out/site/index.html
	grep -rqa -- "$MARK" out && fail "a playbook from outside is in an output"
fi

if row read-catalog-symlink; then
	mkdir outside
	sed "s|<name>云邮企业邮箱</name>|<name>$MARK</name>|" content/catalog.xml >outside/catalog.xml
	grep -q "$MARK" outside/catalog.xml || fail "the test's catalog has no marker"
	rm content/catalog.xml
	ln -s ../outside/catalog.xml content/catalog.xml
	sg 1 check.err check --content content
	says check.err "^content/catalog.xml: error: $LINK_OUT\$"
	build1 build.err
	says build.err "^content/catalog.xml: error: $LINK_OUT\$"
	notbuilt $OTHER_COST $OTHER_PROPOSAL out/site/prices.html
	built out/playbooks/project-stages.pdf out/site/playbooks/project-stages.html
	nomark
fi

if row read-site-xml-symlink; then
	mkdir outside
	sed "s|<name>云邮科技有限公司</name>|<name>$MARK</name>|" content/site.xml >outside/site.xml
	rm content/site.xml
	ln -s ../outside/site.xml content/site.xml
	sg 1 check.err check --content content
	says check.err "^content/site.xml: error: $LINK_OUT\$"
	build1 build.err
	says build.err "^content/site.xml: error: $LINK_OUT\$"
	notbuilt $OTHER_PROPOSAL out/site/index.html
	built out/playbooks/project-stages.pdf
	nomark
fi

if row read-logo-symlink; then
	# The logo is on the cover of proposals and playbooks: those fail.
	jpeg outside/logo.jpg
	rm content/images/logo.png
	ln -s ../../outside/logo.jpg content/images/logo.png
	build1 build.err
	says build.err "^content/images/logo.png: error: $LINK_OUT\$"
	[ "$(grep -c 'content/images/logo.png: error' build.err)" = 1 ] ||
		fail "the logo's problem is not printed once: $(grep -c 'logo.png: error' build.err) times"
	notbuilt $OTHER_PROPOSAL out/playbooks/project-stages.pdf out/site/images/logo.png
	built $OTHER_COST out/reports/pipeline.pdf out/reports/review-huajun-auto.pdf \
		out/proposals/huayue-securities.pdf out/site/index.html out/site/accounts/huajun-auto.html
	nomark
	# The logo's path in pdf.yaml, climbing out: checked as a path, not as text.
	rm -rf out content/images/logo.png
	cp "$SRC/content/images/logo.png" content/images/logo.png
	sed -i 's|^  logo: images/logo.png|  logo: ../outside/logo.jpg|' themes/default/pdf.yaml
	build1 build2.err
	says build2.err "^content/\.\./outside/logo.jpg: error: cover.logo '\.\./outside/logo.jpg' of pdf.yaml is outside the content folder\$"
	notbuilt $OTHER_PROPOSAL out/playbooks/project-stages.pdf
	built $OTHER_COST out/site/index.html out/site/images/logo.png
	nomark
fi

if row read-sent-symlink; then
	# A link with the recorded hash would ship any file as the proposal sent.
	HY=content/customers/huayue-securities.xml
	mkdir outside
	printf '%%PDF-1.4\n%% %s\n%%%%EOF\n' "$MARK" >outside/sent.pdf
	sum=$(sha256sum outside/sent.pdf | cut -d' ' -f1)
	sed -i -E "s|sha256=\"[0-9a-f]{64}\"|sha256=\"$sum\"|" $HY
	rm content/sent/YM-2026-0038.pdf
	ln -s ../../outside/sent.pdf content/sent/YM-2026-0038.pdf
	sg 1 check.err check --content content
	says check.err "^$HY:[0-9]+(:[0-9]+)?: error: the sent proposal content/sent/YM-2026-0038.pdf is outside the content folder \(content/sent/YM-2026-0038.pdf is a symbolic link that leads out of it\)\$"
	build1 build.err
	says build.err "^$HY:[0-9]+(:[0-9]+)?: error: the sent proposal content/sent/YM-2026-0038.pdf is outside the content folder"
	notbuilt out/proposals/huayue-securities.pdf out/costs/huayue-securities.json
	built $OTHER_COST $OTHER_PROPOSAL out/reports/pipeline.pdf out/site/index.html
	nomark
fi

if row read-markdown-image-dotdot; then
	# ../../../ from content/playbooks is the folder above this row's.
	jpeg "$WORK/read-dotdot.jpg"
	printf '\n![图](../../../read-dotdot.jpg)\n' >>$D
	line=$(grep -n 'read-dotdot.jpg' $D | cut -d: -f1)
	# A path from the root of the disk is outside too.
	printf '\n![图](%s)\n' "$WORK/read-dotdot.jpg" >>content/playbooks/project-stages.md
	line2=$(grep -n 'read-dotdot.jpg' content/playbooks/project-stages.md | cut -d: -f1)
	build1 build.err
	says build.err "^$D:$line: error: image '../../../read-dotdot.jpg' is outside the content folder\$"
	says build.err "^content/playbooks/project-stages.md:$line2: error: image '/.*/read-dotdot.jpg' is outside the content folder\$"
	# The PDF would embed it; the site's page would show a file of the reader's disk.
	notbuilt out/playbooks/decision-chain.pdf out/site/playbooks/decision-chain.html \
		out/playbooks/project-stages.pdf out/site/playbooks/project-stages.html
	built $OTHER_COST $OTHER_PROPOSAL out/reports/pipeline.pdf out/site/index.html \
		out/playbooks/objection-handling.pdf
	nomark
fi

if row read-theme-symlink; then
	# The theme is a folder of its own: its files may not lead out of it.
	T=themes/default
	outside outside/tags.html
	outside outside/leak.css
	rm $T/partials/tags.html
	ln -s ../../../outside/tags.html $T/partials/tags.html
	ln -s "$PWD/outside/leak.css" $T/static/assets/leak.css
	build1 build.err --theme default
	says build.err "^content/\.\./$T/partials/tags.html: error: a symbolic link that leads outside the theme folder: not read\$"
	says build.err "^content/\.\./$T/static/assets/leak.css: error: a symbolic link that leads outside the theme folder: not read\$"
	notbuilt out/site/assets/leak.css out/site/playbooks/decision-chain.html
	built $OTHER_COST $OTHER_PROPOSAL out/reports/pipeline.pdf out/site/pipeline.html \
		out/site/assets/site.css
	nomark
fi

if row read-theme-pdf-yaml-symlink; then
	mkdir outside
	sed "s|^  confidential:.*|  confidential: $MARK|" themes/default/pdf.yaml >outside/pdf.yaml
	rm themes/default/pdf.yaml
	ln -s ../../outside/pdf.yaml themes/default/pdf.yaml
	build1 build.err
	says build.err "^content/\.\./themes/default/pdf.yaml: error: a symbolic link that leads outside the theme folder: not read\$"
	notbuilt $OTHER_PROPOSAL out/playbooks/project-stages.pdf
	built $OTHER_COST out/site/index.html
	nomark
fi

if row read-link-inside; then
	# Links that stay inside their folder work, relative or absolute, to
	# files and to folders.
	mkdir -p content/shared/brand themes/default/shared
	mv content/images/logo.png content/shared/brand/logo.png
	ln -s ../shared/brand/logo.png content/images/logo.png
	mv content/playbooks/project-stages.md content/shared/
	ln -s ../shared/project-stages.md content/playbooks/project-stages.md
	mv $HJ content/shared/
	ln -s "$PWD/content/shared/huajun-auto.xml" $HJ
	mv content/sent/YM-2026-0038.pdf content/shared/
	ln -s ../shared/YM-2026-0038.pdf content/sent/YM-2026-0038.pdf
	ln -s shared/brand content/brand
	printf '\n![logo](../brand/logo.png)\n' >>$D
	mv themes/default/partials/tags.html themes/default/shared/tags.html
	ln -s ../shared/tags.html themes/default/partials/tags.html
	sg 0 check.err check --content content
	sg 0 build.err build --content content --out out --quiet --theme default
	clean out
	built out/playbooks/project-stages.pdf out/playbooks/decision-chain.pdf $OTHER_COST \
		$OTHER_PROPOSAL out/proposals/huayue-securities.pdf out/site/playbooks/decision-chain.html \
		out/site/images/logo.png
	cmp -s out/site/images/logo.png content/shared/brand/logo.png || fail "the linked logo was not copied"
	cmp -s out/proposals/huayue-securities.pdf content/shared/YM-2026-0038.pdf ||
		fail "the sent proposal behind a link was not kept"
	grep -q 'class="tags"' out/site/playbooks/decision-chain.html ||
		fail "the linked partial is not in the page"
fi

# ------------------------------------------------------------ values that cannot be shown
# pdftext PDF: the PDF's text on one line (empty without pdftotext), without
# the spaces pdftotext reads into the quarter em between a Han character and
# a Latin letter or digit (2026 年 12 月 reads 2026年12月).
pdftext() {
	command -v pdftotext >/dev/null && pdftotext -q "$1" - | tr -d '\n' |
		python3 -c 'import re, sys; sys.stdout.write(re.sub(r"(?<=[\u3400-\u9fff]) (?=[0-9A-Za-z])|(?<=[0-9A-Za-z]) (?=[\u3400-\u9fff])", "", sys.stdin.read()))'
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
	says check.err "^content/site.xml:20:25: error: attribute name of <rep> is empty \(only spaces\)$"
	build1 build.err
	says build.err "^content/site.xml:20:25: error: attribute name of <rep> is empty \(only spaces\)$"
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
	pdftext out/proposals/hengtong-logistics.pdf | grep -q '有效期至2029年2月28日' ||
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
	[ -z "$t" ] || [[ $t == *"人工占比100%"* ]] || fail "the labour share is not 100%: $(echo "$t" | grep -o '人工占比.\{0,12\}')"
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
	sed -i 's|^## 四、成本对比|方案编号 {{offer.number}}。\n\n&|' content/proposals/standard.md
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

# Messages that say how to fix (issue 15): what the schema expected, near
# misses, the form a value was meant to have, the line to add.
if row schema-missing-name; then
	# <name> removed: the message names the missing element, not the next one.
	sed -i '/<name>恒通物流集团有限公司<\/name>/d' $H
	sg 1 check.err check --content content
	says check.err '^content/customers/hengtong-logistics.xml:5: error: <customer> needs <name> before <short-name>$'
	grep -q 'not expected here' check.err && fail "the old message is still given"
fi

if row schema-missing-industry; then
	sed -i '/<industry>logistics<\/industry>/d' $H
	sg 1 check.err check --content content
	says check.err '^content/customers/hengtong-logistics.xml:7: error: <customer> needs <industry> before <employees>$'
fi

if row schema-unknown-element; then
	# A misspelt element: a near miss and the elements allowed at that point.
	sed -i '17s/<hardware /<hardwre /' $H
	sg 1 check.err check --content content
	says check.err '^content/customers/hengtong-logistics.xml:17: error: <self-hosted> has no element <hardwre>; did you mean <hardware>\? \(allowed here: <hardware>, <software>, <electricity>, <staff>, <renewal>\)$'
fi

if row schema-near-attribute; then
	sed -i '17s/ bought=/ bougt=/' $H
	sg 1 check.err check --content content
	says check.err '^content/customers/hengtong-logistics.xml:17: error: <hardware> has an attribute this file kind does not know: bougt; did you mean bought\?$'
fi

if row schema-near-value; then
	sed -i 's/<industry>logistics</<industry>logistic</' $H
	sg 1 check.err check --content content
	says check.err "^content/customers/hengtong-logistics.xml:7: error: <industry> 'logistic' is not one of the allowed values: law, logistics, .*, other; did you mean 'logistics'\?\$"
fi

if row schema-missing-at-end; then
	# A required element missing after the last one written: libxml2 said
	# "Expecting an element , got nothing".
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<customer id="new-one">\n  <name>新客户</name>\n</customer>\n' >content/customers/new-one.xml
	sg 1 check.err check --content content
	says check.err '^content/customers/new-one.xml:2: error: <customer> needs <industry> after <name>$'
	grep -q 'Expecting an element' check.err && fail "libxml2's message is still given"
fi

if row near-concern-item; then
	# A misspelt concern and checklist item: the nearest of their lists.
	sed -i 's|<concerns>confidentiality stability</concerns>|<concerns>confidentiality stabilty</concerns>|' content/customers/zhengyuan-law.xml
	sed -i 's/item="tech-demo"/item="tech-dmeo"/' $H
	sg 1 check.err check --content content
	says check.err "^content/customers/zhengyuan-law.xml:16:3: error: unknown concern 'stabilty' \(one of: .*\); did you mean 'stability'\?\$"
	says check.err "^content/customers/hengtong-logistics.xml:40:11: error: unknown checklist item 'tech-dmeo' \(no stage of site.xml lists it\); did you mean 'tech-demo'\?\$"
	sed -i 's|^concerns: \[rbl\]|concerns: [rbl, mailbox-sise]|' content/cases/futures-imail.md
	sg 1 check.err check --content content
	says check.err "^content/cases/futures-imail.md:11:17: error: unknown concern 'mailbox-sise' \(one of: .*\); did you mean 'mailbox-size'\?\$"
fi

if row discount-percent; then
	# A discount is the share of the list price paid: 80% could mean 0.8
	# or 80% off (0.2); 8折 is 0.8.
	cp $H orig.xml
	sed 's/discount="0.85"/discount="80%"/' orig.xml >$H
	sg 1 check.err check --content content
	says check.err "^content/customers/hengtong-logistics.xml:74:57: error: discount '80%' is not a number: write 0.8 for 80% of the list price \(8折\), or 0.2 for 80% off\$"
	sed 's/discount="0.85"/discount="8折"/' orig.xml >$H
	sg 1 check.err check --content content
	says check.err "^content/customers/hengtong-logistics.xml:74:57: error: discount '8折' is not a number: write 0.8 \(8折: 80% of the list price is paid\)\$"
	sed 's/discount="0.85"/discount="85"/' orig.xml >$H
	sg 1 check.err check --content content
	says check.err "^content/customers/hengtong-logistics.xml:74:57: error: discount '85' must be more than 0 and at most 1 \(the share of list price paid: 0.85 is 15% off\): write 0.85 for 85% of the list price \(8.5折\), or 0.15 for 85% off\$"
fi

if row near-id; then
	# Misspelt ids of the catalog and of site.xml: the nearest one.
	sed -i 's/product="mail"/product="mial"/; s/rep="zhang-wei"/rep="zhang-wie"/; s/stage="solution-confirmation"/stage="solution-confirmaton"/' $H
	sg 1 check.err check --content content
	says check.err "^content/customers/hengtong-logistics.xml:74:10: error: unknown product 'mial' in the offer \(the catalog has: mail, office-bundle\); did you mean 'mail'\?\$"
	says check.err "^content/customers/hengtong-logistics.xml:12:10: error: unknown rep 'zhang-wie' \(site.xml has: .*\); did you mean 'zhang-wei'\?\$"
	says check.err "^content/customers/hengtong-logistics.xml:39:12: error: unknown stage 'solution-confirmaton' \(site.xml has: .*\); did you mean 'solution-confirmation'\?\$"
	sed -i 's/product="mial"/product="mail"/; s/edition="business"/edition="busines"/' $H
	sg 1 check.err check --content content
	says check.err "^content/customers/hengtong-logistics.xml:74:25: error: unknown edition 'busines' of product 'mail' \(it has: standard, business, premium\); did you mean 'business'\?\$"
fi

if row approval-line; then
	# The sample's huajun-auto needs an approval it does not record: the
	# warning gives the line to add.
	sg 0 check.err check --content content
	says check.err '^content/customers/huajun-auto.xml:82:3: warning: the offer.s discount needs the approval of branch-manager \(or someone senior\), which the file does not record: its proposal is a draft; once it is approved, add to the <offer>: <approval role="branch-manager" name="WHO" date="YYYY-MM-DD"/>$'
fi

# ------------------------------------------------------------ init and new
if row init-not-empty; then
	sg 2 init.err init content
	says init.err '^salesgen init: content is not empty: init writes only into a new or empty folder$'
	diff -r "$SRC/content" content >/dev/null || fail "init changed a folder that was not empty"
	echo notes >notes.txt
	sg 2 init2.err init notes.txt
	says init2.err '^salesgen init: notes.txt exists and is not a folder$'
	[ "$(cat notes.txt)" = notes ] || fail "init changed a file"
fi

if row new-exists; then
	cp $H before.xml
	sg 2 new.err new customer hengtong-logistics --content content --product mail
	says new.err '^salesgen new: content/customers/hengtong-logistics.xml exists already; new never overwrites a file$'
	cmp -s before.xml $H || fail "new changed an existing customer"
	sg 2 new2.err new customer x --content content --product mial
	says new2.err "^salesgen new: the catalog has no product 'mial'; products: mail, office-bundle; did you mean 'mail'\\?$"
	sg 2 new3.err new customer x --content content --product mail --edition gold
	says new3.err "^salesgen new: product 'mail' has no edition 'gold'; editions: standard, business, premium$"
	sg 2 new4.err new customer x --content content --product mail --edition busines
	says new4.err "^salesgen new: product 'mail' has no edition 'busines'; editions: standard, business, premium; did you mean 'business'\\?$"
	notbuilt content/customers/x.xml
fi

if row diff-no-repo; then
	# Outside every repository (the work folder may lie in the source tree's).
	nr=$(mktemp -d)
	cp -r content "$nr/content"
	sg 2 diff.err diff HEAD --content "$nr/content"
	says diff.err "^salesgen diff: $nr/content is not in a git repository$"
	rm -rf "$nr"
fi

if row diff-bad-revision; then
	g() { git -c user.name=t -c user.email=t@example.com -c init.defaultBranch=main "$@"; }
	g init -q . && echo notes >notes.txt && g add notes.txt && g commit -qm notes
	sg 2 rev.err diff no-such-rev --content content
	says rev.err "^salesgen diff: no revision 'no-such-rev' in the repository$"
	sg 2 rev2.err diff HEAD --content content
	says rev2.err "^salesgen diff: revision 'HEAD' has no folder content$"
	[ -z "$(g status --porcelain --untracked-files=no)" ] || fail "diff changed the index or working tree"
fi

if row diff-broken-side; then
	g() { git -c user.name=t -c user.email=t@example.com -c init.defaultBranch=main "$@"; }
	g init -q . && g add content && g commit -qm base
	edit $H "s.replace('</customer>', '')"
	sg 0 broken.err diff HEAD --content content
	says broken.err.out '^errors in the content \(salesgen check shows them\): 0 in HEAD, 1 in working tree$'
	says broken.err.out '^hengtong-logistics .* \(broken\)$'
	says broken.err.out '^  proposal: cannot be made: customers/hengtong-logistics.xml does not load in the new content \(salesgen check says why\)$'
	! grep -q 'outputs removed' broken.err.out || fail "a broken customer's outputs are said to be removed"
fi

if row sign-bad-key; then
	if command -v openssl >/dev/null; then
		unset SALESGEN_SIGN_PASSWORD
		openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 1 \
			-subj "/CN=Row" 2>/dev/null
		openssl req -x509 -newkey rsa:2048 -nodes -keyout other.pem -out other-cert.pem \
			-days 1 -subj "/CN=Other" 2>/dev/null
		openssl pkcs12 -export -inkey key.pem -in cert.pem -out bundle.p12 \
			-passout pass:right-one 2>/dev/null
		SALESGEN_SIGN_PASSWORD=wrong-one sg 2 p12.err build --content content --out out \
			--sign bundle.p12 --sign-proposals
		says p12.err "^salesgen build: --sign: bundle.p12: cannot open the PKCS#12 bundle: wrong password \(SALESGEN_SIGN_PASSWORD\) or no key and certificate in it$"
		sg 2 nopw.err build --content content --out out --sign bundle.p12
		says nopw.err "^salesgen build: --sign: bundle.p12: cannot open the PKCS#12 bundle: it needs a password \(set SALESGEN_SIGN_PASSWORD\)$"
		sg 2 nocert.err build --content content --out out --sign key.pem
		says nocert.err "^salesgen build: --sign: key.pem: not a PKCS#12 bundle \(a PEM key needs its certificate: --cert CERT\)$"
		echo notes >notes.txt
		sg 2 notkey.err build --content content --out out --sign notes.txt --cert cert.pem
		says notkey.err "^salesgen build: --sign: notes.txt: cannot read the private key: not a PEM key, or it is encrypted and SALESGEN_SIGN_PASSWORD is missing or wrong$"
		sg 2 mismatch.err build --content content --out out --sign key.pem --cert other-cert.pem
		says mismatch.err "^salesgen build: --sign: other-cert.pem: the key does not match the certificate$"
		notbuilt out
		grep -qF "$(sed -n 5p key.pem)" ./*.err && fail "a message holds the key"
	fi
	sg 2 alone.err build --content content --out out --sign-proposals
	says alone.err "^salesgen build: --sign-proposals needs --sign KEY$"
	sg 2 verify.err verify
	says verify.err "^salesgen verify: which PDF\? give FILE.pdf$"
	sg 2 verify2.err verify nosuch.pdf
	says verify2.err "^nosuch.pdf: error: cannot open: No such file or directory$"
	notbuilt out
fi

PART=
verdict
