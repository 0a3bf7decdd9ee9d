#!/usr/bin/env python3
"""Turns the Markdown salesgen sets into a Typst document styled like the default theme.

Only what the benchmark's two documents use: YAML front matter (its title goes
to the running header), ATX headings, paragraphs (one source line each, or
several joined without a space, as Chinese text is), pipe tables with column
alignment, bullet and numbered lists, **strong**, *emphasis*, `code`, links,
Markdown's backslash escapes and HTML comments (salesgen's block markers,
left out: the proposal's chart is not set). Everything else is plain text.

The page follows themes/default/pdf.yaml where Typst can: A4, margins 2.54 cm
top and bottom and 3.17 cm at the sides, body 12 pt on an 18 pt line pitch
(leading 1.5), first-line indent of two characters, justified; headings 15 and
13 pt in #1F3A5F; tables 10.5 pt with 6 pt x 4 pt padding and a #E8EDF3 head;
header and footer 9 pt in #6B7480. Faces: Noto Serif CJK SC for the body, Noto
Sans CJK SC for headings, tables, header and footer (real Bold; Typst uses the
CJK face's own Latin letters). Typst's own Chinese rules stay on: lang zh,
region cn (punctuation compression, quarter-em Han/Latin spacing).

usage: md2typ.py IN.md OUT.typ [--title TEXT] [--footer TEXT]
(--title when the Markdown has no front matter; --footer: the footer's left side)
"""
import re
import sys

PREAMBLE = r"""// Made by bench/typst/md2typ.py from %(source)s.
#set document(title: "%(title)s")
#set page(paper: "a4", margin: (top: 2.54cm, bottom: 2.54cm, left: 3.17cm, right: 3.17cm),
  header-ascent: 0.9cm, footer-descent: 1.1cm,
  header: text(font: "Noto Sans CJK SC", size: 9pt, fill: rgb("#6B7480"))[%(title)s],
  footer: context text(font: "Noto Sans CJK SC", size: 9pt, fill: rgb("#6B7480"))[
    %(footer)s #h(1fr) 第 #counter(page).display() 页 / 共 #counter(page).final().first() 页])
#set text(font: "Noto Serif CJK SC", size: 12pt, lang: "zh", region: "cn",
  fill: rgb("#222222"), top-edge: 0.88em, bottom-edge: -0.12em)
#set par(justify: true, leading: 0.5em, spacing: 0.5em,
  first-line-indent: (amount: 2em, all: true))
#show heading: set text(font: "Noto Sans CJK SC", weight: "bold", fill: rgb("#1F3A5F"))
#show heading.where(level: 1): set text(size: 15pt)
#show heading.where(level: 1): set block(above: 16pt + 0.5em, below: 7pt + 0.5em)
#show heading.where(level: 2): set text(size: 13pt)
#show heading.where(level: 2): set block(above: 12pt + 0.5em, below: 5pt + 0.5em)
#show table: set text(font: "Noto Sans CJK SC", size: 10.5pt)
#show table: set par(justify: false, first-line-indent: 0pt, leading: 0.35em)
#show table: set block(above: 8pt + 0.5em, below: 10pt + 0.5em)
#set table(inset: (x: 6pt, y: 4pt), stroke: 0.5pt + rgb("#8795A3"),
  fill: (_, y) => if y == 0 { rgb("#E8EDF3") })
#set list(indent: 0pt, body-indent: 0.75em)
#set enum(indent: 0pt, body-indent: 0.75em)
#show list: set par(first-line-indent: 0pt)
#show enum: set par(first-line-indent: 0pt)

"""

SPECIAL = set("\\#*_`$<>@[]~'\"/=-+.")


def escape(text):
    return "".join("\\" + c if c in SPECIAL else c for c in text)


