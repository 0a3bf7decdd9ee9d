#!/usr/bin/env python3
"""Checks that a PDF is tagged through and through, what a PDF/UA checker
(veraPDF) would look at first, read from the file itself.

Usage: pdf_tags.py [--tree] FILE.pdf...

For each file:
  - the catalog says /MarkInfo << /Marked true >>, has a /StructTreeRoot
    with a /ParentTree, a /Lang, and /ViewerPreferences << /DisplayDocTitle
    true >>;
  - every page has /StructParents, a key of the parent tree, and /Tabs /S;
  - every operator of a page's content stream that paints (text: Tj TJ ' ";
    paths: S s f F f* B B* b b*; sh, Do, inline images) is inside a
    marked-content sequence that is either tagged (has an MCID) or an
    /Artifact, and nothing is tagged inside an artifact; a sequence begun
    inside a text object (BT ... ET) ends inside it, and one begun outside
    does not end inside one;
  - every MCID of a page is used once on it and is referenced from the
    parent tree exactly once: the page's array holds, at that MCID, the
    element whose /K names (page, MCID); every (page, MCID) an element names
    is in the page's content; no element names one another element names;
  - every link annotation has /StructParent, whose entry in the parent tree
    is a Link element that holds the annotation as an object reference
    (OBJR), and a description (/Contents);
  - the structure elements form a tree from the root (each element's /P is
    the element holding it, none is held twice), and every Figure has
    alternate text (/Alt).
Prints what is wrong, one line each, and exits 1 when anything is; 2 when a
file cannot be read. --tree prints each file's structure (types, indented,
Figure alternate text in brackets) after the checks, for tests that compare
it.

Needs qpdf (11 or later).
"""
import base64
import json
import re
import subprocess
import sys

PAINT = {b"Tj", b"TJ", b"'", b'"', b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*",
         b"sh", b"Do", b"BI"}


def objects(path):
    """The file's objects as qpdf's JSON (version 2) gives them, streams
    decoded and inline (objects of object streams among them)."""
    r = subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline",
                        "--decode-level=generalized", path], capture_output=True, check=False)
    if r.returncode not in (0, 3):
        raise OSError(r.stderr.decode(errors="replace"))
    return json.loads(r.stdout)["qpdf"][1]


def is_ref(v):
    return isinstance(v, str) and re.fullmatch(r"\d+ \d+ R", v) is not None


def deref(objs, v):
    """v, or the value of the object it refers to (a stream's dictionary)."""
    seen = 0
    while is_ref(v) and seen < 100:
        o = objs.get("obj:" + v, {})
        v = o.get("value", o.get("stream", {}).get("dict"))
        seen += 1
    return v


def stream_data(objs, ref):
    s = objs.get("obj:" + ref, {}).get("stream")
    if not s or "data" not in s:
        return b""
    return base64.b64decode(s["data"])


def pages(objs, root):
    """The pages in order: (reference, dictionary)."""
    out = []

    def walk(ref, depth):
        node = deref(objs, ref) or {}
        if node.get("/Type") == "/Pages" and depth < 64:
            for kid in node.get("/Kids", []):
                walk(kid, depth + 1)
        else:
            out.append((ref, node))

    walk(root["/Pages"], 0)
    return out


def number_tree(objs, node, out, depth=0):
    """The entries of a number tree (/Nums, /Kids) into out."""
    node = deref(objs, node) or {}
    nums = node.get("/Nums", [])
    for i in range(0, len(nums) - 1, 2):
        out[nums[i]] = nums[i + 1]
    if depth < 32:
        for kid in node.get("/Kids", []):
            number_tree(objs, kid, out, depth + 1)
    return out


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
    """(kind, value) of a content stream: names, numbers, strings,
    dictionaries as their raw bytes, operators; an inline image (BI ... ID
    ... EI) as the one operator BI."""
    i, n = 0, len(data)
    while i < n:
        m = TOKEN.match(data, i)
        if not m:
            i += 1
            continue
        kind = m.lastgroup
        if kind in ("ws", "arr"):
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
        elif kind == "op" and m.group(kind) == b"BI":
            end = re.compile(rb"\sEI(?=\s|$)").search(data, m.end())
            yield "op", b"BI"
            i = end.end() if end else n
        else:
            yield kind, m.group(kind)
            i = m.end()


