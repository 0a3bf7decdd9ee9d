#!/usr/bin/env python3
"""gen_links.py N DIR: a salesgen content folder with one playbook of N links.

The page is shaped like a link-heavy weekly newsletter: paragraphs of a few
links each, mixing the three kinds salesgen's Markdown pass looks at again
(a bare address right before Chinese text, which is cut; an explicit
<https://...> autolink, which is not; an inline [text](url) link), plus
list items and a block quote of links. Its size grows with N and nothing
else, so the build time per link should stay the same from 100 to 10,000.
"""
import os
import sys

SITE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<site lang="zh-CN" currency="CNY">
  <vendor>
    <name>基准测试公司</name>
  </vendor>
</site>
"""

CATALOG_XML = """<?xml version="1.0" encoding="UTF-8"?>
<catalog currency="CNY"/>
"""


def link(i):
    k = i % 4
    if k == 0:
        return f"详见 https://example.com/a/{i}。然后"
    if k == 1:
        return f"<https://example.com/b/{i}>"
    if k == 2:
        return f"[第{i}篇 “文章”](https://example.com/c/{i})"
    return f"www.example.com/d/{i}。和 *重点*"


def page(n):
    out = ["---", "title: 链接周刊", "---", "", "# 链接周刊", ""]
    i = 0
    while i < n:
        block = (i // 8) % 3
        if block == 0:
            out.append(" ".join(f"第{j}条：{link(j)}" for j in range(i, min(i + 8, n))))
        elif block == 1:
            out.extend(f"- {link(j)}" for j in range(i, min(i + 8, n)))
        else:
            out.append("> " + " ".join(link(j) for j in range(i, min(i + 8, n))))
        out.append("")
        i += 8
    return "\n".join(out) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen_links.py N DIR")
    n, out = int(sys.argv[1]), sys.argv[2]
    write(os.path.join(out, "site.xml"), SITE_XML)
    write(os.path.join(out, "catalog.xml"), CATALOG_XML)
    text = page(n)
    write(os.path.join(out, "playbooks", "links.md"), text)
    print(f"{n} links, {len(text.encode())} bytes")


if __name__ == "__main__":
    main()
