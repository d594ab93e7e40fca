"""The standard structure a new charte page starts from, in its locale's language."""

import uuid

from django.utils import translation
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from .blocks import ALL_CATEGORIES


def _paragraphs(*texts):
    return format_html_join("", "<p>{}</p>", ((text,) for text in texts))


def _starter_blocks():
    yield "heading", {"text": _("What is a cookie?"), "level": "h2"}
    yield (
        "paragraph",
        _paragraphs(
            _(
                "A cookie is a small piece of text that a website asks your browser to keep. "
                "Your browser sends it back on each later visit, so that the site can "
                "recognise your device or remember a setting."
            ),
            _(
                "Cookies keep you signed in, remember your language or your choices, measure "
                "how a site is used, or follow you from site to site for advertising."
            ),
        ),
    )
    yield "heading", {"text": _("The kinds of cookies we use"), "level": "h2"}
    yield "category_list", None
    yield (
        "paragraph",
        _paragraphs(
            _(
                "First-party cookies are set by the site you are visiting. Third-party "
                "cookies are set by another organisation whose content the site includes; "
                "they can let it follow you from one site to another."
            )
        ),
    )
    yield "heading", {"text": _("The cookies on this site"), "level": "h2"}
    yield (
        "paragraph",
        _paragraphs(
            _(
                "The tables below list every cookie this site may set. They come straight "
                "from our cookie register, so they are always up to date."
            )
        ),
    )
    yield (
        "cookie_table",
        {"categories": [ALL_CATEGORIES], "show_lifetime": True, "heading_level": "h3"},
    )
    yield "heading", {"text": _("Changing your choice"), "level": "h2"}
    yield (
        "paragraph",
        _paragraphs(
            _(
                "You can change your mind at any time, and your new choice applies at once. "
                "Refusing cookies never stops you from using the site."
            ),
            _("Your browser's settings also let you block or delete cookies."),
        ),
    )
    yield "consent_preferences", None


def starter_body(locale=None):
    """Raw StreamField data for a new charte page; `locale` None means the active language."""
    language = locale.language_code if locale else translation.get_language()
    with translation.override(language):
        return [
            {"type": block_type, "value": str(value) if block_type == "paragraph" else value}
            | {"id": str(uuid.uuid4())}
            for block_type, value in _starter_blocks()
        ]
