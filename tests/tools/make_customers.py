#!/usr/bin/env python3
"""make_customers.py - a content folder with many customers, for build tests.

usage: make_customers.py SOURCE_CONTENT DEST_CONTENT COUNT

Copies SOURCE_CONTENT to DEST_CONTENT and adds COUNT customers made from the
sample customer hengtong-logistics.xml: each gets its own id (gen-00001...),
its own proposal number and a different number of users, so that every cost
output differs.
"""
import re
import shutil
import sys


def main():
    src, dest, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    shutil.copytree(src, dest)
    path = dest + "/customers/hengtong-logistics.xml"
    with open(path, encoding="utf-8") as f:
        sample = f.read()
    for i in range(1, count + 1):
        cid = "gen-%05d" % i
        text = sample.replace('id="hengtong-logistics"', 'id="%s"' % cid, 1)
        # Proposal numbers are YM-YYYY-NNNN with YYYY the offer's year: a
        # block of 5000 numbers per year.
        year = 2026 + i // 5000
        text = re.sub(r'(<offer\b[^>]*\bdate=")\d{4}', lambda m: m.group(1) + str(year),
                      text, count=1)
        text = re.sub(r'number="YM-\d{4}-\d{4}"',
                      'number="YM-%d-%04d"' % (year, 5000 + i % 5000), text, count=1)
        text = re.sub(r'(<offer\b[^>]*\busers=")(\d+)"',
                      lambda m: '%s%d"' % (m.group(1), 100 + i), text, count=1)
        with open("%s/customers/%s.xml" % (dest, cid), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
