#!/usr/bin/env python3
"""Measures typesetting faults of Chinese and mixed text from a PDF's character boxes.

The PDF goes through `mutool convert -F stext -O inhibit-spaces` (Debian
mupdf-tools): an XML list of pages, blocks, lines, fonts (name and size) and
characters, each with its origin (x, y: the pen position on the baseline), its
quad (four corners of the box mupdf gives the glyph: the advance the font
declares by the ascent and descent, in page space, y down) and its colour.
`inhibit-spaces` keeps mupdf from inventing spaces where it sees gaps, so a
space in the text is a space the PDF draws. A saved stext file (.stext or
.xml) is read as it is.

What is measured (em = the character's font size):

letterspaced  A line whose median gap between consecutive Han characters is
              more than 0.15 em (--threshold). The gap between two Han
              characters next to each other in the line is the second's origin
              minus the first's origin plus its advance. Only lines with at
              least 5 such pairs (--min-pairs; about six Han characters) are
              judged, so that a short heading or a table cell set apart on
              purpose is not. A paragraph's last line is judged too: it is set
              at its natural width, so it only counts when it really is spaced.
              mupdf cuts a line where a gap is wider than about an em; pieces of
              one character on one baseline are joined again (join_pieces), so
              a line spaced that widely is still one line.
pairs         Two CJK punctuation marks next to each other (`），` `。”` `）：`
              `、“`) both set at a full advance. A mark's advance is the next
              character's origin minus its own (for the last character of a
              line, the width of its box, which is what the font declares). A
              mark is full when its advance is at least the line's usual Han
              advance (the median, 1 em without justification) minus 0.25 em:
              with mainland compression one of the two takes half an em.
              Quotes (“ ” ‘ ’) count as CJK marks only when their box is at
              least 0.7 em wide (a full-width glyph, not a Latin quote).
runts         A paragraph's last line that holds one Han character and
              otherwise only punctuation (`道。`), after a line of the same
              paragraph with at least 4 characters. Paragraphs are found from
              the layout, since mupdf's blocks are not paragraphs (it starts a
              new block wherever the left edge moves, so an indented first line
              is a block of its own). Each line is linked to the line that
              follows it in the text: the first later line (in content order)
              whose baseline is below it by at most 3 em and that overlaps it
              horizontally (the columns of a table are kept apart this way).
              The next line continues the paragraph unless one of these holds,
              and then the line ends its paragraph:
                end      there is no next line (end of the text, of a table cell)
                size     the next line's font size differs by more than 10%
                gap      the baselines are further apart than the paragraph's
                         line pitch (the distance from the line before, or the
                         tightest pitch seen for that size) plus 0.15 em
                indent   the next line starts 0.5 em or more to the right of a
                         continuation line (a first-line indent), or anywhere
                         right of a first line that is not itself indented
                outdent  the next line starts 0.5 em or more to the left of a
                         continuation line (the next list item, a heading)
                short    the line ends 0.5 em or more before the next line does
                         (lines of a justified paragraph all reach its right
                         edge, but for the last)
              A list marker (• 1. 一、 ...) followed by a gap is not part of a
              line's left edge.
sheared       Han characters drawn slanted (faux italic). mupdf maps the glyph's
              box through the text matrix, so a sheared glyph's quad is a
              parallelogram: the top edge is shifted right of the bottom edge.
              The slant is that shift over the box's height; more than 0.05
              (--shear; a faux italic is about 0.2, tan 12°) is a sheared
              character. Counted as characters, and lines holding them.
boundaries    Each place where a Han character meets a Latin letter or digit on
              a line, with nothing but spaces between them; the gap is from the
              end of the first character's advance to the second's origin (a
              space character's width included). Counted as: quarter (0.25 em
              +- 0.05 em, --tolerance), none (under 0.05 em), narrow (between
              none and a quarter) and wide (more than a quarter); spaced is all
              but none.
spaces        Stray spaces: a space character between two Han characters, or
              next to a CJK punctuation mark, on the same line.
watermark     Characters that come from a watermark: on a line turned away from
              the horizontal and the vertical (a diagonal), or at least 36 pt
              and 2.5 times the page's median size, or in a light colour
              (luminance 0.85 or more, pure white excepted: that is text on a
              dark fill). They stay in the extracted text of the page. They are
              left out of every other measure.

Usage:
  typeset_metrics.py [OPTIONS] FILE.pdf|DIR...
  typeset_metrics.py [OPTIONS] --compare LABEL=PATH[,PATH...] ...

A DIR stands for every PDF under it. The table gives a row per document and a
total, then, for each page with a fault, the faults found with the page and the
line's text. --compare prints one column per LABEL (the totals of its files),
a row per measure. Options:
  --json            the same as JSON (per document, per page, each fault)
  --fault NAME      measure only NAME (repeat, or a comma list): letterspaced,
                    pairs, runts, sheared, boundaries, spaces, watermark
  --page SPEC       only these pages (1-based): 3, 2-4, 1,3-5
  --threshold EM    letter-spacing threshold (default 0.15)
  --min-pairs N     Han pairs a line needs to be judged (default 5)
  --tolerance EM    around a quarter em for boundaries (default 0.05)
  --shear S         slant above which a character is sheared (default 0.05)
  --details         also list each Han/Latin boundary that is not a quarter em
  --quiet           the table only, no list of faults
Exit: 0 measured, 1 a file could not be read, 2 bad usage.
"""
import json
import math
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

