"""The banner on the server: settings, cache, tag, admin and Jinja2."""

import json
import re
from unittest import mock

import pytest
from django.db import connection
from django.template import engines
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Site

from wagtail_charte.banner import consent
from wagtail_charte.banner.build import get_banner
from wagtail_charte.banner.config import get_banner_config
from wagtail_charte.models import (
    BannerWording,
    ConsentBasis,
    Cookie,
    CookieBannerSettings,
    CookieCategory,
    CookieProvider,
)

from ..helpers import user_with_permissions, visible_text
from .choices import CONSENT_URL, choice

# The tag ---------------------------------------------------------------------------------

COOKIES = [
    None,
    "garbage",
    consent.serialise(choice(c={"statistics": True})),
    consent.serialise(choice(v=99, c={"statistics": False})),
    "x" * 5000,
]


@pytest.mark.parametrize("url", ["/fr/", "/en/"])
def test_page_is_byte_identical_whatever_the_cookie(banner, client, url):
    bodies = set()
    for value in COOKIES:
        client.cookies.clear()
        if value is not None:
            client.cookies["cookies_preferences"] = value
        response = client.get(url)
        assert response.status_code == 200
        assert "cookie" not in response.get("Vary", "").lower()
        assert b"data-charte-banner" in response.content
        bodies.add(response.content)
    assert len(bodies) == 1


def test_banner_markup_and_config(banner, client):
    html = client.get("/fr/").content.decode()
    assert 'data-charte-action="accept-all"' in html
    assert 'data-charte-action="refuse-all"' in html
    assert 'data-charte-action="customize"' in html
    assert "Tout accepter" in html and "Tout refuser" in html and "Personnaliser" in html
    assert "nonce" not in html
    # Inline styles only on embeds' gates, at their embed's ratio, and in the embeds they hold
    # (Wagtail's own responsive markup is written so).
    shown = re.sub(r"<template\b.*?</template>", "", html, flags=re.S)
    assert all('class="charte-gate"' in tag for tag in re.findall(r"<[^>]* style=[^>]*>", shown))
    assert "onclick" not in html
    start = html.index('<script id="charte-config" type="application/json">')
    raw = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    config = json.loads(raw)
    assert config["cookie"] == "cookies_preferences"
    assert config["endpoint"] == f"{CONSENT_URL}?lang=fr"
    assert config["lifetime"] == 182
    slugs = {c["slug"]: c for c in config["categories"]}
    assert slugs["statistics"]["basis"] == "consent"
    assert slugs["statistics"]["cookies"] == ["_pk_id.*"]
    en = client.get("/en/").content.decode()
    assert "Accept all" in en and "Refuse all" in en and "Customize" in en


def test_disabled_banner_renders_nothing(banner, client):
    banner.enabled = False
    banner.save()
    assert b"data-charte-banner" not in client.get("/fr/").content


def test_once_warm_the_banner_costs_no_query(banner, client):
    client.get("/fr/")  # warm
    rf = RequestFactory().get("/fr/")
    rf._wagtail_site = Site.objects.get(is_default_site=True)
    template = engines["django"].from_string("{% load wagtail_charte_tags %}{% charte_banner %}")
    with translation.override("fr"), CaptureQueriesContext(connection) as queries:
        html = template.render({}, rf)
    assert "data-charte-banner" in html
    assert len(queries) == 0, [q["sql"] for q in queries]


def test_page_with_banner_costs_the_same_queries_as_without(banner, client):
    client.get("/fr/")
    with CaptureQueriesContext(connection) as with_banner:
        client.get("/fr/")
    banner.enabled = False
    banner.save()
    client.get("/fr/")
    with CaptureQueriesContext(connection) as without:
        client.get("/fr/")
    assert len(with_banner) == len(without)


