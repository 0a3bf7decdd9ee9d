#!/usr/bin/env bash
# Every page of the sample site is valid HTML5 (html-validate, zero errors)
# and every internal link and image resolves. Needs node and the npm tools of
# tests/package.json (./build.sh test installs them); skipped without.
# Usage: bash site_validate.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
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
node "$SRC/tests/tools/site_check.js" "$WORK/out/site"
