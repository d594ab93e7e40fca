"""A reusable, translatable piece of charte text, shared by several charte pages or sites."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    Locale,
    PreviewableMixin,
)
from wagtail.search import index

from .snippet import TranslatableSnippet

SECTION_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class CharteSection(PreviewableMixin, TranslatableSnippet):
    title = models.CharField(
        _("title"),
        max_length=255,
        help_text=_("Finds the section in the admin. Visitors do not see it."),
    )
    body = RichTextField(_("text"), features=SECTION_FEATURES)

    panels = [FieldPanel("title"), FieldPanel("body")]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("body"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableSnippet.Meta):
        verbose_name = _("reusable section")
        verbose_name_plural = _("reusable sections")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_preview_template(self, request, mode_name):
        return "wagtail_charte/previews/section.html"

    def live_translation_for(self, locale):
        """The live text to show on a page in `locale`, marked when it is another language's."""
        candidates = {
            s.locale_id: s
            for s in CharteSection.objects.filter(
                translation_key=self.translation_key,
                locale_id__in={locale.pk, Locale.get_default().pk},
                live=True,
            ).select_related("locale")
        }
        section = candidates.get(locale.pk) or next(iter(candidates.values()), None)
        if section is not None:
            section.fallback_lang = (
                section.locale.language_code if section.locale_id != locale.pk else None
            )
        return section
