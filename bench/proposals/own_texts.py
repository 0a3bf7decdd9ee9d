#!/usr/bin/env python3
"""own_texts.py - a copy of a gen_customers.py content folder whose customers share no text.

usage: own_texts.py SOURCE_CONTENT DEST_CONTENT

gen_customers.py makes every customer from a few samples, so their texts repeat and a loader
that keeps one copy of each string holds them once. Customers written by hand differ: this
copy adds each customer's number to every element text (names, address, events, strengths,
weaknesses, actions), every name, title and checkpoint attribute and the notes, so that the
memory a loaded customer takes can be measured without that help (bench/README.md, "The
loaded model").
"""
import os
import re
import shutil
import sys

TAGS = "name|short-name|address|event|item|action"


def own(text, n):
    text = re.sub(r'(<(%s)\b[^>]*>)([^<]+)(</(%s)>)' % (TAGS, TAGS),
                  lambda m: m.group(1) + m.group(3) + " " + n + m.group(4), text)
    text = re.sub(r'\b(name|title|checkpoint)="([^"]*)"',
                  lambda m: '%s="%s %s"' % (m.group(1), m.group(2), n), text)
    return text.replace("]]></notes>", "\n" + n + "\n]]></notes>")


def main():
    src, dest = sys.argv[1], sys.argv[2]
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("customers"))
    os.mkdir(os.path.join(dest, "customers"))
    for name in sorted(os.listdir(os.path.join(src, "customers"))):
        with open(os.path.join(src, "customers", name), encoding="utf-8") as f:
            text = f.read()
        n = re.sub(r"\D", "", name) or name[:-4]
        with open(os.path.join(dest, "customers", name), "w", encoding="utf-8") as f:
            f.write(own(text, n))


if __name__ == "__main__":
    main()
