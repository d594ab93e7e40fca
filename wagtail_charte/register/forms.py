from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.contrib.simple_translation.forms import SubmitTranslationForm

from .exceptions import MissingTranslation


class RegisterEntryForm(WagtailAdminModelForm):
    """Locks what is not wording on translations: it follows the default-locale entry."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        source = self.instance.get_sync_source() if self.instance.locale_id else None
        if source is None:
            return
        for name in self.instance.synced_fields:
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Edited on the source version (%(language)s).") % {
                    "language": source.locale.get_display_name()
                }


class RegisterTranslationForm(SubmitTranslationForm):
    """Refuses a locale the entry's category or provider is not translated into yet."""

    def __init__(self, instance, *args, **kwargs):
        super().__init__(instance, *args, **kwargs)
        self.instance = instance

    def clean_locales(self):
        locales = self.cleaned_data["locales"]
        errors = []
        for locale in locales:
            try:
                self.instance.check_translatable_into(locale)
            except MissingTranslation as error:
                errors.append(str(error))
        if errors:
            raise ValidationError(errors)
        return locales
