"""The register's admin in the host: languages where the site has them, and only there."""

import re
import uuid

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale

from wagtail_charte.models import Cookie

pytestmark = pytest.mark.django_db
I18N = settings.WAGTAIL_I18N_ENABLED


@pytest.fixture
def admin(host, client):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(user)
    return client


def headings(response):
    return [
        re.sub(r"<[^>]+>|\s+", " ", cell).strip()
        for cell in re.findall(r"<th\b.*?</th>", response.text, re.S)
    ]


@pytest.mark.parametrize("model", ["cookie", "cookiecategory", "cookieprovider"])
def test_the_register_shows_a_locale_column_only_with_i18n(admin, model):
    response = admin.get(reverse(f"wagtailsnippets_wagtail_charte_{model}:list"))
    assert response.status_code == 200
    assert ("Locale" in headings(response)) is I18N


def test_the_translation_report_lists_the_site_s_languages_only(admin):
    Locale.objects.create(language_code="de")  # left over from a language the site dropped
    cookie = Cookie.objects.get(locale=Locale.get_default(), name="csrftoken")
    cookie.pk, cookie.translation_key, cookie.name = None, uuid.uuid4(), "untranslated"
    cookie.save()
    cookie.save_revision().publish()
    menu = admin.get(reverse("wagtailadmin_home")).text
    if not I18N:
        assert "Translation status" not in menu
        return
    response = admin.get(reverse("wagtail_charte_translation_status:index") + "?export=csv")
    assert "Translation status" in menu
    languages = {line.split(",")[0] for line in response.getvalue().decode().splitlines()[1:]}
    assert languages == {"Français"}
