"""Where a crawl of the site's own pages starts: its live pages, and the admin login page."""

from django.urls import reverse
from wagtail.models import Page, Site


def site_urls(locales=None):
    """Full URLs of the live public pages of `locales` (all when None), shallowest first."""
    pages = Page.objects.live().public().filter(depth__gt=1).order_by("depth", "path")
    if locales:
        pages = pages.filter(locale__in=locales)
    urls = []
    for page in pages.specific(defer=True):
        parts = page.get_url_parts()
        if parts is not None:
            urls.append(parts[1] + parts[2])
    return urls


def admin_login_url():
    """The admin login page of the default site, or None without a site."""
    site = Site.objects.order_by("-is_default_site", "hostname").first()
    return site.root_url + reverse("wagtailadmin_login") if site is not None else None
