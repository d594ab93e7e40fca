"""Wagtail's embeds behind the banner: what the server writes, for each of Wagtail's three paths."""

import re

import pytest
from django.core import checks
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.embeds.blocks import EmbedBlock, EmbedValue
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.format import embed_to_frontend_html
from wagtail.embeds.models import Embed
from wagtail.models import Page, Site

from wagtail_charte.banner.config import banner_config
from wagtail_charte.banner.embeds import gate_embed
from wagtail_charte.checks import check_embeds_gated
from wagtail_charte.middleware import EmbedGateMiddleware, current_request
from wagtail_charte.models import (
    ConsentBasis,
    Cookie,
    CookieCategory,
    CookieProvider,
)
from wagtail_charte.models.domains import on_domains, parse_domains

VIDEO = "https://video.example.net/watch?v=charte0001"
PLAYER = '<iframe src="https://player.example.net/embed/charte0001" title="Le film"></iframe>'
TEMPLATE = re.compile(r"<template[^>]*>.*?</template>", re.DOTALL)
GATE = re.compile(
    r'<div class="charte-gate" data-charte-gate(?P<style>[^>]*)>.*?'
    r'<template data-charte-category="(?P<slug>[^"]*)">(?P<content>.*?)</template></div>',
    re.DOTALL,
)


def stored_embed(url=VIDEO, html=PLAYER, max_width=None, **fields):
    """An embed as Wagtail stores it once found: nothing is asked of the provider."""
    values = {
        "type": "video",
        "html": html,
        "title": "Le film",
        "provider_name": "ExempleTV",
        "width": 480,
        "height": 270,
        **fields,
    }
    return Embed.objects.create(
        url=url, max_width=max_width, hash=get_embed_hash(url, max_width), **values
    )


def served(render, path="/fr/", language="fr"):
    """What `render()` writes while the middleware serves a request for the demo site."""
    request = RequestFactory().get(path)
    with translation.override(language):
        return EmbedGateMiddleware(lambda request: HttpResponse(render()))(request).content.decode()


def gates(html):
    return [match.groupdict() for match in GATE.finditer(html)]


def outside_templates(html):
    return TEMPLATE.sub("", html)


def provider_with_cookie(name, domains, category_slug):
    """A live provider listing `domains`, with a live third-party cookie in that category."""
    category = CookieCategory.objects.get(slug=category_slug, locale__language_code="fr")
    provider = CookieProvider.objects.create(
        name=name, domains=domains, locale=category.locale, live=True
    )
    Cookie.objects.create(
        name=f"{name}_id",
        provider=provider,
        category=category,
        purpose="Suivre les lectures.",
        party="third",
        locale=category.locale,
        live=True,
    )
    return provider


@pytest.fixture
def banner(banner):
    """The demo's banner, with its category for embeds no provider claims."""
    banner.embed_category = "external"
    banner.save()
    return banner


@pytest.fixture
def home(demo):
    return Page.objects.get(locale__language_code="fr", depth=2).specific


def test_a_rich_text_embed_on_a_page_waits_behind_a_placeholder(banner, home, client):
    stored_embed()
    home.body = f'<p>Avant.</p><embed embedtype="media" url="{VIDEO}"/><p>Après.</p>'
    home.save_revision().publish()
    html = client.get(home.url).content.decode()
    (gate,) = [gate for gate in gates(html) if "charte0001" in gate["content"]]
    assert gate["slug"] == "external"  # no provider claims it: the default category
    assert PLAYER in gate["content"]
    # Nothing outside the inert template loads from the provider.
    assert "player.example.net" not in outside_templates(html)
    assert not re.search(r"<iframe[^>]*\ssrc=", outside_templates(html))
    end = html.index('embed/charte0001"')  # the rich text's embed, in its template
    placeholder = html[html.rindex("data-charte-gate", 0, end) : html.rindex("<template", 0, end)]
    assert "Le film" in placeholder
    assert "Ce contenu vient de ExempleTV" in placeholder
    assert "« Contenus externes »" in placeholder
    assert "Vidéos et cartes hébergées par d&#x27;autres sites" in placeholder
    assert 'data-charte-allow="external" hidden>Accepter « Contenus externes » et' in placeholder
    assert f'<a href="{VIDEO}">Voir « Le film » sur ExempleTV</a>' in placeholder
    assert re.search("<noscript><p[^>]*>Pour accepter, JavaScript doit être activé", placeholder)


