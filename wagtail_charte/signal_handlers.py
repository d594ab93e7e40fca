from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import copy_for_translation_done

from .models.register import RegisterEntry


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
