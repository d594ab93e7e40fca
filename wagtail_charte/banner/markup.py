"""The banner, the persistent preferences link and gated embeds, for both template engines."""

from django.template.loader import render_to_string

from .build import get_banner


def banner(request):
    """The banner, dialog, config and assets: the same bytes for every visitor; nothing
    where there is no request (an email, say)."""
    return get_banner(request) if request is not None else ""


def preferences_link(request, css_class=""):
    """The button that reopens the preferences; nothing when the site's banner is off."""
    if not banner(request):
        return ""
    return render_to_string(
        "wagtail_charte/includes/preferences_link.html", {"css_class": css_class}
    )


def gated_embed(category, src, title, width=None, height=None):
    """An iframe that gets its `src` once `category` is allowed, and a fallback without JS."""
    context = {"category": category, "src": src, "title": title, "width": width, "height": height}
    return render_to_string("wagtail_charte/includes/gated_embed.html", context)
