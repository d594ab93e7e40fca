"""Purges the charte pages that show a register entry or a reusable section.

Wagtail purges a page from the frontend cache when that page is published; a change in
the register or in a shared section changes what charte pages show without publishing them.
"""

from django.apps import apps
from django.db import transaction

from .models import CharteSection, CookiePolicyPage


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
    if not apps.is_installed("wagtail.contrib.frontend_cache"):
        return
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

    pages = pages_showing(obj)
    if pages:
        # After the commit, so that a cache refilled at once gets the new content.
        transaction.on_commit(lambda: purge_pages_from_cache(pages))