FAULTS = ("letterspaced", "pairs", "runts", "sheared", "boundaries", "spaces", "watermark")

OPENING = set("（〔［｛〈《「『【〖〘〚“‘")
CLOSING = set("）〕］｝〉》」』】〗〙〛”’")
STOPS = set("、，。．：；！？")
QUOTES = set("“”‘’")
MARKERS = set("•◦▪▫‣⁃·・–-*")


def is_han(ch):
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF
            or 0x20000 <= o <= 0x3FFFF or o == 0x3007)


def is_latin(ch):
    """A Latin letter or a digit (what the quarter-em rule applies to)."""
    if ch.isascii():
        return ch.isalnum()
    return 0xC0 <= ord(ch) <= 0x24F and ch.isalpha()


class Char:
    __slots__ = ("c", "x", "y", "quad", "size", "color")

    def __init__(self, c, x, y, quad, size, color):
        self.c, self.x, self.y, self.quad, self.size, self.color = c, x, y, quad, size, color

    @property
    def width(self):
        """The advance the font declares: the bottom edge of the quad."""
        q = self.quad
        return math.hypot(q[6] - q[4], q[7] - q[5])

    @property
    def slant(self):
        """How far the top edge is shifted right of the bottom, over the height."""
        q = self.quad
        h = q[5] - q[1]
        return (q[0] - q[4]) / h if h > 0 else 0.0

    def cjk_punct(self):
        if self.c in QUOTES:
            return self.width >= 0.7 * self.size
        return self.c in OPENING or self.c in CLOSING or self.c in STOPS


class Line:
    def __init__(self, chars, direction):
        self.chars = chars
        self.dir = direction
        self.text = "".join(c.c for c in chars)
        ink = [c for c in chars if c.c != " "] or chars
        self.y = statistics.median(c.y for c in ink)
        self.size = statistics.median(c.size for c in ink)
        self.x0 = ink[0].x
        self.x1 = ink[-1].x + ink[-1].width
        self.text_x0 = self._text_start(ink)
        self.prev = None       # the line before in the same paragraph
        self.next = None       # the line that follows in the text
        self.end = None        # why this line ends its paragraph, or None

    def _text_start(self, ink):
        """The left edge of the text, after a list marker and its gap."""
        i = 0
        if ink[0].c in MARKERS:
            i = 1
        else:
            while i < len(ink) and i < 4 and (ink[i].c.isdigit() or is_han(ink[i].c)
                                              or ink[i].c in "()（）"):
                i += 1
            if 0 < i < len(ink) and ink[i].c in ".、)）．":
                i += 1
            else:
                i = 0
        if 0 < i < len(ink):
            gap = ink[i].x - (ink[i - 1].x + ink[i - 1].width)
            if gap >= 0.25 * ink[i].size:
                return ink[i].x
        return ink[0].x

    def horizontal(self):
        return abs(self.dir[1]) < 0.02 and self.dir[0] > 0


