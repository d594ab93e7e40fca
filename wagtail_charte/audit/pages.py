"""Where a crawl of the site's own pages starts: its live pages, and the admin login page."""

from django.urls import reverse
from wagtail.models import Page, Site


def site_urls(locales=None, admin_login=True):
    """Full URLs of the live public pages of `locales` (all when None), shallowest first.

    Then, with `admin_login`, the admin login page: it sets the CSRF cookie, which the
    register must declare.
    """
    pages = Page.objects.live().public().filter(depth__gt=1).order_by("depth", "path")
    if locales:
        pages = pages.filter(locale__in=locales)
    urls = []
    for page in pages.specific(defer=True):
        parts = page.get_url_parts()
        if parts is not None:
            urls.append(parts[1] + parts[2])
    site = Site.objects.order_by("-is_default_site", "hostname").first()
    if admin_login and site is not None:
        urls.append(site.root_url + reverse("wagtailadmin_login"))
    return urls
