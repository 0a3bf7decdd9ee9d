#!/usr/bin/env bash
# salesgen serve on a copy of the sample content: pages, PDFs and the
# proposal page are served, with the live script added to HTML; no URL
# reaches outside the private output folder (.., escapes, absolute paths,
# backslashes, NUL, dot files, symbolic links inside it); a 1 MB request
# line, 500 connections and a client that never reads leave the server
# answering; a saved change is rebuilt and announced, a broken file's
# message (file:line) reaches the pages until it is fixed; bad usage exits
# 2; SIGINT stops it with exit 0, its folder removed and the content folder
# as it was.
# Usage: bash serve.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
need curl python3
PROBE="$SRC/tests/tools/serve_probe.py"
cp -r "$SRC/content" content || die "cannot copy the content"
# The theme beside the content: the PDFs' style (themes/default/pdf.yaml).
cp -r "$SRC/themes" themes || die "cannot copy the themes"
mkdir tmp
export TMPDIR=$WORK/tmp
tree_hash() { (cd "$1" && find . -print0 | LC_ALL=C sort -z | xargs -0 sha256sum 2>/dev/null | sha256sum); }
before=$(tree_hash content)

# Starts salesgen serve ARGS... in the background (pid in $pid, output in
# serve.out and serve.err) and waits for its URL; $url then holds it.
start() {
	"$BIN" serve "$@" >serve.out 2>serve.err &
	pid=$!
	for _ in $(seq 600); do
		url=$(sed -n 's|^salesgen serve: \(http://[^ ]*\) .*|\1|p' serve.out 2>/dev/null)
		[ -n "$url" ] && return 0
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.2
	done
	return 1
}
# code PATH: the status of GET PATH, sent as written.
code() { curl -s --path-as-is -o body -w '%{http_code}' --max-time 20 "${url%/}$1"; }
# waits up to 60 s for CMD... to succeed.
until_ok() { for _ in $(seq 300); do "$@" && return 0; sleep 0.2; done; return 1; }
state() { curl -s --max-time 10 "${url%/}/__salesgen/state"; }

start --content content --port 0 || die "serve did not start: $(cat serve.err)"
out=$(ls -d tmp/salesgen-serve-* 2>/dev/null)
[ -d "$out" ] || die "no private output folder under TMPDIR"
PORT=${url##*:}
PORT=${PORT%/}

PART="pages"
[ "$(code /)" = 302 ] || fail "/ is not sent on to /site/"
[ "$(code /site/)" = 200 ] || fail "/site/ answered $(code /site/)"
[ "$(code /site/accounts/hengtong-logistics.html)" = 200 ] || fail "the account page is not served"
grep -Eq '<script src="/__salesgen/live.js" data-gen="[0-9]+"></script></head>' body ||
	fail "the account page lacks the live script before </head>"
grep -q '/__salesgen/live.js' "$out/site/accounts/hengtong-logistics.html" &&
	fail "the live script was written into the file itself"
[ "$(code /__salesgen/live.js)" = 200 ] && grep -q EventSource body || fail "no live script"
[ "$(code /proposals/hengtong-logistics.pdf)" = 200 ] || fail "the proposal PDF is not served"
cmp -s body "$out/proposals/hengtong-logistics.pdf" || fail "the PDF served differs from the file"
[ "$(code /site/accounts)" = 302 ] || fail "a folder without its slash is not sent on"
[ "$(code /site/nothing.html)" = 404 ] || fail "a missing page is not 404"
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "${url}site/")" = 405 ] || fail "POST is not refused"
[ "$(code /__salesgen/proposal/hengtong-logistics)" = 200 ] || fail "no proposal page"
grep -q 'src="/proposals/hengtong-logistics.pdf"' body || fail "the proposal page shows no PDF"
grep -q '&quot;five_year&quot;' body || fail "the proposal page shows no cost model"
[ "$(code /__salesgen/proposal/)" = 200 ] && grep -q 'proposal/jinxiu-apparel' body ||
	fail "the list of proposals lacks a customer"