class Page:
    def __init__(self, number):
        self.number = number
        self.lines = []        # horizontal text lines, watermark left out
        self.watermark = []    # (reason, Line) for watermark lines or characters


# --- reading ------------------------------------------------------------

def stext_of(path):
    """The stext XML of a PDF (or of a saved stext file), as text."""
    if path.endswith((".stext", ".xml")):
        with open(path, encoding="utf-8") as f:
            return f.read()
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "out.stext")
        r = subprocess.run(["mutool", "convert", "-F", "stext", "-O", "inhibit-spaces",
                            "-o", out, path], capture_output=True, text=True)
        if r.returncode != 0 or not os.path.exists(out):
            raise OSError("mutool cannot read %s: %s" % (path, r.stderr.strip()[-300:]))
        with open(out, encoding="utf-8", errors="replace") as f:
            return f.read()


def luminance(color):
    m = re.fullmatch(r"#([0-9a-fA-F]{6})", color or "")
    if not m:
        return 0.0
    v = int(m.group(1), 16)
    r, g, b = (v >> 16) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def load(path):
    text = stext_of(path)
    # Control characters mupdf may write as references are not XML.
    text = re.sub(r"&#x(0?[0-8bBcCeEfF]|1[0-9a-fA-F]);", "&#xFFFD;", text)
    root = ET.fromstring(text)
    pages = []
    for n, pel in enumerate(root.iter("page"), 1):
        page = Page(n)
        raw = []
        for lel in pel.iter("line"):
            d = [float(v) for v in lel.get("dir", "1 0").split()]
            chars = []
            for fel in lel.iter("font"):
                size = float(fel.get("size", "0"))
                for cel in fel.iter("char"):
                    quad = [float(v) for v in cel.get("quad").split()]
                    chars.append(Char(cel.get("c", ""), float(cel.get("x")), float(cel.get("y")),
                                      quad, size, cel.get("color")))
            if chars:
                raw.append(Line(chars, d))
        sizes = [c.size for line in raw for c in line.chars if c.c != " "]
        median = statistics.median(sizes) if sizes else 0.0
        for line in raw:
            angle = math.degrees(math.atan2(line.dir[1], line.dir[0])) % 90
            if min(angle, 90 - angle) > 1.0:
                page.watermark.append(("rotated", line))
                continue
            big = [c for c in line.chars if c.size >= 36 and c.size >= 2.5 * median]
            light = [c for c in line.chars if 0.85 <= luminance(c.color) < 0.995]
            if big or light:
                page.watermark.append(("large" if big else "light", Line(big or light, line.dir)))
                rest = [c for c in line.chars if c not in big and c not in light]
                if not rest:
                    continue
                line = Line(rest, line.dir)
            if line.horizontal():
                page.lines.append(line)
        page.lines = join_pieces(page.lines)
        pages.append(page)
    return pages


def join_pieces(lines):
    """Lines mupdf split at wide gaps, joined again when they are one line.

    mupdf ends a line where the gap to the next character is more than about
    an em (a table's next column), so a line letter-spaced by an em or more
    comes as pieces of one character. A piece joins the one before on the
    same baseline, in the same size, at most 6 em to its right, when the two
    characters that meet are Han or CJK punctuation and one of the two pieces
    is a single character (so that the cells of a table row, words of two
    characters or more, stay apart)."""
    out = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None:
            a = [c for c in prev.chars if c.c != " "]
            b = [c for c in line.chars if c.c != " "]
            s = prev.size
            if (abs(line.y - prev.y) < 0.1 * s and abs(line.size - s) <= 0.05 * s
                    and 0 <= line.x0 - prev.x1 <= 6 * s and min(len(a), len(b)) == 1
                    and (is_han(a[-1].c) or a[-1].cjk_punct())
                    and (is_han(b[0].c) or b[0].cjk_punct())):
                out[-1] = Line(prev.chars + line.chars, prev.dir)
                continue
        out.append(line)
    return out


