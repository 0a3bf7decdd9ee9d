#!/usr/bin/env python3
"""gen_newsletter.py M DIR - real-world-shaped pages for the site benchmark.

Writes M pages shaped like the issues of a Chinese weekly tech newsletter
(a long page of links: a cover picture, the week's essay, news items, then
numbered lists of articles, tools, resources and quotes, each entry a link
and a sentence or two about it, and links to earlier issues): 190 to 280
links a page, 21 to 32 KB (26 on average). The vocabulary is large, as a real newsletter's
is (two-character Chinese words from 400 characters, English words and
made-up product names, many domains and paths), so the search index is
closer to a real site's than the synthetic pages' 80 words.

Both sites (salesgen content folder, Hugo site with the same layouts) are
those of gen_pages.py; only the pages differ. Deterministic for a given M.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_pages  # noqa: E402

HAN = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定"
       "行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然"
       "前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系"
       "军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计"
       "别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶"
       "油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确"
       "才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近"
       "矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王")
EN = ("open source release browser database compiler terminal kernel network privacy model agent "
      "design library framework editor server cloud storage video camera battery chip robot "
      "search index cache memory thread async query vector image audio font layout print "
      "history archive essay interview tutorial guide review benchmark security update").split()
SYL = ["ra", "ve", "lo", "mi", "tex", "zen", "kor", "ba", "nu", "qi", "sta", "pix", "dro", "len", "fy", "o"]
DOMAINS = ["github.com", "news.ycombinator.com", "arstechnica.com", "www.theverge.com", "lwn.net",
           "blog.cloudflare.com", "www.ruanyifeng.com", "sspai.com", "36kr.com", "www.infoq.cn",
           "juejin.cn", "zhuanlan.zhihu.com", "medium.com", "dev.to", "www.nytimes.com",
           "www.bbc.com", "arxiv.org", "www.wired.com", "v2ex.com", "www.solidot.org"]
SECTIONS = ["科技动态", "文章", "工具", "AI 相关", "资源", "图片", "文摘", "言论"]


def zh_words(r, n):
    return "".join(r.choice(HAN) + r.choice(HAN) for _ in range(n))


def product(r):
    return "".join(r.choice(SYL) for _ in range(r.randint(2, 3))).capitalize()


def url(r):
    d = r.choice(DOMAINS)
    path = "/".join(r.choice(EN) + ("-" + r.choice(EN) if r.random() < 0.5 else "")
                    for _ in range(r.randint(1, 3)))
    return f"https://{d}/{path}/{r.randint(1, 99999)}"


def sentence(r):
    parts = []
    for _ in range(r.randint(1, 3)):
        k = r.random()
        if k < 0.6:
            parts.append(zh_words(r, r.randint(2, 5)))
        elif k < 0.8:
            parts.append(" " + " ".join(r.choice(EN) for _ in range(r.randint(1, 3))) + " ")
        else:
            parts.append(" " + product(r) + " ")
    return "，".join(p.strip() for p in parts) + "。"


def inline_link(r):
    """A link as newsletters write them: inline, a bare address, or <...>."""
    k = r.random()
    if k < 0.7:
        return f"[{zh_words(r, r.randint(2, 5))}（{product(r)}）]({url(r)})"
    if k < 0.85:
        return f"{url(r)}"
    return f"<{url(r)}>"


def page(i, m):
    r = random.Random(i * 104729 + m)
    title = f"科技周刊（第 {i} 期）：{zh_words(r, 3)}"
    tags = r.sample(gen_pages.TAGS, 2)
    summary = sentence(r)
    body = [f"# {title}", "", f"这里记录每周值得分享的科技内容，周五发布。本期 {product(r)} 专题。", "",
            f"![封面图]({url(r)}.jpg)", "", f"（{sentence(r)}[图片来源]({url(r)})）", "",
            "## 本周话题：" + zh_words(r, 4), ""]
    for _ in range(r.randint(4, 6)):  # the essay: long paragraphs, a few links
        para = "".join(sentence(r) for _ in range(r.randint(3, 5)))
        if r.random() < 0.5:
            para += f"参见 {inline_link(r)}。"
        body += [para, ""]
    target = r.randint(170, 250)
    links = 0
    while links < target:
        for sec in SECTIONS:
            if links >= target:
                break
            body += [f"## {sec}", ""]
            for j in range(1, r.randint(6, 14)):
                if sec == "言论":
                    body += [f"{j}、", "", f"> {sentence(r)}", "",
                             f"-- [{product(r)}]({url(r)})", ""]
                    links += 1
                    continue
                text = f"{j}、[{zh_words(r, r.randint(3, 6))}]({url(r)})（{product(r)}）"
                extra = " ".join(inline_link(r) for _ in range(r.randint(0, 2)))
                body += [text, "", sentence(r) + (f"另见 {extra}。" if extra else ""), ""]
                links += 1 + (extra.count("http"))
    body += ["## 往年回顾", ""]
    for y in range(1, 5):
        body.append(f"- [{zh_words(r, 4)}（#{max(1, i - 52 * y)}）]({url(r)})")
        links += 1
    body += ["", f"（完）本期共 {links} 个链接。", ""]
    front = ("---\n"
             f"title: \"{title}\"\n"
             f"lang: zh-CN\n"
             f"order: {i}\n"
             f"weight: {i}\n"
             f"tags: [{', '.join(tags)}]\n"
             f"summary: \"{summary}\"\n"
             "---\n\n")
    return front + "\n".join(body) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen_newsletter.py M DIR")
    m, out = int(sys.argv[1]), sys.argv[2]
    total = gen_pages.write_sites(m, out, page)
    print(f"{m} newsletter pages, {total / m / 1024:.1f} KB each on average")


if __name__ == "__main__":
    main()
