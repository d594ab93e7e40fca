"""Loading one page within its deadline: through Django's test client, or over HTTP from a
running site."""

import http.client
import signal
import socket
import threading
import urllib.error
import urllib.request
from contextlib import contextmanager, suppress
from functools import partial
from urllib.parse import urlsplit

from django.test import Client
from django.utils import translation

from .crawl import Fetched
from .models import PageError

USER_AGENT = "wagtail-charte-audit"
MAX_HTML_BYTES = 2 * 1024 * 1024


class PageTimeout(BaseException):
    """The page's deadline passed while this process served it.

    Not an Exception: Django's handler would answer it with a 500, and the view go on.
    """


@contextmanager
def interrupted_after(seconds):
    """Interrupts the code inside after `seconds`, by raising PageTimeout.

    A signal reaches only the main thread, where a command or a task worker runs the audit;
    elsewhere (a threaded server running "Run now" at once), or when another alarm is set, the
    run's limit is checked between pages only.
    """
    if (
        seconds is None
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0]
    ):
        yield
        return

    def stop(signum, frame):
        raise PageTimeout

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def fetch_with_client(url, seconds=None, data=None, client=None):
    """The page at `url` from this Django project, in a fresh client unless one is given: no
    cookie is sent. With `data`, the form is posted. Within `seconds` when given."""
    parts = urlsplit(url)
    client = client or Client(raise_request_exception=False)
    request = client.get if data is None else client.post
    # Serving a page activates its language: the audit's report keeps the caller's.
    with translation.override(translation.get_language()):
        try:
            with interrupted_after(seconds):
                response = request(
                    parts.path + (f"?{parts.query}" if parts.query else ""),
                    data,
                    headers={"host": parts.netloc},
                    secure=parts.scheme == "https",
                )
        except PageTimeout:
            return Fetched(status=0, error=PageError.TIMEOUT)
    html = None
    if not response.streaming and response.get("Content-Type", "").startswith("text/html"):
        html = decode(response.content, response.charset)
    return Fetched(
        status=response.status_code,
        set_cookies=[morsel.OutputString() for morsel in response.cookies.values()],
        location=response.get("Location"),
        html=html,
    )


def decode(body, charset):
    """The page's text, whatever bytes and charset it came with."""
    try:
        return body.decode(charset or "utf-8", "replace")
    except LookupError:  # a charset Python does not know
        return body.decode("utf-8", "replace")


class _Watchdog:
    """Shuts the sockets of one page down at its deadline.

    A socket's timeout counts from the last byte received: a page that trickles a byte every
    few seconds never trips it. Shutting a socket down ends the read under way.
    """

    def __init__(self, seconds):
        self.expired = False
        self.sockets = []
        self.lock = threading.Lock()
        self.timer = threading.Timer(seconds, self.expire)
        self.timer.daemon = True

    def __enter__(self):
        self.timer.start()
        return self

    def __exit__(self, *exc_info):
        self.timer.cancel()

    def watch(self, sock):
        with self.lock:
            self.sockets.append(sock)
            if self.expired:
                self.shut(sock)

    def expire(self):
        with self.lock:
            self.expired = True
            for sock in self.sockets:
                self.shut(sock)

    @staticmethod
    def shut(sock):
        # socket.socket's own: an SSL socket's would drop its TLS state under the reader.
        with suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Watched:
    """A connection whose socket, once connected, its page's watchdog may shut down."""

    def __init__(self, watchdog, *args, **kwargs):
        self.watchdog = watchdog
        super().__init__(*args, **kwargs)

    def connect(self):
        super().connect()
        self.watchdog.watch(self.sock)


class _WatchedHTTP(_Watched, http.client.HTTPConnection):
    pass


class _WatchedHTTPS(_Watched, http.client.HTTPSConnection):
    pass


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, watchdog):
        super().__init__()
        self.watchdog = watchdog

    def http_open(self, req):
        return self.do_open(partial(_WatchedHTTP, self.watchdog), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, watchdog):
        super().__init__()
        self.watchdog = watchdog

    def https_open(self, req):
        return self.do_open(partial(_WatchedHTTPS, self.watchdog), req, context=self._context)


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are pages of the crawl: their own `Set-Cookie` counts."""

    def redirect_request(self, *args, **kwargs):
        return None


def fetch_over_http(url, seconds):
    """The page at `url` (http or https: the command checks) from a running site, within
    `seconds`. Whatever goes wrong, a page that did not load: the crawl goes on."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    with _Watchdog(seconds) as watchdog:
        opener = urllib.request.build_opener(
            _KeepRedirects, _HTTPHandler(watchdog), _HTTPSHandler(watchdog)
        )
        try:
            fetched = _read(opener, request, seconds)
        except (OSError, ValueError, http.client.HTTPException) as error:
            fetched = Fetched(status=0, error=_error_of(error))
    if watchdog.expired:
        # Cut short: what was read is not the page.
        return Fetched(status=0, error=PageError.TIMEOUT)
    return fetched


def _read(opener, request, seconds):
    try:
        response = opener.open(request, timeout=seconds)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        headers = response.headers
        html = None
        if headers.get_content_type() == "text/html":
            html = decode(response.read(MAX_HTML_BYTES), headers.get_content_charset())
        return Fetched(
            status=response.status,
            set_cookies=headers.get_all("Set-Cookie") or [],
            location=headers.get("Location"),
            html=html,
        )


def _error_of(error):
    if isinstance(error, urllib.error.URLError) and isinstance(error.reason, OSError):
        error = error.reason
    if isinstance(error, TimeoutError):
        return PageError.TIMEOUT
    if isinstance(error, http.client.HTTPException):
        return PageError.RESPONSE
    return PageError.CONNECTION