# --- paragraphs ---------------------------------------------------------

def follower(lines, i):
    """The line that follows lines[i] in the text: below it, overlapping it."""
    a = lines[i]
    left, right = a.x0 - a.size, a.x0 + max(a.x1 - a.x0, 4 * a.size)
    for b in lines[i + 1:]:
        dy = b.y - a.y
        if dy <= 0.3 * a.size or dy > 3 * a.size:
            continue
        if b.x1 > left and b.x0 < right:
            return b
    return None


def tight_pitches(pages):
    """For each font size, the smallest baseline distance seen at least twice."""
    seen = {}
    for page in pages:
        for i, a in enumerate(page.lines):
            b = follower(page.lines, i)
            if b and abs(b.size - a.size) <= 0.1 * a.size:
                key = round(a.size, 1)
                dy = round(b.y - a.y, 1)
                seen.setdefault(key, {}).setdefault(dy, 0)
                seen[key][dy] += 1
    pitch = {}
    for key, counts in seen.items():
        common = [dy for dy, n in counts.items() if n >= 2 and dy >= key]
        pitch[key] = min(common) if common else min(counts)
    return pitch


def link_paragraphs(page, pitch):
    lines = page.lines
    for i, a in enumerate(lines):
        a.next = follower(lines, i)
    for a in lines:
        b = a.next
        s = a.size
        if b is None:
            a.end = "end"
        elif abs(b.size - s) > 0.1 * s:
            a.end = "size"
        else:
            expect = (a.y - a.prev.y) if a.prev else pitch.get(round(s, 1), 1.5 * s)
            if b.y - a.y > expect + 0.15 * s:
                a.end = "gap"
            elif a.prev and b.text_x0 > a.text_x0 + 0.5 * s:
                a.end = "indent"
            elif not a.prev and b.text_x0 > a.text_x0 + 0.5 * s:
                a.end = "indent"
            elif a.prev and b.text_x0 < a.text_x0 - 0.5 * s:
                a.end = "outdent"
            elif a.x1 < b.x1 - 0.5 * s:
                a.end = "short"
            elif b.prev is not None:
                a.end = "end"
            else:
                b.prev = a


# --- the measures -------------------------------------------------------

def han_gaps(line):
    out = []
    for a, b in zip(line.chars, line.chars[1:]):
        if is_han(a.c) and is_han(b.c):
            out.append((b.x - (a.x + a.width)) / a.size)
    return out


def advances(line):
    out = []
    for i, c in enumerate(line.chars):
        if i + 1 < len(line.chars):
            out.append(line.chars[i + 1].x - c.x)
        else:
            out.append(c.width)
    return out


