"""An editor whose admin language is French sees none of our English."""

import re

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.users.models import UserProfile

from wagtail_charte.models import (
    CharteSection,
    Cookie,
    CookieBannerSettings,
    CookieCategory,
    CookiePolicyPage,
    CookieProvider,
)

from .helpers import english_phrases, visible_text


@pytest.fixture
def french_admin(demo, client, django_user_model):
    admin = django_user_model.objects.get(username="admin")
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(admin)
    return client


def admin_urls():
    urls = []
    for model in (Cookie, CookieCategory, CookieProvider, CharteSection):
        viewset = model.snippet_viewset
        obj = model.objects.filter(locale__language_code="fr").first()
        urls += [
            reverse(viewset.get_url_name("list")),
            reverse(viewset.get_url_name("add")),
            reverse(viewset.get_url_name("edit"), args=[obj.pk]),
        ]
    page = CookiePolicyPage.objects.get(locale__language_code="fr")
    settings_url = reverse(
        "wagtailsettings:edit", args=["wagtail_charte", CookieBannerSettings._meta.model_name]
    )
    return [
        *urls,
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:add", args=["wagtail_charte", "cookiepolicypage", 3]),
        settings_url,
        reverse("wagtail_charte_translation_status:index"),
        *audit_urls(),
    ]


def audit_urls():
    """The audit's report and one run of it, when its optional app is installed."""
    if not apps.is_installed("wagtail_charte.contrib.audit"):
        return []
    # Imported here: the optional app's models load only when it is installed.
    from wagtail_charte.contrib.audit.run import run_audit, save_audit

    run = save_audit(*run_audit())
    return [
        reverse("wagtail_charte_audit:index"),
        reverse("wagtail_charte_audit:run", args=[run.pk]),
    ]


def test_admin_screens_show_no_english_of_ours(french_admin):
    phrases = english_phrases()
    assert len(phrases) > 50
    parent = CookiePolicyPage.objects.get(locale__language_code="fr").get_parent()
    leaks = {}
    for url in admin_urls():
        url = url.replace("/3/", f"/{parent.pk}/")
        response = french_admin.get(url, follow=True)
        assert response.status_code == 200, url
        text = visible_text(response.content)
        found = sorted(p for p in phrases if re.search(rf"\b{re.escape(p)}\b", text))
        if found:
            leaks[url] = found
    assert leaks == {}
