"""Helpers for a site's own test suite.

CNIL asks for a way to withdraw consent on every page: call `pages_without_preferences_link`
from a test so that a new page type or base template cannot lose the persistent link.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

from .page_urls import live_page_urls


class PagesNotLoaded(AssertionError):
    """Pages that did not end on a 200, so could not be checked: `failed` is [(url, status)]."""

    def __init__(self, failed):
        self.failed = failed
        listed = ", ".join(f"{url} ({status})" for url, status in failed)
        super().__init__(
            f"{len(failed)} page(s) did not end on a 200 and were not checked: {listed}"
        )


class _Hooks(HTMLParser):
    """Which of the banner's DOM hooks a page's markup carries (comments and scripts aside)."""

    def __init__(self):
        super().__init__()
        self.found = set()

    def handle_starttag(self, tag, attrs):
        self.found.update(name for name, _ in attrs if name.startswith("data-charte-"))


def pages_without_preferences_link(client, urls=()):
    """The URLs that show the banner but have no `[data-charte-open]` control to reopen it.

    Checks every live public Wagtail page, each at its URL in its own language, then `urls`
    (paths of the site's other views), with `client` (Django's test `Client`), following
    redirects. A page that ends on anything but 200 (a 404, an error) cannot be checked: it
    raises `PagesNotLoaded`, naming them all. A page that is not HTML, or without the banner
    (switched off for its site), has nothing to check.
    """
    targets = [(url, {}) for url in urls]
    for url in live_page_urls():
        parts = urlsplit(url)
        targets.append(
            (parts.path, {"headers": {"host": parts.netloc}, "secure": parts.scheme == "https"})
        )
    missing, failed = [], []
    for url, options in targets:
        response = client.get(url, follow=True, **options)
        if response.status_code != 200:
            failed.append((url, response.status_code))
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        hooks = _Hooks()
        hooks.feed(response.content.decode(response.charset or "utf-8"))
        if "data-charte-banner" in hooks.found and "data-charte-open" not in hooks.found:
            missing.append(url)
    if failed:
        raise PagesNotLoaded(failed)
    return missing
