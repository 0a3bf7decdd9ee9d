#!/usr/bin/env bash
# The sample site in a real browser (Debian's Chromium, headless, from
# file://): search finds a Chinese word, the pipeline sorts, no page opens a
# dialog or throws, nothing overflows at 375 px. Skipped without node,
# Chromium or puppeteer-core (./build.sh test installs them).
# Usage: bash site_browser.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
set -u
BIN=$1
SRC=$2
WORK=$3
if ! command -v node >/dev/null; then
	echo "SKIP: node is not installed (./build.sh test installs it)"
	exit 77
fi
rm -rf "$WORK"
mkdir -p "$WORK"
export SOURCE_DATE_EPOCH=1795132800
"$BIN" build --content "$SRC/content" --out "$WORK/out" --only site --quiet ||
	{ echo "FAIL: build exited $?"; exit 1; }
node "$SRC/tests/tools/site_browser.js" "$WORK/out/site" 黑名单
