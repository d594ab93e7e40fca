"""What the audit reads in a page's HTML: its links, and the resources the banner gates."""

from html.parser import HTMLParser

from .observations import GatedResource, absolute

GATED_TAGS = {"script", "iframe", "img"}


class PageParser(HTMLParser):
    def __init__(self, base_url):
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.links = []
        self.gated = set()

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "a" and attrs.get("href"):
            self.add_link(attrs["href"])
        elif tag == "base" and attrs.get("href"):
            self.base_url = absolute(attrs["href"], self.base_url) or self.base_url
        elif tag in GATED_TAGS and attrs.get("data-charte-src"):
            url = absolute(attrs["data-charte-src"], self.base_url)
            category = attrs.get("data-charte-category", "")
            if url and category:
                self.gated.add(GatedResource(url=url, category=category))

    def add_link(self, href):
        url = absolute(href, self.base_url)
        if url:
            self.links.append(url)


def parse_page(html, url):
    """(links, gated resources) of the page at `url`; broken markup gives what was read."""
    parser = PageParser(url)
    parser.feed(html)
    parser.close()
    # A gated embed's <noscript> links to it: that is the embed, not a page to crawl.
    gated_urls = {resource.url for resource in parser.gated}
    return [link for link in parser.links if link not in gated_urls], parser.gated
