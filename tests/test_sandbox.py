import html
import re
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Locale, Page, Revision

from sandbox.home.demo_embeds import EMBEDS, MAP_URL, SHORT_VIDEO_URL, VIDEO_URL
from sandbox.home.models import HomePage
from wagtail_charte.models import Cookie, CookieBannerSettings, CookieProvider, Party


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "locales": Locale.objects.count(),
        "users": get_user_model().objects.count(),
        "embeds": Embed.objects.count(),
        "providers": CookieProvider.objects.count(),
        "cookies": Cookie.objects.count(),
    }


@pytest.mark.django_db
def test_charte_demo_is_idempotent(demo):
    before = counts()
    call_command("charte_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == before


def test_demo_has_french_and_english_home_pages(demo, client):
    fr = HomePage.objects.get(locale__language_code="fr")
    en = HomePage.objects.get(locale__language_code="en")
    assert en.translation_key == fr.translation_key
    assert client.get("/fr/").status_code == 200
    response = client.get("/en/")
    assert response.status_code == 200
    assert b'<html lang="en">' in response.content


def test_admin_user_can_log_in(demo, client):
    assert client.login(username="admin", password="changeme")
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("url", ["/fr/", "/en/"])
def test_public_pages_do_not_vary_on_cookie(demo, client, url):
    response = client.get(url)
    assert "cookie" not in response.get("Vary", "").lower()


def no_finder(*args, **kwargs):
    raise AssertionError("the demo asked a provider for an embed")


@pytest.mark.parametrize("url", ["/fr/", "/en/"])
def test_the_home_pages_show_their_embeds_gated_from_stored_rows(demo, client, url):
    """A video and a map in rich text and as EmbedBlocks, and the video through the `{% embed %}`
    tag: five placeholders, from the Embed rows `charte_demo` stores, with no finder asked."""
    with mock.patch("wagtail.embeds.embeds.get_finder_for_embed", no_finder):
        content = client.get(url).content.decode()
    gates = re.findall(
        r'<div class="charte-gate" data-charte-gate.*?</template></div>', content, flags=re.S
    )
    assert len(gates) == 5
    assert [html.unescape(re.search(r'<a href="([^"]+)"', gate)[1]) for gate in gates] == [
        VIDEO_URL,
        MAP_URL,
        VIDEO_URL,
        MAP_URL,
        SHORT_VIDEO_URL,
    ]
    assert all('data-charte-allow="external"' in gate for gate in gates)
    # The players come from the sandbox itself, and only once accepted.
    assert "/demo-embeds/" not in re.sub(r"<template\b.*?</template>", "", content, flags=re.S)
    sources = {re.search(r'src="([^"]+)"', gate)[1] for gate in gates}
    assert sources == {"/demo-embeds/video/", "/demo-embeds/map/"}


def test_the_demo_embeds_are_stored_for_good(demo):
    for row in EMBEDS:
        embed = Embed.objects.get(hash=get_embed_hash(row["url"], row["max_width"]))
        assert embed.cache_until is None
        assert embed.width and embed.height and embed.title and embed.provider_name
        assert re.search(r'src="/demo-embeds/(video|map)/"', embed.html)


@pytest.mark.parametrize("kind", ["video", "map"])
def test_the_players_are_served_by_the_sandbox_to_its_own_pages(demo, client, kind):
    response = client.get(f"/demo-embeds/{kind}/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_the_register_names_the_providers_of_the_embeds(demo):
    for code in ("fr", "en"):
        youtube = CookieProvider.objects.get(locale__language_code=code, name="YouTube")
        assert "youtu.be" in youtube.domains.split()
        cookies = Cookie.objects.filter(provider=youtube)
        assert {c.name for c in cookies} == {"YSC", "VISITOR_INFO1_LIVE"}
        assert {(c.category.slug, c.party) for c in cookies} == {("external", Party.THIRD)}
        osm = CookieProvider.objects.get(locale__language_code=code, name="OpenStreetMap")
        assert osm.domains.split() == ["openstreetmap.org", "openstreetmap.fr"]
    assert CookieBannerSettings.objects.get().embed_category == "external"


def test_charte_demo_gives_the_embeds_to_home_pages_made_before_them(demo):
    HomePage.objects.update(embeds=[], video_url="")
    call_command("charte_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for home in HomePage.objects.all():
        assert [block.value.url for block in home.embeds] == [VIDEO_URL, MAP_URL]
        assert home.video_url == SHORT_VIDEO_URL
        assert home.live_revision == home.latest_revision
