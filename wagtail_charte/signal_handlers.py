from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, Site
from wagtail.signals import (
    copy_for_translation_done,
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from . import banner, page_cache
from .models import BannerWording, Cookie, CookieBannerSettings, CookieCategory
from .models.register import RegisterEntry
from .models.section import CharteSection
from .models.snippet import TranslatableSnippet
from .purge import purge_pages_showing


@receiver(copy_for_translation_done)
def start_translation_as_draft(sender, source_obj, target_obj, **kwargs):
    """A copy keeps the source's words: it must not go live until someone translates them."""
    if not isinstance(target_obj, TranslatableSnippet | BannerWording):
        return
    if isinstance(target_obj, RegisterEntry):
        target_obj.check_translatable_into(target_obj.locale)
    target_obj.live = False
    target_obj.has_unpublished_changes = True
    target_obj.live_revision = None
    target_obj.first_published_at = None
    target_obj.last_published_at = None


# The charte pages: their cached body, and the frontend cache.


@receiver(published)
@receiver(unpublished)
@receiver(post_delete)
def purge_charte_pages(sender, instance, **kwargs):
    if isinstance(instance, RegisterEntry | CharteSection):
        page_cache.invalidate()
        purge_pages_showing(instance)


@receiver(post_save)
def forget_cached_register(sender, instance, **kwargs):
    """Code may write a live entry without publishing a revision, as imports do."""
    if isinstance(instance, RegisterEntry | CharteSection):
        page_cache.invalidate()


# The banner's cached markup and config.

for model in (CookieBannerSettings, BannerWording, CookieCategory, Cookie, Site):
    post_save.connect(
        banner.invalidate, sender=model, dispatch_uid=f"charte-banner-save-{model.__name__}"
    )
    post_delete.connect(
        banner.invalidate, sender=model, dispatch_uid=f"charte-banner-delete-{model.__name__}"
    )

# The policy page's URL is in the cached markup.
for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
    signal.connect(banner.invalidate, dispatch_uid=f"charte-banner-{id(signal)}")
post_delete.connect(banner.invalidate, sender=Page, dispatch_uid="charte-banner-page-delete")
