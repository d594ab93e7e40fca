"""What the package does when content changes: drafts for new translations, dropped caches,
purged pages. `register_signal_handlers()` connects each receiver to the models it concerns."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.actions.copy_for_translation import CopyForTranslationAction
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
from .models import (
    BannerWording,
    CharteSection,
    Cookie,
    CookieBannerSettings,
    CookieCategory,
    CookiePolicyPage,
    CookieProvider,
)
from .models.register import RegisterEntry
from .models.snippet import TranslatableSnippet
from .purge import purge_pages_showing

# What Wagtail saves alone when it records a draft revision or a lock: nothing a visitor sees.
DRAFT_BOOKKEEPING = {
    "latest_revision",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}


def records_a_draft_only(signal, update_fields):
    return signal is post_save and update_fields is not None and update_fields <= DRAFT_BOOKKEEPING


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


def register_changed(sender, instance, signal, update_fields=None, **kwargs):
    """A category, provider or cookie changed: every charte page and banner may show it.

    Saves count, not only publications: code may write a live entry without a revision.
    Purging waits for the publication (Wagtail saves the row, then sends `published`), so
    that one change purges once.
    """
    if records_a_draft_only(signal, update_fields):
        return
    cache.invalidate(cache.PAGES, cache.BANNERS)
    if signal is not post_save:
        purge_pages_showing(instance)


def section_changed(sender, instance, signal, update_fields=None, **kwargs):
    """A reusable section changed: the charte pages that show it."""
    if records_a_draft_only(signal, update_fields):
        return
    cache.invalidate(cache.PAGES)
    if signal is not post_save:
        purge_pages_showing(instance)


def banner_changed(sender, instance, signal, update_fields=None, **kwargs):
    """Charte pages hide their preferences button while the banner is off, and take its theme."""
    if not records_a_draft_only(signal, update_fields):
        cache.invalidate(cache.PAGES, cache.BANNERS)


def site_or_locale_changed(sender, instance, **kwargs):
    """Charte pages link their translations on every site, and banners are per site."""
    cache.invalidate(cache.PAGES, cache.BANNERS)


def page_changed(sender, instance, signal, **kwargs):
    """The banner links the policy page, and charte pages their translations: any page that
    goes or moves may be one of them, or hold them."""
    cache.invalidate(cache.BANNERS)
    if issubclass(sender, CookiePolicyPage) or signal in (page_slug_changed, post_page_move):
        cache.invalidate(cache.PAGES)


def connect(receiver, signals, models):
    for signal in signals:
        for model in models:
            signal.connect(receiver, sender=model)


def register_signal_handlers():
    """Connected for each model they concern, once every app's models are loaded."""
    copy_for_translation_done.connect(start_translation_as_draft, sender=CopyForTranslationAction)
    changes = (post_save, post_delete, published, unpublished)
    connect(register_changed, changes, (CookieCategory, CookieProvider, Cookie))
    connect(section_changed, changes, (CharteSection,))
    connect(banner_changed, (post_save, post_delete), (CookieBannerSettings, BannerWording))
    connect(site_or_locale_changed, (post_save, post_delete), (Site, Locale))
    page_models = [model for model in apps.get_models() if issubclass(model, Page)]
    page_changes = (page_published, page_unpublished, page_slug_changed, post_page_move)
    connect(page_changed, (*page_changes, post_delete), page_models)
