#!/usr/bin/env bash
# remote_images.sh - Markdown images at http(s) addresses are never
# downloaded. A playbook with two of them, one alone in its paragraph and one
# among text (each shown twice), builds as a PDF (it used to fail: "not found
# next to the document"): the picture alone is a frame with its description
# and its address, the one in the text its description as a link, both PDF
# links to their addresses, and the build warns once per address. The site
# keeps them as <img>, and with <site remote-images="false"> has no <img> of
# them but links to them instead.
# usage: bash remote_images.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
need python3 pdftotext
export SOURCE_DATE_EPOCH=1795132800
cp -r "$SRC/content" content
book=content/playbooks/decision-chain.md
n=$(wc -l <"$book")
BLOCK=https://img.example.com/diagrams/decision-chain.png
INLINE=http://img.example.com/icons/coach.svg
cat >>"$book" <<MD

![决策链示意图](${BLOCK})

教练的标志是 ![教练图标](${INLINE})，见下图。

![决策链示意图](${BLOCK})

再看一次 ![教练图标](${INLINE}) 标志。
MD

PART=build
"$BIN" build --content content --out out --quiet 2>err.txt
rc=$?
[ $rc -eq 0 ] || fail "build exits $rc: $(head -5 err.txt)"
grep -q 'not found next to the document' err.txt && fail "an address was looked up as a file"
# Exactly one warning per address, at its first image.
warn() { # LINE URL
	local line="$book:$1: warning: remote image '$2' is shown as a link (salesgen never downloads images)"
	grep -qxF -- "$line" err.txt || fail "no warning: $line"
	[ "$(grep -cF "remote image '$2'" err.txt)" = 1 ] ||
		fail "not one warning for $2: $(grep -cF "remote image '$2'" err.txt)"
}
warn $((n + 2)) "$BLOCK"
warn $((n + 4)) "$INLINE"

PART=pdf
pdf=out/playbooks/decision-chain.pdf
[ -s "$pdf" ] || die "$pdf was not built"
pdftotext "$pdf" text.txt || fail "pdftotext cannot read $pdf"
tr -d ' \n' <text.txt >flat.txt
grep -qF "决策链示意图" text.txt || fail "the frame's description is not in the PDF"
grep -qF "$BLOCK" flat.txt || fail "the frame's address is not in the PDF"
grep -qF "教练的标志是教练图标，见下图" flat.txt || fail "the inline image's description is not in its line"
# Both addresses are link annotations (read back from the PDF's objects).
python3 "$SRC/tests/tools/pdf_uris.py" "$pdf" >uris.txt || fail "cannot read the links of $pdf"
[ "$(grep -cxF "$BLOCK" uris.txt)" = 2 ] || fail "not two links to $BLOCK: $(cat uris.txt)"
[ "$(grep -cxF "$INLINE" uris.txt)" = 2 ] || fail "not two links to $INLINE: $(cat uris.txt)"
if command -v qpdf >/dev/null; then
	qpdf --qdf --object-streams=disable "$pdf" qdf.pdf
	[ "$(grep -ac '/Subtype /Link' qdf.pdf)" -ge 4 ] || fail "fewer than 4 link annotations"
fi

# `salesgen pdf` alone says the same, and writes the PDF.
"$BIN" pdf "$book" -o alone.pdf 2>alone.err || fail "salesgen pdf exits $?: $(head -3 alone.err)"
[ -s alone.pdf ] || fail "salesgen pdf wrote nothing"
[ "$(grep -c 'warning: remote image' alone.err)" = 2 ] || fail "salesgen pdf: $(cat alone.err)"

PART=site
page=out/site/playbooks/decision-chain.html
grep -qF "<img src=\"$BLOCK\" alt=\"决策链示意图\"" "$page" || fail "the site does not show $BLOCK"
grep -qF "<img src=\"$INLINE\" alt=\"教练图标\"" "$page" || fail "the site does not show $INLINE"

PART=forbidden
sed -i 's|<site lang="zh-CN"|<site lang="zh-CN" remote-images="false"|' content/site.xml
"$BIN" build --content content --out out --only site --quiet 2>site.err ||
	fail "site build exits $?: $(head -3 site.err)"
grep -q '<img[^>]*example\.com' "$page" && fail "an <img> of a remote image is left: $(grep -o '<img[^>]*example\.com[^>]*>' "$page" | head -2)"
grep -qF "<a class=\"remote-image\" href=\"$BLOCK\">决策链示意图</a>" "$page" ||
	fail "no link to $BLOCK"
grep -qF "<a class=\"remote-image\" href=\"$INLINE\">教练图标</a>" "$page" ||
	fail "no link to $INLINE"
grep -q '<img[^>]*logo' "$page" || fail "the site's own logo went too"
sed -i 's|remote-images="false"|remote-images="never"|' content/site.xml
"$BIN" check --content content >check.txt 2>&1 && fail "remote-images=\"never\" was accepted"
grep -qE '^content/site.xml:[0-9]+: error: <site remote-images="never">: .never. is not one of the allowed values: true, false$' check.txt ||
	fail "no error at site.xml for remote-images=\"never\": $(grep error check.txt | head -2)"

verdict
