"""Turns the demo banner on; embeds no provider claims need "external content"."""

from django.conf import settings
from django.core.management import CommandError
from wagtail.models import Page, Site

from wagtail_charte.models import BannerTheme, CookieBannerSettings

EMBED_CATEGORY = "external"


def load_banner(fr):
    site = Site.objects.get(is_default_site=True)
    banner = CookieBannerSettings.objects.filter(site=site).first()
    if banner is None:
        banner = CookieBannerSettings.objects.create(site=site, enabled=True)
    elif not banner.enabled:
        banner.enabled = True
        banner.save(update_fields=["enabled"])
    if not banner.embed_category:
        banner.embed_category = EMBED_CATEGORY
        banner.save(update_fields=["embed_category"])
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