def test_with_the_banner_off_embeds_are_as_wagtail_writes_them(banner, home, client):
    stored_embed()
    home.body = f'<embed embedtype="media" url="{VIDEO}"/>'
    home.save_revision().publish()
    banner.enabled = False
    banner.save()
    html = client.get(home.url).content.decode()
    assert "data-charte-gate" not in html
    assert embed_to_frontend_html(VIDEO) in html  # outside a request: Wagtail's own markup


def test_an_embed_block_keeps_the_embed_s_shape(banner):
    stored_embed(max_width=640)
    render = lambda: EmbedBlock().render(EmbedValue(VIDEO, max_width=640))  # noqa: E731
    with override_settings(WAGTAILEMBEDS_RESPONSIVE_HTML=False):
        (gate,) = gates(served(render))
        # Wagtail's markup stays the same inside; the placeholder takes the embed's ratio.
        assert gate["content"].strip() == embed_to_frontend_html(VIDEO, 640).strip()
    assert gate["style"] == ' style="aspect-ratio: 480 / 270; max-width: 480px"'
    with override_settings(WAGTAILEMBEDS_RESPONSIVE_HTML=True):
        (gate,) = gates(served(render))
    assert 'class="responsive-object"' in gate["content"]
    assert gate["style"] == ' style="aspect-ratio: 480 / 270"'  # as wide as its container


def test_the_drop_in_embed_tag_is_gated_and_wagtail_s_own_is_not(banner):
    stored_embed()
    ours = "{% load wagtail_charte_embed_tags %}{% embed url %}"
    (gate,) = gates(served(lambda: engines["django"].from_string(ours).render({"url": VIDEO})))
    assert gate["content"] == PLAYER
    theirs = "{% load wagtailembeds_tags %}{% embed url %}"
    assert served(lambda: engines["django"].from_string(theirs).render({"url": VIDEO})) == PLAYER


def test_a_provider_s_domains_give_its_embeds_its_category_without_editing_a_page(banner):
    stored_embed()
    render = lambda: EmbedBlock().render(EmbedValue(VIDEO))  # noqa: E731
    assert gates(served(render))[0]["slug"] == "external"
    provider = provider_with_cookie("Vidéothèque", "player.example.net", "statistics")
    # Claimed through the player's address, though the page names video.example.net.
    (gate,) = gates(served(render))
    assert gate["slug"] == "statistics"
    assert "Ce contenu vient de Vidéothèque" in served(render)
    provider.domains = "example.org"
    provider.save()
    assert gates(served(render))[0]["slug"] == "external"


def test_an_unclaimed_embed_needs_the_first_consent_category_when_the_settings_name_none(banner):
    banner.embed_category = ""
    banner.save()
    stored_embed()
    (gate,) = gates(served(lambda: EmbedBlock().render(EmbedValue(VIDEO))))
    assert gate["slug"] == "statistics"  # the first, by order, that needs consent


def test_without_a_category_that_needs_consent_an_embed_stays_closed(banner):
    CookieCategory.objects.filter(basis=ConsentBasis.CONSENT).update(basis=ConsentBasis.EXEMPT)
    stored_embed()
    html = served(lambda: EmbedBlock().render(EmbedValue(VIDEO)))
    assert "player.example.net" not in html
    assert "data-charte-allow" not in html
    assert "il ne s&#x27;affiche pas ici" in html
    assert f'<a href="{VIDEO}">' in html


def test_markup_that_would_close_the_template_early_stays_inside(banner):
    stored_embed(html=f"</template>{PLAYER}</TEMPLATE >{PLAYER}")
    html = served(lambda: EmbedBlock().render(EmbedValue(VIDEO)))
    assert "player.example.net" not in outside_templates(html)
    assert html.count("</template>") == 1


def test_an_embed_address_that_is_no_web_page_is_not_linked(banner):
    stored_embed(url="javascript:alert(1)", title="")
    html = served(lambda: EmbedBlock().render(EmbedValue("javascript:alert(1)")))
    assert "javascript:" not in html
    assert "<a " not in html
    assert re.search('class="charte-placeholder__title[^>]*>ExempleTV</p>', html)  # no title


def test_in_english_the_placeholder_speaks_english(banner):
    stored_embed(title="")
    html = served(lambda: EmbedBlock().render(EmbedValue(VIDEO)), path="/en/", language="en")
    assert "It comes from ExempleTV" in html
    assert "“External content”" in html
    assert f'<a href="{VIDEO}">Open it on ExempleTV</a>' in html


