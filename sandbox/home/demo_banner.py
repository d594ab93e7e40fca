"""Turns the demo banner on, with an embed category for the demo iframe."""

from django.conf import settings
from django.core.management import CommandError
from wagtail.models import Page, Site

from wagtail_charte.models import BannerTheme, ConsentBasis, CookieBannerSettings, CookieCategory

from .demo_register import ensure_source, ensure_translated

EMBED_CATEGORY = {
    "slug": "external",
    "basis": ConsentBasis.CONSENT,
    "sort_order": 30,
    "fr": {
        "name": "Contenus externes",
        "description": "Vidéos et cartes hébergées par d'autres sites, qui peuvent déposer "
        "leurs propres cookies. Affichés seulement si vous les acceptez.",
    },
    "en": {
        "name": "External content",
        "description": "Videos and maps hosted by other sites, which may set their own "
        "cookies. Shown only if you accept them.",
    },
}


def load_banner(fr, en):
    spec = EMBED_CATEGORY
    values = {"basis": spec["basis"], "sort_order": spec["sort_order"], **spec["fr"]}
    category = ensure_source(CookieCategory, fr, {"slug": spec["slug"]}, values)
    ensure_translated(category, en, spec["en"])
    site = Site.objects.get(is_default_site=True)
    banner = CookieBannerSettings.objects.filter(site=site).first()
    if banner is None:
        banner = CookieBannerSettings.objects.create(site=site, enabled=True)
    elif not banner.enabled:
        banner.enabled = True
        banner.save(update_fields=["enabled"])
    # `make run` always names a theme (default unless THEME=dsfr), so that the banner's theme
    # matches the stylesheet base.html loads; `charte_demo` run alone keeps the admin's choice.
    if settings.DEMO_THEME and banner.theme != settings.DEMO_THEME:
        if settings.DEMO_THEME not in BannerTheme.values:
            raise CommandError(f"THEME must be one of: {', '.join(BannerTheme.values)}")
        banner.theme = settings.DEMO_THEME
        banner.save(update_fields=["theme"])
    # The charte page comes from the page demo, when it is loaded.
    policy = Page.objects.filter(locale=fr, slug="charte-cookies").first()
    if policy is not None and banner.policy_page_id is None:
        banner.policy_page = policy
        banner.save(update_fields=["policy_page"])
