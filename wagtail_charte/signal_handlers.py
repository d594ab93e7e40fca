from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import copy_for_translation_done, published, unpublished

from . import page_cache
from .models.register import RegisterEntry
from .models.section import CharteSection
from .purge import purge_pages_showing


@receiver(copy_for_translation_done)
def start_register_translation_as_draft(sender, source_obj, target_obj, **kwargs):
    """A copy keeps the source's text: it must not go live until someone translates it."""
    if isinstance(target_obj, Page) or not isinstance(target_obj, RegisterEntry):
        return
    target_obj.check_translatable_into(target_obj.locale)
    target_obj.live = False
    target_obj.has_unpublished_changes = True
    target_obj.live_revision = None
    target_obj.first_published_at = None
    target_obj.last_published_at = None


@receiver(copy_for_translation_done)
def start_section_translation_as_draft(sender, source_obj, target_obj, **kwargs):
    """Like register entries, a shared section never goes live in another language's words."""
    if not isinstance(target_obj, CharteSection):
        return
    target_obj.live = False
    target_obj.has_unpublished_changes = True
    target_obj.live_revision = None
    target_obj.first_published_at = None
    target_obj.last_published_at = None


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