def measure_page(page, opts, want):
    res = {k: {} for k in want}
    faults = []

    def fault(kind, line, **kw):
        item = {"fault": kind, "page": page.number}
        item.update(kw)
        if line is not None:
            item["text"] = line.text
        faults.append(item)

    if "letterspaced" in want:
        checked = flagged = 0
        for line in page.lines:
            gaps = han_gaps(line)
            if len(gaps) < opts["min_pairs"]:
                continue
            checked += 1
            med = statistics.median(gaps)
            if med > opts["threshold"]:
                flagged += 1
                fault("letterspaced", line, median_em=round(med, 3), pairs=len(gaps))
        res["letterspaced"] = {"lines": flagged, "checked": checked}

    if "pairs" in want:
        total = bad = 0
        for line in page.lines:
            adv = advances(line)
            hans = [adv[i] / c.size for i, c in enumerate(line.chars[:-1]) if is_han(c.c)]
            ref = statistics.median(hans) if hans else 1.0
            for i in range(len(line.chars) - 1):
                a, b = line.chars[i], line.chars[i + 1]
                if not (a.cjk_punct() and b.cjk_punct()):
                    continue
                total += 1
                ea, eb = adv[i] / a.size, adv[i + 1] / b.size
                if ea >= ref - 0.25 and eb >= ref - 0.25:
                    bad += 1
                    fault("pairs", line, pair=a.c + b.c, advances_em=[round(ea, 3), round(eb, 3)])
        res["pairs"] = {"uncompressed": bad, "pairs": total}

    if "runts" in want:
        runts = ends = 0
        for line in page.lines:
            if not line.end or not line.prev:
                continue
            ends += 1
            ink = [c.c for c in line.chars if c.c != " "]
            hans = [c for c in ink if is_han(c)]
            others = [c for c in ink if not is_han(c)]
            if len(hans) != 1 or any(not (c in OPENING or c in CLOSING or c in STOPS
                                          or c in QUOTES or c in "…—") for c in others):
                continue
            if len([c for c in line.prev.chars if c.c != " "]) < 4:
                continue
            runts += 1
            fault("runts", line, ends_by=line.end, previous=line.prev.text)
        res["runts"] = {"runts": runts, "paragraph_ends": ends}

    if "sheared" in want:
        chars = lines = 0
        for line in page.lines:
            bent = [c for c in line.chars if is_han(c.c) and abs(c.slant) > opts["shear"]]
            if bent:
                chars += len(bent)
                lines += 1
                fault("sheared", line, chars=len(bent),
                      slant=round(statistics.median(c.slant for c in bent), 3))
        res["sheared"] = {"chars": chars, "lines": lines}

    if "boundaries" in want or "spaces" in want:
        kinds = {"quarter": 0, "none": 0, "narrow": 0, "wide": 0}
        stray = 0
        tol = opts["tolerance"]
        for line in page.lines:
            ink = [(i, c) for i, c in enumerate(line.chars) if c.c != " "]
            for (i, a), (j, b) in zip(ink, ink[1:]):
                spaced = j - i > 1
                if (is_han(a.c) and is_latin(b.c)) or (is_latin(a.c) and is_han(b.c)):
                    han = a if is_han(a.c) else b
                    gap = (b.x - (a.x + a.width)) / han.size
                    if gap < 0.05:
                        kind = "none"
                    elif abs(gap - 0.25) <= tol:
                        kind = "quarter"
                    elif gap < 0.25:
                        kind = "narrow"
                    else:
                        kind = "wide"
                    kinds[kind] += 1
                    if opts["details"] and kind != "quarter" and "boundaries" in want:
                        fault("boundaries", line, pair=a.c + ("␠" if spaced else "") + b.c,
                              spacing=kind, gap_em=round(gap, 3))
                if spaced and ((is_han(a.c) and is_han(b.c)) or a.cjk_punct() or b.cjk_punct()):
                    stray += 1
                    if "spaces" in want:
                        fault("spaces", line, pair=a.c + "␠" + b.c)
        if "boundaries" in want:
            total = sum(kinds.values())
            res["boundaries"] = dict(kinds, total=total, spaced=total - kinds["none"])
        if "spaces" in want:
            res["spaces"] = {"stray": stray}

    if "watermark" in want:
        n = 0
        reasons = {}
        for reason, line in page.watermark:
            k = len([c for c in line.chars if c.c != " "])
            n += k
            reasons[reason] = reasons.get(reason, 0) + k
        if n:
            fault("watermark", None, chars=n, reasons=reasons,
                  text=" / ".join(line.text for _, line in page.watermark))
        res["watermark"] = {"chars": n, "pages": 1 if n else 0}
    return res, faults


def add(total, part):
    for k, v in part.items():
        if isinstance(v, dict):
            add(total.setdefault(k, {}), v)
        else:
            total[k] = total.get(k, 0) + v


def measure(path, opts):
    pages = load(path)
    pitch = tight_pitches(pages)
    doc = {"file": path, "pages": len(pages), "totals": {}, "per_page": [], "faults": []}
    for page in pages:
        link_paragraphs(page, pitch)
        if opts["pages"] and page.number not in opts["pages"]:
            continue
        res, faults = measure_page(page, opts, opts["faults"])
        add(doc["totals"], res)
        doc["per_page"].append({"page": page.number, "counts": res})
        doc["faults"].extend(faults)
    return doc


# --- output -------------------------------------------------------------

