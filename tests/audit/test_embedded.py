"""The audit and embeds: iframes and scripts from other sites that no gate holds back, and
gated embeds whose domain no provider of the register lists."""

import pytest
from django.utils import translation
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Locale

from wagtail_charte.contrib.audit.html import parse_page
from wagtail_charte.contrib.audit.run import run_audit, save_audit
from wagtail_charte.models import CookieProvider

from ..testapp.views import EMBED_URLS

PAGE = "http://localhost/tracker/embeds/"
PASTED_IFRAME = "https://www.youtube.com/embed/pasted"
PASTED_SCRIPT = "https://widgets.example.net/widget.js"
YOUTUBE, VIMEO = EMBED_URLS
SOURCES = {
    YOUTUBE: "https://www.youtube.com/embed/declared",
    VIMEO: "https://player.vimeo.com/video/76979871",
}


@pytest.fixture
def embeds_page(demo, banner, settings, monkeypatch):
    """The test app's page with embeds, audited in place of the live pages. Wagtail's embeds
    are stored as its finders would store them; those no provider claims need "external"."""
    settings.ROOT_URLCONF = "tests.testapp.urls"
    monkeypatch.setattr("wagtail_charte.contrib.audit.run.live_page_urls", lambda locales: [PAGE])
    for url, src in SOURCES.items():
        Embed.objects.create(
            url=url,
            hash=get_embed_hash(url),
            html=f'<iframe src="{src}" width="480" height="270" title="A video"></iframe>',
            type="video",
            width=480,
            height=270,
            title="A video",
        )
    banner.embed_category = "external"
    banner.save()


@pytest.fixture
def youtube(demo):
    """A provider of the register that lists YouTube's domain."""
    return CookieProvider.objects.create(
        name="YouTube", domains="youtube.com", locale=Locale.get_default()
    )


def test_an_iframe_and_a_script_pasted_in_raw_html_are_reported(embeds_page, youtube, audit):
    result = audit("--json")
    assert result.status == 1
    assert result.report["clean"] is False
    # Declaring YouTube does not gate what is pasted: it still loads before any choice.
    ungated = {(f["tracker"], f["name"], f["domain"]) for f in result.findings("ungated")}
    assert ungated == {
        ("iframe", PASTED_IFRAME, "www.youtube.com"),
        ("script", PASTED_SCRIPT, "widgets.example.net"),
    }
    for finding in result.findings("ungated"):
        assert finding["urls"] == [PAGE]
        assert (finding["party"], finding["phase"], finding["before_choice"]) == (
            "third",
            "before",
            True,
        )
        assert finding["category"] is None


def test_a_gated_embed_of_a_declared_provider_is_not_reported(embeds_page, youtube, audit):
    result = audit("--json")
    assert YOUTUBE not in {finding["name"] for finding in result.report["findings"]}
    # Its iframe is in the gate's template: not a pasted one.
    assert SOURCES[YOUTUBE] not in {finding["name"] for finding in result.report["findings"]}


def test_a_gated_embed_whose_domain_no_provider_lists_is_reported(embeds_page, youtube, audit):
    (finding,) = audit("--json").findings("unclaimed")
    assert finding == {
        "kind": "unclaimed",
        "tracker": "embed",
        "name": VIMEO,
        # What to add to a provider's domains.
        "domain": "vimeo.com",
        "party": "third",
        "lifetime_seconds": None,
        # Gated: it waits for a choice, under the category of the embeds no provider claims.
        "phase": None,
        "before_choice": False,
        "urls": [PAGE],
        "declared_name": None,
        "declared_lifetime": None,
        "category": "external",
    }
    # Once a provider lists the domain, the embed is its own: nothing left to report.
    youtube.domains = "youtube.com\nvimeo.com"
    youtube.save()
    assert audit("--json").findings("unclaimed") == []


def test_without_any_provider_listing_domains_every_gated_embed_is_reported(embeds_page, audit):
    for provider in CookieProvider.objects.exclude(domains=""):  # the demo's YouTube's
        provider.domains = ""
        provider.save()
    unclaimed = {(f["name"], f["domain"]) for f in audit("--json").findings("unclaimed")}
    assert unclaimed == {(YOUTUBE, "youtube.com"), (VIMEO, "vimeo.com")}


def test_the_sites_own_scripts_and_the_banner_are_not_reported(embeds_page, youtube, audit):
    findings = audit("--json").findings()
    reported = {f["domain"] for f in findings if f["kind"] in ("ungated", "unclaimed")}
    # The banner's script, the gated statistics script and the demo's gated embed of
    # base.html are the site's own.
    assert reported == {"www.youtube.com", "widgets.example.net", "vimeo.com"}


def test_the_sites_own_assets_from_a_cdn_of_its_own_are_not_reported(demo, audit, settings):
    settings.STATIC_URL = "https://static.example.org/static/"
    result = audit("--json")
    assert result.findings("ungated") == result.findings("unclaimed") == []
    assert result.status == 0


