"""A bounded crawl by the test client or over HTTP, as a visitor who has not chosen yet."""

import time
from dataclasses import dataclass, field

from .html import parse_page
from .models import Phase
from .observations import Crawl, absolute, observe_set_cookies, same_origin


@dataclass
class Budget:
    """How many pages, and how many seconds, an audit may take, and how long one page may."""

    max_pages: int
    seconds: float
    page_seconds: float
    started: float = field(default_factory=time.monotonic)

    def allows(self, pages_done):
        return pages_done < self.max_pages and self.remaining > 0

    @property
    def remaining(self):
        return self.seconds - (time.monotonic() - self.started)

    def page_time(self, limit=None):
        """Seconds the next step may take: `limit` (by default, a page's), within the run's."""
        limit = self.page_seconds if limit is None else limit
        return max(min(limit, self.remaining), 0.001)


@dataclass
class Fetched:
    """A response as the audit needs it. Status 0: the page could not be fetched, and `error`
    says why."""

    status: int
    set_cookies: list = field(default_factory=list)
    location: str | None = None
    html: str | None = None
    error: str = ""  # a PageError


def crawl(fetch, start_urls, budget, follow_links, result=None):
    """Loads `start_urls`, then same-origin redirects and, if asked, same-origin links.

    `fetch(url, seconds)` returns a `Fetched` within `seconds`. Every `Set-Cookie` is
    recorded against the page; the scripts and embeds the banner gates, and those from other
    sites, are noted. Returns `result`, or a new Crawl.
    """
    result = result or Crawl()
    queue = list(dict.fromkeys(start_urls))
    queued = set(queue)
    for url in queue:  # grows while it is read: breadth first
        if not budget.allows(len(result.pages)):
            result.truncated = True
            break
        fetched = fetch(url, budget.page_time())
        result.add_page(url, fetched.status, fetched.error)
        observe_set_cookies(result, fetched.set_cookies, url, url, Phase.BEFORE)
        found = [fetched.location] if fetched.location else []
        if fetched.html is not None:
            page = parse_page(fetched.html, url)
            result.gated |= page.gated
            result.embedded += page.embedded
            found += page.links if follow_links else []
        for link in found:
            link = absolute(link, url)
            if link and same_origin(link, url) and link not in queued:
                queued.add(link)
                queue.append(link)
    return result
