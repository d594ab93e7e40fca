from django.core.exceptions import ValidationError
from wagtail.contrib.simple_translation.forms import SubmitTranslationForm

from ..models.exceptions import MissingTranslation


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
