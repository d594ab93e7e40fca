"""Helpers for a site's own test suite.

CNIL asks for a way to withdraw consent on every page: call `pages_without_preferences_link`
from a test so that a new page type or base template cannot lose the persistent link.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

from wagtail.models import Page


class _Hooks(HTMLParser):
    """Which of the banner's DOM hooks a page's markup carries (comments and scripts aside)."""

    def __init__(self):
        super().__init__()
        self.found = set()

    def handle_starttag(self, tag, attrs):
        self.found.update(name for name, _ in attrs if name.startswith("data-charte-"))


def pages_without_preferences_link(client, urls=()):
    """The URLs that show the banner but have no `[data-charte-open]` control to reopen it.

    Checks every live public Wagtail page, then `urls` (paths of the site's other views), with
    `client` (Django's test `Client`). A page that does not answer 200 with HTML is skipped,
    and so is a page without the banner (switched off for its site).
    """
    targets = [(url, {}) for url in urls]
    for page in Page.objects.live().public().filter(depth__gt=1).specific().iterator():
        _, root_url, path = page.get_url_parts() or (None, None, None)
        if path is not None:
            targets.append((path, {"HTTP_HOST": urlsplit(root_url).netloc} if root_url else {}))
    missing = []
    for url, headers in targets:
        response = client.get(url, **headers)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        hooks = _Hooks()
        hooks.feed(response.content.decode(response.charset or "utf-8"))
        if "data-charte-banner" in hooks.found and "data-charte-open" not in hooks.found:
            missing.append(url)
    return missing
