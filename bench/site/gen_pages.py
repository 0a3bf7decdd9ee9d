#!/usr/bin/env python3
"""gen_pages.py M DIR - the pages of the site benchmark.

Writes M Markdown pages of about 12 KB each, mixed Chinese and English
(paragraphs, headings, a table and a list or two per section, bold text next
to Chinese punctuation), deterministic for a given M, as two equivalent sites:

  DIR/salesgen/content/   playbooks/pNNNNN.md, a minimal site.xml and catalog.xml
  DIR/hugo/               the same pages in content/playbooks/, a minimal
                          config and layouts: a page with its table of contents,
                          breadcrumbs, previous/next and tags; the list; tag
                          pages; a JSON search index of every page's text
                          (salesgen writes one too). No RSS, no sitemap.
"""
import os
import random
import sys

ZH = ("客户 预算 审批 续费 邮件 安全 迁移 部署 报价 折扣 合同 方案 决策 采购 "
      "服务器 运维 成本 利润 渠道 分公司 集团 数据 备份 加密 协同 办公 效率 "
      "风险 周期 试用 验收 培训 支持 需求 痛点 竞争 优势 价值 回款 签约 招标").split()
EN = ("customer budget approval renewal mailbox security migration rollout quote "
      "discount contract proposal decision procurement server operations cost margin "
      "channel branch group data backup encryption collaboration efficiency risk cycle "
      "trial acceptance training support requirement pain competitor advantage value").split()
PUNCT = "，。；："
TAGS = ["异议处理", "报价", "续费", "安全", "迁移", "pricing", "renewals", "security",
        "onboarding", "competition", "决策链", "渠道"]


def zh_sentence(r):
    words = [r.choice(ZH) for _ in range(r.randint(8, 16))]
    if r.random() < 0.3:
        i = r.randrange(len(words))
        words[i] = "**" + words[i] + "。**"  # emphasis next to CJK punctuation
    out = ""
    for i, w in enumerate(words):
        out += w
        if i and i % 5 == 0:
            out += r.choice(PUNCT[:1])
    return out + "。"


def en_sentence(r):
    words = [r.choice(EN) for _ in range(r.randint(8, 16))]
    words[0] = words[0].capitalize()
    if r.random() < 0.3:
        i = r.randrange(1, len(words))
        words[i] = "*" + words[i] + "*"
    return " ".join(words) + "."


def paragraph(r):
    parts = []
    for _ in range(r.randint(3, 6)):
        parts.append(zh_sentence(r) if r.random() < 0.6 else en_sentence(r))
    return "".join(p if p.endswith("。") else p + " " for p in parts).strip()


def table(r):
    cols = r.randint(3, 5)
    rows = r.randint(4, 8)
    head = "| " + " | ".join(r.choice(ZH) + str(c) for c in range(cols)) + " |"
    sep = "|" + "|".join("---" for _ in range(cols)) + "|"
    body = []
    for _ in range(rows):
        cells = [r.choice(ZH) + r.choice(EN) if r.random() < 0.5 else str(r.randint(1, 99999))
                 for _ in range(cols)]
        body.append("| " + " | ".join(cells) + " |")
    return "\n".join([head, sep] + body)


def bullets(r):
    ordered = r.random() < 0.4
    items = []
    for i in range(r.randint(3, 7)):
        mark = f"{i + 1}." if ordered else "-"
        text = zh_sentence(r) if r.random() < 0.6 else en_sentence(r)
        if not ordered and r.random() < 0.2:
            text = ("[x] " if r.random() < 0.5 else "[ ] ") + text
        items.append(f"{mark} {text}")
    return "\n".join(items)