def marked_content(data):
    """What a page's content marks: its MCIDs in order, and the problems of
    its marking."""
    mcids, problems = [], []
    stack = []          # per open sequence: "tag" (has an MCID), "artifact" or "other"
    in_text = False
    text_base = 0       # len(stack) at BT
    operands = []
    for kind, v in tokens(data):
        if kind != "op":
            operands.append((kind, v))
            continue
        if v in (b"BDC", b"BMC"):
            tag = operands[0][1] if operands else b""
            props = operands[1][1] if v == b"BDC" and len(operands) > 1 else b""
            m = re.search(rb"/MCID\s+(\d+)", props)
            if tag == b"/Artifact":
                stack.append("artifact")
            elif m:
                if "artifact" in stack:
                    problems.append(f"MCID {m.group(1).decode()} is inside an artifact")
                mcids.append(int(m.group(1)))
                stack.append("tag")
            else:
                stack.append("other")
        elif v == b"EMC":
            if not stack:
                problems.append("EMC without a sequence to end")
            elif in_text and len(stack) <= text_base:
                problems.append("a sequence begun outside a text object ends inside one")
                stack.pop()
            else:
                stack.pop()
        elif v == b"BT":
            in_text, text_base = True, len(stack)
        elif v == b"ET":
            if len(stack) > text_base:
                problems.append("a sequence begun inside a text object is still open at ET")
            in_text = False
        elif v in PAINT and "tag" not in stack and "artifact" not in stack:
            problems.append(f"'{v.decode()}' paints outside any tagged sequence or artifact")
        operands = []
    if stack:
        problems.append(f"{len(stack)} marked-content sequences are never ended")
    return mcids, problems


def kids(v):
    return v if isinstance(v, list) else [] if v is None else [v]


