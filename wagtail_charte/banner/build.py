"""The banner's markup, rendered from its config once per site and language and cached.

Once warm, rendering the banner is one cache read and no SQL query.
"""

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext, pgettext
from wagtail.models import Site

from .. import cache, conf
from ..models import BannerTheme, ConsentBasis
from .config import active_content_language, banner_config

# The default theme's look; for the DSFR theme, a guard of DSFR's look (the site loads DSFR).
STYLESHEETS = {
    BannerTheme.DEFAULT: "wagtail_charte/banner.min.css",
    BannerTheme.DSFR: "wagtail_charte/banner-dsfr.css",
}


def get_banner(request) -> str:
    """The banner's markup for the request's site and content language; "" when it is off."""
    site = Site.find_for_request(request)
    language = active_content_language()
    parts = ("markup", site.pk if site else None, language)
    return cache.cached(cache.BANNERS, parts, lambda: build_banner(site, language))


def build_banner(site, language) -> str:
    """Renders the theme's template with the config: the cache-miss path."""
    config = banner_config(site, language)
    if not config.enabled:
        return ""
    with translation.override(language):
        context = {
            "config": _script_config(config, language),
            "categories": config.categories,
            "wording": config.wording,
            "texts": config.texts,
            "policy_url": config.policy_url,
            # The first layer names apart what needs consent and what does without.
            "consented": [c for c in config.categories if c.basis == ConsentBasis.CONSENT],
            "exempt": [c for c in config.categories if c.basis == ConsentBasis.EXEMPT],
            "layout": config.layout,
            "theme": config.theme,
            "language": language,
            # Built by `make assets` from consent.js + banner.js, and banner.css.
            "script": static("wagtail_charte/charte.min.js"),
            "stylesheet": static(STYLESHEETS[config.theme]),
        }
        return render_to_string(f"wagtail_charte/banner/{config.theme}.html", context)


def _script_config(config, language):
    """What the script reads: the consent contract's parameters and its messages."""
    return {
        "enabled": config.enabled,
        "cookie": conf.get("COOKIE_NAME"),
        "version": config.version,
        "lifetime": config.lifetime,
        "endpoint": _endpoint(language),
        "gpc": config.gpc,
        "consentMode": config.consent_mode,
        "categories": [_script_category(c) for c in config.categories],
        "i18n": _script_messages(),
        # A choice names the banner it answered, even from a page a CDN kept.
        "snapshot": config.snapshot.digest,
    }


def _endpoint(language):
    """The consent endpoint, told the page's language: the snapshot a choice names is in it."""
    try:
        return f"{reverse('wagtail_charte:consent')}?{urlencode({'lang': language})}"
    except NoReverseMatch:
        return ""


def _script_category(category):
    """Without its description (in the markup); with its status line for either answer, keyed
    as the script's `allows` gives it ("true", "false"), and before any choice ("null")."""
    line = gettext("%(category)s: %(state)s")
    states = {
        "true": pgettext("consent state", "accepted"),
        "false": pgettext("consent state", "refused"),
        # An exempt purpose is on until refused: it is not waiting for an answer.
        "null": pgettext("consent state", "on until you refuse it")
        if category.basis == ConsentBasis.EXEMPT
        else pgettext("consent state", "not chosen yet"),
    }
    return {
        "slug": category.slug,
        "basis": category.basis,
        "name": category.name,
        "lang": category.lang,
        "cookies": category.cookies,
        "status": {
            allowed: line % {"category": category.name, "state": state}
            for allowed, state in states.items()
        },
    }


def _script_messages():
    return {
        "saved": gettext("Your choices have been saved."),
        # Between the status lines of two purposes.
        "sep": pgettext("list separator", "; "),
        "unanswered": gettext("Not answered, so refused: %(categories)s."),
        "placeholder": gettext(
            "This content (%(title)s) is not shown because it sets cookies of the "
            "category “%(category)s”, which you have not accepted."
        ),
        "allow": gettext("Accept “%(category)s” and show it"),
    }