ROWS = [
    ("letterspaced", "letter-spaced lines (median Han gap > {t} em)",
     lambda t: "%d of %d" % (t["lines"], t["checked"])),
    ("pairs", "adjacent CJK punctuation set full width each",
     lambda t: "%d of %d" % (t["uncompressed"], t["pairs"])),
    ("runts", "paragraph's last line with one Han character",
     lambda t: "%d" % t["runts"]),
    ("sheared", "Han characters drawn sheared (lines)",
     lambda t: "%d (%d)" % (t["chars"], t["lines"])),
    ("boundaries", "Han/Latin-or-digit boundaries with a gap",
     lambda t: "%d of %d" % (t["spaced"], t["total"])),
    ("boundaries", "  of which a quarter em / none / narrow / wide",
     lambda t: "%d / %d / %d / %d" % (t["quarter"], t["none"], t["narrow"], t["wide"])),
    ("spaces", "stray spaces between Han characters or by CJK punctuation",
     lambda t: "%d" % t["stray"]),
    ("watermark", "watermark characters in the text (pages)",
     lambda t: "%d (%d)" % (t["chars"], t["pages"])),
]

SHORT = {
    "letterspaced": ("spaced", lambda t: "%d" % t["lines"]),
    "pairs": ("pairs", lambda t: "%d/%d" % (t["uncompressed"], t["pairs"])),
    "runts": ("runts", lambda t: "%d" % t["runts"]),
    "sheared": ("sheared", lambda t: "%d" % t["chars"]),
    "boundaries": ("Han|Latin gap", lambda t: "%d/%d" % (t["spaced"], t["total"])),
    "spaces": ("stray sp", lambda t: "%d" % t["stray"]),
    "watermark": ("watermark", lambda t: "%d" % t["chars"]),
}