def test_the_placeholder_shows_the_texts_the_snapshot_proves(banner):
    stored_embed()
    html = served(lambda: EmbedBlock().render(EmbedValue(VIDEO)))
    texts = banner_config(banner.site, "fr").texts
    names = {"provider": "ExempleTV", "title": "Le film", "category": "Contenus externes"}
    for key in ("embed_notice", "embed_allow", "embed_link"):
        assert texts[key] % names in html.replace("&#x27;", "'"), key


def test_gating_costs_no_query_once_the_banner_is_cached(banner):
    embed = stored_embed()
    served(lambda: gate_embed(embed, PLAYER))  # the banner's config, cached

    def render():
        Site.find_for_request(current_request.get())  # as Wagtail's serve does first
        with CaptureQueriesContext(connection) as queries:
            gate_embed(embed, PLAYER)
        return "\n".join(query["sql"] for query in queries)

    assert served(render) == ""


def test_every_visitor_gets_the_same_bytes(banner, home, client):
    stored_embed()
    home.body = f'<embed embedtype="media" url="{VIDEO}"/>'
    home.save_revision().publish()
    first = client.get(home.url).content
    client.cookies["cookies_preferences"] = "anything"
    assert client.get(home.url).content == first


def test_the_system_check_says_when_embeds_would_go_ungated(settings):
    assert check_embeds_gated(None) == []
    settings.MIDDLEWARE = [
        entry
        for entry in settings.MIDDLEWARE
        if entry != "wagtail_charte.middleware.EmbedGateMiddleware"
    ]
    (warning,) = check_embeds_gated(None)
    assert warning.id == "wagtail_charte.W008"
    assert "EmbedGateMiddleware is not in MIDDLEWARE" in warning.msg
    assert isinstance(warning, checks.Warning)


def test_the_system_check_sees_a_site_s_own_embed_template(settings, tmp_path):
    own = tmp_path / "wagtailembeds"
    own.mkdir()
    (own / "embed_frontend.html").write_text("<div>{{ embed.html|safe }}</div>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    (warning,) = check_embeds_gated(None)
    assert "embed_frontend.html is not ours" in warning.msg
    (own / "embed_frontend.html").write_text(
        "{% load wagtail_charte_embed_tags %}{% charte_gate embed %}<div>{{ embed.html|safe }}"
        "</div>{% endcharte_gate %}"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]  # a fresh engine
    assert check_embeds_gated(None) == []


def test_the_banner_settings_take_only_a_category_that_needs_consent(banner):
    banner.embed_category = "necessary"
    with pytest.raises(ValidationError) as error:
        banner.full_clean()
    assert "embed_category" in error.value.message_dict
    banner.embed_category = "statistics"
    banner.full_clean()


@pytest.mark.parametrize(
    ("written", "cleaned"),
    [
        ("youtube.com\nyoutu.be", ["youtube.com", "youtu.be"]),
        (
            "https://www.YouTube.com/watch?v=1, *.ytimg.com; .googlevideo.com",
            ["www.youtube.com", "ytimg.com", "googlevideo.com"],
        ),
        ("  youtube.com youtube.com  ", ["youtube.com"]),
        ("bücher.example", ["xn--bcher-kva.example"]),
        ("", []),
    ],
)
def test_domains_are_cleaned_as_editors_write_them(written, cleaned):
    assert parse_domains(written) == cleaned


@pytest.mark.parametrize("written", ["youtube", "http://", "you tube.com;-bad-.com", "a..b.com"])
def test_what_is_no_domain_is_refused_by_name(written):
    with pytest.raises(ValueError, match="n'est pas un domaine|is not a domain"):
        parse_domains(written)


def test_a_provider_s_domains_are_cleaned_when_saved_from_its_form(demo):
    provider = CookieProvider.objects.filter(locale__language_code="fr").first()
    provider.domains = "https://maps.example.org/x\nEXAMPLE.org"
    provider.full_clean()
    assert provider.domains == "maps.example.org\nexample.org"
    provider.domains = "not a domain"
    with pytest.raises(ValidationError) as error:
        provider.full_clean()
    assert "domains" in error.value.message_dict


@pytest.mark.parametrize(
    ("url", "claimed"),
    [
        ("https://www.youtube.com/embed/1", True),
        ("//youtube.com/x", True),
        ("https://youtube.com.evil.example/", False),
        ("https://notyoutube.com/", False),
        ("https://[::1", False),
        ("/relative/path", False),
    ],
)
def test_a_domain_claims_itself_and_its_subdomains_only(url, claimed):
    assert on_domains(url, ["youtube.com"]) is claimed
