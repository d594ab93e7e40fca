"""A provider's domains in its edit form: the embeds of the site they claim, and the category
they need; its domains in the providers' listing and its export."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.embeds.models import Embed
from wagtail.models import Site

from wagtail_charte.banner.config import build_banner_config
from wagtail_charte.banner.embeds import claimant
from wagtail_charte.models import ConsentBasis, CookieCategory, CookieProvider
from wagtail_charte.register import panels

from .helpers import YOUTUBE_IFRAME, locale, provider_with_domains, stored_embed, url

HEADINGS = {"en": "Embeds on its domains", "fr": "Contenus intégrés sur ses domaines"}


def panel(client, obj, language="en"):
    """The embeds panel of `obj`'s edit form, as a soup; None when the form has none."""
    response = client.get(url(CookieProvider, "edit", obj.pk), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    heading = soup.find(string=lambda text: text and text.strip() == HEADINGS[language])
    return heading and heading.find_parent("section")


@pytest.fixture(autouse=True)
def no_demo_embeds(demo):
    """Only the embeds each test stores: the demo's own are on YouTube's domains too."""
    Embed.objects.all().delete()


def titles(found):
    return [row.th.get_text(strip=True) for row in found.select("tbody tr")]


def test_the_edit_form_lists_the_embeds_on_the_providers_domains_once_each(admin_client):
    youtube = provider_with_domains()
    video = ("https://www.youtube.com/watch?v=1", YOUTUBE_IFRAME.format(1, "Visite"))
    stored_embed(*video, "Visite de la médiathèque", "YouTube")
    # The same video at another width: one embed.
    stored_embed(*video, "Visite de la médiathèque", "YouTube", max_width=480)
    # Its address elsewhere, its player on a subdomain of one of the domains.
    stored_embed("https://media.example.org/v/2", YOUTUBE_IFRAME.format(2, "B"), "Bibliothèque")
    stored_embed("https://vimeo.com/3", '<iframe src="https://player.vimeo.com/video/3"></iframe>')
    # Both name youtube.com without being on it: the database's rough filter lets them by.
    stored_embed("https://notyoutube.com/4", "", "Imitation")
    stored_embed("https://example.org/5", "<p>Vue sur youtube.com</p>", "Mention")

    found = panel(admin_client, youtube)

    assert titles(found) == ["Bibliothèque", "Visite de la médiathèque"]
    link = found.find("a", string="https://www.youtube.com/watch?v=1")
    assert link["href"] == "https://www.youtube.com/watch?v=1"
    cells = [cell.get_text(strip=True) for cell in found.select("tbody td")]
    assert cells == ["https://media.example.org/v/2", "—", link.string, "YouTube"]
    assert "“Mesure d'audience”: the first category of its published cookies" in found.text


def test_the_category_named_is_the_one_the_banner_gates_them_by(admin_client, banner):
    fr = locale("fr")
    CookieCategory.objects.create(
        locale=fr, name="Contenus externes", slug="external-content", basis=ConsentBasis.CONSENT
    )
    banner.embed_category = "external-content"
    banner.save()
    # Domains of no provider of the demo's.
    own = provider_with_domains("Vidéothèque", "videos.example")
    other = provider_with_domains("Carto", "maps.example", category_slug=None)
    gates = build_banner_config(Site.objects.get(is_default_site=True), "fr").embed_providers

    assert claimant(gates, ["https://videos.example/watch?v=1"]).category == "statistics"
    assert "“Mesure d'audience”" in panel(admin_client, own).text
    assert claimant(gates, ["https://maps.example/m"]).category == ""
    sentence = "“Contenus externes”, the category the banner settings give to other embeds"
    assert sentence in panel(admin_client, other).text


def test_the_panel_says_when_the_banner_is_off(admin_client, banner):
    banner.enabled = False
    banner.save()
    assert "The banner is off on" in panel(admin_client, provider_with_domains()).text


def test_the_panel_shows_fifty_embeds_and_counts_the_others(admin_client):
    youtube = provider_with_domains()
    for number in range(53):
        html = YOUTUBE_IFRAME.format(number, "x")
        stored_embed(f"https://youtu.be/{number}", html, f"Vidéo {number:02}")

    found = panel(admin_client, youtube)

    assert titles(found) == [f"Vidéo {number:02}" for number in range(50)]
    assert "And 3 more embeds." in found.text


def test_the_edit_form_reads_the_same_number_of_rows_whatever_the_embeds(admin_client):
    youtube = provider_with_domains()
    stored_embed("https://www.youtube.com/watch?v=0", YOUTUBE_IFRAME.format(0, "x"), "Vidéo")
    edit = url(CookieProvider, "edit", youtube.pk)
    admin_client.get(edit)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(edit)
    for number in range(1, 120):
        html = YOUTUBE_IFRAME.format(number, "x")
        stored_embed(f"https://www.youtube.com/watch?v={number}", html)
        stored_embed(f"https://vimeo.com/{number}", "", "Vimeo")
    with CaptureQueriesContext(connection) as many:
        admin_client.get(edit)
    assert len(many) == len(few)
    # The other embeds are left in the database.
    (embed_query,) = [q["sql"] for q in many.captured_queries if "wagtailembeds_embed" in q["sql"]]
    assert "youtube.com" in embed_query


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_provider_without_domains_or_embeds_says_so(admin_client, language):
    bare = provider_with_domains(domains="")
    texts = {
        "en": "List the domains its embeds come from, above, to see them here.",
        "fr": "Indiquez ci-dessus les domaines d'où viennent ses contenus intégrés pour les "
        "voir ici.",
    }
    assert texts[language] in panel(admin_client, bare, language).text
    bare.domains = "maps.example"
    bare.save()
    empty = {
        "en": "No embed that Wagtail has fetched is on these domains.",
        "fr": "Aucun contenu intégré récupéré par Wagtail ne vient de ces domaines.",
    }
    assert empty[language] in panel(admin_client, bare, language).text


def test_a_draft_provider_is_said_to_count_once_published(admin_client):
    youtube = provider_with_domains()
    youtube.live = False
    youtube.save()
    assert "counts once it is published" in panel(admin_client, youtube).text


def test_a_draft_of_the_domains_lists_what_they_would_claim(admin_client):
    youtube = provider_with_domains()
    stored_embed("https://www.youtube.com/watch?v=1", "", "Vidéo")
    stored_embed("https://vimeo.com/2", "", "Autre vidéo")
    youtube.save_revision().publish()
    youtube.domains = "vimeo.com"
    youtube.save_revision()

    found = panel(admin_client, youtube)

    assert titles(found) == ["Autre vidéo"]
    assert "counts once it is published" in found.text


def test_the_create_form_has_no_embeds_panel(admin_client):
    response = admin_client.get(url(CookieProvider, "add"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert HEADINGS["en"] not in response.content.decode()


def test_without_wagtail_embeds_the_form_has_no_embeds_panel(admin_client, monkeypatch):
    monkeypatch.setattr(panels, "EMBEDS_INSTALLED", False)
    assert panel(admin_client, provider_with_domains()) is None


def test_the_listing_shows_and_exports_the_domains(admin_client):
    provider_with_domains()
    listing = admin_client.get(url(CookieProvider, "list"), {"locale": "fr"})
    assert "youtube.com, ytimg.com" in listing.content.decode()
    response = admin_client.get(url(CookieProvider, "list"), {"export": "csv", "locale": "fr"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert ["YouTube", "", "youtube.com\nytimg.com"] in csv.reader(io.StringIO(body))
