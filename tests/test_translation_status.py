from django.urls import reverse
from wagtail.models import Locale

from wagtail_charte.models import (
    CharteSection,
    Cookie,
    CookieCategory,
    CookiePolicyPage,
    CookieProvider,
)

REPORT = "/admin/reports/charte-translations/"


def rows(client):
    response = client.get(REPORT, {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return [line.split(",") for line in body.strip().splitlines()[1:]]


def test_nothing_is_reported_when_every_entry_has_a_live_translation(admin_client):
    assert rows(admin_client) == []


def test_drafts_and_missing_translations_are_listed_with_a_link(admin_client):
    Cookie.objects.get(name="csrftoken", locale__language_code="en").unpublish()
    Locale.objects.create(language_code="de")
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
