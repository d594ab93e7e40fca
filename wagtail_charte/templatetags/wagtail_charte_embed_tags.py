"""Wagtail's embeds behind the banner: `{% charte_gate embed %}…{% endcharte_gate %}`, and
`{% embed url %}` as `wagtailembeds_tags` has it, gated."""

from django import template
from django.apps import apps
from django.utils.safestring import mark_safe
from wagtail.embeds.exceptions import EmbedException

from ..banner.embeds import gate_embed

register = template.Library()

# Wagtail's embeds load their model: without their app, there is no `{% embed %}` to replace.
if apps.is_installed("wagtail.embeds"):
    from wagtail.embeds.embeds import get_embed

    @register.simple_tag(name="embed")
    def embed_tag(url, max_width=None):
        """`{% load wagtail_charte_embed_tags %}{% embed url %}` for Wagtail's own tag."""
        try:
            embed = get_embed(url, max_width=max_width)
        except EmbedException:
            return ""
        # The provider's markup, as Wagtail's tag writes it: at its own size, never responsive.
        return mark_safe(gate_embed(embed, embed.html, responsive=False))


@register.tag
def charte_gate(parser, token):
    """`{% charte_gate embed %}…{% endcharte_gate %}`: what it wraps, gated as `embed` needs;
    for a site's own `wagtailembeds/embed_frontend.html`."""
    try:
        _, embed = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("charte_gate takes one argument: the embed.") from None
    nodelist = parser.parse(("endcharte_gate",))
    parser.delete_first_token()
    return GateNode(parser.compile_filter(embed), nodelist)


class GateNode(template.Node):
    def __init__(self, embed, nodelist):
        self.embed = embed
        self.nodelist = nodelist

    def render(self, context):
        return gate_embed(self.embed.resolve(context), self.nodelist.render(context))
