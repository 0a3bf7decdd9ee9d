#!/usr/bin/env python3
"""Checks a PDF's watermark, page by page: there on every page of a draft,
nowhere on an approved document.

Usage: pdf_watermark.py --draft|--approved LABEL FILE.pdf

LABEL is the watermark's text (e.g. "草稿 · 未审批"). Prints what is wrong,
one line each, and exits 1 when anything is; 2 when the file cannot be read.

A draft passes when every page
  - draws, inside one marked-content sequence
    /Artifact <</Type /Pagination /Subtype /Watermark>> BDC ... EMC,
    a form XObject that only fills paths: no text (BT), no stroke, no
    even-odd fill;
  - shows that form as ink: rendered with pdftoppm (grey, 50 dpi) once as it
    is and once with the form emptied (qpdf --qdf, fix-qdf), the pixels that
    are white without the form and not with it are the watermark's ink.
    They cover at least 0.5% of the page; their commonest shade (one layer
    of the translucent fill) is light (190 or more of 255); at least a
    quarter of them have that shade (filled letters, not outlines); and at
    most 1% are darker than it by more than 8 (so no contour or stroke is
    painted twice: overlapping contours of a glyph, or an outline stroked
    over its fill, would show as darker lines).
An approved document passes when no page marks a watermark, draws a form
XObject or sets a translucent fill (/ca or /CA below 1).
Both: the text pdftotext gives (-raw, in content order) does not hold the
label, and no line of its default output is made of the label's characters
(Chinese) or words (Latin) alone: what a watermark drawn as rotated text
leaves in copied text.

Needs qpdf (11 or later), fix-qdf, pdftoppm and pdftotext.
"""
import base64
import json
import os
import re
import subprocess
import sys
import tempfile

DPI = 50


def run(args, **kw):
    return subprocess.run(args, capture_output=True, check=False, **kw)


def objects(path):
    """The file's objects as qpdf's JSON (version 2) gives them, streams
    decoded and inline."""
    r = run(["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline",
             "--decode-level=generalized", path])
    if r.returncode not in (0, 3):
        raise OSError(r.stderr.decode(errors="replace"))
    return json.loads(r.stdout)["qpdf"][1]


def deref(objs, v):
    """v, or the value of the object it refers to."""
    while isinstance(v, str) and re.fullmatch(r"\d+ \d+ R", v):
        o = objs.get("obj:" + v, {})
        v = o.get("value", o.get("stream"))
    return v


def stream_data(objs, ref):
    o = objs.get("obj:" + ref, {})
    s = o.get("stream")
    if not s or "data" not in s:
        return b""
    return base64.b64decode(s["data"])


def pages(objs):
    """The pages in order: (object reference, dictionary)."""
    trailer = objs["trailer"]["value"]
    root = deref(objs, trailer["/Root"])
    out = []

    def walk(ref, inherited):
        node = deref(objs, ref)
        res = node.get("/Resources", inherited)
        if node.get("/Type") == "/Pages":
            for kid in node.get("/Kids", []):
                walk(kid, res)
        else:
            d = dict(node)
            d["/Resources"] = res
            out.append((ref, d))

    walk(root["/Pages"], None)
    return out


def content(objs, page):
    c = page.get("/Contents")
    refs = c if isinstance(c, list) else [c] if c else []
    return b"\n".join(stream_data(objs, r) for r in refs)


TOKEN = re.compile(rb"""
    (?P<ws>\s+|%[^\r\n]*)
  | (?P<dict><<)
  | (?P<dictend>>>)
  | (?P<str>\()
  | (?P<hex><[0-9A-Fa-f\s]*>)
  | (?P<name>/[^\s/\[\]()<>{}%]*)
  | (?P<arr>[\[\]])
  | (?P<num>[-+]?(?:\d+\.?\d*|\.\d+))
  | (?P<op>[A-Za-z'"*][A-Za-z0-9'"*]*)
""", re.X)


