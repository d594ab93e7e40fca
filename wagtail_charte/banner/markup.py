"""The banner, the persistent preferences link and gated embeds, for both template engines."""

from django.forms.utils import flatatt
from django.template.loader import render_to_string

from .build import get_banner

# What `charte_embed` writes besides its own: the iframe's attributes and the global ones, but
# not `src`, `srcdoc`, `hidden` or the gate's `data-charte-*`, which would bypass the gate, nor
# event handlers.
IFRAME_ATTRIBUTES = {
    "allow",
    "allowfullscreen",
    "class",
    "dir",
    "id",
    "lang",
    "loading",
    "name",
    "referrerpolicy",
    "role",
    "sandbox",
    "style",
    "tabindex",
}


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


def gated_embed(category, src, title, width=None, height=None, **attributes):
    """An iframe that gets its `src` once `category` is allowed, and a fallback without JS.

    `attributes` go on the iframe, escaped: `allow="…"`, `allowfullscreen=True`, `class_="…"`
    (or `class`), `aria_label` for `aria-label`; False or None leaves one out."""
    context = {
        "category": category,
        "src": src,
        "title": title,
        "width": width,
        "height": height,
        "attributes": flatatt({embed_attribute(name): value for name, value in attributes.items()}),
    }
    return render_to_string("wagtail_charte/includes/gated_embed.html", context)


def embed_attribute(name):
    """The iframe attribute a keyword names; what would undo the gate or run a script is refused."""
    attribute = name.rstrip("_").replace("_", "-").lower()
    own = attribute.startswith(("aria-", "data-")) and not attribute.startswith("data-charte")
    if attribute in IFRAME_ATTRIBUTES or own:
        return attribute
    raise TypeError(f"charte_embed does not write the attribute “{attribute}” on its iframe.")
