#!/usr/bin/env python3
"""gen_customers.py - a content folder with N customers for the proposal benchmark.

usage: gen_customers.py SOURCE_CONTENT DEST_CONTENT N

Copies SOURCE_CONTENT (its catalog, site, templates and case studies) to
DEST_CONTENT and replaces its customers by N made from the Chinese sample
customers in turn: each gets its own id, proposal number, user count and
amounts, so every proposal differs, and each is a 3-to-5-page Chinese proposal.
"""
import os
import re
import shutil
import sys


def main():
    src, dest, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(src, dest)
    cdir = os.path.join(dest, "customers")
    samples = []
    for name in sorted(os.listdir(cdir)):
        path = os.path.join(cdir, name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        os.remove(path)
        if 'lang="zh-CN"' in text and "<offer " in text:
            samples.append((name[:-4], text))
    for i in range(n):
        sid, text = samples[i % len(samples)]
        cid = "bench-%05d" % i
        t = text.replace('id="%s"' % sid, 'id="%s"' % cid, 1)
        year = 2026 + i // 9000
        t = re.sub(r'(<offer\b[^>]*\bdate=")\d{4}', lambda m: m.group(1) + str(year), t, count=1)
        t = re.sub(r'number="YM-\d{4}-\d{4}"', 'number="YM-%d-%04d"' % (year, i % 9000 + 1000), t, count=1)
        # A different size and amounts per customer.
        t = re.sub(r'(<offer\b[^>]*\busers=")(\d+)', lambda m: m.group(1) + str(int(m.group(2)) + i % 97), t, count=1)
        t = re.sub(r'(<hardware\b[^>]*\bamount=")(\d+)', lambda m: m.group(1) + str(int(m.group(2)) + 100 * (i % 50)), t)
        with open(os.path.join(cdir, cid + ".xml"), "w", encoding="utf-8") as f:
            f.write(t)


if __name__ == "__main__":
    main()
