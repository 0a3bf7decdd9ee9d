#!/usr/bin/env python3
"""Makes the fixture PDFs of tests/e2e/typeset_metrics_selftest.sh.

Each PDF holds one typesetting fault on its first page (or pages) and the same
text set without it on the last, every character placed by hand, so that the
positions tests/tools/typeset_metrics.py measures are known exactly. Han
characters and CJK punctuation are set in WenQuanYi Micro Hei, Latin letters,
digits and spaces in DejaVu Sans (the faces of the default theme), both
embedded as TrueType subsets (CIDFontType2, Identity encoding, a ToUnicode map)
that this script cuts out of the installed fonts itself: only the standard
library is used. The output is the same bytes every run for the same fonts.

Usage: make_fixtures.py [OUTDIR]      (default: the folder of this script)
The fonts are found with fc-match (Debian: fonts-wqy-microhei, fonts-dejavu-core).
"""
import math
import os
import struct
import subprocess
import sys
import zlib

PAGE_W, PAGE_H = 595.28, 841.89
X0 = 72.0           # left edge of the text column
COLUMN = 20         # column width in em of 12 pt: 240 pt


# --- fonts --------------------------------------------------------------

def find_font(family):
    out = subprocess.run(["fc-match", "-f", "%{file}:%{index}", family],
                         capture_output=True, text=True, check=True).stdout
    path, _, index = out.rpartition(":")
    return path, int(index or 0)


class Font:
    """A TrueType face read from a .ttf or one face of a .ttc."""

    def __init__(self, path, index, name):
        self.name = name
        data = open(path, "rb").read()
        self.data = data
        off = 0
        if data[:4] == b"ttcf":
            off = struct.unpack(">I", data[12 + 4 * index:16 + 4 * index])[0]
        n = struct.unpack(">H", data[off + 4:off + 6])[0]
        self.tables = {}
        for i in range(n):
            rec = data[off + 12 + 16 * i:off + 28 + 16 * i]
            tag = rec[:4].decode("latin-1")
            _, toff, tlen = struct.unpack(">III", rec[4:])
            self.tables[tag] = data[toff:toff + tlen]
        head = self.tables["head"]
        self.upem = struct.unpack(">H", head[18:20])[0]
        self.long_loca = struct.unpack(">h", head[50:52])[0] == 1
        self.bbox = struct.unpack(">hhhh", head[36:44])
        hhea = self.tables["hhea"]
        self.ascent, self.descent = struct.unpack(">hh", hhea[4:8])
        self.n_hmetrics = struct.unpack(">H", hhea[34:36])[0]
        self.n_glyphs = struct.unpack(">H", self.tables["maxp"][4:6])[0]
        self.cmap = self._cmap()

    def _cmap(self):
        t = self.tables["cmap"]
        n = struct.unpack(">H", t[2:4])[0]
        best = None
        for i in range(n):
            pid, eid, off = struct.unpack(">HHI", t[4 + 8 * i:12 + 8 * i])
            fmt = struct.unpack(">H", t[off:off + 2])[0]
            if (pid, eid) == (3, 10) and fmt == 12:
                best = (off, fmt)
            elif (pid, eid) == (3, 1) and fmt == 4 and best is None:
                best = (off, fmt)
        off, fmt = best
        cmap = {}
        if fmt == 12:
            ngroups = struct.unpack(">I", t[off + 12:off + 16])[0]
            for g in range(ngroups):
                start, end, gid = struct.unpack(">III", t[off + 16 + 12 * g:off + 28 + 12 * g])
                for c in range(start, end + 1):
                    cmap[c] = gid + c - start
            return cmap
        segs = struct.unpack(">H", t[off + 6:off + 8])[0] // 2
        ends = struct.unpack(">%dH" % segs, t[off + 14:off + 14 + 2 * segs])
        p = off + 16 + 2 * segs
        starts = struct.unpack(">%dH" % segs, t[p:p + 2 * segs])
        deltas = struct.unpack(">%dh" % segs, t[p + 2 * segs:p + 4 * segs])
        ro_at = p + 4 * segs
        ranges = struct.unpack(">%dH" % segs, t[ro_at:ro_at + 2 * segs])
        for s in range(segs):
            for c in range(starts[s], ends[s] + 1):
                if c == 0xFFFF:
                    continue
                if ranges[s] == 0:
                    gid = (c + deltas[s]) & 0xFFFF
                else:
                    at = ro_at + 2 * s + ranges[s] + 2 * (c - starts[s])
                    gid = struct.unpack(">H", t[at:at + 2])[0]
                    if gid:
                        gid = (gid + deltas[s]) & 0xFFFF
                if gid:
                    cmap[c] = gid
        return cmap

    def glyph(self, gid):
        loca = self.tables["loca"]
        if self.long_loca:
            a, b = struct.unpack(">II", loca[4 * gid:4 * gid + 8])
        else:
            a, b = (2 * v for v in struct.unpack(">HH", loca[2 * gid:2 * gid + 4]))
        return self.tables["glyf"][a:b]

    def metric(self, gid):
        hmtx = self.tables["hmtx"]
        i = min(gid, self.n_hmetrics - 1)
        adv = struct.unpack(">H", hmtx[4 * i:4 * i + 2])[0]
        if gid < self.n_hmetrics:
            lsb = struct.unpack(">h", hmtx[4 * gid + 2:4 * gid + 4])[0]
        else:
            at = 4 * self.n_hmetrics + 2 * (gid - self.n_hmetrics)
            lsb = struct.unpack(">h", hmtx[at:at + 2])[0]
        return adv, lsb

    def advance(self, ch):
        """The advance of a character, in em."""
        return self.metric(self.cmap[ord(ch)])[0] / self.upem


