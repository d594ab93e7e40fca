"""What the package does when content changes: drafts for new translations, dropped caches,
purged pages. Connected when the app is ready."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, Site
from wagtail.signals import (
    copy_for_translation_done,
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from . import cache
from .models import BannerWording, Cookie, CookieBannerSettings, CookieCategory, CookiePolicyPage
from .models.register import RegisterEntry
from .models.section import CharteSection
from .models.snippet import TranslatableSnippet
from .purge import purge_pages_showing

# What a charte page's own blocks show besides its content: the reusable sections, and its
# translations' URLs and languages. The register has its own namespace.
PAGE_SOURCES = (CharteSection, Site, Locale)
# What a banner is built from, besides the policy page's URL.
BANNER_SOURCES = (CookieBannerSettings, BannerWording, CookieCategory, Cookie, Site)


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


@receiver(post_save)
@receiver(post_delete)
def drop_cached_charte_pages(sender, instance, **kwargs):
    """On every save: code may write a live entry without publishing a revision, as imports do."""
    if isinstance(instance, RegisterEntry):
        cache.invalidate(cache.REGISTER)
    elif isinstance(instance, PAGE_SOURCES):
        cache.invalidate(cache.PAGES)


@receiver(published)
@receiver(unpublished)
@receiver(post_delete)
def purge_charte_pages(sender, instance, **kwargs):
    if isinstance(instance, RegisterEntry | CharteSection):
        purge_pages_showing(instance)


@receiver(post_save)
@receiver(post_delete)
def drop_cached_banners(sender, instance, **kwargs):
    if isinstance(instance, BANNER_SOURCES):
        cache.invalidate(cache.BANNERS)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
@receiver(post_delete)
def drop_caches_linking_a_page(sender, instance, signal, **kwargs):
    """The banner links the policy page, and charte pages their translations: any page that
    goes or moves may be one of them, or hold them."""
    if not isinstance(instance, Page):
        return
    cache.invalidate(cache.BANNERS)
    if isinstance(instance, CookiePolicyPage) or signal in (page_slug_changed, post_page_move):
        cache.invalidate(cache.PAGES)
