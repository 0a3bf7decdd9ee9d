#!/usr/bin/env bash
# site_cjk_gaps.sh - spaces between Chinese and other text on the site, in a
# real browser (Debian's Chromium, headless, from file://). A playbook with
# the template faults of issue 13 ("8.5折 计算", "方案。 如果" across bold,
# "2016 年" beside "2026年") and the sample price page ("权限。 心理价位线"):
# no gap shows between two Han characters or beside Chinese punctuation, and
# every Han|Latin boundary has the same gap (text-autospace's, where the
# browser has it); no text node of any page keeps such a space. Skipped
# without node, Chromium or puppeteer-core (./build.sh test installs them).
# Usage: bash site_cjk_gaps.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
need node
export SOURCE_DATE_EPOCH=1795132800
cp -r "$SRC/content" content
cat >content/playbooks/spacing.md <<'MD'
---
title: 中文与西文的间距
order: 99
---

本次报价按目录价的 8.5折 计算，**预算优选方案。** 如果需要，可以再谈。

我们 2016 年开始提供服务，2026年12月20日到期；使用 IMAP 协议或使用IMAP协议都可以。
MD
"$BIN" build --content content --out out --only site --quiet 2>err.txt ||
	die "build exited $?: $(head -3 err.txt)"

run() {
	node "$SRC/tests/tools/site_cjk_gaps.js" out/site "$@"
	local rc=$?
	[ $rc -eq 77 ] && skip "the check needs a tool that is not installed (above)"
	[ $rc -eq 0 ] || fail "the browser check of $1 failed (above)"
}
run playbooks/spacing.html "折|计,。|如,价|的" "6|年,6|年,用|I,P|协,用|I,P|协"
run prices.html "。|心,：|月,：|需" "" --all
run accounts/hengtong-logistics.html "：|2" "至|2,书|Y"
verdict
