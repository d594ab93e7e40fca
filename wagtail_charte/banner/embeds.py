"""Wagtail's embeds behind the banner: inert until the visitor accepts what their provider needs.

Wagtail renders an embed with no request: `EmbedGateMiddleware` gives the one being served.
The markup is the same for every visitor; the script shows the embed once its category is
allowed (docs/banner.md, "Embeds").
"""

import re

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from ..middleware import current_request
from ..models.domains import host_of, on_domains, web_page
from .config import get_banner_config

# Where an embed's markup loads from, as providers write it.
SOURCE = re.compile(r"""\bsrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
# An end tag that would close the inert <template> early, and let what follows load.
TEMPLATE_END = re.compile(r"</(?=template)", re.IGNORECASE)


def gate_embed(embed, html, *, responsive=None):
    """`html`, the markup of Wagtail's `embed`, kept inert behind a placeholder until the
    category its provider needs is allowed; `html` itself when the request's site shows no
    banner, or outside a request. `responsive`: whether `html` fills its column at the embed's
    ratio (by default, as Wagtail's template writes it: `embed.is_responsive`)."""
    request = current_request.get()
    if request is None:
        return html
    config = page_banner_config(request)
    if not config.enabled:
        return html
    provider = claimant(config.embed_providers, sources(embed.url, html))
    slug = (provider and provider.category) or config.embed_category
    category = next((c for c in config.categories if c.slug == slug), None)
    names = {
        "provider": provider.name if provider else embed.provider_name or host_of(embed.url),
        "title": embed.title,
        "category": category.name if category else "",
    }
    texts = config.texts
    context = {
        "heading": embed.title or names["provider"],
        "notice": texts["embed_notice" if category else "embed_unavailable"] % names,
        "category": category,
        "allow": texts["embed_allow"] % names,
        "noscript": texts["embed_noscript"],
        "url": web_page(embed.url),
        "link": texts["embed_link" if embed.title else "embed_link_untitled"] % names,
        "width": embed.width,
        "height": embed.height,
        "responsive": embed.is_responsive if responsive is None else responsive,
        "content": mark_safe(TEMPLATE_END.sub(r"<\\/", str(html))),
    }
    return render_to_string("wagtail_charte/includes/embed_gate.html", context)


def page_banner_config(request):
    """The banner's config, read from the cache once for all the embeds of a page."""
    language = translation.get_language()
    read = request.__dict__.setdefault("_charte_embeds_configs", {})
    if language not in read:
        read[language] = get_banner_config(request)
    return read[language]


def sources(url, html):
    """What a provider's domains may claim an embed by: its URL, then what its markup loads."""
    return [url, *SOURCE.findall(html)]


def claimant(providers, urls):
    """The first provider that serves one of `urls`, in their order; None if none does."""
    for url in urls:
        for provider in providers:
            if on_domains(url, provider.domains):
                return provider
    return None
