"""A site that answers the audit as a broken or hostile server would, on a local port."""

import socket
import struct
import threading
import time
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# A trickling page sends one byte this often, and gives up after this many: a run that does
# not give it up fails its test in TRICKLE_BYTES × TRICKLE_EVERY seconds instead of hanging.
TRICKLE_EVERY = 2
TRICKLE_BYTES = 20
PAGE = b"<!doctype html><title>ok</title><p>A page.</p>"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        answer = getattr(self, "answer_" + self.path.strip("/").replace("-", "_"), None)
        if answer is None:
            self.send_error(404)
        else:
            answer()

    def page(self, body=PAGE, content_type="text/html; charset=utf-8", headers=()):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def answer_ok(self):
        self.page(headers=[("Set-Cookie", "seen=1; Path=/")])

    def answer_endless_cookie(self):
        # Beyond what a database's integers hold.
        self.page(headers=[("Set-Cookie", f"endless=1; Max-Age={10**30}")])

    def answer_long_domain(self):
        self.page(headers=[("Set-Cookie", f"long=1; Domain={'a' * 300}.example")])

    def answer_many_headers(self):
        # http.client refuses more than 100.
        self.page(headers=[(f"X-Header-{i}", "1") for i in range(150)])

    def answer_reset(self):
        # SO_LINGER 0: close() sends a RST, not a FIN.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def answer_bad_status_line(self):
        self.wfile.write(b"HTTP/1.1 two hundred OK\r\n\r\n")
        self.close_connection = True

    def answer_loop_a(self):
        self.redirect("/loop-b")

    def answer_loop_b(self):
        self.redirect("/loop-a")

    def redirect(self, to):
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def answer_latin1(self):
        # Not UTF-8, and a charset no codec knows.
        self.page("<p>été</p>".encode("latin-1"), "text/html; charset=x-unknown-8bit")

    def answer_bad_link(self):
        self.page(b'<a href="http://[">a</a><a href="/ok">b</a><a href="http://h:99999/">c</a>')

    def answer_trickle_body(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.trickle(b"<p>" + b"x" * TRICKLE_BYTES)

    def answer_trickle_headers(self):
        self.trickle(b"HTTP/1.1 200 OK\r\nX-Slow: " + b"x" * TRICKLE_BYTES)

    def trickle(self, data):
        with suppress(OSError):
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(TRICKLE_EVERY)
        self.close_connection = True

    def log_message(self, format, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a reset connection is the point


@contextmanager
def hostile_site():
    """Yields the site's base URL, `http://127.0.0.1:PORT`."""
    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
