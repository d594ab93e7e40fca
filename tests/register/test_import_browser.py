"""The import as an editor does it in Chromium: upload, preview, confirm; axe on each screen."""

import os

import pytest
from django.utils import translation
from wagtail.models import Locale

from wagtail_charte.models import Cookie
from wagtail_charte.register.transfer.export import export_csv

from ..helpers import admin_log_in, axe_violations, user_with_permissions

pytestmark = pytest.mark.browser
SCREENSHOTS = os.environ.get("CHARTE_SCREENSHOTS")


def shoot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def test_an_editor_imports_a_spreadsheet_after_a_preview(demo_server, page, tmp_path):
    text = export_csv(Locale.objects.get(language_code="fr")).replace(",", ";")
    text = text.replace("Protéger les formulaires", "Protéger tous les formulaires")
    path = tmp_path / "cookies.csv"
    path.write_text(text, encoding="utf-8-sig")

    admin_log_in(page, demo_server)
    page.get_by_role("button", name="Cookies").click()
    page.get_by_role("link", name="Importer").click()
    page.wait_for_url("**/charte/register/import/")
    assert axe_violations(page) == []
    shoot(page, "import-upload")

    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Prévisualiser l’import").click()
    page.get_by_role("table").wait_for()
    row = page.get_by_role("row", name="csrftoken")
    assert "Modifié" in row.inner_text()
    assert "Protéger tous les formulaires" in row.get_by_role("insertion").inner_text()
    assert axe_violations(page) == []
    shoot(page, "import-preview")
    cookie = Cookie.objects.get(locale__language_code="fr", name="csrftoken")
    assert cookie.purpose.startswith("Protéger les formulaires")

    page.get_by_role("button", name="Importer ces changements").click()
    page.wait_for_url("**/snippets/wagtail_charte/cookie/?locale=fr")
    assert "importé dans le registre" in page.get_by_role("status").first.inner_text()
    cookie.refresh_from_db()
    assert cookie.purpose.startswith("Protéger tous les formulaires")


def test_errors_in_the_preview_are_accessible(demo_server, page, tmp_path):
    # The file's headings, which the error names, are in the language of the export.
    with translation.override("fr"):
        text = export_csv(Locale.objects.get(language_code="fr"))
    text = text.replace("6 months", "6 moons")
    path = tmp_path / "cookies.csv"
    path.write_text(text, encoding="utf-8")
    admin_log_in(page, demo_server)
    page.goto(f"{demo_server.url}/admin/charte/register/import/")
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Prévisualiser l’import").click()
    alert = page.get_by_role("alert")
    assert "Ligne 2, champ « durée de vie » : impossible de lire « 6 moons »" in alert.inner_text()
    assert page.get_by_role("button", name="Importer ces changements").count() == 0
    assert axe_violations(page) == []
    shoot(page, "import-errors")


def test_an_editor_who_may_not_publish_sees_drafts_in_the_preview(demo_server, page, tmp_path):
    user = user_with_permissions(
        "access_admin", "add_cookie", "change_cookie", username="redactrice"
    )
    text = export_csv(Locale.objects.get(language_code="fr"))
    path = tmp_path / "cookies.csv"
    path.write_text(text.replace("Protéger les", "Protéger tous les"), encoding="utf-8")

    admin_log_in(page, demo_server, ("redactrice", "pw"))
    page.goto(f"{demo_server.url}/admin/charte/register/import/")
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Prévisualiser l’import").click()
    page.get_by_role("table").wait_for()
    assert "Vous n’avez pas le droit de publier les cookies" in page.inner_text("main")
    row = page.get_by_role("row", name="csrftoken")
    assert "Modifié, enregistré comme brouillon" in row.inner_text()
    assert axe_violations(page) == []
    shoot(page, "import-preview-drafts")

    page.get_by_role("button", name="Importer ces changements").click()
    page.wait_for_url("**/snippets/wagtail_charte/cookie/?locale=fr")
    assert "1 brouillon a été enregistré" in page.get_by_role("status").first.inner_text()
    cookie = Cookie.objects.get(locale__language_code="fr", name="csrftoken")
    assert cookie.purpose.startswith("Protéger les formulaires")
    assert cookie.latest_revision.user == user
