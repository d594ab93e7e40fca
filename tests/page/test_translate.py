""" "Translate" on a charte page (simple_translation): a page that still has the standard text
gets the standard text of the new language; an edited one is copied as it is."""

import pytest
from django.urls import reverse
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.models import Locale

from sandbox.home.models import HomePage
from wagtail_charte.blocks import TEXT_FEATURES
from wagtail_charte.models import CookiePolicyPage
from wagtail_charte.starter import starter_body


def as_the_admin_saves_it(body):
    """The body after a round trip through Draftail, which marks each paragraph with a key."""
    converter = ContentstateConverter(TEXT_FEATURES)
    return [
        block
        | {"value": converter.to_database_format(converter.from_database_format(block["value"]))}
        if block["type"] == "paragraph"
        else block
        for block in body
    ]


@pytest.fixture
def english_page(demo):
    CookiePolicyPage.objects.filter(slug="new-policy").delete()
    home = HomePage.objects.get(locale__language_code="en", depth=2)
    english = Locale.objects.get(language_code="en")
    body = as_the_admin_saves_it(starter_body(english))
    assert 'data-block-key="' in str(body)
    page = home.add_child(instance=CookiePolicyPage(title="Cookies", slug="new-policy", body=body))
    page.save_revision().publish()
    return page


def translate(admin_client, page):
    french = Locale.objects.get(language_code="fr")
    url = reverse("simple_translation:submit_page_translation", args=[page.pk])
    response = admin_client.post(url, {"locales": [french.pk]})
    assert response.status_code == 302
    return page.get_translation(french).specific


def headings(page):
    return [block.value["text"] for block in page.body if block.block_type == "heading"]


def test_translating_a_standard_page_gives_the_standard_text_of_the_new_language(
    admin_client, english_page
):
    assert english_page.has_standard_body()
    translated = translate(admin_client, english_page)
    assert headings(translated)[0] == "Qu’est-ce qu’un cookie ?"
    assert translated.has_standard_body()
    # The editor opens the latest revision: it has the French text too.
    assert headings(translated.get_latest_revision_as_object())[0] == "Qu’est-ce qu’un cookie ?"


def test_an_edited_page_is_translated_as_it_is(admin_client, english_page):
    english_page.body.append(("paragraph", "<p>Our own words.</p>"))
    english_page.save_revision().publish()
    english_page.refresh_from_db()
    assert not english_page.has_standard_body()
    translated = translate(admin_client, english_page)
    assert headings(translated)[0] == "What is a cookie?"
    assert "Our own words." in str(translated.body.raw_data)
