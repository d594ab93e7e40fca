"""What the audit reads in a page's HTML: its links, the resources the banner gates, and the
iframes, scripts and embeds from other sites, gated or not."""

from html.parser import HTMLParser

from django.conf import settings

from wagtail_charte.models.domains import host_of

from .models import Tracker
from .observations import Embedded, GatedResource, absolute, is_first_party

# What `data-charte-src` gates.
GATED_TAGS = {"script": Tracker.SCRIPT, "iframe": Tracker.IFRAME, "img": Tracker.IMAGE}
# What loads from another site as the page does, and is reported when no gate holds it back.
# Not images: a site's own media often come from a storage host of its own; the browser
# audit lists every request to another site.
LOADING_TAGS = {"script": Tracker.SCRIPT, "iframe": Tracker.IFRAME}
# Elements without an end tag: they never stay open.
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)


def own_hosts():
    """The hosts of the site's static and media files, when a storage or a CDN serves them."""
    return {host_of(settings.STATIC_URL or ""), host_of(settings.MEDIA_URL or "")} - {""}


def loads(tag, attrs):
    """Whether the browser fetches this iframe's or script's `src` as the page loads: a script
    of another type (`text/plain`, JSON) is never fetched."""
    if not attrs.get("src"):
        return False
    kind = attrs.get("type", "").strip().lower()
    return tag != "script" or not kind or kind == "module" or "javascript" in kind


class Gate:
    """A `[data-charte-gate]` element being read (banner/embeds.py): the link of its
    placeholder, and what its `<template>` holds until the category is allowed."""

    def __init__(self, depth):
        self.depth = depth  # its index among the open elements
        self.template = None  # its template's index while it is read
        self.category = ""
        self.links = []
        self.sources = []


class PageParser(HTMLParser):
    """Python's parser reads a `<template>`'s content as ordinary tags: the open elements are
    followed, so that what a gate's template holds counts as gated."""

    def __init__(self, page_url):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.base_url = page_url
        self.own_hosts = own_hosts()
        self.links = []
        self.gated = set()
        self.embedded = []
        self.open = []
        self.gate = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        gate = self.gate
        in_template = gate is not None and gate.template is not None
        if tag == "template" and gate and not in_template and len(self.open) == gate.depth + 1:
            gate.template = len(self.open)
            gate.category = attrs.get("data-charte-category", "")
        elif "data-charte-gate" in attrs and gate is None:
            self.gate = Gate(len(self.open))
        elif tag == "a" and attrs.get("href"):
            # A gate's link is the embed's page on its provider's site, not one to crawl.
            url = absolute(attrs["href"], self.base_url)
            if url and gate is None:
                self.links.append(url)
            elif url and not in_template:
                gate.links.append(url)
        elif tag == "base" and attrs.get("href"):
            self.base_url = absolute(attrs["href"], self.base_url) or self.base_url
        elif tag in GATED_TAGS and attrs.get("data-charte-src"):
            self.add_gated(tag, attrs)
        elif tag in LOADING_TAGS and loads(tag, attrs):
            url = absolute(attrs["src"], self.base_url)
            if url and in_template:
                gate.sources.append(url)
            elif url and self.is_third_party(url):
                self.embedded.append(Embedded(LOADING_TAGS[tag], url, (url,), "", self.page_url))
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag not in self.open:
            return
        depth = len(self.open) - 1 - self.open[::-1].index(tag)
        del self.open[depth:]
        if self.gate and self.gate.template is not None and depth <= self.gate.template:
            self.gate.template = None
        if self.gate and depth <= self.gate.depth:
            self.end_gate()

    def close(self):
        super().close()
        if self.gate:
            self.end_gate()

    def add_gated(self, tag, attrs):
        url = absolute(attrs["data-charte-src"], self.base_url)
        category = attrs.get("data-charte-category", "")
        if not (url and category):
            return
        self.gated.add(GatedResource(url=url, category=category))
        if self.is_third_party(url):
            self.embedded.append(Embedded(GATED_TAGS[tag], url, (url,), category, self.page_url))

    def end_gate(self):
        """A gate with a template: what it holds is gated by that template's category."""
        gate, self.gate = self.gate, None
        if not gate.category:
            return  # no template: nothing of the embed is on the page
        self.gated |= {GatedResource(url=url, category=gate.category) for url in gate.sources}
        sources = tuple(url for url in (*gate.links, *gate.sources) if self.is_third_party(url))
        if sources:
            url = (gate.links or gate.sources)[0]
            self.embedded.append(
                Embedded(Tracker.EMBED, url, sources, gate.category, self.page_url)
            )

    def is_third_party(self, url):
        host = host_of(url)
        return not is_first_party(host, host_of(self.page_url)) and host not in self.own_hosts


def parse_page(html, url):
    """The page at `url` read: its `links` to crawl, its `gated` resources, and the iframes,
    scripts and embeds from other sites it holds (`embedded`). Broken markup gives what was
    read."""
    parser = PageParser(url)
    parser.feed(html)
    parser.close()
    # A gated embed's <noscript> links to it: that is the embed, not a page to crawl.
    gated_urls = {resource.url for resource in parser.gated}
    parser.links = [link for link in parser.links if link not in gated_urls]
    return parser
