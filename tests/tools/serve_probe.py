#!/usr/bin/env python3
"""serve_probe.py - the HTTP checks of tests/e2e/serve.sh that curl cannot make.

usage: serve_probe.py PORT CHECK

CHECK is one of
  longline     a request line of 1 MB: answered 414 or 400 (or the connection
               closed), then the server still answers a plain request
  many         500 connections held open at once (half of them in the middle
               of a request), then a plain request is still answered
  noread       a client asks for a large PDF and never reads; another
               client's request is still answered
  events       prints the first event of /__salesgen/events (one line of JSON)
Prints what went wrong and exits 1, or exits 0.
"""
import socket
import sys
import time

HOST = "127.0.0.1"


def connect(port, timeout=10):
    s = socket.create_connection((HOST, port), timeout=timeout)
    return s


def get(port, path, timeout=10):
    """A plain GET; returns (status, body bytes)."""
    s = connect(port, timeout)
    s.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ")[1]) if head.startswith(b"HTTP/") else 0
    return status, body


def still_answers(port, what):
    status, _ = get(port, "/site/index.html")
    if status != 200:
        print(f"after {what}: a plain request got {status}, not 200")
        return False
    return True


def longline(port):
    s = connect(port)
    status = 0
    try:
        s.sendall(b"GET /" + b"a" * (1 << 20) + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        reply = s.recv(200)
        if reply.startswith(b"HTTP/"):
            status = int(reply.split(b" ")[1])
    except (ConnectionResetError, BrokenPipeError):
        status = -1  # closed before reading it all: also a refusal
    s.close()
    if status not in (414, 400, 431, -1):
        print(f"a 1 MB request line got {status}, not 414 or 400")
        return False
    return still_answers(port, "a 1 MB request line")


def many(port):
    socks = []
    for i in range(500):
        s = connect(port)
        if i % 2:
            s.sendall(b"GET /site/index.html HTTP/1.1\r\nHost: x\r\n")  # unfinished
        socks.append(s)
    ok = still_answers(port, "500 open connections")
    for s in socks:
        s.close()
    return ok and still_answers(port, "closing 500 connections")


def noread(port):
    s = connect(port)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.sendall(b"GET /proposals/hengtong-logistics.pdf HTTP/1.1\r\nHost: x\r\n\r\n")
    time.sleep(0.5)  # the server fills what the socket takes, then waits
    ok = still_answers(port, "a client that never reads")
    s.close()
    return ok


def events(port):
    s = connect(port)
    s.sendall(b"GET /__salesgen/events HTTP/1.1\r\nHost: x\r\n\r\n")
    raw, body = b"", b""

    def until(sep):
        nonlocal raw
        while sep not in raw:
            chunk = s.recv(65536)
            if not chunk:
                raise EOFError
            raw += chunk
        out, raw = raw.split(sep, 1)
        return out

    def exactly(n):
        nonlocal raw
        while len(raw) < n:
            chunk = s.recv(65536)
            if not chunk:
                raise EOFError
            raw += chunk
        out, raw = raw[:n], raw[n:]
        return out

    try:
        until(b"\r\n\r\n")  # the headers; then chunks of the body
        while not (body.startswith(b"data: ") and b"\n\n" in body):
            if b"\n\n" in body and not body.startswith(b"data: "):
                body = body.split(b"\n\n", 1)[1]  # a comment
                continue
            size = int(until(b"\r\n").split(b";")[0], 16)
            body += exactly(size + 2)[:size]
    except EOFError:
        pass
    s.close()
    line = body[6:].split(b"\n", 1)[0] if body.startswith(b"data: ") else b""
    print(line.decode("utf-8", "replace"))
    return bool(line)


def main():
    port, check = int(sys.argv[1]), sys.argv[2]
    ok = {"longline": longline, "many": many, "noread": noread, "events": events}[check](port)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
