#!/usr/bin/env bash
# pdf_links.sh - links in PDFs keep to the same URL allow-list as the site.
# A playbook and the proposal template get links to javascript:, file:,
# data:, vbscript:, a Windows share and disguised forms of them, next to
# good links. The build prints a warning at each bad link's line and goes
# on (exit 0; 1 with --strict); no PDF has a link annotation with a bad
# target (every /URI is read back with tests/tools/pdf_uris.py), the good
# links are still links, the bad links' text is still in the PDF, and the
# site page of the same playbook has no such link either.
# usage: bash pdf_links.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
need python3
export SOURCE_DATE_EPOCH=1795132800
cp -r "$SRC/content" content
book=content/playbooks/decision-chain.md
n=$(wc -l <"$book")
cat >>"$book" <<'MD'

链接检查：[脚本链接](javascript:alert(1))
[文件链接](file:///etc/passwd)
[共享链接](\\\\fileserver\\share)
[数据链接](data:text/html,<script>alert(1)</script>)
[实体链接](&#106;avascript:alert(1))
[百分号链接](javascript%3Aalert(1))
<vbscript:msgbox(1)>
[大写链接](JaVaScRiPt:alert(1))
[好链接](https://example.com/ok) [邮件链接](mailto:a@example.com) [相对链接](pricing-and-approvals.md)
MD
# The proposal template too: one bad link at the end.
t=content/proposals/standard.md
printf '\n[模板链接](javascript:alert(2))\n' >>"$t"

"$BIN" build --content content --out out --quiet 2>err.txt
rc=$?
[ $rc -eq 0 ] || fail "build exits $rc: $(head -5 err.txt)"

# A warning at every bad link's line.
warn() { # LINE TARGET [FILE]
	local line="${3:-$book}:$1: warning: link target '$2' is not allowed (only http, https, mailto, tel and relative links): shown as text"
	grep -qF -- "$line" err.txt || fail "no warning: $line"
}
warn $((n + 2)) 'javascript:alert(1)'
warn $((n + 3)) 'file:///etc/passwd'
warn $((n + 4)) '\\fileserver\share'
warn $((n + 5)) 'data:text/html,<script>alert(1)</script>'
warn $((n + 6)) 'javascript:alert(1)'
warn $((n + 7)) 'javascript%3Aalert(1)'
warn $((n + 8)) 'vbscript:msgbox(1)'
warn $((n + 9)) 'JaVaScRiPt:alert(1)'
# (A proposal's line is one of the document the template expanded into.)
grep -qE "^$t:[0-9]+: warning: link target 'javascript:alert\(2\)' is not allowed" err.txt ||
	fail "no warning for the proposal template's link"
grep -q "link target '\(https://example.com/ok\|mailto:a@example.com\|pricing-and-approvals.md\)'" err.txt &&
	fail "a good link was refused: $(grep 'link target' err.txt | head -3)"

# No PDF links to a bad target; the good ones are links.
pdf=out/playbooks/decision-chain.pdf
[ -s "$pdf" ] || fail "$pdf was not built"
python3 "$SRC/tests/tools/pdf_uris.py" "$pdf" >uris.txt || fail "cannot read $pdf"
for good in https://example.com/ok mailto:a@example.com pricing-and-approvals.md; do
	grep -qxF "$good" uris.txt || fail "$pdf: the good link $good is not a link"
done
bad_uris() { # FILE: the targets of FILE that the allow-list refuses
	grep -iE '^(ACTION:|[[:space:][:cntrl:]]*(javascript|vbscript|file|data)|[[:space:]]*%|\\|//)' "$1"
}
bad_uris uris.txt && fail "$pdf links to a refused target: $(bad_uris uris.txt | head -3)"
# The text of every refused link is still there.
if command -v pdftotext >/dev/null; then
	pdftotext "$pdf" - | tr -d '\n' >text.txt
	for w in 脚本链接 文件链接 共享链接 数据链接 实体链接 百分号链接 'vbscript:msgbox(1)' 大写链接; do
		grep -qF -- "$w" text.txt || fail "$pdf: the text '$w' is missing"
	done
fi
for p in out/proposals/*.pdf; do
	python3 "$SRC/tests/tools/pdf_uris.py" "$p" >puris.txt || fail "cannot read $p"
	bad_uris puris.txt && fail "$p links to a refused target: $(bad_uris puris.txt | head -3)"
done
ls out/proposals/*.pdf >/dev/null 2>&1 || fail "no proposal was built"

# The site refuses the same targets.
page=out/site/playbooks/decision-chain.html
grep -q '脚本链接' "$page" || fail "the site page lost the link text"
python3 "$SRC/tests/tools/site_inert.py" out/site >inert.txt || fail "site: $(grep FAIL inert.txt | head -3)"
grep -qiE 'href="[^"]*(file:|data:|fileserver|%3A)' "$page" && fail "the site links to a refused target"

# --strict: the warnings are errors.
"$BIN" build --content content --out out-strict --only playbooks --strict --quiet 2>strict.txt
rc=$?
[ $rc -eq 1 ] || fail "build --strict exits $rc, not 1"
grep -q "decision-chain.md:$((n + 2)): error: link target 'javascript:alert(1)' is not allowed" strict.txt ||
	fail "build --strict: no error for the link: $(head -3 strict.txt)"

verdict
