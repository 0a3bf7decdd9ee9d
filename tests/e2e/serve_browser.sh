#!/usr/bin/env bash
# salesgen serve in a real browser (tests/tools/serve_browser.js): a saved
# change reloads the open page, a broken file shows the overlay with its
# file:line, the fix takes it away. Skipped without node, Chromium or
# puppeteer-core (./build.sh test installs them).
# Usage: bash serve_browser.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
need node
cp -r "$SRC/content" content || die "cannot copy the content"
mkdir tmp
export TMPDIR=$WORK/tmp
"$BIN" serve --content content --port 0 >serve.out 2>serve.err &
pid=$!
url=
for _ in $(seq 600); do
	url=$(sed -n 's|^salesgen serve: \(http://[^ ]*\) .*|\1|p' serve.out 2>/dev/null)
	[ -n "$url" ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.2
done
[ -n "$url" ] || die "serve did not start: $(cat serve.err)"
timeout 300 node "$SRC/tests/tools/serve_browser.js" "$url" content
rc=$?
kill -INT "$pid"
wait "$pid"
stop=$?
[ $rc -eq 77 ] && skip "the check needs a tool that is not installed (above)"
[ $rc -eq 0 ] || fail "the browser check failed (above)"
[ $stop -eq 0 ] || fail "serve exited $stop on SIGINT"
sanitizer_check serve.err
verdict
