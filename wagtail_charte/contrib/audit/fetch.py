"""Loading one page: through Django's test client, or over HTTP from a running site."""

import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.test import Client
from django.utils import translation

from .crawl import Fetched

USER_AGENT = "wagtail-charte-audit"
MAX_HTML_BYTES = 2 * 1024 * 1024


def fetch_with_client(url, data=None, client=None):
    """The page at `url` from this Django project, in a fresh client unless one is given: no
    cookie is sent. With `data`, the form is posted."""
    parts = urlsplit(url)
    client = client or Client(raise_request_exception=False)
    request = client.get if data is None else client.post
    # Serving a page activates its language: the audit's report keeps the caller's.
    with translation.override(translation.get_language()):
        response = request(
            parts.path + (f"?{parts.query}" if parts.query else ""),
            data,
            headers={"host": parts.netloc},
            secure=parts.scheme == "https",
        )
    html = None
    if not response.streaming and response.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode(response.charset or "utf-8", "replace")
    return Fetched(
        status=response.status_code,
        set_cookies=[morsel.OutputString() for morsel in response.cookies.values()],
        location=response.get("Location"),
        html=html,
    )


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are pages of the crawl: their own `Set-Cookie` counts."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_KeepRedirects)


def fetch_over_http(url, timeout=10):
    """The page at `url` (http or https: the command checks) from a running site."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        response = _opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as error:
        response = error
    except (OSError, ValueError):
        return Fetched(status=0)
    with response:
        headers = response.headers
        html = None
        if headers.get_content_type() == "text/html":
            body = response.read(MAX_HTML_BYTES)
            html = body.decode(headers.get_content_charset() or "utf-8", "replace")
        return Fetched(
            status=response.status,
            set_cookies=headers.get_all("Set-Cookie") or [],
            location=headers.get("Location"),
            html=html,
        )
