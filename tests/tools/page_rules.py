#!/usr/bin/env python3
"""Checks where a PDF's pages break, from what mutool says the pages draw.

The PDF goes through `mutool draw -F trace` (Debian mupdf-tools): every
glyph drawn (its character, font, size and pen position), every filled and
stroked path. From them:

lines      The body's text (between the top and bottom margins, --top and
           --bottom, points; the running header and footer are outside) in
           lines: glyphs that share a baseline. A line that holds several
           table cells is one line here. Text turned away from the
           horizontal (a watermark) is left out.
headings   A line whose glyphs are all bold (a bold face, or a glyph filled
           and stroked as salesgen draws bold without a bold face) and at
           least --heading-size points (13: levels 1 to 3 of the default
           theme; level 4 and below are the body's size and are not told
           from bold body text).
tables     A table is found from its header row, which salesgen shades and
           rules above and below, and repeats at the top of every page the
           table reaches: a filled rectangle with a stroked rule of 0.9 pt or
           more along its top edge, as wide as it. Its body rows are the
           stretches between the rules as wide as the table below the
           header. The part of a table on a page ends with a rule of 0.9 pt
           or more when the table ends there, a thinner one when it goes on
           (the next page's first table is the rest of it).

Faults (each printed as PDF:PAGE: what, and counted):

heading-at-foot    a page whose last line is a heading
heading-one-line   a heading followed on its page by one line only, whose
                   section goes on at the top of the next page (a list
                   item under its heading, the rest of the list overleaf)
last-page-tail     the last page holds no heading (it only ends the
                   section of the page before: a list's last items), and
                   its lines would fit at the foot of the page before with
                   that page's and its own vertical spaces between blocks
                   (the gaps between lines beyond the usual line pitch)
                   shrunk by --squeeze (0.4: a little less than the layout
                   allows itself, so that rounding never makes a fault)
table-rows         a table split leaving fewer than --min-rows (2) body rows
                   on one side of a page break, when they are short
                   (together less than a sixth of the body: a row a third
                   of a page tall stands alone well); "total row alone"
                   when the part on the next page is only the table's last
                   row
short-table-split  a table split although it is shorter than a third of
                   the body (its header counted once)
header-lines       a table header cell set in more than two lines, or one
                   character or word a line ("检 / 查 / 点")
word-split         a text given with --whole broken across the lines of one
                   table cell (white space is ignored: "Yuan per month"
                   set one word a line is three lines that together hold
                   it); with --whole-everywhere, of a paragraph too

--json prints the counts and what was seen (tables, parts, splits, headings)
per document. Exit status: 0 when nothing is wrong, 1 when a fault was
found, 2 for bad usage or a PDF mutool cannot read.
"""
import argparse
import json
import re
import subprocess
import sys

ATTR = re.compile(r'(\w+)="([^"]*)"')


def attrs(tag):
    return dict(ATTR.findall(tag))


def nums(s):
    return [float(v) for v in s.split()]


def apply(m, x, y):
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


class Page:
    def __init__(self, number, width, height):
        self.number = number
        self.width = width
        self.height = height
        self.glyphs = []   # (x, baseline y, size, char, font)
        self.stroked = set()  # (x, y) of glyphs also stroked (drawn bold)
        self.rules = []    # (x0, x1, y, linewidth)
        self.fills = []    # (x0, y0, x1, y1, colour)