[ "$(code '/__salesgen/proposal/..%2f..%2fetc')" = 403 ] || fail "an escaped slash in an id"
[ "$(code '/__salesgen/proposal/No_Such')" = 404 ] || fail "an unsafe id on the proposal page"

PART="outside the folder"
echo "SECRET-OUTSIDE" >secret.txt
ln -s "$WORK/secret.txt" "$out/site/leak.txt"
ln -s "$WORK" "$out/site/leakdir"
ln -s /etc "$out/etc"
for p in /../secret.txt /site/../../secret.txt /%2e%2e/secret.txt /site/%2e%2e/%2e%2e/secret.txt \
	/site/%2E%2E/index.html /site%2F..%2F..%2Fsecret.txt /site/..%2f..%2fsecret.txt \
	'/site/..\..\secret.txt' '/site/%5c..%5csecret.txt' "/$WORK/secret.txt" "//$WORK/secret.txt" \
	/etc/passwd /etc/hostname /site/leak.txt /site/leakdir/secret.txt /site/index.html%00.pdf \
	/site/%00 /.salesgen/manifest /site/./index.html '/site/.%2e/secret.txt' /%252e%252e/secret.txt; do
	c=$(code "$p")
	case $c in 403 | 404) ;; *) fail "$p answered $c" ;; esac
	grep -q -e SECRET-OUTSIDE -e 'root:' body && fail "$p served a file from outside"
done
c=$(curl -s -o body -w '%{http_code}' "http://127.0.0.1:$PORT/site/../../secret.txt")
grep -q SECRET-OUTSIDE body && fail "curl's own .. handling reached outside"
rm "$out/site/leak.txt" "$out/site/leakdir" "$out/etc"

PART="bounds"
timeout 60 python3 "$PROBE" "$PORT" longline || fail "a 1 MB request line (above)"
timeout 120 python3 "$PROBE" "$PORT" many || fail "500 connections (above)"
timeout 60 python3 "$PROBE" "$PORT" noread || fail "a client that never reads (above)"

PART="rebuild"
f=content/customers/hengtong-logistics.xml
cp "$f" saved.xml
grep -q '<name>恒通物流集团有限公司</name>' "$f" || die "the sample customer changed: fix this test"
sed -i 's|<name>恒通物流集团有限公司</name>|<name>恒通物流预览测试公司</name>|' "$f"
page_has() { code /site/accounts/hengtong-logistics.html >/dev/null && grep -q "$1" body; }
until_ok page_has 恒通物流预览测试公司 || fail "the account page did not show the saved name"
# The site is built first (a state of its own), then the PDFs.
pdf_built() { state | grep -q '"changed":\[[^]]*"proposals/hengtong-logistics.pdf"'; }
until_ok pdf_built || fail "the state does not list the rebuilt proposal: $(state)"

PART="broken"
sed -i 's|<name>恒通物流预览测试公司</name>|<name>恒通物流预览测试公司</nme>|' "$f"
broken() { state | grep -q '"errors":[1-9]'; }
until_ok broken || fail "the broken file gave no error: $(state)"
line=$(grep -n '</nme>' "$f" | cut -d: -f1)
state | grep -q "content/customers/hengtong-logistics.xml:$line:[0-9]*: error: " ||
	fail "the state does not carry file:line: $(state)"
timeout 30 python3 "$PROBE" "$PORT" events >event.txt || fail "no event on the stream"
grep -q "hengtong-logistics.xml:$line:" event.txt || fail "the event stream lacks file:line: $(cat event.txt)"
page_has 恒通物流预览测试公司 || fail "the last good page is not kept while the file is broken"

PART="fixed"
cp saved.xml "$f"
fixed() { state | grep -q '"errors":0' && page_has 恒通物流集团有限公司; }
until_ok fixed || fail "the fix did not clear the error or bring the page back: $(state)"

