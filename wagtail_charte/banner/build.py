"""The banner's config and markup, built once per site and language and kept in the cache.

Wagtail caches settings per request only, and `for_site()` may write on a GET: the page
path reads neither. Once warm, rendering the banner is one cache read and no SQL query.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext
from wagtail.models import Locale, Site

from .. import cache, conf
from ..consent_log import snapshots
from ..models import BannerTheme, ConsentBasis, CookieBannerSettings, Party
from ..models.banner import CONSENT_MODE_SIGNALS
from ..models.live import LiveRegister


def get_banner(request):
    """{"config", "html", "snapshot"} for the request's site and active language."""
    site = Site.find_for_request(request)
    language = translation.get_language() or settings.LANGUAGE_CODE
    parts = (site.pk if site else None, language)
    return cache.cached(cache.BANNERS, parts, lambda: build_banner(site, language))


def get_banner_config(request):
    return get_banner(request)["config"]


def build_banner(site, language):
    """Reads settings, wording and register, and stores the snapshot: the cache-miss path."""
    with translation.override(language):
        # An unsaved instance carries the models' defaults for a site that has no settings.
        banner_settings = (
            CookieBannerSettings.objects.filter(site=site).select_related("wording").first()
            or CookieBannerSettings()
        )
        locale = _locale_for(language)
        categories = _categories(locale)
        config = _config(banner_settings, categories)
        if not config["enabled"]:
            return {"config": config, "html": "", "snapshot": None}
        policy_page = _policy_page(banner_settings, locale)
        shown = {
            "theme": banner_settings.theme
            if banner_settings.theme in BannerTheme.values
            else BannerTheme.DEFAULT,
            "wording": _wording(banner_settings, locale),
            "texts": _texts(),
            "policy_page": policy_page,
            "policy_url": (policy_page.get_url() or "") if policy_page else "",
        }
        snapshot = snapshots.store(
            snapshots.describe(
                site=site,
                language=language,
                settings=banner_settings,
                categories=categories,
                **shown,
            )
        )
        # A choice names the banner it answered, even from a page a CDN kept.
        config["snapshot"] = snapshot["digest"]
        html = _html(banner_settings, config, categories, language, shown)
        return {"config": config, "html": html, "snapshot": snapshot}


def _config(banner_settings, categories):
    """What the script needs: the consent contract's parameters and its messages."""
    return {
        "enabled": banner_settings.enabled,
        "cookie": conf.get("COOKIE_NAME"),
        "version": banner_settings.version,
        "lifetime": banner_settings.lifetime_days,
        "endpoint": _endpoint(),
        "gpc": banner_settings.honour_gpc,
        "consentMode": _consent_mode(banner_settings),
        "categories": [_script_category(c) for c in categories],
        "i18n": _script_messages(),
    }


def _html(banner_settings, config, categories, language, shown):
    theme = shown["theme"]
    context = {
        "config": config,
        "categories": categories,
        "wording": shown["wording"],
        "texts": shown["texts"],
        "policy_url": shown["policy_url"],
        "optional": [c for c in categories if c["basis"] != ConsentBasis.NECESSARY],
        "layout": banner_settings.layout,
        "theme": theme,
        "language": language,
        # Built by `make assets` from consent.js + banner.js, and banner.css.
        "script": static("wagtail_charte/charte.min.js"),
        "stylesheet": static("wagtail_charte/banner.min.css"),
    }
    return render_to_string(f"wagtail_charte/banner/{theme}.html", context)


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
        for group in LiveRegister(locale.pk).groups
        if group.category
    ]


def _wording(banner_settings, locale):
    wording = None
    chosen = banner_settings.wording
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


def _texts():
    """The sentences every banner shows around the wording: in the snapshot as on screen."""
    return {
        "purposes": gettext("Purposes:"),
        "refusing": gettext("Refusing changes nothing in what you can read or do here."),
        "change_mind": gettext(
            "You can change your mind at any time with the cookie settings link at the "
            "bottom of every page."
        ),
        "read_policy": gettext("Read the cookie policy"),
        "dialog_title": gettext("Cookie settings"),
        "dialog_text": gettext(
            "Choose, for each purpose, whether you accept its cookies. Refusing has no effect "
            "on what you can read or do on this site."
        ),
        "always_on": gettext("Always on: the site cannot work without them."),
        "accept": gettext("Accept"),
        "refuse": gettext("Refuse"),
        "close": gettext("Close"),
        "ok": gettext("OK"),
        "gpc": gettext(
            "Your browser asks sites not to share your data (Global Privacy Control): "
            "we recorded a refusal. You can still change it in the cookie settings."
        ),
    }


def _policy_page(banner_settings, locale):
    """The live policy page in the locale, else in its own language; None when not live."""
    page = banner_settings.policy_page
    if page is None:
        return None
    translated = page.get_translation_or_none(locale)
    if translated is not None and translated.live:
        page = translated
    return page if page.live else None


def _consent_mode(banner_settings):
    """[signal, the slug that grants it or ""] for every signal: the script has no list of them."""
    if not banner_settings.consent_mode:
        return None
    granted_by = banner_settings.consent_mode_map()
    return [[signal, granted_by.get(signal, "")] for signal in CONSENT_MODE_SIGNALS]


def _endpoint():
    try:
        return reverse("wagtail_charte:consent")
    except NoReverseMatch:
        return ""


def _script_category(category):
    """Without its description (in the markup); with its status line for either answer, keyed
    as the script's `allows` gives it ("true", "false")."""
    line = gettext("%(category)s: %(state)s")
    states = {
        "true": pgettext("consent state", "accepted"),
        "false": pgettext("consent state", "refused"),
    }
    return {
        **{key: value for key, value in category.items() if key != "description"},
        "status": {
            allowed: line % {"category": category["name"], "state": state}
            for allowed, state in states.items()
        },
    }


def _script_messages():
    return {
        "saved": gettext("Your choices have been saved."),
        "unanswered": gettext("Not answered, so refused: %(categories)s."),
        "placeholder": gettext(
            "This content (%(title)s) is not shown because it sets cookies of the "
            "category “%(category)s”, which you have not accepted."
        ),
        "allow": gettext("Accept “%(category)s” and show it"),
    }
