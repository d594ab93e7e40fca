"""Jinja2 equivalents: `{{ charte_banner() }}`, `charte_preferences_link()`, `charte_embed()`,
`charte_consent()`, `charte_allows(slug)`.

Add "wagtail_charte.jinja2tags.charte" to the Jinja2 environment's extensions.
"""

from jinja2 import pass_context
from jinja2.ext import Extension
from markupsafe import Markup

from .banner import markup
from .banner.reading import read_consent


@pass_context
def charte_banner(context):
    return Markup(markup.banner(context.get("request")))  # noqa: S704 - our own escaped template


@pass_context
def charte_preferences_link(context, css_class=""):
    return Markup(markup.preferences_link(context.get("request"), css_class))  # noqa: S704


def charte_embed(category, src, title, width=None, height=None, **attributes):
    return Markup(markup.gated_embed(category, src, title, width, height, **attributes))  # noqa: S704


@pass_context
def charte_consent(context):
    return read_consent(context["request"])


@pass_context
def charte_allows(context, slug):
    return read_consent(context["request"]).allows(slug)


class CharteExtension(Extension):
    def __init__(self, environment):
        super().__init__(environment)
        environment.globals.update(
            {
                "charte_banner": charte_banner,
                "charte_preferences_link": charte_preferences_link,
                "charte_embed": charte_embed,
                "charte_consent": charte_consent,
                "charte_allows": charte_allows,
            }
        )


charte = CharteExtension
