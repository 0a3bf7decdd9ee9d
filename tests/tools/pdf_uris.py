#!/usr/bin/env python3
"""Lists the targets of a PDF's link actions, one a line.

Reads the file as qpdf writes it with --qdf --object-streams=disable (every
object uncompressed and on its own) when qpdf is installed, else as it is;
finds every /URI entry and decodes its string (literal, with its escapes, or
hex). Other actions that open something outside the document (/Launch,
/GoToR, /JavaScript, /ImportData, /SubmitForm) are printed as ACTION:/Name.

Usage: pdf_uris.py FILE.pdf   Exit: 0 listed, 2 unreadable.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile


def read(path):
    if shutil.which("qpdf"):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "qdf.pdf")
            r = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", path, out],
                               capture_output=True)
            # 3: written with warnings, still readable.
            if r.returncode in (0, 3):
                return open(out, "rb").read()
    return open(path, "rb").read()


def literal(data, i):
    """The PDF literal string starting after the '(' at data[i - 1]."""
    out, depth = bytearray(), 1
    esc = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
    while i < len(data):
        c = data[i]
        if c == ord("\\"):
            i += 1
            c = data[i]
            if c in esc:
                out.append(esc[c])
            elif ord("0") <= c <= ord("7"):
                m = re.match(rb"[0-7]{1,3}", data[i:i + 3])
                out.append(int(m.group(0), 8) & 0xFF)
                i += len(m.group(0)) - 1
            elif c in (10, 13):
                pass  # a line continuation
            else:
                out.append(c)
        elif c == ord("("):
            depth += 1
            out.append(c)
        elif c == ord(")"):
            depth -= 1
            if depth == 0:
                return bytes(out)
            out.append(c)
        else:
            out.append(c)
        i += 1
    return bytes(out)


def main():
    try:
        data = read(sys.argv[1])
    except OSError as e:
        print(f"pdf_uris.py: {e}", file=sys.stderr)
        return 2
    for m in re.finditer(rb"/URI\s*([(<])", data):
        start = m.end()
        if m.group(1) == b"(":
            raw = literal(data, start)
        else:
            end = data.index(b">", start)
            hexs = re.sub(rb"\s", b"", data[start:end])
            if len(hexs) % 2:
                hexs += b"0"
            raw = bytes.fromhex(hexs.decode("ascii"))
        print(raw.decode("utf-8", "replace"))
    for m in re.finditer(rb"/S\s*/(Launch|GoToR|JavaScript|ImportData|SubmitForm)\b", data):
        print("ACTION:/" + m.group(1).decode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