def table(rows, header):
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    out = []
    for n, r in enumerate([header] + rows):
        cells = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:])]
        out.append("  ".join(cells).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def fault_line(f):
    k = f["fault"]
    if k == "letterspaced":
        what = "letter-spaced, median gap %.2f em" % f["median_em"]
    elif k == "pairs":
        what = "%s at %.2f + %.2f em" % (f["pair"], f["advances_em"][0], f["advances_em"][1])
    elif k == "runts":
        what = "runt (ends by %s) after 「%s」" % (f["ends_by"], f["previous"])
    elif k == "sheared":
        what = "%d Han characters sheared (slant %.2f)" % (f["chars"], f["slant"])
    elif k == "boundaries":
        what = "boundary %s: %s, %.2f em" % (f["pair"], f["spacing"], f["gap_em"])
    elif k == "spaces":
        what = "stray space %s" % f["pair"]
    else:
        what = "%d watermark characters" % f["chars"]
    return "  p%-3d %s: %s" % (f["page"], what, f.get("text", ""))


def human(docs, opts):
    want = [k for k in FAULTS if k in opts["faults"]]
    header = ["document", "pages"] + [SHORT[k][0] for k in want]
    rows, total = [], {}
    for d in docs:
        add(total, d["totals"])
        rows.append([os.path.basename(d["file"]), str(d["pages"])]
                    + [SHORT[k][1](d["totals"][k]) for k in want])
    if len(docs) > 1:
        rows.append(["total (%d)" % len(docs), str(sum(d["pages"] for d in docs))]
                    + [SHORT[k][1](total[k]) for k in want])
    out = [table(rows, header)]
    if not opts["quiet"]:
        for d in docs:
            if d["faults"]:
                out.append("")
                out.append("%s:" % d["file"])
                out.extend(fault_line(f) for f in d["faults"])
    return "\n".join(out)


def compare(groups, opts):
    labels = [g[0] for g in groups]
    totals = []
    for _, docs in groups:
        t = {}
        for d in docs:
            add(t, d["totals"])
        totals.append(t)
    rows = [["documents"] + [str(len(docs)) for _, docs in groups],
            ["pages"] + [str(sum(d["pages"] for d in docs)) for _, docs in groups]]
    for key, label, fmt in ROWS:
        if key in opts["faults"]:
            rows.append([label.format(t=opts["threshold"])] + [fmt(t[key]) for t in totals])
    return table(rows, ["measure"] + labels), totals


# --- command line -------------------------------------------------------

def parse_pages(spec):
    pages = set()
    for part in spec.split(","):
        m = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", part)
        if not m:
            raise ValueError(spec)
        a = int(m.group(1))
        b = int(m.group(2) or a)
        if a < 1 or b < a:
            raise ValueError(spec)
        pages.update(range(a, b + 1))
    return pages


def expand(path):
    if os.path.isdir(path):
        found = []
        for top, dirs, files in os.walk(path):
            dirs.sort()
            found.extend(os.path.join(top, f) for f in sorted(files) if f.endswith(".pdf"))
        return found
    return [path]


def usage(msg):
    print("typeset_metrics.py: %s (--help for the usage)" % msg, file=sys.stderr)
    sys.exit(2)


def main(argv):
    opts = {"json": False, "faults": set(), "pages": None, "threshold": 0.15, "min_pairs": 5,
            "tolerance": 0.05, "shear": 0.05, "details": False, "quiet": False}
    paths, groups, compare_mode = [], [], False
    i = 0
    try:
        while i < len(argv):
            a = argv[i]
            if a in ("-h", "--help"):
                print(__doc__.strip())
                return 0
            elif a == "--json":
                opts["json"] = True
            elif a == "--details":
                opts["details"] = True
            elif a == "--quiet":
                opts["quiet"] = True
            elif a == "--compare":
                compare_mode = True
            elif a in ("--fault", "--page", "--threshold", "--min-pairs", "--tolerance", "--shear"):
                if i + 1 >= len(argv):
                    usage("%s needs a value" % a)
                v = argv[i + 1]
                i += 1
                if a == "--fault":
                    for name in v.split(","):
                        if name not in FAULTS:
                            usage("unknown fault '%s' (one of %s)" % (name, ", ".join(FAULTS)))
                        opts["faults"].add(name)
                elif a == "--page":
                    opts["pages"] = parse_pages(v)
                elif a == "--min-pairs":
                    opts["min_pairs"] = int(v)
                    if opts["min_pairs"] < 1:
                        raise ValueError(v)
                else:
                    f = float(v)
                    if not (f >= 0 and math.isfinite(f)):
                        raise ValueError(v)
                    opts[a[2:]] = f
            elif a.startswith("-") and a != "-":
                usage("unknown option '%s'" % a)
            else:
                paths.append(a)
            i += 1
    except ValueError as e:
        usage("bad value '%s' for %s" % (e, argv[i]))
    if not paths:
        usage("no PDF given")
    if not opts["faults"]:
        opts["faults"] = set(FAULTS)

    status = 0

    def run(files):
        nonlocal status
        docs = []
        for f in files:
            try:
                docs.append(measure(f, opts))
            except (OSError, ET.ParseError) as e:
                print("typeset_metrics.py: %s: %s" % (f, e), file=sys.stderr)
                status = 1
        return docs

    if compare_mode:
        for p in paths:
            label, sep, spec = p.partition("=")
            if not sep or not label or not spec:
                usage("--compare takes LABEL=PATH[,PATH...], not '%s'" % p)
            files = [f for s in spec.split(",") for f in expand(s)]
            if not files:
                usage("no PDF in %s" % spec)
            groups.append((label, run(files)))
        text, totals = compare(groups, opts)
        if opts["json"]:
            print(json.dumps({"columns": [{"label": label, "totals": t,
                                           "documents": [d["file"] for d in docs]}
                                          for (label, docs), t in zip(groups, totals)]},
                             ensure_ascii=False, indent=1))
        else:
            print(text)
        return status

    files = [f for p in paths for f in expand(p)]
    if not files:
        usage("no PDF found")
    docs = run(files)
    if opts["json"]:
        total = {}
        for d in docs:
            add(total, d["totals"])
        print(json.dumps({"documents": docs, "totals": total, "options": {
            "threshold": opts["threshold"], "min_pairs": opts["min_pairs"],
            "tolerance": opts["tolerance"], "shear": opts["shear"]}},
            ensure_ascii=False, indent=1))
    else:
        print(human(docs, opts))
    return status


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # `| head` ends it quietly
    sys.exit(main(sys.argv[1:]))