def components(data):
    """Offsets of the glyph indices inside a composite glyph, and the indices."""
    out = []
    if len(data) < 10 or struct.unpack(">h", data[:2])[0] >= 0:
        return out
    p = 10
    while True:
        flags, gid = struct.unpack(">HH", data[p:p + 4])
        out.append((p + 2, gid))
        p += 4 + (4 if flags & 1 else 2)
        if flags & 8:
            p += 2
        elif flags & 0x40:
            p += 4
        elif flags & 0x80:
            p += 8
        if not flags & 0x20:
            return out


def checksum(data):
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(">%dI" % (len(data) // 4), data)) & 0xFFFFFFFF


def subset(font, chars):
    """A TrueType font of the glyphs of chars (and what they are built from).

    Returns the font program and the map of each character to its new glyph id
    (the CID, since the CIDToGIDMap is the identity)."""
    wanted = [0] + sorted({font.cmap[ord(c)] for c in chars})
    i = 0
    while i < len(wanted):
        for _, g in components(font.glyph(wanted[i])):
            if g not in wanted:
                wanted.append(g)
        i += 1
    new = {g: n for n, g in enumerate(wanted)}
    glyf, loca, hmtx = b"", [], b""
    for g in wanted:
        data = bytearray(font.glyph(g))
        for at, old in components(bytes(data)):
            data[at:at + 2] = struct.pack(">H", new[old])
        loca.append(len(glyf))
        glyf += bytes(data) + b"\0" * (-len(data) % 4)
        adv, lsb = font.metric(g)
        hmtx += struct.pack(">Hh", adv, lsb)
    loca.append(len(glyf))
    head = bytearray(font.tables["head"])
    head[8:12] = b"\0\0\0\0"
    head[50:52] = struct.pack(">h", 1)
    hhea = bytearray(font.tables["hhea"])
    hhea[34:36] = struct.pack(">H", len(wanted))
    maxp = bytearray(font.tables["maxp"])
    maxp[4:6] = struct.pack(">H", len(wanted))
    tables = {"head": bytes(head), "hhea": bytes(hhea), "maxp": bytes(maxp), "hmtx": hmtx,
              "loca": struct.pack(">%dI" % len(loca), *loca), "glyf": glyf,
              "post": struct.pack(">IIhhIIIII", 0x00030000, 0, 0, 0, 0, 0, 0, 0, 0)}
    for tag in ("cvt ", "fpgm", "prep"):
        if tag in font.tables:
            tables[tag] = font.tables[tag]
    tags = sorted(tables)
    n = len(tags)
    es = int(math.log2(n))
    out = struct.pack(">IHHHH", 0x00010000, n, 16 * 2 ** es, es, 16 * n - 16 * 2 ** es)
    offset = 12 + 16 * n
    body = b""
    for tag in tags:
        data = tables[tag]
        out += tag.encode("latin-1") + struct.pack(">III", checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    program = bytearray(out + body)
    adjust = (0xB1B0AFBA - checksum(bytes(program))) & 0xFFFFFFFF
    i = tags.index("head")
    at = struct.unpack(">I", program[12 + 16 * i + 8:12 + 16 * i + 12])[0]
    program[at + 8:at + 12] = struct.pack(">I", adjust)
    return bytes(program), {c: new[font.cmap[ord(c)]] for c in chars}


# --- pages --------------------------------------------------------------

def is_cjk(ch):
    o = ord(ch)
    return o >= 0x2E80 or ch in "“”‘’·"


class Page:
    def __init__(self, doc):
        self.doc = doc
        self.ops = []

    def rect(self, x, y, w, h, rgb):
        self.ops.append("%.3f %.3f %.3f rg %.2f %.2f %.2f %.2f re f" % (
            rgb + (x, PAGE_H - y - h, w, h)))

    def glyph(self, ch, x, y, size, matrix=(1, 0, 0, 1), rgb=(0, 0, 0), stroke=False, font=None):
        font = font or ("F1" if is_cjk(ch) else "F2")
        self.doc.used[font].add(ch)
        a, b, c, d = matrix
        mode = "%.3f %.3f %.3f RG 0.8 w 1 Tr" % rgb if stroke else "%.3f %.3f %.3f rg 0 Tr" % rgb
        self.ops.append("BT %s /%s %.2f Tf %.5f %.5f %.5f %.5f %.3f %.3f Tm <%%%s%s%%> Tj ET" % (
            mode, font, size, a, b, c, d, x, PAGE_H - y, font, ch))

    def line(self, x, y, text, size=12, width=None, extra=0.0, matrix=(1, 0, 0, 1),
             rgb=(0, 0, 0)):
        """Sets text from x on the baseline y (from the top of the page).

        Each character advances by its font's width plus `extra` em; with
        `width` (in em) the line is justified: what is left is shared between
        all the gaps. In text, {N} moves the pen by N em (a gap, or a negative
        one), {h} makes the next character advance half an em (a compressed
        punctuation mark), {l} sets the next character in the Latin font."""
        items, i = [], 0
        half = latin = False
        while i < len(text):
            if text[i] == "{":
                j = text.index("}", i)
                arg = text[i + 1:j]
                if arg == "h":
                    half = True
                elif arg == "l":
                    latin = True
                else:
                    items.append(("move", float(arg)))
                i = j + 1
                continue
            ch = text[i]
            key = "F2" if latin or not is_cjk(ch) else "F1"
            adv = self.doc.fonts[key].advance(ch)
            items.append(("char", ch, 0.5 if half else adv, key))
            half = latin = False
            i += 1
        chars = [it for it in items if it[0] == "char"]
        natural = sum(it[2] for it in chars) + sum(it[1] for it in items if it[0] == "move")
        spread = extra
        if width is not None and len(chars) > 1:
            spread = (width - natural) / (len(chars) - 1)
        pen = x
        k = 0
        for it in items:
            if it[0] == "move":
                pen += it[1] * size
                continue
            k += 1
            self.glyph(it[1], pen, y, size, matrix, rgb, font=it[3])
            pen += it[2] * size + (spread * size if k < len(chars) else 0)
        return pen


class Doc:
    def __init__(self, fonts):
        self.fonts = fonts
        self.pages = []
        self.used = {"F1": set(), "F2": set()}

    def page(self):
        p = Page(self)
        self.pages.append(p)
        return p

    def write(self, path):
        objs = []

        def add(body):
            objs.append(body)
            return len(objs)

        def stream(data, extra=""):
            z = zlib.compress(data, 9)
            return b"<< /Length %d /Filter /FlateDecode%s >>\nstream\n" % (
                len(z), extra.encode()) + z + b"\nendstream"

        catalog = add(None)
        pages_at = add(None)
        font_refs, codes = {}, {}
        for key in ("F1", "F2"):
            font = self.fonts[key]
            chars = sorted(self.used[key]) or [" "]
            program, cids = subset(font, chars)
            codes[key] = cids
            file_ref = add(stream(program, " /Length1 %d" % len(program)))
            scale = 1000 / font.upem
            fd = add(("<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [%s] "
                      "/ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV 80 "
                      "/FontFile2 %d 0 R >>" % (
                          font.name, " ".join(str(round(v * scale)) for v in font.bbox),
                          round(font.ascent * scale), round(font.descent * scale),
                          round(font.ascent * scale), file_ref)).encode())
            widths = " ".join("%d [%d]" % (cids[c], round(font.advance(c) * 1000))
                              for c in chars)
            cid = add(("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s "
                       "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                       "/FontDescriptor %d 0 R /CIDToGIDMap /Identity /DW 1000 /W [%s] >>" % (
                           font.name, fd, widths)).encode())
            bf = "".join("<%04X> <%s>\n" % (cids[c], c.encode("utf-16-be").hex().upper())
                         for c in chars)
            cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                    "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
                    "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
                    "%d beginbfchar\n%sendbfchar\n"
                    "endcmap CMapName currentdict /CMap defineresource pop end end\n" % (
                        len(chars), bf))
            tounicode = add(stream(cmap.encode()))
            font_refs[key] = add(("<< /Type /Font /Subtype /Type0 /BaseFont /%s "
                                  "/Encoding /Identity-H /DescendantFonts [%d 0 R] "
                                  "/ToUnicode %d 0 R >>" % (font.name, cid, tounicode)).encode())
        kids = []
        for p in self.pages:
            text = "\n".join(p.ops)
            for key, table in codes.items():
                for ch, code in table.items():
                    text = text.replace("<%%%s%s%%>" % (key, ch), "<%04X>" % code)
            content = add(stream(text.encode("latin-1")))
            kids.append(add(("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] "
                             "/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> "
                             "/Contents %d 0 R >>" % (pages_at, PAGE_W, PAGE_H, font_refs["F1"],
                                                      font_refs["F2"], content)).encode()))
        objs[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_at
        objs[pages_at - 1] = ("<< /Type /Pages /Count %d /Kids [%s] >>" % (
            len(kids), " ".join("%d 0 R" % k for k in kids))).encode()
        out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
        offsets = []
        for n, body in enumerate(objs, 1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
        out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
        out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
            len(objs) + 1, catalog, xref)
        with open(path, "wb") as f:
            f.write(out)


# --- the fixtures -------------------------------------------------------
# Lines of 20 Han characters fill the 20 em column exactly.

FULL = "邮件系统由公司自行采购服务器与软件自行运维相关托管带宽"[:20]


def letterspaced(doc):
    """p1: one letter-spaced line (0.27 em), one spaced by 0.1 em (under the
    threshold), a heading of 4 characters spaced by 1 em (too short to judge),
    a line whose Latin word spaces are wide but whose Han pairs are tight, and
    a line of 7 characters spread over the column (2.2 em: mupdf cuts it into
    pieces). p2: the same set tight."""
    for spaced in (True, False):
        p = doc.page()
        p.line(X0, 80, "目录说明", size=12, extra=1.0)
        p.line(X0 + 24, 110, FULL[:18])
        if spaced:
            p.line(X0, 128, "托管在国内多线机房的企业邮箱海外", width=COLUMN)
        else:
            p.line(X0, 128, "托管在国内多线机房的企业邮箱海外收发走专用", width=COLUMN)
        p.line(X0, 146, "中继线路各项续费都列在成本表中按年续费" if spaced else FULL,
               extra=0.1 if spaced else 0.0)
        p.line(X0, 164, "结束了。")
        p.line(X0, 200, "自建系统 IMail {1.5}与 Lotus {1.5}Domino 都在机房运行多年")
        if spaced:
            p.line(X0, 236, "如有问题请联系", width=COLUMN)
        else:
            p.line(X0, 236, "如有问题请联系")


def pairs(doc):
    """p1: six pairs of CJK marks, each mark a full em: ），。”）：、“（“ and 。”
    ending a line; a Latin quote (narrow) next to a comma is not a pair.
    p2: the same with one mark of each pair at half an em, and a justified line
    stretched by 0.3 em a gap (letter-spaced) whose compressed mark, at 0.8 em,
    must still count as compressed: the line's Han characters advance 1.3 em."""
    for full in (True, False):
        h = "" if full else "{h}"
        p = doc.page()
        p.line(X0, 100, "建成%s），为约%s。”好%s）：说" % (h, h, h))
        p.line(X0, 118, "甲%s、“乙（%s“丙”" % (h, h))
        p.line(X0, 136, "他说{l}“OK{l}”，然后走了%s。”" % h)
        if full:
            p.line(X0, 154, "报价（即优惠），每年节省")
        else:
            p.line(X0, 154, "报价（即优惠）{h}，每年节省", extra=0.3)


def runts(doc):
    """p1: six runts, each ending its paragraph a different way (indent, gap,
    size, outdent, short, end). p2: none: two-character last lines, a column of
    one-character table cells, a one-character line after a line of three, a
    last line with a Latin word, a one-line paragraph of one character."""
    p = doc.page()
    y = 80
    # A: first line indented; its runt ends by the next paragraph's indent.
    p.line(X0 + 24, y, FULL[:18]); y += 18
    p.line(X0, y, FULL); y += 18
    p.line(X0, y, "道。"); y += 18
    # B: its runt ends by a gap.
    p.line(X0 + 24, y, FULL[:18]); y += 18
    p.line(X0, y, FULL); y += 18
    p.line(X0, y, "路。"); y += 27
    # C: not indented (after the gap); its runt ends by a heading's size.
    p.line(X0, y, FULL); y += 18
    p.line(X0, y, "了。"); y += 28
    p.line(X0, y, "二、小标题", size=15); y += 28
    # D: a block indented by 2 em; its runt ends by the next line's outdent.
    p.line(X0 + 24, y, FULL[:18]); y += 18
    p.line(X0 + 24, y, "宽。"); y += 18
    # E: flush left, no gap; its runt ends by being shorter than the next line.
    p.line(X0, y, FULL); y += 18
    p.line(X0, y, "钱？"); y += 18
    # F: its runt is the last line of the text.
    p.line(X0, y, FULL); y += 18
    p.line(X0, y, "受；"); y += 18
    p.line(X0 + 400, 790, "1", size=9)

    p = doc.page()
    y = 80
    p.line(X0 + 24, y, FULL[:18]); y += 18
    p.line(X0, y, FULL); y += 18
    p.line(X0, y, "说道。"); y += 18
    p.line(X0 + 24, y, FULL[:18]); y += 18
    p.line(X0, y, "从 IMail。"); y += 30
    # A table: a column of words and a column of one-character cells.
    for word, yes in (("角色", "态"), ("批准人", "是"), ("决策人", "否"), ("评估人", "是")):
        p.line(X0 + 6, y, word, size=10.5)
        p.line(X0 + 120, y, yes, size=10.5)
        y += 22
    y += 10
    p.line(X0, y, "甲乙丙"); y += 18
    p.line(X0, y, "丁。"); y += 30
    p.line(X0 + 24, y, "是。"); y += 18
    p.line(X0 + 24, y, FULL[:18]); y += 18
    p.line(X0, y, "第1")


def sheared(doc):
    """p1: a line of 6 Han characters sheared like a faux italic (slant 0.21,
    12 degrees), one of 4 slanted by 0.03 (under the threshold), an upright
    line. p2: upright text and a watermark turned 45 degrees (not sheared)."""
    faux = (1, 0, math.tan(math.radians(12)), 1)
    p = doc.page()
    p.line(X0, 100, "用户数：700　原系统：IMail", matrix=faux)
    p.line(X0, 130, "决策周期", matrix=(1, 0, 0.03, 1))
    p.line(X0, 160, FULL)
    p = doc.page()
    p.line(X0, 100, "用户数：700　原系统：IMail")
    p.line(X0, 160, FULL)
    c = math.cos(math.radians(45))
    p.line(150, 600, "草稿", size=60, matrix=(c, c, -c, c), rgb=(0.85, 0.33, 0.31))


def boundaries(doc):
    """p1: Han/Latin-or-digit boundaries: 2 at a quarter em, 2 with no gap, 2
    narrow (0.1 em), 2 wide (a space character); 2 stray spaces (between two
    Han characters, after a full stop), and spaces that are not stray (Latin
    words, a space between a Han character and a digit). p2: the same text
    with every boundary at a quarter em and no stray space."""
    p = doc.page()
    p.line(X0, 100, "版本{0.25}2026{0.25}年发布共IMail系统")
    p.line(X0, 118, "第{0.1}3{0.1}页在 IP 被封")
    p.line(X0, 136, "折扣 计算好方案。 如果")
    p.line(X0, 154, "Lotus Domino")
    p = doc.page()
    p.line(X0, 100, "版本{0.25}2026{0.25}年发布共{0.25}IMail{0.25}系统")
    p.line(X0, 118, "第{0.25}3{0.25}页在{0.25}IP{0.25}被封")
    p.line(X0, 136, "折扣计算好方案。如果")
    p.line(X0, 154, "Lotus Domino")


def watermark(doc):
    """p1: a diagonal watermark, stroked like salesgen's (6 characters, 32 pt:
    only its angle tells). p2: a horizontal one, 72 pt, in red (5: only its
    size tells). p3: small light-grey text (4: only its colour tells), and
    white text on a dark band, which is not a watermark. p4: none."""
    c = math.cos(math.radians(45))
    p = doc.page()
    p.line(X0, 100, FULL)
    for i, ch in enumerate("草稿 · 未审批"):
        p.glyph(ch, 150 + 24 * i, 600 - 24 * i, 32, (c, c, -c, c), (0.85, 0.33, 0.31), stroke=True)
    p = doc.page()
    p.line(X0, 100, FULL)
    p.line(150, 400, "DRAFT", size=72, rgb=(0.85, 0.33, 0.31))
    p = doc.page()
    p.line(X0, 100, FULL)
    p.line(X0, 140, "内部草稿", rgb=(0.9, 0.9, 0.9))
    p.rect(X0, 160, 240, 30, (0.12, 0.23, 0.37))
    p.line(X0 + 6, 180, "白字标题", rgb=(1, 1, 1))
    p = doc.page()
    p.line(X0, 100, FULL)


FIXTURES = [("letterspaced", letterspaced), ("pairs", pairs), ("runts", runts),
            ("sheared", sheared), ("boundaries", boundaries), ("watermark", watermark)]


def main(argv):
    out = argv[1] if len(argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    cjk = Font(*find_font("WenQuanYi Micro Hei"), name="WenQuanYiMicroHei")
    latin = Font(*find_font("DejaVu Sans"), name="DejaVuSans")
    for name, make in FIXTURES:
        doc = Doc({"F1": cjk, "F2": latin})
        make(doc)
        doc.write(os.path.join(out, name + ".pdf"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