def tokens(data):
    """(kind, value) of a content stream: names, numbers, strings (as
    "str"), dictionaries as their raw bytes, operators."""
    i, n = 0, len(data)
    while i < n:
        m = TOKEN.match(data, i)
        if not m:
            i += 1
            continue
        kind = m.lastgroup
        if kind == "ws" or kind == "arr":
            i = m.end()
        elif kind == "str":
            depth, j = 1, m.end()
            while j < n and depth:
                if data[j:j + 1] == b"\\":
                    j += 2
                    continue
                depth += {b"(": 1, b")": -1}.get(data[j:j + 1], 0)
                j += 1
            yield "str", data[m.start():j]
            i = j
        elif kind == "dict":
            depth, j = 1, m.end()
            while j < n and depth:
                if data.startswith(b"<<", j):
                    depth, j = depth + 1, j + 2
                elif data.startswith(b">>", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            yield "dict", data[m.start():j]
            i = j
        else:
            yield kind, m.group(kind)
            i = m.end()


def page_marks(data):
    """What a page's content does about watermarks: the XObjects and
    graphics states used inside each watermark artifact, the number of
    such artifacts, and every XObject drawn anywhere."""
    operands, stack = [], []
    marks, drawn = [], []
    for kind, v in tokens(data):
        if kind != "op":
            operands.append((kind, v))
            continue
        if v in (b"BDC", b"BMC"):
            tag = operands[0][1] if operands else b""
            props = operands[1][1] if len(operands) > 1 else b""
            wm = tag == b"/Artifact" and re.search(rb"/Subtype\s*/Watermark\b", props)
            stack.append(bool(wm))
            if wm:
                marks.append({"xobjects": [], "gstates": []})
        elif v == b"EMC":
            if stack:
                stack.pop()
        elif v == b"Do" and operands:
            name = operands[-1][1].decode()
            drawn.append(name)
            if any(stack):
                marks[-1]["xobjects"].append(name)
        elif v == b"gs" and operands and any(stack):
            marks[-1]["gstates"].append(operands[-1][1].decode())
        operands = []
    return marks, drawn


PATH_OPS = {"m", "l", "c", "v", "y", "h", "re", "f", "F", "n",
            "q", "Q", "cm", "rg", "g", "k", "cs", "sc", "scn", "gs", "W"}


def form_problem(objs, ref):
    """Why the form XObject ref is not a filled outline, or None."""
    s = objs.get("obj:" + ref, {}).get("stream")
    if not s or s["dict"].get("/Subtype") != "/Form":
        return "draws something that is not a form XObject"
    ops = [v.decode() for k, v in tokens(stream_data(objs, ref)) if k == "op"]
    if "f" not in ops and "F" not in ops:
        return "its form fills nothing"
    if "BT" in ops:
        return "its form holds text"
    other = sorted(set(ops) - PATH_OPS)
    if other:
        return "its form does more than fill paths: " + " ".join(other)
    return None


def read_pgm(path):
    data = open(path, "rb").read()
    fields, i = [], 0
    while len(fields) < 4:
        while data[i:i + 1].isspace():
            i += 1
        j = i
        while not data[j:j + 1].isspace():
            j += 1
        fields.append(data[i:j])
        i = j
    return int(fields[1]), int(fields[2]), data[i + 1:]


def render(path, page, out):
    r = run(["pdftoppm", "-gray", "-r", str(DPI), "-f", str(page), "-l", str(page),
             "-singlefile", path, out])
    if r.returncode != 0:
        raise OSError("pdftoppm: " + r.stderr.decode(errors="replace"))
    return read_pgm(out + ".pgm")


def without_forms(path, forms, out):
    """A copy of path with the content of the form XObjects forms (object
    references) emptied."""
    qdf = out + ".qdf"
    r = run(["qpdf", "--qdf", "--object-streams=disable", path, qdf])
    if r.returncode not in (0, 3):
        raise OSError("qpdf --qdf: " + r.stderr.decode(errors="replace"))
    data = open(qdf, "rb").read()
    for ref in forms:
        num = ref.split()[0].encode()
        m = re.search(rb"%% Original object ID: " + num + rb" 0\n\d+ 0 obj\n.*?\nstream\n",
                      data, re.S)
        end = data.index(b"\nendstream", m.end()) if m else -1
        if not m or end < 0:
            raise OSError(f"cannot find the form {ref} in qpdf's QDF output")
        data = data[:m.end()] + data[end:]
    open(qdf, "wb").write(data)
    with open(out, "wb") as f:
        r = subprocess.run(["fix-qdf", qdf], stdout=f, stderr=subprocess.PIPE, check=False)
    if r.returncode != 0:
        raise OSError("fix-qdf: " + r.stderr.decode(errors="replace"))


def ink_problems(marked, clean):
    """What is wrong with the watermark's ink: marked and clean are the
    same page rendered with and without it."""
    w, h, a = marked
    _, _, b = clean
    ink = [a[i] for i in range(w * h) if b[i] == 255 and a[i] < 250]
    if len(ink) < 0.005 * w * h:
        return [f"its ink covers {100 * len(ink) / (w * h):.2f}% of the page (under 0.5%)"]
    counts = [0] * 256
    for v in ink:
        counts[v] += 1
    tint = max(range(256), key=lambda v: counts[v])
    full = sum(counts[max(0, tint - 3):tint + 4])
    darker = sum(counts[:max(0, tint - 8)])
    if os.environ.get("PDF_WATERMARK_DEBUG"):
        print(f"ink {100 * len(ink) / (w * h):.2f}% of the page, grey {tint}, "
              f"{100 * full / len(ink):.0f}% at it, {100 * darker / len(ink):.2f}% darker",
              file=sys.stderr)
    out = []
    if tint < 190:
        out.append(f"its fill is not light (grey {tint} of 255)")
    if full < 0.25 * len(ink):
        out.append(f"only {100 * full / len(ink):.0f}% of its ink has its fill's shade "
                   f"(grey {tint}): outlines rather than filled letters")
    if darker > 0.01 * len(ink):
        out.append(f"{100 * darker / len(ink):.1f}% of its ink is darker than one layer of "
                   f"its fill (grey {tint}): contours or strokes painted twice")
    return out


def text_problems(path, label):
    out = []
    raw = run(["pdftotext", "-raw", "-enc", "UTF-8", path, "-"]).stdout.decode()
    flat_label = "".join(label.split())
    if flat_label in "".join(raw.split()):
        out.append(f"its text holds the watermark '{label}'")
    # A CJK label drawn as rotated text comes out a character or two a line;
    # a Latin one a word or two.
    cjk = any(ord(ch) >= 0x2E80 for ch in flat_label)
    units = set(flat_label) - {"·", "-"} if cjk else set(label.split()) - {"·", "-"}
    text = run(["pdftotext", "-enc", "UTF-8", path, "-"]).stdout.decode()
    stray = []
    for line in text.splitlines():
        parts = [p for p in ("".join(line.split()) if cjk else line.split()) if p not in "·-"]
        if parts and all(p in units for p in parts):
            stray.append(line.strip())
    if stray:
        out.append(f"its text has {len(stray)} lines of watermark characters alone: "
                   + " ".join(stray[:8]) + (" ..." if len(stray) > 8 else ""))
    return out


def check(path, label, draft, work):
    objs = objects(path)
    problems = text_problems(path, label)
    forms = set()
    per_page = []
    for n, (ref, page) in enumerate(pages(objs), 1):
        res = deref(objs, page.get("/Resources")) or {}
        xobjs = deref(objs, res.get("/XObject")) or {}
        gstates = deref(objs, res.get("/ExtGState")) or {}
        marks, drawn = page_marks(content(objs, page))
        if not draft:
            if marks:
                problems.append(f"page {n}: marks a watermark")
            for name in drawn:
                s = objs.get("obj:" + str(xobjs.get(name)), {}).get("stream")
                if s and s["dict"].get("/Subtype") == "/Form":
                    problems.append(f"page {n}: draws a form XObject ({name})")
            for name, gs in gstates.items():
                gs = deref(objs, gs) or {}
                if gs.get("/ca", 1) < 1 or gs.get("/CA", 1) < 1:
                    problems.append(f"page {n}: sets a translucent fill ({name})")
            continue
        if len(marks) != 1:
            problems.append(f"page {n}: {len(marks)} watermark artifacts, not 1")
            continue
        if len(marks[0]["xobjects"]) != 1:
            problems.append(f"page {n}: its watermark draws {len(marks[0]['xobjects'])} "
                            "XObjects, not 1")
            continue
        form = xobjs.get(marks[0]["xobjects"][0])
        why = form_problem(objs, str(form))
        if why:
            problems.append(f"page {n}: its watermark {why}")
            continue
        forms.add(str(form))
        per_page.append(n)
    if draft and per_page:
        clean = os.path.join(work, "clean.pdf")
        without_forms(path, forms, clean)
        for n in per_page:
            a = render(path, n, os.path.join(work, f"marked-{n}"))
            b = render(clean, n, os.path.join(work, f"clean-{n}"))
            problems += [f"page {n}: the watermark: {p}" for p in ink_problems(a, b)]
    return problems


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("--draft", "--approved"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    draft = sys.argv[1] == "--draft"
    with tempfile.TemporaryDirectory() as work:
        try:
            problems = check(sys.argv[3], sys.argv[2], draft, work)
        except (OSError, ValueError, KeyError) as e:
            print(f"{sys.argv[3]}: {e}", file=sys.stderr)
            return 2
    for p in problems:
        print(f"{sys.argv[3]}: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
