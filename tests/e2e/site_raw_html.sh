#!/usr/bin/env bash
# site_raw_html.sh - raw HTML in Markdown is dropped from the site unless
# site.xml says raw-html="true"; even then, markup that could run (a script,
# an event handler, a javascript: link) is dropped whole.
# usage: bash site_raw_html.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
cp -r "$SRC/content" content
cat >>content/playbooks/decision-chain.md <<'MD'

按 <kbd>Ctrl</kbd> 键保存。

<div class="note" onclick="steal()">点这里</div>

<a href="javascript:alert(1)">链接</a>
MD
page=out/site/playbooks/decision-chain.html

"$BIN" build --content content --out out --only site --quiet 2>err.txt || fail "default build: $(head -3 err.txt)"
grep -q '<kbd>' "$page" && fail "raw HTML kept without raw-html=\"true\""
grep -q 'steal()' "$page" && fail "an event handler reached the page"

sed -i 's|<site lang="zh-CN"|<site lang="zh-CN" raw-html="true"|' content/site.xml
"$BIN" build --content content --out out --only site --quiet 2>err.txt || fail "raw-html build: $(head -3 err.txt)"
grep -q '<kbd>Ctrl</kbd>' "$page" || fail "raw HTML dropped although site.xml allows it"
grep -qi 'onclick\|steal()' "$page" && fail "an event handler survived raw-html=\"true\""
grep -qi 'javascript:' "$page" && fail "a javascript: link survived raw-html=\"true\""

sed -i 's|raw-html="true"|raw-html="yes"|' content/site.xml
"$BIN" check --content content >check.txt 2>&1 && fail "raw-html=\"yes\" was accepted"
grep -q 'site.xml:[0-9]*: error: .*raw-html' check.txt || fail "no error at site.xml for raw-html=\"yes\": $(head -2 check.txt)"

if [ $failures -ne 0 ]; then
	echo "$failures failure(s)"
	exit 1
fi
echo "raw HTML: ok"
