"""The checks of one planned entry: the model's validation, synced fields, editors' locks."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from wagtail.models import TranslatableMixin

from .errors import TransferError


def validate(entry, obj, values, column_of):
    """The errors of `full_clean`, reported against the file's fields.

    A related entry the plan creates has no key yet: its own checks stand for it.
    """
    unsaved = [
        name for name, value in values.items() if isinstance(value, models.Model) and not value.pk
    ]
    try:
        obj.full_clean(exclude=unsaved)
    except ValidationError as error:
        raise TransferError(
            *(
                entry.locate(
                    "" if name == NON_FIELD_ERRORS else column_of.get(name, name),
                    " ".join(messages),
                )
                for name, messages in error.message_dict.items()
            )
        ) from None


def check_synced(entry, obj, column_of):
    """On a translation, a synced value that differs from the source is an error.

    Saving would silently put the source's value back; the author should learn that
    this change belongs on the source. Related entries compare by translation key.
    """
    source = obj.get_sync_source()
    if source is None:
        return
    for name in obj.synced_fields:
        mine, theirs = getattr(obj, name), getattr(source, name)
        if isinstance(theirs, TranslatableMixin):
            mine, theirs = mine.translation_key, theirs.translation_key
        if mine != theirs:
            raise TransferError(
                entry.locate(
                    column_of.get(name, name),
                    _(
                        "differs from the %(language)s version, where this field is "
                        "edited. Change it there, or write the same value here."
                    )
                    % {"language": source.locale.get_display_name()},
                )
            )


def locked_message(obj):
    return _("“%(entry)s” is locked in the admin; unlock it, or leave it unchanged.") % {
        "entry": obj
    }


def check_unlocked(obj, message):
    """An editor's lock means "do not change this under my feet": the import stops."""
    if obj.pk and obj.locked:
        raise TransferError(message)
