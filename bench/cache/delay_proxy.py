#!/usr/bin/env python3
"""delay_proxy.py PORT UPSTREAM_PORT MS: an HTTP/1.1 proxy on 127.0.0.1:PORT
that waits MS milliseconds before passing each request to 127.0.0.1:
UPSTREAM_PORT, as a cache across a network would answer later than one on
the same machine. One thread per connection, connections kept open."""
import http.client
import http.server
import socket
import sys
import time

PORT, UPSTREAM, DELAY = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]) / 1000


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Without these, delayed acknowledgements would add 40 ms to requests
    # and answers sent in two writes.
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def relay(self):
        body = None
        if "Content-Length" in self.headers:
            body = self.rfile.read(int(self.headers["Content-Length"]))
        time.sleep(DELAY)
        if not hasattr(self, "up"):
            self.up = http.client.HTTPConnection("127.0.0.1", UPSTREAM)
            self.up.connect()
            self.up.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.up.request(self.command, self.path, body=body,
                        headers={k: v for k, v in self.headers.items() if k.lower() != "connection"})
        r = self.up.getresponse()
        data = r.read()
        self.send_response(r.status)
        self.send_header("Content-Length", str(len(data)))
        # The head and the body in one write.
        self._headers_buffer.append(b"\r\n" + data)
        self.flush_headers()

    do_GET = do_PUT = do_HEAD = relay


class Server(http.server.ThreadingHTTPServer):
    # socketserver's backlog of 5 would drop the SYNs of 16 connections
    # opened at once, each then retried a second later.
    request_queue_size = 128


Server(("127.0.0.1", PORT), Handler).serve_forever()
