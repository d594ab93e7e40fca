"""This project served on a free local port, for the browser audit of the site's own pages."""

import threading
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.http import Http404
from django.views.static import serve


class _StaticFiles(StaticFilesHandler):
    """Static files from the finders, else from STATIC_ROOT, where collectstatic wrote the
    hashed names that a manifest storage puts in pages."""

    def serve(self, request):
        try:
            return super().serve(request)
        except Http404:
            if not settings.STATIC_ROOT:
                raise
            path = self.file_path(request.path)
            return serve(request, path, document_root=settings.STATIC_ROOT)


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


@contextmanager
def local_server():
    """Yields the port of a server of this project, with its static files, until exit."""
    server = ThreadedWSGIServer(("127.0.0.1", 0), _QuietHandler, allow_reuse_address=False)
    server.set_app(_StaticFiles(WSGIHandler()))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def resolver_rules(urls, port):
    """Chromium's flag that sends every host of `urls`, on any port, to the local server.

    The browser keeps the site's URLs and `Host`, so Wagtail finds the right site; nothing
    reaches the real host, whatever port a redirect names.
    """
    hosts = sorted({urlsplit(url).hostname for url in urls} - {None})
    rules = ", ".join(f"MAP {host} 127.0.0.1:{port}" for host in hosts)
    return f"--host-resolver-rules={rules}"
