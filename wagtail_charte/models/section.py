"""A reusable, translatable piece of charte text, shared by several charte pages or sites."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index

SECTION_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class CharteSection(
    PreviewableMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    index.Indexed,
    models.Model,
):
    title = models.CharField(
        _("title"),
        max_length=255,
        help_text=_("Finds the section in the admin. Visitors do not see it."),
    )
    body = RichTextField(_("text"), features=SECTION_FEATURES)

    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="wagtail_charte_section",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="wagtail_charte_section",
        for_concrete_model=False,
    )

    panels = [FieldPanel("title"), FieldPanel("body")]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("body"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
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