def parse_trace(text):
    """The pages of a `mutool draw -F trace` document."""
    pages = []
    page = None
    mode = None  # 'fill_text', 'stroke_text', 'stroke_path', 'fill_path'
    ctm = None
    trm = None
    font = ''
    colour = ''
    linewidth = 0.0
    path = []
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith('<page '):
            a = attrs(line)
            box = nums(a.get('mediabox', '0 0 595 842'))
            page = Page(len(pages) + 1, box[2] - box[0], box[3] - box[1])
            pages.append(page)
        elif page is None:
            continue
        elif line.startswith(('<fill_text', '<stroke_text', '<clip_text', '<ignore_text')):
            mode = line[1:line.index(' ')]
            a = attrs(line)
            ctm = nums(a.get('transform', '1 0 0 1 0 0'))
        elif line.startswith('<span '):
            a = attrs(line)
            font = a.get('font', '')
            trm = nums(a.get('trm', '1 0 0 1'))
        elif line.startswith('<g ') and mode in ('fill_text', 'stroke_text'):
            a = attrs(line)
            if trm is None or abs(trm[1]) > 1e-3 or abs(trm[2]) > 1e-3 or ctm is None:
                continue  # turned text: a watermark
            x, y = apply(ctm, float(a['x']), float(a['y']))
            size = abs(trm[3] * ctm[3]) if abs(ctm[3]) > 1e-6 else abs(trm[3])
            if mode == 'stroke_text':
                page.stroked.add((round(x, 1), round(y, 1)))
            else:
                ch = a.get('unicode', '')
                adv = float(a.get('adv', '0')) * size
                page.glyphs.append((x, y, size, ch, font, adv))
        elif line.startswith(('<stroke_path', '<fill_path')):
            mode = line[1:line.index(' ')]
            a = attrs(line)
            ctm = nums(a.get('transform', '1 0 0 1 0 0'))
            colour = a.get('color', '')
            linewidth = float(a.get('linewidth', '0'))
            path = []
        elif line.startswith(('<moveto', '<lineto')) and mode in ('stroke_path', 'fill_path'):
            a = attrs(line)
            path.append(apply(ctm, float(a['x']), float(a['y'])))
        elif line.startswith('</stroke_path'):
            # Each horizontal segment of the path is a rule.
            for (x0, y0), (x1, y1) in zip(path, path[1:]):
                if abs(y0 - y1) < 0.05 and abs(x1 - x0) > 1:
                    page.rules.append((min(x0, x1), max(x0, x1), y0, linewidth))
            mode = None
        elif line.startswith('</fill_path'):
            if len(path) >= 4:
                xs = [p[0] for p in path]
                ys = [p[1] for p in path]
                page.fills.append((min(xs), min(ys), max(xs), max(ys), colour))
            mode = None
        elif line.startswith(('</fill_text', '</stroke_text')):
            mode = None
    return pages


class Line:
    def __init__(self, y):
        self.y = y
        self.glyphs = []

    @property
    def text(self):
        return ''.join(g[3] for g in sorted(self.glyphs))

    @property
    def x(self):
        return min(g[0] for g in self.glyphs)

    @property
    def size(self):
        return max(g[2] for g in self.glyphs)


def body_lines(page, top, bottom):
    """The lines of the body, top to bottom."""
    rows = {}
    for g in page.glyphs:
        x, y, size = g[0], g[1], g[2]
        if y < top or y > page.height - bottom + size * 0.3 or size >= 36:
            continue
        key = round(y, 1)
        rows.setdefault(key, Line(y)).glyphs.append(g)
    return [rows[k] for k in sorted(rows)]


def is_bold(page, g):
    font = g[4].lower()
    return ('bold' in font or 'heavy' in font or 'black' in font or
            (round(g[0], 1), round(g[1], 1)) in page.stroked)


def is_heading(page, line, min_size):
    glyphs = [g for g in line.glyphs if g[3].strip()]
    return bool(glyphs) and all(g[2] >= min_size - 1e-3 and is_bold(page, g) for g in glyphs)


LIST_MARK = re.compile(r'^(\d+\.|[•◦▪])')


def cells(line):
    """The line's glyphs in runs apart from each other (table cells): a gap
    of more than 0.6 em after a glyph's advance starts a new run (a word
    space is about 0.3 em, cells are at least 8 pt apart)."""
    runs = []
    for g in sorted(line.glyphs):
        if runs:
            prev = runs[-1][-1]
            if g[0] - (prev[0] + prev[5]) <= prev[2] * 0.6:
                runs[-1].append(g)
                continue
        runs.append([g])
    return runs


class Part:
    """A table's part on one page."""

    def __init__(self, page, x0, x1, top, head_bottom):
        self.page = page
        self.x0, self.x1 = x0, x1
        self.top = top
        self.head_bottom = head_bottom
        self.rows = []       # y of the rule under each body row
        self.ends = False    # the table ends on this page

    @property
    def bottom(self):
        return self.rows[-1] if self.rows else self.head_bottom


def table_parts(page, bottom):
    """The parts of tables on a page, top to bottom (rules below the body,
    bottom points from the page's foot, are the footer's)."""
    heads = []
    for (x0, y0, x1, y1, colour) in page.fills:
        if x1 - x0 < 50 or not (8 < y1 - y0 < 80):
            continue
        if any(w >= 0.9 and abs(y - y0) < 0.6 and abs(rx0 - x0) < 1 and abs(rx1 - x1) < 1
               for (rx0, rx1, y, w) in page.rules):
            heads.append((x0, y0, x1, y1))
    heads.sort(key=lambda h: h[1])
    parts = []
    for i, (x0, y0, x1, y1) in enumerate(heads):
        limit = min([h[1] for h in heads[i + 1:] if abs(h[0] - x0) < 1] +
                    [page.height - bottom + 1])
        rules = sorted((y, w) for (rx0, rx1, y, w) in page.rules
                       if abs(rx0 - x0) < 1 and abs(rx1 - x1) < 1 and y1 + 0.5 < y < limit - 0.5)
        p = Part(page.number, x0, x1, y0, y1)
        for y, w in rules:
            p.rows.append(y)
            if w >= 0.9:
                p.ends = True
                break
        parts.append(p)
    return parts