def test_the_text_report_says_what_to_do(embeds_page, youtube, audit, settings):
    settings.LANGUAGE_CODE = "en"
    output = audit().output
    assert "\nLoaded from another site without consent (2)\n" in output
    assert (
        f"  {PASTED_IFRAME} — iframe, www.youtube.com, Third party, loaded before any choice: "
        "embed its address with an embed block or in rich text, which the banner gates, rather "
        f"than writing the iframe\n    seen on: {PAGE}\n"
    ) in output
    assert (
        f"  {PASTED_SCRIPT} — Script, widgets.example.net, Third party, loaded before any "
        'choice: gate it with type="text/plain", data-charte-category and data-charte-src\n'
    ) in output
    assert "\nFrom a provider not in the register (1)\n" in output
    assert (
        f"  {VIMEO} — Embed, vimeo.com, Third party, category “external”, no provider of the "
        f"register lists its domain: add vimeo.com to the domains of its provider\n"
        f"    seen on: {PAGE}\n"
    ) in output
    assert output.endswith("3 problems found.\n")


def test_the_report_in_the_admin_shows_them_in_french(embeds_page, youtube, admin_client):
    with translation.override("fr"):
        run = save_audit(*run_audit())
    page = admin_client.get(f"/admin/reports/charte-audit/{run.pk}/").content.decode()
    assert "Chargé depuis un autre site sans consentement (2)" in page
    assert "D’un prestataire absent du registre (1)" in page
    assert "ajoutez vimeo.com aux domaines de son prestataire" in page
    assert f'href="{PAGE}"' in page
    # Where to declare it.
    assert '<a class="button button-small button-secondary" href="/admin/snippets/' in page
    assert "Déclarer vimeo.com sur son prestataire" in page


GATE = (
    '<div class="charte-gate" data-charte-gate style="aspect-ratio: 16 / 9">'
    '<div class="charte-placeholder"><p>A map</p><p>It comes from OpenStreetMap…</p>'
    '<button type="button" data-charte-allow="external" hidden>Accept</button>'
    "<noscript><p>Accepting needs JavaScript.</p></noscript>"
    '<p><a href="https://www.openstreetmap.org/?mlat=48.85&mlon=2.35">Open it</a></p></div>'
    '<template data-charte-category="external"><div class="responsive-object">'
    '<iframe src="https://www.openstreetmap.org/export/embed.html"></iframe>'
    '<script src="https://www.openstreetmap.org/widget.js"></script></div></template></div>'
)


def test_what_a_gates_template_holds_is_gated():
    page = parse_page(f"<main><p>A map{GATE}<a href='/fr/next/'>Next</a></main>", PAGE)
    (embed,) = page.embedded
    assert (embed.tracker, embed.url, embed.category) == (
        "embed",
        "https://www.openstreetmap.org/?mlat=48.85&mlon=2.35",
        "external",
    )
    assert embed.sources == (
        "https://www.openstreetmap.org/?mlat=48.85&mlon=2.35",
        "https://www.openstreetmap.org/export/embed.html",
        "https://www.openstreetmap.org/widget.js",
    )
    # What the browser audit checks is not requested before the category is allowed.
    assert {(resource.url, resource.category) for resource in page.gated} == {
        ("https://www.openstreetmap.org/export/embed.html", "external"),
        ("https://www.openstreetmap.org/widget.js", "external"),
    }
    # The placeholder's link is the embed's page on its provider's site, not one to crawl.
    assert page.links == ["http://localhost/fr/next/"]


def test_an_iframe_after_a_gate_is_not_gated_by_it():
    after = '<iframe src="https://maps.example.net/embed"></iframe>'
    page = parse_page(f"<div>{GATE}</div>{after}", PAGE)
    assert [(e.tracker, e.url, e.category) for e in page.embedded] == [
        ("embed", "https://www.openstreetmap.org/?mlat=48.85&mlon=2.35", "external"),
        ("iframe", "https://maps.example.net/embed", ""),
    ]


@pytest.mark.parametrize(
    "html",
    [
        # Never fetched: scripts of another type.
        '<script type="text/plain" data-charte-category="statistics" src="https://a.example.net/s.js"></script>',
        '<script type="application/ld+json" src="https://a.example.net/d.json"></script>',
        # The site's own, by a path or by its host.
        '<script src="/static/site.js"></script><iframe src="http://localhost/map/"></iframe>',
        # An image from another site is left to the browser audit's requests.
        '<img src="https://cdn.example.net/photo.jpg" alt="">',
    ],
)
def test_what_does_not_load_from_another_site_is_not_reported(html):
    assert parse_page(html, PAGE).embedded == []


@pytest.mark.parametrize(
    ("html", "tracker"),
    [
        ('<script src="https://a.example.net/s.js" type="module"></script>', "script"),
        ('<noscript><iframe src="https://tags.example.net/ns.html"></iframe></noscript>', "iframe"),
        # A template that is not a gate's is shown by whatever script the site runs.
        ('<template><iframe src="https://a.example.net/v"></iframe></template>', "iframe"),
    ],
)
def test_what_loads_from_another_site_without_a_gate_is_reported(html, tracker):
    (embedded,) = parse_page(html, PAGE).embedded
    assert (embedded.tracker, embedded.category) == (tracker, "")