def check(path, tree_out=None):
    objs = objects(path)
    trailer = objs["trailer"]["value"]
    root = deref(objs, trailer.get("/Root")) or {}
    problems = []
    mark = deref(objs, root.get("/MarkInfo")) or {}
    if mark.get("/Marked") is not True:
        problems.append("the catalog has no /MarkInfo << /Marked true >>")
    if not root.get("/Lang"):
        problems.append("the catalog has no /Lang")
    vp = deref(objs, root.get("/ViewerPreferences")) or {}
    if vp.get("/DisplayDocTitle") is not True:
        problems.append("the viewer is not told to show the title (/DisplayDocTitle)")
    sroot_ref = root.get("/StructTreeRoot")
    sroot = deref(objs, sroot_ref)
    if not sroot:
        return problems + ["the catalog has no /StructTreeRoot"]
    ptree = number_tree(objs, sroot.get("/ParentTree"), {}) if sroot.get("/ParentTree") else {}
    if not ptree:
        problems.append("the structure tree has no parent tree")
    page_list = pages(objs, root)
    page_index = {ref: i + 1 for i, (ref, _) in enumerate(page_list)}

    # The structure: every element once, each (page, MCID) and annotation
    # it names.
    named = {}      # (page number, mcid) -> element reference
    objr = {}       # annotation reference -> element reference
    elems = {}      # element reference -> its dictionary
    lines = []

    def walk(ref, parent, depth, page):
        if not is_ref(ref):
            problems.append(f"a structure element is not an indirect object: {str(ref)[:60]}")
            return
        if ref in elems:
            problems.append(f"element {ref} is held twice")
            return
        e = deref(objs, ref) or {}
        elems[ref] = e
        if e.get("/P") != parent:
            problems.append(f"element {ref} ({e.get('/S')}) says its parent is {e.get('/P')}, "
                            f"not {parent}")
        s = e.get("/S", "?")
        alt = e.get("/Alt")
        if s == "/Figure" and not alt:
            problems.append(f"Figure {ref} has no alternate text")
        if tree_out is not None:
            lines.append("  " * depth + s.lstrip("/") +
                         (f" [{decode_text(alt)}]" if s == "/Figure" and alt else ""))
        pg = e.get("/Pg", page)
        for k in kids(e.get("/K")):
            if isinstance(k, int):
                where = page_index.get(pg)
                if where is None:
                    problems.append(f"element {ref} names MCID {k} without a page")
                    continue
                key = (where, k)
                if key in named:
                    problems.append(f"page {where} MCID {k} is named by {named[key]} and {ref}")
                named[key] = ref
                continue
            kd = deref(objs, k) if is_ref(k) else k
            if isinstance(kd, dict) and kd.get("/Type") == "/MCR":
                where = page_index.get(kd.get("/Pg", pg))
                key = (where, kd.get("/MCID"))
                if key in named:
                    problems.append(f"page {where} MCID {key[1]} is named by {named[key]} and {ref}")
                named[key] = ref
            elif isinstance(kd, dict) and kd.get("/Type") == "/OBJR":
                objr[kd.get("/Obj")] = ref
            else:
                walk(k, ref, depth + 1, pg)

    for k in kids(sroot.get("/K")):
        walk(k, sroot_ref, 0, None)
    if tree_out is not None:
        tree_out.extend(lines)

    for n, (ref, page) in enumerate(page_list, 1):
        key = page.get("/StructParents")
        if not isinstance(key, int):
            problems.append(f"page {n} has no /StructParents")
            continue
        if page.get("/Tabs") != "/S":
            problems.append(f"page {n} does not order its annotations by structure (/Tabs /S)")
        refs = deref(objs, ptree.get(key))
        if not isinstance(refs, list):
            problems.append(f"page {n}: the parent tree has no array for its key {key}")
            refs = []
        c = page.get("/Contents")
        data = b"\n".join(stream_data(objs, r) for r in (c if isinstance(c, list) else [c] if c else []))
        mcids, marking = marked_content(data)
        problems += [f"page {n}: {p}" for p in marking]
        seen = set()
        for m in mcids:
            if m in seen:
                problems.append(f"page {n}: MCID {m} is used twice")
            seen.add(m)
            owner = refs[m] if m < len(refs) else None
            if not is_ref(owner):
                problems.append(f"page {n}: MCID {m} has no element in the parent tree")
            elif named.get((n, m)) != owner:
                problems.append(f"page {n}: MCID {m}: the parent tree says {owner}, "
                                f"the structure {named.get((n, m))}")
        for m, owner in enumerate(refs):
            if owner is not None and m not in seen:
                problems.append(f"page {n}: the parent tree names MCID {m}, which the page lacks")
        for (pn, m), e in named.items():
            if pn == n and m not in seen:
                problems.append(f"page {n}: element {e} names MCID {m}, which the page lacks")
        for a in deref(objs, page.get("/Annots")) or []:
            ad = deref(objs, a) or {}
            if ad.get("/Subtype") != "/Link":
                continue
            sp = ad.get("/StructParent")
            owner = ptree.get(sp) if isinstance(sp, int) else None
            if not is_ref(owner):
                problems.append(f"page {n}: link annotation {a} has no element in the parent tree")
            elif (elems.get(owner) or {}).get("/S") != "/Link":
                problems.append(f"page {n}: link annotation {a} belongs to a "
                                f"{(elems.get(owner) or {}).get('/S')}, not a Link")
            elif objr.get(a) != owner:
                problems.append(f"page {n}: link annotation {a} is not an OBJR of {owner}")
            if not ad.get("/Contents"):
                problems.append(f"page {n}: link annotation {a} has no /Contents")
    return problems


def decode_text(v):
    """A PDF text string as qpdf's JSON gives it ("u:..." or "b:hex")."""
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        raw = bytes.fromhex(v[2:])
        if raw.startswith(b"\xfe\xff"):
            return raw[2:].decode("utf-16-be", errors="replace")
        return raw.decode("latin-1")
    return str(v)


def main():
    args = sys.argv[1:]
    tree = "--tree" in args
    files = [a for a in args if a != "--tree"]
    if not files:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    bad = False
    for path in files:
        out = [] if tree else None
        try:
            problems = check(path, out)
        except (OSError, ValueError, KeyError) as e:
            print(f"{path}: {e}", file=sys.stderr)
            return 2
        for p in problems:
            print(f"{path}: {p}")
        bad = bad or bool(problems)
        if tree:
            print("\n".join(out))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