def page(i, m):
    r = random.Random(i * 7919 + m)
    title = f"第 {i} 篇：{r.choice(ZH)}{r.choice(ZH)}与 {r.choice(EN)} 指南"
    tags = r.sample(TAGS, 2)
    summary = zh_sentence(r)
    body = [f"# {title}", "", paragraph(r), ""]
    n = 0
    while sum(len(s.encode()) for s in body) < 11500:
        n += 1
        body += [f"## {n}. {r.choice(ZH)}{r.choice(ZH)} {r.choice(EN)}", ""]
        for _ in range(r.randint(2, 3)):
            body += [paragraph(r), ""]
        body += [table(r) if n % 2 else bullets(r), ""]
        if n % 3 == 0:
            body += [f"### {r.choice(ZH)}要点", "", bullets(r), ""]
    front = ("---\n"
             f"title: \"{title}\"\n"
             f"lang: {'zh-CN' if i % 4 else 'en'}\n"
             f"order: {i}\n"
             f"weight: {i}\n"
             f"tags: [{', '.join(tags)}]\n"
             f"summary: \"{summary}\"\n"
             "---\n\n")
    return front + "\n".join(body) + "\n"


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

HUGO_CONFIG = """baseURL = "/"
languageCode = "zh-CN"
title = "基准测试公司"
hasCJKLanguage = true
relativeURLs = true
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
[taxonomies]
  tag = "tags"
[outputs]
  home = ["HTML", "JSON"]
[markup.goldmark.renderer]
  unsafe = false
[markup.tableOfContents]
  startLevel = 2
  endLevel = 4
"""

LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "site.css" | relURL }}"></head>
<body><nav><a href="{{ "/" | relURL }}">首页</a> <a href="{{ "playbooks/" | relURL }}">作战手册</a> <a href="{{ "tags/" | relURL }}">标签</a></nav>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}</footer></body></html>
""",
    "_default/single.html": """{{ define "main" }}
<nav class="breadcrumbs"><a href="{{ "/" | relURL }}">首页</a> / <a href="{{ .CurrentSection.RelPermalink }}">{{ .CurrentSection.Title }}</a></nav>
<article><h1>{{ .Title }}</h1><p>{{ .Summary }}</p>
<ul class="tags">{{ range .Params.tags }}<li><a href="{{ (printf "tags/%s/" (urlize .)) | relURL }}">{{ . }}</a></li>{{ end }}</ul>
{{ .Content }}
<nav class="pager">{{ with .PrevInSection }}<a href="{{ .RelPermalink }}" rel="prev">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}" rel="next">{{ .Title }}</a>{{ end }}</nav>
</article>
<aside class="toc">{{ .TableOfContents }}</aside>
{{ end }}
""",
    "_default/list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>
{{ end }}
""",
    "index.html": """{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<ul>{{ range (where .Site.RegularPages "Section" "playbooks") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
    "index.json": """{{- $idx := slice -}}
{{- range .Site.RegularPages -}}
{{- $idx = $idx | append (dict "t" .Title "u" .RelPermalink "x" .Plain) -}}
{{- end -}}
{{- $idx | jsonify -}}
""",
}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_sites(m, out, page_fn):
    """Writes both sites of m pages made by page_fn(i, m) into out; returns
    the pages' total bytes."""
    sg = os.path.join(out, "salesgen", "content")
    hg = os.path.join(out, "hugo")
    write(os.path.join(sg, "site.xml"), SITE_XML)
    write(os.path.join(sg, "catalog.xml"), CATALOG_XML)
    write(os.path.join(hg, "hugo.toml"), HUGO_CONFIG)
    for name, text in LAYOUTS.items():
        write(os.path.join(hg, "layouts", name), text)
    write(os.path.join(hg, "static", "site.css"), "body{font-family:sans-serif}\n")
    write(os.path.join(hg, "content", "playbooks", "_index.md"), "---\ntitle: 作战手册\n---\n")
    total = 0
    for i in range(1, m + 1):
        text = page_fn(i, m)
        total += len(text.encode())
        name = f"p{i:05d}.md"
        write(os.path.join(sg, "playbooks", name), text)
        write(os.path.join(hg, "content", "playbooks", name), text)
    return total


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen_pages.py M DIR")
    m, out = int(sys.argv[1]), sys.argv[2]
    total = write_sites(m, out, page)
    print(f"{m} pages, {total / m / 1024:.1f} KB each on average")


if __name__ == "__main__":
    main()
