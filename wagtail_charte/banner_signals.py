"""Drops the cached banner whenever something it shows changes, and starts wording
translations as drafts."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, Site
from wagtail.signals import (
    copy_for_translation_done,
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from .banner import invalidate
from .models import BannerWording, Cookie, CookieBannerSettings, CookieCategory

for model in (CookieBannerSettings, BannerWording, CookieCategory, Cookie, Site):
    post_save.connect(invalidate, sender=model, dispatch_uid=f"charte-banner-save-{model.__name__}")
    post_delete.connect(
        invalidate, sender=model, dispatch_uid=f"charte-banner-delete-{model.__name__}"
    )

# The policy page's URL is in the cached markup.
for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
    signal.connect(invalidate, dispatch_uid=f"charte-banner-{id(signal)}")
post_delete.connect(invalidate, sender=Page, dispatch_uid="charte-banner-page-delete")


@receiver(copy_for_translation_done)
def start_wording_translation_as_draft(sender, source_obj, target_obj, **kwargs):
    """A copy keeps the source's text: it must not go live until someone translates it."""
    if not isinstance(target_obj, BannerWording):
        return
    target_obj.live = False
    target_obj.has_unpublished_changes = True
    target_obj.live_revision = None
    target_obj.first_published_at = None
    target_obj.last_published_at = None
