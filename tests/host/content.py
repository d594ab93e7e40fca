"""The host's content as a new user makes it: pages, a register from a file, the banner on."""

import io
import json
import tempfile

from django.conf import settings
from django.core.management import call_command
from django.utils.translation import get_supported_language_variant
from wagtail.models import Locale, Page, Site

from wagtail_charte.models import (
    Cookie,
    CookieBannerSettings,
    CookieCategory,
    CookiePolicyPage,
    CookieProvider,
)
from wagtail_charte.starter import starter_body

from .home.models import HomePage

REGISTER = {
    "categories": [
        {
            "slug": "necessary",
            "name": "Necessary cookies",
            "description": "Needed for the site to work.",
            "basis": "necessary",
            "order": 10,
        },
        {
            "slug": "statistics",
            "name": "Audience measurement",
            "description": "Counts visits to improve the site.",
            "basis": "consent",
            "order": 20,
        },
    ],
    "providers": [{"name": "Host", "privacy_policy_url": ""}],
    "cookies": [
        {
            "category": "necessary",
            "provider": "Host",
            "service": "Admin",
            "name": name,
            "purpose": purpose,
            "party": "first",
            "lifetime": lifetime,
        }
        for name, purpose, lifetime in [
            ("sessionid", "Keeps an editor signed in.", "14 days"),
            ("csrftoken", "Protects forms against forgery.", "1 year"),
            ("cookies_preferences", "Remembers your cookie choices.", "6 months"),
        ]
    ]
    + [
        {
            "category": "statistics",
            "provider": "Host",
            "service": "Statistics",
            "name": "_pk_id.*",
            "purpose": "Tells visitors apart for statistics.",
            "party": "first",
            "lifetime": "13 months",
        }
    ],
}
FRENCH = {
    "Necessary cookies": "Cookies nécessaires",
    "Needed for the site to work.": "Indispensables au fonctionnement du site.",
    "Audience measurement": "Mesure d'audience",
    "Counts visits to improve the site.": "Compte les visites pour améliorer le site.",
    "Keeps an editor signed in.": "Garde un rédacteur connecté.",
    "Protects forms against forgery.": "Protège les formulaires contre la falsification.",
    "Remembers your cookie choices.": "Garde vos choix en matière de cookies.",
    "Tells visitors apart for statistics.": "Distingue les visiteurs pour les statistiques.",
    "Admin": "Administration",
    "Statistics": "Statistiques",
}
TEXT_FIELDS = ("name", "description", "service", "purpose")


def content_languages():
    """The host's Wagtail locales: LANGUAGE_CODE's, then the others of LANGUAGES when i18n is on."""
    default = get_supported_language_variant(settings.LANGUAGE_CODE)
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return [default]
    return [default, *(code for code, _ in settings.LANGUAGES if code != default)]


def load_host_site():
    """Home, About and the cookie policy page in each language; the register; the banner on."""
    default, *others = [
        Locale.objects.get_or_create(language_code=code)[0] for code in content_languages()
    ]
    _import_register(default)
    root = Page.get_first_root_node()
    site = Site.objects.get(is_default_site=True)
    # Wagtail's welcome page holds the slug "home", as on a new project: the home page replaces it.
    welcome = site.root_page
    welcome.slug = "welcome"
    welcome.save()
    home = root.add_child(
        instance=HomePage(title="Home", slug="home", locale=default, body="<p>Welcome.</p>")
    )
    home.add_child(
        instance=HomePage(title="About", slug="about", locale=default, body="<p>About us.</p>")
    )
    policy = home.add_child(
        instance=CookiePolicyPage(
            title="Cookie policy", slug="cookies", locale=default, body=starter_body(default)
        )
    )
    site.root_page, site.hostname, site.port = home, "testserver", 80
    site.save()
    welcome.delete()
    for locale in others:
        _translate_register(default, locale)
        for page in (home, *home.get_children().specific()):
            translation = page.copy_for_translation(locale, copy_parents=True)
            translation.save_revision().publish()
    CookieBannerSettings.objects.update_or_create(
        site=site, defaults={"enabled": True, "policy_page": policy}
    )
    return site


def _import_register(locale):
    with tempfile.NamedTemporaryFile("w", suffix=".json") as file:
        json.dump({"locale": locale.language_code, **REGISTER}, file)
        file.flush()
        call_command("charte_import", file.name, locale=locale.language_code, stdout=io.StringIO())


def _translate_register(source, locale):
    for model in (CookieCategory, CookieProvider, Cookie):
        for entry in model.objects.filter(locale=source):
            translation = entry.copy_for_translation(locale)
            for field in TEXT_FIELDS:
                if hasattr(translation, field):
                    setattr(
                        translation,
                        field,
                        FRENCH.get(getattr(translation, field), getattr(translation, field)),
                    )
            translation.save()
            translation.save_revision().publish()
