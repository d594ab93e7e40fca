"""The banner's config and markup, built once per site and language and kept in Django's cache.

Wagtail caches settings per request only, and `for_site()` may write on a GET: the page
path reads neither. Once warm, rendering the banner is one cache read and no SQL query.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext
from wagtail.models import Locale, Site

from .consent import cookie_name
from .live_register import LiveRegister
from .models import CookieBannerSettings, Party

CACHE_PREFIX = "wagtail_charte:banner"
# Rebuilt at least this often even if an invalidation was missed (e.g. a raw SQL change).
CACHE_TIMEOUT = 3600


def cache_key(site_id, language):
    return f"{CACHE_PREFIX}:{site_id}:{language}"


def invalidate(**kwargs):
    """Drops every cached banner, now and again once the transaction commits."""

    def drop():
        languages = [code for code, _ in settings.LANGUAGES]
        site_ids = [*Site.objects.values_list("pk", flat=True), None]
        cache.delete_many([cache_key(pk, code) for pk in site_ids for code in languages])

    drop()
    transaction.on_commit(drop)


def get_banner(request):
    """{"config": dict, "html": str} for the request's site and active language."""
    site = Site.find_for_request(request)
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = cache_key(site.pk if site else None, language)
    banner = cache.get(key)
    if banner is None:
        banner = build_banner(site, language)
        cache.set(key, banner, CACHE_TIMEOUT)
    return banner


def get_banner_config(request):
    return get_banner(request)["config"]


def _locale_for(language):
    try:
        return Locale.objects.get_for_language(language)
    except Locale.DoesNotExist:
        return Locale.get_default()


def _categories(locale):
    """The live categories as the policy page shows them, with their first-party cookies."""
    return [
        {
            "slug": group.slug,
            "basis": group.category.basis,
            "name": group.name,
            "description": group.description,
            "lang": group.lang or locale.language_code,
            "cookies": sorted({c.name for c in group.cookies if c.party == Party.FIRST}),
        }
        for group in LiveRegister(locale).groups
        if group.category
    ]


def _wording(banner_settings, locale):
    wording = None
    chosen = banner_settings.wording if banner_settings else None
    if chosen is not None:
        wording = (
            type(chosen)
            .objects.filter(translation_key=chosen.translation_key, locale=locale, live=True)
            .first()
        )
    defaults = {
        "title": gettext("Cookies on this site"),
        "text": gettext("With your consent, we use cookies for the purposes below."),
        "accept_all_label": pgettext("cookie banner button", "Accept all"),
        "refuse_all_label": pgettext("cookie banner button", "Refuse all"),
        "customize_label": pgettext("cookie banner button", "Customize"),
        "save_label": pgettext("cookie banner button", "Confirm my choices"),
    }
    return {name: (getattr(wording, name, "") or default) for name, default in defaults.items()}


def _policy_url(banner_settings, locale):
    page = banner_settings.policy_page if banner_settings else None
    if page is None:
        return ""
    translated = page.get_translation_or_none(locale)
    if translated is not None and translated.live:
        page = translated
    return page.get_url() or "" if page.live else ""


def _endpoint():
    try:
        return reverse("wagtail_charte:consent")
    except NoReverseMatch:
        return ""


def build_banner(site, language):
    """Reads settings, wording and register: the cache-miss path."""
    with translation.override(language):
        banner_settings = (
            CookieBannerSettings.objects.filter(site=site).select_related("wording").first()
            if site
            else None
        )
        locale = _locale_for(language)
        categories = _categories(locale)
        optional = [c for c in categories if c["basis"] != "necessary"]
        config = {
            "enabled": bool(banner_settings and banner_settings.enabled),
            "cookie": cookie_name(),
            "version": banner_settings.version if banner_settings else 1,
            "lifetime": banner_settings.lifetime_days if banner_settings else 182,
            "endpoint": _endpoint(),
            "gpc": bool(banner_settings and banner_settings.honour_gpc),
            "consentMode": (
                banner_settings.consent_mode_map()
                if banner_settings and banner_settings.consent_mode
                else None
            ),
            # Descriptions are in the markup; the script does not need them.
            "categories": [{k: v for k, v in c.items() if k != "description"} for c in categories],
            "i18n": {
                "saved": gettext("Your choices have been saved."),
                "status": gettext("%(category)s: %(state)s"),
                "allowed": pgettext("consent state", "accepted"),
                "refused": pgettext("consent state", "refused"),
                "placeholder": gettext(
                    "This content (%(title)s) is not shown because it sets cookies of the "
                    "category “%(category)s”, which you have not accepted."
                ),
                "allow": gettext("Accept “%(category)s” and show it"),
                "gpc": gettext(
                    "Your browser asks sites not to share your data (Global Privacy Control): "
                    "we recorded a refusal. You can still change it in the cookie settings."
                ),
            },
        }
        if not config["enabled"]:
            return {"config": config, "html": ""}
        context = {
            "config": config,
            "categories": categories,
            "wording": _wording(banner_settings, locale),
            "policy_url": _policy_url(banner_settings, locale),
            "optional": optional,
            "layout": banner_settings.layout,
            "theme": banner_settings.theme,
            "language": language,
            "consent_js": static("wagtail_charte/consent.js"),
            "banner_js": static("wagtail_charte/banner.js"),
            "banner_css": static("wagtail_charte/banner.css"),
        }
        theme = banner_settings.theme if banner_settings.theme in ("default", "dsfr") else "default"
        html = render_to_string(f"wagtail_charte/banner/{theme}.html", context)
    return {"config": config, "html": html}
