"""The package in a host laid out like a real site: LANGUAGE_CODE "en-us", its own templates."""

import pytest
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from wagtail_charte.models import ConsentBasis, ConsentSnapshot, CookieCategory, CookiePolicyPage

from .helpers import live_pages, url_of
from .home.models import HomePage

pytestmark = pytest.mark.django_db


def test_every_page_of_the_host_answers_in_its_language(host, client):
    for page in live_pages():
        response = client.get(url_of(page))
        assert response.status_code == 200, url_of(page)
        assert f'lang="{page.locale.language_code}"' in response.text
        assert "data-charte-banner" in response.text


def test_a_page_and_the_policy_page_show_one_banner_per_language(host, client):
    """ "en-us" is not a second language: records of one banner point to one snapshot."""
    for page in live_pages():
        client.get(url_of(page))
    languages = sorted(ConsentSnapshot.objects.values_list("language", flat=True))
    policies = CookiePolicyPage.objects.live()
    assert languages == sorted(page.locale.language_code for page in policies)


def test_each_policy_page_starts_with_the_standard_text_of_its_language(host, client):
    """The French page was made by "Translate" from the English one, as an editor makes it."""
    first_heading = {"en": "What is a cookie?", "fr": "Qu’est-ce qu’un cookie ?"}
    for page in CookiePolicyPage.objects.live():
        text = client.get(url_of(page)).text
        assert first_heading[page.locale.language_code] in text


def test_an_embed_an_editor_pastes_waits_for_consent_on_the_host(host, client):
    """The host lists wagtail_charte before wagtail.embeds and has the middleware, as the docs
    ask: an embed in its own page type's rich text is written inert, in the page's language."""
    url = "https://vimeo.com/76979871"
    player = '<iframe src="https://player.vimeo.com/video/76979871" title="Film"></iframe>'
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        html=player,
        title="Film",
        provider_name="Vimeo",
        width=640,
        height=360,
    )
    first_consent = CookieCategory.objects.filter(basis=ConsentBasis.CONSENT).order_by("sort_order")
    for page in live_pages().type(HomePage):
        page.body = f'<embed embedtype="media" url="{url}"/>'
        page.save_revision().publish()
        html = client.get(url_of(page)).text
        slug = first_consent.filter(locale=page.locale).first().slug
        gate = html[html.index("data-charte-gate") :]
        assert f'<template data-charte-category="{slug}">' in gate
        assert html.count("player.vimeo.com") == 1
        assert html.index("player.vimeo.com") > html.index("<template data-charte-category")
        assert f'<a href="{url}">' in gate