def check(path, opts):
    out = subprocess.run(['mutool', 'draw', '-F', 'trace', '-o', '-', path],
                         capture_output=True, text=True)
    if out.returncode != 0:
        print(f'{path}: mutool cannot read it: {out.stderr.strip()[:200]}', file=sys.stderr)
        sys.exit(2)
    pages = parse_trace(out.stdout)
    faults = []
    seen = {'pages': len(pages), 'tables': 0, 'splits': 0, 'headings': 0}

    def fault(kind, page, what):
        faults.append({'kind': kind, 'page': page, 'what': what})

    lines = [body_lines(p, opts.top, opts.bottom) for p in pages]
    for k, page in enumerate(pages):
        ls = lines[k]
        heads = [i for i, l in enumerate(ls) if is_heading(page, l, opts.heading_size)]
        seen['headings'] += len(heads)
        if heads and heads[-1] == len(ls) - 1 and k + 1 < len(pages):
            fault('heading-at-foot', page.number, ls[-1].text)
        if heads and heads[-1] == len(ls) - 2 and k + 1 < len(pages) and lines[k + 1]:
            nxt = lines[k + 1][0]
            if not is_heading(pages[k + 1], nxt, opts.heading_size):
                fault('heading-one-line', page.number, ls[-2].text + ' / ' + ls[-1].text)
    body = pages[0].height - opts.top - opts.bottom if pages else 0
    parts = [table_parts(p, opts.bottom) for p in pages]
    for k in range(len(pages)):
        for i, p in enumerate(parts[k]):
            cont = k > 0 and i == 0 and parts[k - 1] and not parts[k - 1][-1].ends
            if not cont:
                seen['tables'] += 1
            if p.ends or k + 1 >= len(pages) or not parts[k + 1]:
                continue
            q = parts[k + 1][0]
            seen['splits'] += 1
            where = f'{len(p.rows)} row(s) on page {p.page}, {len(q.rows)} on page {q.page}'
            # Rows together a sixth of the body tall stand alone well enough.
            lone = body / 6
            few_p = len(p.rows) < opts.min_rows and p.bottom - p.head_bottom < lone
            few_q = len(q.rows) < opts.min_rows and q.ends and q.bottom - q.head_bottom < lone
            if len(q.rows) == 1 and few_q:
                fault('table-rows', q.page, 'total row alone: the table\'s last row starts '
                      'the page on its own (' + where + ')')
            elif few_p or few_q:
                fault('table-rows', p.page, 'split with ' + where)
            height = (p.bottom - p.top) + (q.bottom - q.head_bottom)
            if q.ends and not cont and height < body / 3:
                fault('short-table-split', p.page,
                      f'{height:.0f} pt tall (a third of the body is {body / 3:.0f}): ' + where)
    last_page_tail(pages, lines, parts, opts, fault)
    for k, page in enumerate(pages):
        in_tables = [l for l in lines[k]
                     if any(p.top - 0.5 <= l.y <= p.bottom + 0.5 for p in parts[k])]
        word_splits(page, lines[k] if opts.whole_everywhere else in_tables, opts.whole, fault)
        for p in parts[k]:
            header_lines(page, lines[k], p, fault)
    return faults, seen


def spaces(ls, parts):
    """The vertical space between blocks among lines ls: what each gap
    between two baselines has beyond the usual pitch for its size (the
    commonest gap between lines of that size on the page). Gaps inside a
    table (parts) are its rows' padding, not spaces between blocks."""
    def inside(l):
        return any(p.top - 0.5 <= l.y <= p.bottom + 0.5 for p in parts)
    pairs = [(a, b) for a, b in zip(ls, ls[1:]) if not (inside(a) and inside(b))]
    gaps = {}
    for a, b in pairs:
        gaps.setdefault(round(b.size, 1), []).append(b.y - a.y)
    pitch = {}
    for size, ds in gaps.items():
        ds = sorted(round(d, 1) for d in ds)
        pitch[size] = max(set(ds), key=lambda d: (ds.count(d), -d))
    extra = 0.0
    for a, b in pairs:
        usual = min(pitch.get(round(b.size, 1), b.size * 1.3), b.size * 1.6)
        extra += max(0.0, (b.y - a.y) - usual)
    return extra


