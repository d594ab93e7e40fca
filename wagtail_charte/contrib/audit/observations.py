"""What a crawl records: cookies and storage keys seen, requests sent, and pages loaded."""

import time
from dataclasses import dataclass, field
from http.cookiejar import http2time
from urllib.parse import urljoin, urlsplit

from wagtail_charte.models import Party
from wagtail_charte.models.domains import host_of

from .models import Tracker

# A lifetime longer than any register declares, that a database's integers still hold: a
# Max-Age of 10**30 is reported at this.
LONGEST_SECONDS = 10_000 * 366 * 24 * 3600


@dataclass(frozen=True)
class Observation:
    """One cookie or storage key seen on one page, in one phase."""

    name: str
    tracker: str
    domain: str
    party: str
    lifetime_seconds: int | None  # None: the browser session, or a storage key
    url: str
    phase: str


@dataclass(frozen=True)
class GatedResource:
    """A script or embed the banner holds back until its category is allowed."""

    url: str
    category: str


@dataclass(frozen=True)
class Embedded:
    """An iframe, script or embed from another site, in one page's HTML.

    `category` gates it; "" when nothing does, and it loads before any choice. `sources` are
    the URLs a provider's domains may claim: a gated embed's own URL, then what it loads.
    """

    tracker: str
    url: str
    sources: tuple[str, ...]
    category: str
    page: str


@dataclass
class Crawl:
    """Everything one audit saw, whatever the mode."""

    pages: list = field(default_factory=list)
    observations: list = field(default_factory=list)
    # (url, page, phase) of every request the browser sent.
    requests: list = field(default_factory=list)
    gated: set = field(default_factory=set)
    embedded: list = field(default_factory=list)
    truncated: bool = False
    banner_missing: bool = False

    def add_page(self, url, status, error=""):
        page = {"url": url, "status": status}
        if error:
            page["error"] = str(error)
        self.pages.append(page)


def is_first_party(domain, site_host):
    """Whether a cookie of `domain` belongs to the site: the same host, a parent or a child."""
    domain = domain.lstrip(".").lower()
    return (
        domain == site_host or site_host.endswith(f".{domain}") or domain.endswith(f".{site_host}")
    )


def party(domain, page_url):
    return Party.FIRST if is_first_party(domain, host_of(page_url)) else Party.THIRD


def parse_set_cookie(header, response_url, now=None):
    """(name, domain, lifetime in seconds or None) of a `Set-Cookie`; None for a deletion.

    `Max-Age` wins over `Expires`, as in browsers. A header without a name is ignored.
    """
    pair, *attributes = header.split(";")
    name = pair.partition("=")[0].strip()
    if not name:
        return None
    domain, max_age, expires = host_of(response_url), None, None
    for attribute in attributes:
        key, _, value = attribute.partition("=")
        key, value = key.strip().lower(), value.strip()
        if key == "domain" and value:
            domain = value.lstrip(".").lower()
        elif key == "max-age":
            try:
                max_age = int(value)
            except ValueError:
                continue
        elif key == "expires":
            expires = http2time(value)
    now = time.time() if now is None else now
    if max_age is None and expires is not None:
        max_age = int(expires - now)
    if max_age is not None and max_age <= 0:
        return None
    return name, domain, max_age if max_age is None else min(max_age, LONGEST_SECONDS)


def observe_set_cookies(crawl, headers, response_url, page_url, phase):
    for header in headers:
        parsed = parse_set_cookie(header, response_url)
        if parsed is None:
            continue
        name, domain, lifetime = parsed
        crawl.observations.append(
            Observation(
                name=name,
                tracker=Tracker.COOKIE,
                domain=domain,
                party=party(domain, page_url),
                lifetime_seconds=lifetime,
                url=page_url,
                phase=phase,
            )
        )


def absolute(url, base):
    """`url` made absolute against `base`, without its fragment; None if not http(s), or not
    a URL at all (`http://[`)."""
    try:
        joined = urljoin(base, url.strip()).partition("#")[0]
        return joined if urlsplit(joined).scheme in ("http", "https") else None
    except ValueError:
        return None


def same_origin(url, other):
    try:
        a, b = urlsplit(url), urlsplit(other)
        return (a.scheme, a.hostname, a.port) == (b.scheme, b.hostname, b.port)
    except ValueError:  # a port out of range
        return False