def test_cache_is_dropped_when_settings_wording_or_register_change(banner, client):
    client.get("/fr/")
    banner.lifetime_days = 30
    banner.save()
    assert b"&quot;lifetime&quot;: 30" in client.get("/fr/").content or b'"lifetime": 30' in (
        client.get("/fr/").content
    )
    fr = Locale.objects.get(language_code="fr")
    wording = BannerWording.objects.create(locale=fr, title="Nos cookies <b>", live=True)
    banner.wording = wording
    banner.save()
    html = client.get("/fr/").content
    assert b"Nos cookies &lt;b&gt;" in html
    wording.title = "Vos cookies"
    wording.save()
    assert b"Vos cookies" in client.get("/fr/").content
    category = CookieCategory.objects.get(locale=fr, slug="statistics")
    category.name = "Statistiques de visite"
    category.save_revision().publish()
    assert b"Statistiques de visite" in client.get("/fr/").content
    category.unpublish()
    assert b"Statistiques de visite" not in client.get("/fr/").content


def test_wording_in_another_language_falls_back_to_the_catalogue(banner, client):
    fr = Locale.objects.get(language_code="fr")
    banner.wording = BannerWording.objects.create(locale=fr, title="Nos cookies", live=True)
    banner.save()
    en = client.get("/en/").content.decode()
    assert "Nos cookies" not in en
    assert "Cookies on this site" in en


def test_jinja2_extension_renders_the_same_banner(banner, client):
    client.get("/fr/")
    from django.template.backends.jinja2 import Jinja2

    engine = Jinja2(
        {
            "APP_DIRS": False,
            "DIRS": [],
            "NAME": "jinja2",
            "OPTIONS": {"extensions": ["wagtail_charte.jinja2tags.charte"]},
        }
    )
    request = RequestFactory().get("/fr/")
    request._wagtail_site = Site.objects.get(is_default_site=True)
    with translation.override("fr"):
        html = engine.from_string("{{ charte_banner() }}").render({}, request)
        expected = get_banner(request)
        allowed = engine.from_string('{{ charte_allows("necessary") }}').render({}, request)
    assert html == expected
    assert "data-charte-banner" in html
    assert allowed == "True"


def test_consent_template_tag_reads_the_cookie(banner):
    template = engines["django"].from_string(
        '{% load wagtail_charte_tags %}{% charte_allows "statistics" as ok %}{{ ok }}'
    )
    accepted = consent.serialise(choice(c={"statistics": True}))
    for cookie, expected in ((None, "False"), (f"cookies_preferences={accepted}", "True")):
        request = RequestFactory().get("/fr/", **({"HTTP_COOKIE": cookie} if cookie else {}))
        request._wagtail_site = Site.objects.get(is_default_site=True)
        assert template.render({}, request) == expected


# Settings in the admin -------------------------------------------------------------------


def edit_url(banner):
    return f"/admin/settings/wagtail_charte/cookiebannersettings/{banner.site_id}/"


def form_data(**overrides):
    return {
        "enabled": "on",
        "policy_page": "",
        "wording": "",
        "lifetime_days": "182",
        "layout": "bar",
        "theme": "default",
        "honour_gpc": "on",
        "gcm_ad_storage": "",
        "gcm_analytics_storage": "",
        "gcm_ad_user_data": "",
        "gcm_ad_personalization": "",
        **overrides,
    }


@pytest.mark.parametrize(
    ("days", "valid"), [("0", False), ("1", True), ("395", True), ("396", False)]
)
def test_settings_validate_the_lifetime(banner, admin_client, days, valid):
    response = admin_client.post(edit_url(banner), form_data(lifetime_days=days))
    banner.refresh_from_db()
    if valid:
        assert response.status_code == 302
        assert banner.lifetime_days == int(days)
    else:
        assert response.status_code == 200
        assert banner.lifetime_days == 182