def last_page_tail(pages, lines, parts, opts, fault):
    if len(pages) < 2:
        return
    last, prev = lines[-1], lines[-2]
    if not last or not prev:
        return
    if any(is_heading(pages[-1], l, opts.heading_size) for l in last):
        return
    if not any(is_heading(p, l, opts.heading_size) for p, ls in zip(pages, lines) for l in ls):
        return
    body_bottom = pages[-2].height - opts.bottom
    # A line's box reaches about 0.4 em below its baseline (descenders and
    # half the leading); the tail is as tall as from its first baseline to
    # its last, plus one line (the pitch of 1.5 em a body line takes).
    room = body_bottom - (prev[-1].y + prev[-1].size * 0.4)
    tail = (last[-1].y - last[0].y) + last[0].size * 1.5
    give = opts.squeeze * (spaces(prev, parts[-2]) + spaces(last, parts[-1]))
    if tail <= room + give:
        fault('last-page-tail', pages[-1].number,
              f'{len(last)} line(s), {tail:.0f} pt, would fit the {room:.0f} pt left on '
              f'page {pages[-2].number} with {give:.0f} pt of its spaces: ' + last[0].text)


def header_lines(page, ls, part, fault):
    """Faults for the header cells of a table's part that are set in more
    than two lines, or a character or word a line."""
    runs = []  # (x0, x1, y, text)
    for l in ls:
        if not (part.top < l.y < part.head_bottom):
            continue
        for r in cells(l):
            runs.append((r[0][0], r[-1][0] + r[-1][5], l.y, ''.join(g[3] for g in r)))
    cols = []  # lists of runs one under the other
    for r in sorted(runs, key=lambda r: (r[2], r[0])):
        for c in cols:
            if r[0] < c[-1][1] and c[-1][0] < r[1]:
                c.append(r)
                break
        else:
            cols.append([r])
    for c in cols:
        texts = [r[3].strip() for r in c]
        if len(texts) < 2:
            continue
        single = all(len(t) == 1 or ' ' not in t and t.isascii() and len(texts) >= 3
                     for t in texts)
        if len(texts) > 2 or single:
            fault('header-lines', page.number,
                  f'a header cell in {len(texts)} lines: ' + ' / '.join(texts))


def word_splits(page, ls, wholes, fault):
    """Faults for each text of wholes broken across lines of one column:
    lines of cells one under the other (overlapping across, the next
    baseline within 2.2 em) that hold it together, though none holds it
    alone."""
    if not wholes:
        return
    runs = []  # (x0, y, size, text without white space, x1) per cell line
    for l in ls:
        for r in cells(l):
            runs.append((r[0][0], r[0][1], r[0][2], re.sub(r'\s+', '', ''.join(g[3] for g in r)),
                         r[-1][0] + r[-1][5]))
    for want in wholes:
        w = re.sub(r'\s+', '', want)
        for i, start in enumerate(runs):
            chain = [start]
            for later in runs[i + 1:]:
                prev = chain[-1]
                if later[1] - prev[1] > prev[2] * 2.2 or len(chain) == 4:
                    break
                if later[0] >= start[4] or later[4] <= start[0] or later[1] <= prev[1] + 0.1:
                    continue
                chain.append(later)
                texts = [c[3] for c in chain]
                if (w in ''.join(texts) and w not in ''.join(texts[1:]) and
                        w not in ''.join(texts[:-1])):
                    fault('word-split', page.number,
                          f"'{want}' is broken across lines: " + ' / '.join(texts))
                    break


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('pdf', nargs='+')
    ap.add_argument('--top', type=float, default=72.0)
    ap.add_argument('--bottom', type=float, default=72.0)
    ap.add_argument('--heading-size', type=float, default=13.0)
    ap.add_argument('--min-rows', type=int, default=2)
    ap.add_argument('--squeeze', type=float, default=0.4)
    ap.add_argument('--whole', action='append', default=[])
    ap.add_argument('--whole-everywhere', action='store_true')
    ap.add_argument('--json', action='store_true')
    opts = ap.parse_args()
    docs = []
    bad = 0
    for path in opts.pdf:
        faults, seen = check(path, opts)
        bad += len(faults)
        docs.append({'pdf': path, 'faults': faults, 'seen': seen})
        if not opts.json:
            for f in faults:
                print(f"{path}:{f['page']}: {f['kind']}: {f['what']}")
    if opts.json:
        print(json.dumps({'documents': docs}, ensure_ascii=False, indent=1))
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
