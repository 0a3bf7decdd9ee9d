#!/usr/bin/env python3
"""Proves a built site holds no executable markup from content.

Parses every page with the standard library's HTML parser (so text inside
quoted attribute values is never mistaken for markup) and fails on:
  - a <script> that is not the theme's own (src ending in assets/site.js,
    no inline code),
  - any on* event handler attribute,
  - a javascript:, vbscript: or data:text URL in href, src, action,
    formaction, xlink:href,
  - <iframe>, <object>, <embed>, <base>, <form> or <meta http-equiv>.
Usage: site_inert.py SITE_DIR   Exit: 0 clean, 1 problems.
"""
import os
import re
import sys
from html.parser import HTMLParser

URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset"}
BANNED = {"iframe", "object", "embed", "base", "form", "frame", "applet"}
SCRIPT_URL = re.compile(r"^(javascript|vbscript|data:text)", re.I)


class Check(HTMLParser):
    def __init__(self, rel, problems):
        super().__init__(convert_charrefs=True)
        self.rel, self.problems = rel, problems
        self.in_script = False

    def bad(self, msg):
        self.problems.append(f"{self.rel}:{self.getpos()[0]}: {msg}")

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.bad(f"<{tag}> has an event handler attribute {name}")
            if name in URL_ATTRS and value is not None:
                # Browsers ignore control characters and white space here.
                v = re.sub(r"[\x00-\x20]", "", value)
                if SCRIPT_URL.match(v):
                    self.bad(f"<{tag} {name}> is a script URL: {value[:60]}")
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not src.endswith("assets/site.js"):
                self.bad(f"a <script> that is not the theme's: src={src!r}")
            self.in_script = True
        if tag in BANNED:
            self.bad(f"<{tag}> element")
        if tag == "meta" and any(n == "http-equiv" for n, _ in attrs):
            self.bad("<meta http-equiv>")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.bad("inline script code")


def main():
    site = sys.argv[1]
    problems, pages = [], 0
    for dirpath, _, files in sorted(os.walk(site)):
        for f in sorted(files):
            if f.endswith(".html"):
                pages += 1
                p = os.path.join(dirpath, f)
                c = Check(os.path.relpath(p, site), problems)
                c.feed(open(p, encoding="utf-8").read())
                c.close()
    for p in problems:
        print("FAIL: " + p)
    print(f"{pages} pages checked for executable markup: {len(problems)} problems")
    return 1 if problems or pages == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
