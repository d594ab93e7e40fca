"""The import's one error, whose every message says where and why; the locale lookup."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from wagtail.models import Locale

# An editor fixes a file from the first errors; thousands of them help no one.
MAX_ERRORS = 100


class TransferError(Exception):
    """A file or entries that cannot be imported; each message says where and why."""

    def __init__(self, *messages):
        super().__init__(*messages)
        self.messages = list(messages)

    def __str__(self):
        return "\n".join(self.messages)


class Problems(list):
    """Errors collected over a whole file, so that one reading reports them all."""

    def add(self, *messages):
        self.extend(messages)
        if len(self) >= MAX_ERRORS:
            raise TransferError(*self, _("Too many errors: the rest was not checked."))

    def raise_any(self):
        if self:
            raise TransferError(*self)


@dataclass
class Unreadable:
    """A value that the file holds but that cannot be imported; `message` says why."""

    message: str


def located(where, column, message):
    """`message` prefixed with the entry it is about and, if any, the field."""
    if column:
        return _("%(where)s, field “%(field)s”: %(message)s") % {
            "where": where,
            "field": column,
            "message": message,
        }
    return _("%(where)s: %(message)s") % {"where": where, "message": message}


def too_many_entries(limit):
    """The admin's refusal of a file larger than it imports in one request."""
    return TransferError(
        _(
            "This file holds more than %(limit)d entries, more than the admin imports at once. "
            "Import it with the command “manage.py charte_import”, or in several files."
        )
        % {"limit": limit}
    )


def get_locale(code):
    """The Wagtail locale of that language code."""
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        codes = Locale.objects.order_by("language_code").values_list("language_code", flat=True)
        raise TransferError(
            _("Unknown locale “%(code)s”. Available: %(codes)s.")
            % {"code": code, "codes": ", ".join(codes)}
        )
    return locale
