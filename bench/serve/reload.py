#!/usr/bin/env python3
"""reload.py - the time from save to reload of `salesgen serve`, as a page
sees it (bench/serve/run.sh runs it).

usage: reload.py PORT CONTENT_DIR CUSTOMER_ID RUNS

With an event stream open (/__salesgen/events, as an open page has), each
run saves a new user count into customers/ID.xml the way editors do (a new
file renamed over the old one) and times until
  event   the stream announces a build that changed site/accounts/ID.html
          (the moment the page's script calls location.reload()), and
  reload  the page has been fetched again and shows the new count.
Prints one line per run and then the median and range of each, in ms.
"""
import json
import os
import re
import socket
import statistics
import sys
import time


class Stream:
    """The event stream's body, its chunked encoding undone."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET /__salesgen/events HTTP/1.1\r\nHost: x\r\n\r\n")
        self.sock.settimeout(120)
        self.raw = b""
        self.body = b""
        head = self._until(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 200"):
            raise SystemExit("no event stream: %r" % head[:80])

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise SystemExit("the event stream ended")
        self.raw += chunk

    def _until(self, sep):
        while sep not in self.raw:
            self._fill()
        out, self.raw = self.raw.split(sep, 1)
        return out

    def _chunk(self):
        size = int(self._until(b"\r\n").split(b";")[0], 16)
        while len(self.raw) < size + 2:
            self._fill()
        self.body += self.raw[:size]
        self.raw = self.raw[size + 2:]

    def drain(self, quiet):
        """Reads events until none came for `quiet` seconds: the save's
        later passes end before the next save, as when someone edits."""
        self.sock.settimeout(quiet)
        try:
            while True:
                self.event()
        except socket.timeout:
            pass
        finally:
            self.sock.settimeout(120)

    def event(self):
        """The next event's JSON (comments such as pings skipped)."""
        while True:
            while b"\n\n" not in self.body:
                self._chunk()
            block, self.body = self.body.split(b"\n\n", 1)
            if block.startswith(b"data: "):
                return json.loads(block[6:].decode())


def fetch(port, path):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    data = b""
    while True:
        chunk = s.recv(1 << 20)
        if not chunk:
            break
        data += chunk
    s.close()
    return data


def save(path, users):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r' users="\d+"', ' users="%d"' % users, text, count=1)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.rename(path + ".tmp", path)


def main():
    port, content, cid, runs = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    path = os.path.join(content, "customers", cid + ".xml")
    page = "site/accounts/%s.html" % cid
    stream = Stream(port)
    gen = stream.event()["gen"]
    events, reloads = [], []
    for run in range(runs):
        users = 1200 + 37 * run
        t0 = time.monotonic()
        save(path, users)
        # The first announcement of the page after the save that shows the
        # new count: a late event of the previous save's second pass (the
        # PDFs) can come first on a busy machine, and its page is the old one.
        while True:
            ev = stream.event()
            if ev["gen"] <= gen or (page not in ev["changed"] and "*" not in ev["changed"]):
                continue
            gen = ev["gen"]
            t1 = time.monotonic()
            body = fetch(port, "/" + page)
            t2 = time.monotonic()
            if "{:,}".format(users).encode() in body or str(users).encode() in body:
                break
            if t2 - t0 > 60:
                raise SystemExit("run %d: the page does not show %d users after a minute"
                                 % (run + 1, users))
        events.append((t1 - t0) * 1000)
        reloads.append((t2 - t0) * 1000)
        print("run %d: event %.0f ms, reload %.0f ms" % (run + 1, events[-1], reloads[-1]))
        stream.drain(5.0)
    for name, xs in (("event", events), ("reload", reloads)):
        print("%s: median %.0f ms, range %.0f to %.0f ms (%d runs)"
              % (name, statistics.median(xs), min(xs), max(xs), len(xs)))


if __name__ == "__main__":
    main()
