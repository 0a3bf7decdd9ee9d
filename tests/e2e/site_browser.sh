#!/usr/bin/env bash
# The sample site in a real browser (Debian's Chromium, headless, from
# file://): search finds a Chinese word, the pipeline sorts, no page opens a
# dialog or throws, nothing overflows at 375 px. Skipped without node,
# Chromium or puppeteer-core (./build.sh test installs them).
# Usage: bash site_browser.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
need node
export SOURCE_DATE_EPOCH=1795132800
"$BIN" build --content "$SRC/content" --out "$WORK/out" --only site --quiet ||
	die "build exited $?"
node "$SRC/tests/tools/site_browser.js" "$WORK/out/site" 黑名单
rc=$?
[ $rc -eq 77 ] && skip "the check needs a tool that is not installed (above)"
[ $rc -eq 0 ] || fail "the browser check failed (above)"
verdict
