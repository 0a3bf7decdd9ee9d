#!/usr/bin/env bash
# Every page of the sample site is valid HTML5 (html-validate, zero errors)
# and every internal link and image resolves. Needs node and the npm tools of
# tests/package.json (./build.sh test installs them); skipped without.
# Usage: bash site_validate.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
need node
export SOURCE_DATE_EPOCH=1795132800
"$BIN" build --content "$SRC/content" --out "$WORK/out" --only site --quiet ||
	die "build exited $?"
node "$SRC/tests/tools/site_check.js" "$WORK/out/site"
rc=$?
[ $rc -eq 77 ] && skip "the check needs a tool that is not installed (above)"
[ $rc -eq 0 ] || fail "the site check failed (above)"
verdict
