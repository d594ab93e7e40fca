"""StreamField blocks of the charte page."""

from collections import defaultdict

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import (
    TypedTableBlock,
    TypedTableBlockValidationError,
)
from wagtail.models import Locale
from wagtail.snippets.blocks import SnippetChooserBlock

from .models.live import LiveRegister
from .models.register import ConsentBasis, CookieCategory

ALL_CATEGORIES = "all"
TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
HEADING_LEVELS = [("h2", _("Level 2")), ("h3", _("Level 3"))]


def category_choices():
    """The categories an editor can pick, by slug: slugs are the same in every locale."""
    categories = CookieCategory.objects.filter(locale=Locale.get_default()).order_by(
        "sort_order", "name"
    )
    return [
        (ALL_CATEGORIES, _("All categories")),
        *((category.slug, category.name) for category in categories),
    ]


def page_locale(context):
    page = (context or {}).get("page")
    return getattr(page, "locale", None) or Locale.get_active()


def live_register(context):
    """The register the charte page reads once per rendering, whatever the number of blocks;
    read here for a block rendered elsewhere."""
    register = (context or {}).get("live_register")
    return register if register is not None else LiveRegister(page_locale(context).pk)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=255)
    level = blocks.ChoiceBlock(choices=HEADING_LEVELS, default="h2", label=_("Level"))

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "wagtail_charte/blocks/heading.html"


class CategorySlugsBlock(blocks.MultipleChoiceBlock):
    """Slugs, read as they are stored: checking them against the choices costs a query."""

    def to_python(self, value):
        return list(value or [])


class CookieTableBlock(blocks.StructBlock):
    categories = CategorySlugsBlock(
        choices=category_choices,
        default=[ALL_CATEGORIES],
        widget=forms.CheckboxSelectMultiple,
        label=_("Categories"),
        help_text=_("The table always shows what is published in the register right now."),
    )
    show_lifetime = blocks.BooleanBlock(
        required=False, default=False, label=_("Show the lifetime column")
    )
    heading_level = blocks.ChoiceBlock(
        choices=HEADING_LEVELS,
        default="h3",
        label=_("Level of the category headings"),
    )

    class Meta:
        icon = "table"
        label = _("Cookie table")
        template = "wagtail_charte/blocks/cookie_table.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        slugs = value["categories"]
        context["groups"] = live_register(parent_context).groups_for(
            None if ALL_CATEGORIES in slugs else set(slugs)
        )
        return context


class CategoryListBlock(blocks.StaticBlock):
    class Meta:
        icon = "list-ul"
        label = _("Kinds of cookies")
        admin_text = _(
            "Lists each published category of the register: its name, what it is for, "
            "and whether the visitor can refuse it."
        )
        template = "wagtail_charte/blocks/category_list.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["categories"] = live_register(parent_context).categories
        context["basis"] = ConsentBasis
        return context


class ConsentPreferencesBlock(blocks.StaticBlock):
    class Meta:
        icon = "cog"
        label = _("Consent preferences")
        admin_text = _(
            "Shows the visitor's current choice and a button to change it. "
            "It works with the consent banner."
        )
        template = "wagtail_charte/blocks/consent_preferences.html"


class PlainTableBlock(TypedTableBlock):
    """A table of anything else, with the caption and header row accessibility needs."""

    text = blocks.CharBlock(label=_("Text"))
    rich_text = blocks.RichTextBlock(features=TEXT_FEATURES, label=_("Rich text"))

    class Meta:
        icon = "table"
        label = _("Table")
        template = "wagtail_charte/blocks/plain_table.html"

    def clean(self, value):
        value = super().clean(value)
        errors = []
        if not (value.caption or "").strip():
            errors.append(_("Give the table a caption: it tells what the table is about."))
        if not value.columns:
            errors.append(_("Add at least one column."))
        elif not all((column["heading"] or "").strip() for column in value.columns):
            errors.append(_("Give every column a heading."))
        if errors:
            raise TypedTableBlockValidationError(non_block_errors=errors)
        return value

    # wagtail-localize knows no TypedTableBlock: without these it would copy tables untranslated.

    def get_translatable_segments(self, value):
        # wagtail-localize is optional: only its own code calls these two methods.
        from wagtail_localize.segments import StringSegmentValue
        from wagtail_localize.segments.extract import StreamFieldSegmentExtractor

        extractor = StreamFieldSegmentExtractor(None)
        segments = [StringSegmentValue("caption", value.caption)]
        for index, column in enumerate(value.columns):
            segments.append(StringSegmentValue(f"heading-{index}", column["heading"]))
        for row_index, row in enumerate(value.row_data):
            for index, (column, cell) in enumerate(zip(value.columns, row["values"], strict=True)):
                segments.extend(
                    segment.wrap(f"cell-{row_index}-{index}")
                    for segment in extractor.handle_block(column["block"], cell)
                )
        return segments

    def restore_translated_segments(self, value, segments):
        # Optional, as above.
        from wagtail_localize.segments.ingest import StreamFieldSegmentsWriter

        writer = StreamFieldSegmentsWriter(None, None, None)
        by_place = defaultdict(list)
        for segment in segments:
            place, inner = segment.unwrap()
            by_place[place].append(inner)
        if by_place["caption"]:
            value.caption = by_place["caption"][0].render_text()
        for index, column in enumerate(value.columns):
            if by_place[f"heading-{index}"]:
                column["heading"] = by_place[f"heading-{index}"][0].render_text()
        for row_index, row in enumerate(value.row_data):
            for index, column in enumerate(value.columns):
                if by_place[f"cell-{row_index}-{index}"]:
                    row["values"][index] = writer.handle_block(
                        column["block"], row["values"][index], by_place[f"cell-{row_index}-{index}"]
                    )
        return value


class ReusableSectionBlock(SnippetChooserBlock):
    """A shared section, shown in the page's language when it is translated."""

    def __init__(self, **kwargs):
        super().__init__("wagtail_charte.CharteSection", **kwargs)

    class Meta:
        icon = "doc-full"
        label = _("Reusable section")
        template = "wagtail_charte/blocks/section.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        if not value:
            context["section"] = None
        elif hasattr(page, "live_section"):
            context["section"] = page.live_section(value)
        else:
            context["section"] = value.live_translation_for(page_locale(parent_context))
        return context


class CharteStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=TEXT_FEATURES, label=_("Text"), icon="pilcrow")
    cookie_table = CookieTableBlock()
    category_list = CategoryListBlock()
    consent_preferences = ConsentPreferencesBlock()
    table = PlainTableBlock()
    section = ReusableSectionBlock()
