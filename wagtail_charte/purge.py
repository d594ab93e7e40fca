"""Frontend-cache purging: every purge the package asks of `wagtail.contrib.frontend_cache`.

Wagtail purges a page when that page is published. A change in the register or in a
reusable section changes what charte pages show without publishing them, and "ask everyone
again" changes every page's banner.
"""

from django.apps import apps
from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.models import Page

from .models import CharteSection, CookiePolicyPage


def frontend_cache_configured():
    """Whether purging can reach anything: the app is installed and has a backend."""
    return apps.is_installed("wagtail.contrib.frontend_cache") and bool(
        getattr(settings, "WAGTAILFRONTENDCACHE", None)
        or getattr(settings, "WAGTAILFRONTENDCACHE_LOCATION", None)
    )


def pages_showing(obj):
    """The live charte pages whose content depends on `obj`."""
    pages = CookiePolicyPage.objects.live().specific()
    if not isinstance(obj, CharteSection):
        # Every charte page shows when the register was last published, so all depend on it.
        return list(pages)
    ids = {
        obj.pk,
        *CharteSection.objects.filter(translation_key=obj.translation_key).values_list(
            "pk", flat=True
        ),
    }
    return [page for page in pages if page.section_ids() & ids]


def purge_pages_showing(obj):
    if not frontend_cache_configured():
        return
    pages = pages_showing(obj)
    if pages:
        # After the commit, so that a cache refilled at once gets the new content.
        transaction.on_commit(lambda: purge_pages_from_cache(pages))


def site_pages(site):
    """Live pages of the site in every language: its root, its root's translations, below."""
    pages = Page.objects.none()
    for root in site.root_page.get_translations(inclusive=True):
        pages |= Page.objects.descendant_of(root, inclusive=True)
    return pages.live().specific()


def purge_site(site):
    if frontend_cache_configured():
        purge_pages_from_cache(site_pages(site))