def test_settings_screen_shows_and_saves(banner, admin_client):
    response = admin_client.get(edit_url(banner))
    assert response.status_code == 200
    assert f"/admin/charte/banner/{banner.pk}/ask-again/".encode() in response.content
    response = admin_client.post(
        edit_url(banner),
        form_data(theme="dsfr", consent_mode="on", gcm_analytics_storage="statistics"),
    )
    assert response.status_code == 302
    banner.refresh_from_db()
    assert banner.theme == "dsfr"
    assert banner.consent_mode_map() == {"analytics_storage": "statistics"}


def test_editor_without_permission_cannot_change_settings(banner, client):
    client.force_login(user_with_permissions("access_admin"))
    response = client.post(edit_url(banner), form_data(lifetime_days="30"))
    banner.refresh_from_db()
    assert banner.lifetime_days == 182
    assert response.status_code in (302, 403)
    for method in (client.get, client.post):
        response = method(f"/admin/charte/banner/{banner.pk}/ask-again/")
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    banner.refresh_from_db()
    assert banner.version == 1


def test_ask_everyone_again_bumps_the_version(banner, admin_client, client):
    client.get("/fr/")
    url = f"/admin/charte/banner/{banner.pk}/ask-again/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url)
    assert response.status_code == 302
    banner.refresh_from_db()
    assert banner.version == 2
    assert b"&quot;version&quot;: 2" in client.get("/fr/").content or b'"version": 2' in (
        client.get("/fr/").content
    )


@override_settings(
    WAGTAILFRONTENDCACHE={
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://cache.invalid",
        }
    }
)
def test_ask_everyone_again_offers_to_purge_the_frontend_cache(banner, admin_client):
    url = f"/admin/charte/banner/{banner.pk}/ask-again/"
    assert b'name="purge"' in admin_client.get(url).content
    with mock.patch("wagtail_charte.purge.purge_pages_from_cache") as purge:
        admin_client.post(url, {"purge": "1"})
    (pages,), _ = purge.call_args
    urls = {page.url_path for page in pages}
    assert len(urls) >= 2  # the French and the English home pages


