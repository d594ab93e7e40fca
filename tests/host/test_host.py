"""The package in a host laid out like a real site: LANGUAGE_CODE "en-us", its own templates."""

import pytest

from wagtail_charte.models import ConsentSnapshot, CookiePolicyPage

from .helpers import live_pages, url_of

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