PART="theme"
echo "# a comment, changed by serve.sh" >>themes/default/pdf.yaml
restyled() { state | grep -q '"changed":\[[^]]*"playbooks/decision-chain.pdf"'; }
until_ok restyled || fail "a change to the theme did not rebuild the PDFs: $(state)"

PART="usage"
"$BIN" serve --content content --port "$PORT" >/dev/null 2>usage.err
[ $? -eq 2 ] || fail "a port in use did not exit 2"
grep -q "^salesgen serve: port $PORT is in use; choose another with --port N$" usage.err ||
	fail "no message for the port in use: $(cat usage.err)"
"$BIN" serve --content content --port 70000 2>usage.err
[ $? -eq 2 ] && grep -q -- '--port' usage.err || fail "--port 70000 was taken"
"$BIN" serve --content nowhere 2>usage.err
[ $? -eq 2 ] && grep -q 'no content folder nowhere' usage.err || fail "a missing content folder"
"$BIN" serve --bogus 2>usage.err
[ $? -eq 2 ] && [ "$(wc -l <usage.err)" -eq 1 ] || fail "an unknown argument: $(cat usage.err)"
"$BIN" serve --content content --bind 'not an address' --port 0 2>usage.err
[ $? -eq 2 ] && grep -q 'not an address of this machine' usage.err || fail "a bad --bind: $(cat usage.err)"

PART="stop"
kill -INT "$pid"
timeout 60 tail --pid="$pid" -f /dev/null || fail "serve did not stop on SIGINT"
wait "$pid"
rc=$?
[ $rc -eq 0 ] || fail "serve exited $rc on SIGINT"
[ -e "$out" ] && fail "the private output folder is left after SIGINT"
[ "$(tree_hash content)" = "$before" ] || fail "the content folder changed"
[ -e output ] && fail "serve wrote an output/ folder"

PART="stop while building"
# A first build of 300 customers takes seconds: SIGINT in the middle of it
# stops serve at once, its build and workers killed, its folder removed.
python3 "$SRC/tests/tools/make_customers.py" "$SRC/content" many 300 || die "cannot make customers"
"$BIN" serve --content many --port 0 >serve.out 2>serve.err &
pid=$!
building() { [ -n "$(ls tmp/salesgen-serve-*/costs 2>/dev/null | head -1)" ]; }
until_ok building ||
	fail "the first build of 300 customers did not start"
early=1
[ -s serve.out ] && early=0 && echo "note: the first build was over before SIGINT"
kill -INT "$pid"
timeout 60 tail --pid="$pid" -f /dev/null || fail "serve did not stop on SIGINT during a build"
wait "$pid"
[ $? -eq 0 ] || fail "serve did not exit 0 on SIGINT during a build"
[ $early -eq 1 ] && [ -s serve.out ] && fail "serve finished its first build before it stopped"
sleep 0.5
[ -z "$(ls tmp)" ] || fail "a private output folder is left after SIGINT during a build: $(ls tmp)"
pgrep -f "salesgen serve --content many" >/dev/null && fail "a build process outlived serve"

PART="bind"
"$BIN" serve --content content --bind 0.0.0.0 --port 0 >serve.out 2>serve.err &
pid=$!
until_ok grep -q '^salesgen serve: http://' serve.out || fail "serve --bind 0.0.0.0 did not start"
grep -q '^salesgen serve: warning: listening on 0.0.0.0, which other machines can reach' serve.err ||
	fail "no warning for a non-loopback address: $(cat serve.err)"
kill -TERM "$pid"
wait "$pid"
[ $? -eq 0 ] || fail "serve did not exit 0 on SIGTERM"
[ -z "$(ls tmp)" ] || fail "a private output folder is left after SIGTERM: $(ls tmp)"
sanitizer_check serve.err
verdict
