#!/usr/bin/env bash
# site_lang.sh - text in a language other than its page's carries a lang
# attribute. The sample site is Chinese and lists English case studies, an
# English playbook and an English customer; their pages are English and link
# to Chinese ones. Every text of every page is checked against the language
# its element is in (the nearest lang attribute): mostly Chinese text in an
# English element, or an English phrase (two or more lower-case words, so
# that names such as "Oracle Messaging Server" pass) in a Chinese one, fails.
# Code, scripts and charts are not looked at.
# usage: bash site_lang.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
need python3
export SOURCE_DATE_EPOCH=1795132800

"$BIN" build --content "$SRC/content" --out out --only site --quiet 2>err.txt ||
	fail "build exited $?: $(head -3 err.txt)"

python3 - out/site <<'PY' || fail "text in another language than its element's (above)"
import os, re, sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
SKIP = {"script", "style", "code", "pre", "svg"}
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
WORD = re.compile(r"[A-Za-z]{2,}")

class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.skip, self.bad = [], 0, []

    def lang(self):
        for _, lang in reversed(self.stack):
            if lang is not None:
                return lang
        return ""

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        self.stack.append((tag, dict(attrs).get("lang")))
        self.skip += tag in SKIP

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            t, _ = self.stack.pop()
            self.skip -= t in SKIP
            if t == tag:
                break

    def handle_data(self, text):
        if self.skip or not text.strip():
            return
        han, words, lang = len(HAN.findall(text)), WORD.findall(text), self.lang()
        if lang.startswith("en") and han > sum(map(len, words)):
            self.bad.append(("Chinese text in an English element", text))
        if lang.startswith("zh") and not han and sum(w[0].islower() for w in words) >= 2:
            self.bad.append(("English text in a Chinese element", text))

site, bad, pages = sys.argv[1], 0, 0
for root, _, files in os.walk(site):
    for name in sorted(files):
        if not name.endswith(".html"):
            continue
        path = os.path.join(root, name)
        page = Page()
        with open(path, encoding="utf-8") as f:
            page.feed(f.read())
        pages += 1
        for why, text in page.bad:
            bad += 1
            print("%s: %s: %s" % (os.path.relpath(path, site), why, " ".join(text.split())[:80]))
print("%d pages, %d texts in the wrong language" % (pages, bad))
sys.exit(1 if bad or pages < 20 else 0)
PY

verdict
