"""What the host's tests share: page URLs in their own language."""

from django.utils import translation
from wagtail.models import Page


def live_pages():
    return Page.objects.live().filter(depth__gt=1).specific().order_by("path")


def url_of(page):
    """The page's URL as a visitor reaches it, whatever language the test runs in."""
    with translation.override(page.locale.language_code):
        return page.url