def unescape_md(text):
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def inline(md):
    """Inline Markdown to Typst markup."""
    out, i = [], 0
    pattern = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*|`([^`]+)`|\[([^\]]+)\]\(([^)]+)\)")
    for m in pattern.finditer(md):
        out.append(escape(unescape_md(md[i:m.start()])))
        if m.group(1) is not None:
            out.append("#strong[%s]" % inline(m.group(1)))
        elif m.group(2) is not None:
            out.append("#emph[%s]" % inline(m.group(2)))
        elif m.group(3) is not None:
            out.append("#raw(\"%s\")" % m.group(3).replace("\\", "\\\\").replace('"', '\\"'))
        else:
            out.append("#link(\"%s\")[%s]" % (m.group(5).replace('"', '\\"'), inline(m.group(4))))
        i = m.end()
    out.append(escape(unescape_md(md[i:])))
    return "".join(out)


def cells(row):
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)]


def table(lines):
    head = cells(lines[0])
    aligns = []
    for spec in cells(lines[1]):
        spec = spec.strip()
        if spec.startswith(":") and spec.endswith(":"):
            aligns.append("center")
        elif spec.endswith(":"):
            aligns.append("right")
        else:
            aligns.append("left")
    out = ["#table(columns: %d, align: (%s)," % (len(head), ", ".join(aligns) + ("," if len(aligns) == 1 else "")),
           "  table.header(%s)," % ", ".join("[%s]" % inline(c) for c in head)]
    for row in lines[2:]:
        out.append("  " + ", ".join("[%s]" % inline(c) for c in cells(row)) + ",")
    out.append(")")
    return "\n".join(out)


def convert(md, source, title, footer):
    md = re.sub(r"<!--.*?-->", "", md, flags=re.S)
    m = re.match(r"---\n(.*?)\n---\n", md, re.S)
    if m:
        t = re.search(r"^title:\s*\"?(.*?)\"?\s*$", m.group(1), re.M)
        title = title or (t.group(1) if t else "")
        md = md[m.end():]
    blocks, cur = [], []
    for line in md.split("\n"):
        if line.strip():
            cur.append(line.rstrip())
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    body = []
    for b in blocks:
        first = b[0]
        h = re.match(r"(#{1,6})\s+(.*)", first)
        if h:
            level = max(1, len(h.group(1)) - 1)
            body.append("%s %s" % ("=" * level, inline(h.group(2))))
            rest = b[1:]
            if rest:
                body.append("".join(inline(x.strip()) for x in rest))
        elif first.startswith("|") and len(b) > 1 and re.match(r"\|?\s*:?-+", b[1]):
            body.append(table(b))
        elif re.match(r"(\d+)\.\s|[-*+]\s", first):
            items = []
            for x in b:
                m2 = re.match(r"(\d+)\.\s+(.*)|[-*+]\s+(.*)", x)
                if m2:
                    items.append(("+ " if m2.group(1) else "- ") + inline(m2.group(2) or m2.group(3)))
                else:
                    items[-1] += inline(x.strip())
            body.append("\n".join(items))
        else:
            body.append("".join(inline(x.strip()) for x in b))
    return PREAMBLE % {"source": source, "title": escape(title) if title else "",
                       "footer": escape(footer)} + "\n\n".join(body) + "\n"


def main(argv):
    args = argv[1:]
    opts = {"--title": "", "--footer": ""}
    for name in opts:
        if name in args:
            k = args.index(name)
            if k + 1 >= len(args):
                print("md2typ.py: %s needs a value" % name, file=sys.stderr)
                return 2
            opts[name] = args[k + 1]
            del args[k:k + 2]
    if len(args) != 2:
        print("usage: md2typ.py IN.md OUT.typ [--title TEXT] [--footer TEXT]", file=sys.stderr)
        return 2
    src, out = args
    with open(src, encoding="utf-8") as f:
        md = f.read()
    with open(out, "w", encoding="utf-8") as f:
        f.write(convert(md, src.rsplit("/", 1)[-1], opts["--title"], opts["--footer"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