def test_demo_banner_is_idempotent(demo):
    from django.core.management import call_command

    counts = (CookieBannerSettings.objects.count(), CookieCategory.objects.count())
    call_command("charte_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (CookieBannerSettings.objects.count(), CookieCategory.objects.count()) == counts
    assert CookieBannerSettings.objects.get().enabled


def test_policy_link_follows_the_visitor_language(banner, client):
    from sandbox.home.models import HomePage

    fr_home = HomePage.objects.get(locale__language_code="fr")
    banner.policy_page = fr_home
    banner.save()
    fr = client.get("/fr/").content.decode()
    en = client.get("/en/").content.decode()
    assert f'<a href="{fr_home.url}">Lire la charte cookies</a>' in fr
    en_home = HomePage.objects.get(locale__language_code="en")
    assert f'<a href="{en_home.url}">Read the cookie policy</a>' in en
    en_home.unpublish()  # an unpublished translation falls back to the live source
    assert f'<a href="{fr_home.url}">' in client.get("/en/").content.decode()


def test_a_wording_translation_starts_as_a_draft(banner):
    fr = Locale.objects.get(language_code="fr")
    en = Locale.objects.get(language_code="en")
    wording = BannerWording.objects.create(locale=fr, title="Nos cookies")
    wording.save_revision().publish()
    translation = wording.copy_for_translation(en)
    translation.save()
    translation.refresh_from_db()
    assert not translation.live
    assert translation.title == "Nos cookies"


def test_consent_mode_signals_must_name_a_refusable_category(banner, admin_client):
    response = admin_client.post(
        edit_url(banner), form_data(consent_mode="on", gcm_ad_storage="necessary")
    )
    assert response.status_code == 200
    response = admin_client.post(edit_url(banner), form_data(gcm_ad_user_data="nope"))
    assert response.status_code == 200
    banner.refresh_from_db()
    assert banner.gcm_ad_storage == banner.gcm_ad_user_data == ""


def test_html_in_the_register_cannot_break_out(banner, client):
    fr = Locale.objects.get(language_code="fr")
    category = CookieCategory.objects.get(locale=fr, slug="statistics")
    category.name = "</script><script>alert(1)</script>"
    category.description = "<img src=x onerror=alert(1)>"
    category.save_revision().publish()
    html = client.get("/fr/").content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_new_cookie_reaches_the_withdrawal_list(banner, client):
    fr = Locale.objects.get(language_code="fr")
    client.get("/fr/")
    cookie = Cookie(
        locale=fr,
        name="_pk_ses.*",
        provider=CookieProvider.objects.get(locale=fr, name="Matomo"),
        category=CookieCategory.objects.get(locale=fr, slug="statistics"),
        purpose="Session",
    )
    cookie.save()
    cookie.save_revision().publish()
    html = client.get("/fr/").content.decode()
    assert '"cookies": ["_pk_id.*", "_pk_ses.*"]' in html


def test_a_banner_cached_under_any_language_is_dropped_by_a_change(banner):
    """Keys are written under the active language, whatever it is: none may outlive a change."""
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    with translation.override("en-gb"):
        assert get_banner_config(request).lifetime == 182
    banner.lifetime_days = 30
    banner.save()
    with translation.override("en-gb"):
        assert get_banner_config(request).lifetime == 30


# What it says ----------------------------------------------------------------------------


def script_config(response):
    html = response.content.decode()
    start = html.index('<script id="charte-config" type="application/json">')
    return json.loads(html[start:].split(">", 1)[1].split("</script>", 1)[0])


def text_of(response):
    """The page's text, with no space left before a comma or a full stop by a closing tag."""
    return re.sub(r" ([,.])", r"\1", visible_text(response.content))


def make_statistics_exempt():
    for category in CookieCategory.objects.filter(slug="statistics"):
        category.basis = ConsentBasis.EXEMPT
        category.save_revision().publish()


def test_the_first_layer_names_exempt_purposes_apart_from_those_needing_consent(banner, client):
    make_statistics_exempt()
    en = text_of(client.get("/en/"))
    assert (
        "With your consent, we use cookies for the purposes below. Purposes: External content."
        in en
    )
    assert (
        "Without consent, as the law allows (you can refuse them all the same): "
        "Audience measurement."
    ) in en
    fr = text_of(client.get("/fr/"))
    assert "Finalités : Contenus externes." in fr
    assert "Sans consentement, comme la loi le permet" in fr


def test_without_exempt_purposes_the_first_layer_says_nothing_of_them(banner, client):
    en = text_of(client.get("/en/"))
    assert "Purposes: Audience measurement, External content." in en
    assert "Without consent" not in en


@pytest.mark.parametrize(
    ("url", "separator", "not_chosen", "exempt"),
    [
        (
            "/en/",
            "; ",
            "External content: not chosen yet",
            "Audience measurement: on until you refuse it",
        ),
        (
            "/fr/",
            " ; ",
            "Contenus externes : pas encore choisi",
            "Mesure d'audience : actif tant que vous ne le refusez pas",
        ),
    ],
)
def test_status_lines_before_any_choice_and_their_separator_follow_the_language(
    banner, client, url, separator, not_chosen, exempt
):
    make_statistics_exempt()
    config = script_config(client.get(url))
    assert config["i18n"]["sep"] == separator
    status = {category["slug"]: category["status"] for category in config["categories"]}
    assert status["external"]["null"] == not_chosen
    assert status["statistics"]["null"] == exempt
    assert status["external"]["false"].endswith(("refused", "refusé"))


@pytest.mark.parametrize(
    ("theme", "stylesheet"),
    [("default", "wagtail_charte/banner.min.css"), ("dsfr", "wagtail_charte/banner-dsfr.css")],
)
def test_each_theme_links_its_stylesheet(banner, client, theme, stylesheet):
    banner.theme = theme
    banner.save()
    html = client.get("/en/").content.decode()
    assert f'<link rel="stylesheet" href="/static/{stylesheet}">' in html
