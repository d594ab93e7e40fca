"""Errors the register models raise, for the forms and commands to show."""

from django.utils.translation import gettext as _


class MissingTranslation(ValueError):
    """A register entry cannot be translated before the entries it points to."""

    def __init__(self, missing, locale):
        super().__init__(
            _("Translate %(entries)s into %(language)s first.")
            % {
                "entries": ", ".join(f"“{obj}” ({obj._meta.verbose_name})" for obj in missing),
                "language": locale.get_display_name(),
            }
        )
