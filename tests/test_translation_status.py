import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale

from wagtail_charte.models import (
    CharteSection,
    Cookie,
    CookieCategory,
    CookiePolicyPage,
    CookieProvider,
)

from .helpers import user_with_permissions

REPORT = "/admin/reports/charte-translations/"


@pytest.fixture
def german(settings):
    """German added to the site's languages, with its locale: the register is to translate."""
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = [
        *settings.LANGUAGES,
        ("de", "German"),
    ]
    return lambda: Locale.objects.create(language_code="de")


def rows(client):
    response = client.get(REPORT, {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return [line.split(",") for line in body.strip().splitlines()[1:]]


def test_nothing_is_reported_when_every_entry_has_a_live_translation(admin_client):
    assert rows(admin_client) == []


def test_a_locale_the_site_no_longer_serves_is_not_reported(admin_client):
    Locale.objects.create(language_code="de")
    assert rows(admin_client) == []


def test_drafts_and_missing_translations_are_listed_with_a_link(admin_client, german):
    Cookie.objects.get(name="csrftoken", locale__language_code="en").unpublish()
    german()
    reported = rows(admin_client)
    assert ["English", "Cookie", "csrftoken", "Brouillon"] in reported
    german = [row for row in reported if row[0] == "German"]
    live_french = sum(
        m.objects.filter(locale__language_code="fr", live=True).count()
        for m in (Cookie, CookieCategory, CookieProvider, CharteSection, CookiePolicyPage)
    )
    assert len(german) == live_french
    assert all(row[3] == "Manquante" for row in german)
    assert {"Charte cookies", "Section réutilisable"} <= {row[1] for row in german}
    html = admin_client.get(REPORT).content.decode()
    sessionid = Cookie.objects.get(name="sessionid", locale__language_code="fr")
    translate = reverse(
        "simple_translation:submit_snippet_translation",
        args=["wagtail_charte", "cookie", sessionid.pk],
    )
    assert f'href="{translate}"' in html


def test_users_without_register_permissions_cannot_see_the_report(editor_client):
    response = editor_client.get(REPORT)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_who_keeps_the_cookies_finds_the_report_listing_what_they_may_translate(
    demo, client, django_user_model, german
):
    keeper = django_user_model.objects.create_user("keeper", password="pw")
    keeper.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "change_cookie"])
    )
    client.force_login(keeper)
    assert REPORT in client.get(reverse("wagtailadmin_home")).content.decode()
    german()
    # Cookies only: they may change neither the pages, the sections nor the categories.
    live_french_cookies = Cookie.objects.filter(locale__language_code="fr", live=True)
    assert len(rows(client)) == live_french_cookies.count() > 0


@pytest.fixture
def page_editor(demo, client, django_user_model, request):
    """A member of Wagtail's default "Editors" group, or a user who may change one page."""
    if request.param == "editors":
        user = django_user_model.objects.create_user("pages", password="pw")
        user.groups.add(Group.objects.get(name="Editors"))
    else:
        user = user_with_permissions("access_admin", username="pages")
        charte = CookiePolicyPage.objects.get(locale__language_code="fr")
        GroupPagePermission.objects.create(
            group=user.groups.get(),
            page=charte,
            permission=Permission.objects.get(codename="change_page"),
        )
    client.login(username="pages", password="pw")
    return client


@pytest.mark.parametrize("page_editor", ["editors", "one page"], indirect=True)
@pytest.mark.parametrize(
    "url, params",
    [(REPORT, {}), (REPORT + "results/", {}), (REPORT, {"export": "csv"})],
    ids=["report", "results", "csv"],
)
def test_page_editors_get_no_part_of_the_report(page_editor, url, params, german):
    german()  # every charte page now lacks a translation
    response = page_editor.get(url, params)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert response.content == b""
    dashboard = page_editor.get(response["Location"]).content.decode()
    assert "Manquante" not in dashboard  # the status of each untranslated entry
    assert REPORT not in dashboard  # nor the menu item
