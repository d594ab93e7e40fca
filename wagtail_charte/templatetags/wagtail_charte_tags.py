"""`{% charte_banner %}`, the preferences link and gated embeds for templates; consent checks."""

from django import template
from django.utils.safestring import mark_safe

from ..banner import markup
from ..banner.reading import read_consent

register = template.Library()


@register.simple_tag(takes_context=True)
def charte_banner(context):
    """The banner, dialog, config and assets: the same bytes for every visitor."""
    # Built from our own escaped template, then cached as a string.
    return mark_safe(markup.banner(context.get("request")))


@register.simple_tag(takes_context=True)
def charte_preferences_link(context, css_class=""):
    """`{% charte_preferences_link css_class="…" %}`: on every page, reopens the preferences."""
    return markup.preferences_link(context.get("request"), css_class)


@register.simple_tag
def charte_embed(category, src, title, width=None, height=None, **attributes):
    """`{% charte_embed "video" src title width height allow="…" allowfullscreen=True %}`: a gated
    iframe, said without JS; the keywords are its other attributes (docs/gating-blocks.md)."""
    return markup.gated_embed(category, src, title, width, height, **attributes)


@register.simple_tag(takes_context=True)
def charte_consent(context):
    """`{% charte_consent as consent %}`: the visitor's Consent. Makes the page per-visitor."""
    return read_consent(context["request"])


@register.simple_tag(takes_context=True)
def charte_allows(context, slug):
    """`{% charte_allows "statistics" as ok %}`. Makes the page per-visitor: do not cache it."""
    return read_consent(context["request"]).allows(slug)
