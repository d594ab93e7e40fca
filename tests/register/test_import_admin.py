"""The register's import and export in the Wagtail admin, through the real views."""

import io
import json
import time

import psycopg
import pytest
from django.core import signing
from django.core.management import call_command
from django.db import IntegrityError, OperationalError, connection
from django.urls import reverse
from wagtail.models import ModelLogEntry, Revision

from wagtail_charte.models import Cookie, CookieProvider
from wagtail_charte.register.transfer import formats
from wagtail_charte.register.transfer.export import export_csv, export_json, export_xlsx
from wagtail_charte.register.transfer.plan import Planner

from .helpers import (
    IMPORT,
    french_semicolon_csv,
    locale,
    log_in_as_editor,
    payload_of,
    register_state,
    set_purpose,
    upload,
)

EXPORT = reverse("wagtail_charte_register_transfer:export")
pytestmark = pytest.mark.django_db
MAY_PUBLISH_COOKIES = ["add_cookie", "change_cookie", "publish_cookie"]


def test_the_register_menu_offers_the_import_to_whoever_may_use_it(admin_client):
    assert IMPORT in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    page = admin_client.get(IMPORT, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert 'type="file"' in page.content.decode()
    assert f"{EXPORT}?locale=fr&amp;format=xlsx" in page.content.decode()


def test_the_menu_hides_the_import_from_editors_without_permission(editor_client):
    assert IMPORT not in editor_client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_editor_without_permission_is_refused_and_nothing_changes(editor_client, method):
    before = register_state()
    data = {"file": io.BytesIO(french_semicolon_csv(set_purpose("sessionid", "Piraté.")))}
    response = getattr(editor_client, method)(IMPORT, data if method == "post" else None)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert 'type="file"' not in editor_client.get(response["Location"]).content.decode()
    assert editor_client.get(EXPORT, {"locale": "fr"}).status_code == 302
    assert register_state() == before


def test_preview_then_confirm_imports_a_french_spreadsheet_as_the_editor(admin_client):
    before = register_state()
    content = french_semicolon_csv(set_purpose("sessionid", "Nouvelle finalité."))
    preview = upload(admin_client, content)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert register_state() == before  # a preview writes nothing
    assert "Changed" in html and "sessionid" in html
    assert "<del>Reconnaître la personne connectée d&#x27;une page à l&#x27;autre.</del>" in html
    assert "<ins>Nouvelle finalité.</ins>" in html
    assert "Cookies: 0 created, 1 updated, 6 unchanged, 0 deleted." in html

    response = admin_client.post(IMPORT, {"payload": payload_of(preview)})
    assert response.status_code == 302
    assert response["Location"].endswith("?locale=fr")
    cookie = Cookie.objects.get(locale__language_code="fr", name="sessionid")
    assert cookie.purpose == "Nouvelle finalité." and cookie.live
    assert cookie.live_revision.user.username == "admin"
    assert ModelLogEntry.objects.filter(
        object_id=str(cookie.pk), action="wagtail.publish", user__username="admin"
    ).exists()
    history = admin_client.get(
        reverse(Cookie.snippet_viewset.get_url_name("history"), args=[cookie.pk])
    )
    assert "admin" in history.content.decode().split("<main", 1)[-1]
    # The preview cannot be confirmed twice.
    again = admin_client.post(IMPORT, {"payload": payload_of(preview)}, HTTP_ACCEPT_LANGUAGE="en")
    assert register_state() != before
    state = register_state()
    assert again.status_code == 200 and "The register changed since the preview" in (
        again.content.decode()
    )
    assert register_state() == state


def test_an_editor_who_is_not_a_superuser_imports_from_the_menu(demo, client, django_user_model):
    user = log_in_as_editor(client, MAY_PUBLISH_COOKIES)
    assert IMPORT in client.get(reverse("wagtailadmin_home")).content.decode()
    preview = upload(client, french_semicolon_csv(set_purpose("sessionid", "Relu.")))
    assert "Cookies: 0 created, 1 updated, 6 unchanged, 0 deleted." in preview.content.decode()
    response = client.post(IMPORT, {"payload": payload_of(preview)})
    assert response.status_code == 302
    cookie = Cookie.objects.get(locale__language_code="fr", name="sessionid")
    assert cookie.purpose == "Relu." and cookie.live_revision.user == user
    history = client.get(reverse(Cookie.snippet_viewset.get_url_name("history"), args=[cookie.pk]))
    assert history.status_code == 200
    assert "redactrice" in history.content.decode().split("<main", 1)[-1]


def test_a_failure_midway_through_the_confirmation_writes_nothing(admin_client, monkeypatch):
    def change(rows):
        for row in rows[1:]:
            row[4] += " (revu)"

    preview = upload(admin_client, french_semicolon_csv(change))
    assert "0 created, 7 updated" in preview.content.decode()
    before = register_state()
    publish = Revision.publish
    published = []

    def publish_then_fail(revision, *args, **kwargs):
        if len(published) == 2:
            raise IntegrityError("duplicate key value violates unique constraint")
        published.append(publish(revision, *args, **kwargs))

    monkeypatch.setattr(Revision, "publish", publish_then_fail)
    response = admin_client.post(
        IMPORT, {"payload": payload_of(preview)}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert len(published) == 2
    assert response.status_code == 200
    assert (
        "Someone changed the register while the file was being imported, so nothing was "
        "imported. Import the file again." in response.content.decode()
    )
    assert "duplicate key" not in response.content.decode()
    assert register_state() == before


def test_cancelling_leaves_nothing_behind(admin_client):
    before = register_state()
    session_before = dict(admin_client.session)
    preview = upload(admin_client, french_semicolon_csv(set_purpose("sessionid", "Autre.")))
    assert payload_of(preview)
    cancel = admin_client.get(IMPORT)
    assert cancel.status_code == 200
    assert register_state() == before
    # Nothing of the file is kept on the server: not in the session, not in a file.
    assert dict(admin_client.session) == session_before


def test_errors_name_the_row_and_column_and_nothing_can_be_confirmed(admin_client):
    def break_rows(rows):
        rows[2][6] = "13 moons"
        rows[3][0] = "nowhere"

    before = register_state()
    preview = upload(admin_client, french_semicolon_csv(break_rows))
    html = preview.content.decode()
    assert "Line 3, field “durée de vie”: cannot read “13 moons”" in html
    assert "Line 4, field “catégorie”: no category with the slug “nowhere”" in html
    assert not payload_of(preview)
    assert 'name="payload"' not in html
    assert register_state() == before


def test_a_file_that_cannot_be_read_is_reported_on_the_upload_page(admin_client):
    content = "catégorie;nom\nnécessaire;é".encode("cp1252")
    response = upload(admin_client, content)
    html = response.content.decode()
    assert "Line 1: the file is not valid UTF-8 text" in html
    assert "Save it as UTF-8" in html
    assert 'type="file"' in html


def test_a_file_from_another_locale_is_refused_unless_allowed(admin_client):
    before = register_state()
    english = export_csv(locale("en")).encode()
    refused = upload(admin_client, english)
    assert "This file comes from the “en” register, not “fr”" in refused.content.decode()
    assert not payload_of(refused)
    allowed = upload(admin_client, english, allow_locale_mismatch="on")
    assert payload_of(allowed)
    assert register_state() == before


def test_delete_missing_shows_the_deletions_and_needs_the_delete_permission(
    admin_client, client, django_user_model
):
    content = french_semicolon_csv(lambda rows: rows.pop())
    preview = upload(admin_client, content, delete_missing="on")
    assert "Deleted" in preview.content.decode()
    assert "Cookies: 0 created, 0 updated, 6 unchanged, 1 deleted." in preview.content.decode()

    log_in_as_editor(client, MAY_PUBLISH_COOKIES)
    before = register_state()
    preview = upload(client, content, delete_missing="on")
    assert "You may not delete cookies, and this import would." in preview.content.decode()
    assert not payload_of(preview)
    assert register_state() == before


def test_a_forged_or_expired_preview_writes_nothing(admin_client, settings, django_user_model):
    preview = upload(admin_client, french_semicolon_csv(set_purpose("sessionid", "Autre.")))
    before = register_state()
    admin = django_user_model.objects.get(username="admin")
    data = signing.loads(payload_of(preview), salt=f"wagtail_charte.register_import.{admin.pk}")
    forged = signing.dumps(data, salt="someone else", compress=True)
    for payload in (forged, payload_of(preview)[:-3] + "abc", "not a payload"):
        response = admin_client.post(IMPORT, {"payload": payload})
        assert response.status_code == 302 and response["Location"] == IMPORT
    settings.SECRET_KEY = "another key"  # as a payload signed before a key rotation
    admin_client.post(IMPORT, {"payload": payload_of(preview)})
    assert register_state() == before


def test_the_upload_has_a_size_limit(admin_client, monkeypatch):
    monkeypatch.setattr(formats, "MAX_IMPORT_BYTES", 100)
    response = upload(admin_client, french_semicolon_csv())
    assert "is larger than" in response.content.decode()
    assert not payload_of(response)


@pytest.mark.parametrize("format", ["csv", "xlsx", "json"])
def test_an_exported_register_imports_back_as_nothing_to_do(admin_client, format):
    response = admin_client.get(EXPORT, {"locale": "fr", "format": format})
    assert response.status_code == 200
    assert f'filename="cookies-fr.{format}"' in response["Content-Disposition"]
    expected = {"csv": export_csv, "xlsx": export_xlsx, "json": export_json}[format]
    if format != "xlsx":  # a workbook's bytes hold its creation time
        assert response.content == expected(locale("fr")).encode()
    preview = upload(admin_client, response.content, name=f"cookies.{format}")
    assert "there is nothing to import" in preview.content.decode()
    assert not payload_of(preview)


def test_export_refuses_an_unknown_locale_or_format(admin_client):
    # A 404 outside the language prefix is redirected into it (LocaleMiddleware), then a 404.
    for query in ({"locale": "de"}, {"locale": "fr", "format": "xls"}):
        assert admin_client.get(EXPORT, query, follow=True).status_code == 404


def test_the_import_screens_are_in_french(admin_client):
    page = admin_client.get(IMPORT, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Prévisualiser l’import" in page
    content = french_semicolon_csv(set_purpose("sessionid", "Autre."))
    data = {"file": io.BytesIO(content), "locale": locale("fr").pk}
    data["file"].name = "cookies.csv"
    preview = admin_client.post(IMPORT, data, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Importer ces changements" in preview
    assert "Modifié" in preview
    assert "Cookie : sessionid" in preview


def test_the_upload_form_speaks_the_editors_language_throughout(admin_client):
    english = admin_client.get(IMPORT, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Excel workbook (.xlsx) or JSON, up to 5 MB." in english
    assert "classeur Excel" not in english
    french = admin_client.get(IMPORT, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "classeur Excel (.xlsx) ou JSON, jusqu’à 5 Mo." in french
    assert "Excel workbook" not in french


def test_file_content_is_escaped_in_the_preview(admin_client):
    script = "<script>alert(1)</script>"

    def hostile(rows):
        rows[1][4] = script
        rows.append(["necessary", script, "", "x", "y", "first", "session", "fr"])
        rows.append(["nowhere", "Opendatasoft", "", "z", script, "first", "6 moons", "fr"])

    html = upload(admin_client, french_semicolon_csv(hostile)).content.decode()
    assert script not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_preview_shows_a_providers_domains_on_one_line_then_imports_them(admin_client):
    data = json.loads(export_json(locale("fr")))
    data["providers"][0]["domains"] = ["matomo.cloud", "cdn.matomo.cloud"]
    preview = upload(admin_client, json.dumps(data).encode(), name="register.json")
    html = preview.content.decode()
    assert "Cookie provider: Matomo" in html
    change = "<del>—</del> → <ins>matomo.cloud, cdn.matomo.cloud</ins>"
    assert f"<dt>domains</dt><dd>{change}</dd>" in html
    admin_client.post(IMPORT, {"payload": payload_of(preview)})
    provider = CookieProvider.objects.get(locale__language_code="fr", name="Matomo")
    assert provider.domains == "matomo.cloud\ncdn.matomo.cloud"


# Bounded: no request, and no statement, runs for long


def caps(settings, entries=None, changes=None):
    values = {"ADMIN_IMPORT_MAX_ENTRIES": entries, "ADMIN_IMPORT_MAX_CHANGES": changes}
    settings.WAGTAIL_CHARTE = {key: value for key, value in values.items() if value is not None}


@pytest.mark.parametrize("name", ["cookies.csv", "register.json"])
def test_a_file_beyond_the_admins_cap_is_refused_naming_the_cap_and_the_command(
    admin_client, settings, name
):
    """A row of a table, an entry of a JSON file (categories and providers too)."""
    if name == "cookies.csv":
        content = french_semicolon_csv()
        cap = len(content.splitlines()) - 1
    else:
        content = export_json(locale("fr")).encode()
        data = json.loads(content)
        cap = sum(len(data[kind]) for kind in ("categories", "providers", "cookies"))
    caps(settings, entries=cap)
    assert "there is nothing to import" in upload(admin_client, content, name=name).content.decode()
    caps(settings, entries=cap - 1)
    html = upload(admin_client, content, name=name).content.decode()
    assert f"The admin imports a file of up to {cap - 1} entries" in html
    assert (
        f"This file holds more than {cap - 1} entries, more than the admin imports at once. "
        "Import it with the command “manage.py charte_import”, or in several files."
    ) in html
    assert 'type="file"' in html


def test_an_import_writing_more_changes_than_the_admins_cap_cannot_be_confirmed(
    admin_client, settings
):
    def change(rows):
        for row in rows[1:3]:
            row[4] += " (revu)"

    content = french_semicolon_csv(change)
    caps(settings, changes=2)
    assert payload_of(upload(admin_client, content))
    caps(settings, changes=1)
    preview = upload(admin_client, content)
    assert (
        "This import would write 2 changes, more than the 1 the admin writes at once. Import "
        "the file with the command “manage.py charte_import”, or in several files."
    ) in preview.content.decode()
    assert not payload_of(preview)


def test_the_command_has_no_cap(settings, tmp_path):
    caps(settings, entries=1, changes=1)
    path = tmp_path / "cookies.csv"
    path.write_bytes(
        french_semicolon_csv(lambda rows: [row.__setitem__(4, "Revu.") for row in rows[1:]])
    )
    out = io.StringIO()
    call_command("charte_import", str(path), "--locale", "fr", stdout=out)
    assert "Cookies: 0 created, 7 updated, 0 unchanged, 0 deleted." in out.getvalue()


@pytest.mark.parametrize("step", ["preview", "confirm"])
def test_a_locked_database_is_a_sentence_for_the_editor(admin_client, monkeypatch, step):
    preview = upload(admin_client, french_semicolon_csv(set_purpose("sessionid", "Autre.")))
    before = register_state()

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(Planner, "run", locked)
    if step == "preview":
        html = upload(admin_client, french_semicolon_csv()).content.decode()
    else:
        response = admin_client.post(
            IMPORT, {"payload": payload_of(preview)}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
        )
        html = response.content.decode()
    assert (
        "The database was busy or too slow to answer, so nothing was imported. Try again in a "
        "moment."
    ) in html
    assert "database is locked" not in html
    assert register_state() == before


@pytest.mark.postgresql  # PostgreSQL's statement_timeout
def test_a_statement_waiting_on_a_lock_is_cancelled_and_told_as_a_sentence(admin_client, settings):
    """Another session holds the cookie's row: the import's UPDATE waits for it, until
    IMPORT_STATEMENT_TIMEOUT cancels it; the holder lets go after 10 s in any case."""
    preview = upload(admin_client, french_semicolon_csv(set_purpose("sessionid", "Autre.")))
    cookie = Cookie.objects.get(locale__language_code="fr", name="sessionid")
    settings.WAGTAIL_CHARTE = {"IMPORT_STATEMENT_TIMEOUT": 0.5}
    database = connection.settings_dict
    with psycopg.connect(
        dbname=database["NAME"],
        user=database["USER"],
        password=database["PASSWORD"],
        host=database["HOST"],
        port=database["PORT"],
    ) as holder:
        holder.execute("SET idle_in_transaction_session_timeout = '10s'")
        holder.execute("SELECT 1 FROM wagtail_charte_cookie WHERE id = %s FOR UPDATE", [cookie.pk])
        started = time.monotonic()
        response = admin_client.post(
            IMPORT, {"payload": payload_of(preview)}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
        )
        waited = time.monotonic() - started
        holder.rollback()
    html = response.content.decode()
    assert "The database was busy or too slow to answer, so nothing was imported." in html
    assert "canceling statement" not in html
    assert waited < 5
    cookie.refresh_from_db()
    assert cookie.purpose != "Autre."
