import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Locale, Page, Revision

from sandbox.home.models import HomePage


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "locales": Locale.objects.count(),
        "users": get_user_model().objects.count(),
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
