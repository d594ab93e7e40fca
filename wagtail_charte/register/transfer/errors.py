"""What reading, export and import share: their error, its wording, the locale lookup."""

from django.utils.translation import gettext as _
from wagtail.models import Locale


class TransferError(Exception):
    """A file or entry that cannot be imported; the message says where and why."""


def located(where, column, message):
    """`message` prefixed with the entry it is about and, if any, the field."""
    if column:
        return _("%(where)s, field “%(field)s”: %(message)s") % {
            "where": where,
            "field": column,
            "message": message,
        }
    return _("%(where)s: %(message)s") % {"where": where, "message": message}


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
