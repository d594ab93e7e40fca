"""The package in a host laid out like a real site: LANGUAGE_CODE "en-us", its own templates."""

import pytest
from django.utils import translation
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def test_every_page_of_the_host_answers_in_its_language(host, client):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        with translation.override(page.locale.language_code):
            url = page.url
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'lang="{page.locale.language_code}"' in response.text
