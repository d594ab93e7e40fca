"""The admin import for editors who may add and change register entries but not publish them:
their changes are saved as drafts, and the site shows the published register until someone
who may publish publishes the drafts in the admin."""

import io
import json
import re

import pytest
from django.test import Client
from django.utils.html import escape
from wagtail.models import ModelLogEntry, Revision

from wagtail_charte.models import Cookie, CookieCategory, CookiePolicyPage, CookieProvider
from wagtail_charte.models.live import LiveRegister
from wagtail_charte.register.transfer.export import export_csv, export_json

from .helpers import (
    IMPORT,
    form_data,
    french_semicolon_csv,
    locale,
    log_in_as_editor,
    payload_of,
    register_state,
    set_purpose,
    upload,
    url,
)

pytestmark = pytest.mark.django_db
MODEL_NAMES = ("cookie", "cookiecategory", "cookieprovider")
# Add and change every register model, publish none.
MAY_EDIT = [f"{action}_{name}" for action in ("add", "change") for name in MODEL_NAMES]
NEW_ROW = ["statistics", "Matomo", "Mesure d'audience", "_pk_ses.*", "Compter une visite."]
NEW_ROW += ["first", "2 days", "fr"]


def public_page():
    return Client().get(CookiePolicyPage.objects.get(locale__language_code="fr").url)


def without_update_time(html):
    """The page without its "last updated" time, which a publication moves to the second."""
    return re.sub(r'<time datetime="[^"]*">', "<time>", html)


def publish_in_admin(obj):
    """Publishes `obj`'s latest draft as an admin does: the edit form, then Publish."""
    admin = Client()
    admin.login(username="admin", password="changeme")
    data = {**form_data(obj.get_latest_revision_as_object()), "action-publish": "publish"}
    response = admin.post(url(type(obj), "edit", obj.pk), data)
    assert response.status_code == 302, response.content.decode()[-3000:]


def fr_cookie(name):
    return Cookie.objects.get(locale__language_code="fr", name=name)


def change_and_add(rows):
    set_purpose("sessionid", "Finalité relue.")(rows)
    rows.append(NEW_ROW)


def test_an_editor_who_may_not_publish_saves_drafts_that_an_admin_then_publishes(
    demo, client, django_user_model
):
    user = log_in_as_editor(client, MAY_EDIT)
    page_before = public_page().content.decode()
    export_before = export_csv(locale("fr"))
    before = register_state()

    preview = upload(client, french_semicolon_csv(change_and_add))
    html = preview.content.decode()
    assert "You may not publish cookies: this import saves their changes as drafts" in html
    assert "and this import would" not in html
    assert "Changed, saved as a draft" in html and "New, saved as a draft" in html
    assert "Cookies: 1 created, 1 updated, 6 unchanged, 0 deleted." in html
    assert payload_of(preview)
    assert register_state() == before

    done = client.post(IMPORT, {"payload": payload_of(preview)}, HTTP_ACCEPT_LANGUAGE="en")
    assert done.status_code == 302
    message = client.get(done["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 drafts were saved" in message

    # The live entry keeps its published values; the file's are a draft revision by the editor.
    cookie = fr_cookie("sessionid")
    assert cookie.live and cookie.has_unpublished_changes
    assert cookie.purpose == "Reconnaître la personne connectée d'une page à l'autre."
    assert cookie.latest_revision.user == user and cookie.latest_revision != cookie.live_revision
    assert cookie.latest_revision.as_object().purpose == "Finalité relue."
    new = fr_cookie("_pk_ses.*")
    assert not new.live and new.latest_revision.user == user
    logs = ModelLogEntry.objects.filter(user=user)
    assert {(log.object_id, log.action) for log in logs} == {
        (str(cookie.pk), "wagtail.edit"),
        (str(new.pk), "wagtail.create"),
    }
    history = client.get(url(Cookie, "history", cookie.pk)).content.decode()
    assert "redactrice" in history.split("<main", 1)[-1]
    assert public_page().content.decode() == page_before
    assert export_csv(locale("fr")) == export_before

    publish_in_admin(cookie)
    publish_in_admin(new)
    page = public_page().content.decode()
    assert "Finalité relue." in page and "_pk_ses.*" in page and "Compter une visite." in page
    assert fr_cookie("_pk_ses.*").live


def test_importing_the_same_file_again_saves_no_second_draft(demo, client, django_user_model):
    log_in_as_editor(client, MAY_EDIT)
    content = french_semicolon_csv(change_and_add)
    client.post(IMPORT, {"payload": payload_of(upload(client, content))})
    assert fr_cookie("sessionid").has_unpublished_changes
    revisions = Revision.objects.count()

    again = upload(client, content)
    html = again.content.decode()
    assert html.count("Left as a draft") == 2
    assert "The drafts already say what the file says" in html
    assert "Cookies: 0 created, 0 updated, 8 unchanged, 0 deleted." in html
    assert not payload_of(again)
    # A third file, back to the published purpose: a new draft, compared with the last one.
    back = upload(client, french_semicolon_csv(lambda rows: rows.append(NEW_ROW)))
    assert "Changed, saved as a draft" in back.content.decode()
    assert Revision.objects.count() == revisions


def test_a_cookie_moved_into_a_category_created_as_a_draft_waits_for_it(
    demo, client, django_user_model
):
    # May publish cookies, not categories: the JSON file adds a category and moves a cookie in.
    log_in_as_editor(client, [*MAY_EDIT, "publish_cookie"])
    register = json.loads(export_json(locale("fr")))
    register["categories"].append(
        {"slug": "ads", "name": "Publicité", "description": "", "basis": "consent", "order": 40}
    )
    for cookie in register["cookies"]:
        if cookie["name"] == "_pk_id.*":
            cookie["category"] = "ads"
        if cookie["name"] == "csrftoken":
            cookie["purpose"] = "Protéger tous les formulaires."
    csrf_purpose = escape(fr_cookie("csrftoken").purpose)
    page_before = public_page().content.decode()

    preview = upload(client, json.dumps(register).encode(), name="register.json")
    html = preview.content.decode()
    assert "You may not publish cookie categories" in html
    assert "Cookies whose category or provider is saved as a draft are saved as drafts" in html
    assert html.count("New, saved as a draft") == 1
    assert html.count("Changed, saved as a draft") == 1
    assert "Protéger tous les formulaires." in html
    response = client.post(IMPORT, {"payload": payload_of(preview)})
    assert response.status_code == 302

    # The cookie the user may publish and whose category is live is published.
    assert fr_cookie("csrftoken").purpose == "Protéger tous les formulaires."
    ads = CookieCategory.objects.get(locale__language_code="fr", slug="ads")
    moved = fr_cookie("_pk_id.*")
    assert not ads.live and moved.live and moved.category.slug == "statistics"
    assert moved.latest_revision.as_object().category == ads
    page = public_page().content.decode()
    assert "Publicité" not in page
    assert without_update_time(page) == without_update_time(
        page_before.replace(csrf_purpose, "Protéger tous les formulaires.")
    )

    publish_in_admin(ads)
    publish_in_admin(moved)
    groups = {group.slug: group for group in LiveRegister(locale("fr").pk).groups}
    assert [cookie.name for cookie in groups["ads"].cookies] == ["_pk_id.*"]
    assert "Publicité" in public_page().content.decode()


def test_a_new_cookie_of_a_provider_created_as_a_draft_is_a_draft(demo, client, django_user_model):
    # May publish cookies, not providers.
    log_in_as_editor(client, [*MAY_EDIT, "publish_cookie"])
    row = ["statistics", "Vidéos & Cie", "", "vid", "Lire les vidéos.", "third", "1 years", "fr"]
    preview = upload(client, french_semicolon_csv(lambda rows: rows.append(row)))
    html = preview.content.decode()
    assert html.count("New, saved as a draft") == 2
    client.post(IMPORT, {"payload": payload_of(preview)})

    provider = CookieProvider.objects.get(locale__language_code="fr", name="Vidéos & Cie")
    cookie = fr_cookie("vid")
    assert not provider.live and not cookie.live
    assert "Vidéos &amp; Cie" not in public_page().content.decode()

    publish_in_admin(provider)
    publish_in_admin(cookie)
    page = public_page().content.decode()
    assert "Vidéos &amp; Cie" in page and "Lire les vidéos." in page


def test_deleting_still_needs_the_delete_permission(demo, client, django_user_model):
    log_in_as_editor(client, MAY_EDIT)
    before = register_state()

    def change_and_drop(rows):
        set_purpose("sessionid", "Finalité relue.")(rows)
        rows.pop()

    preview = upload(client, french_semicolon_csv(change_and_drop), delete_missing="on")
    html = preview.content.decode()
    # The change would be a draft; only the deletion is refused.
    assert "Changed, saved as a draft" in html
    assert html.count("and this import would.") == 1
    assert "You may not delete cookies, and this import would." in html
    assert not payload_of(preview)
    assert register_state() == before


def test_the_drafts_preview_and_message_are_in_french(demo, client, django_user_model):
    log_in_as_editor(client, MAY_EDIT)
    data = {"file": io.BytesIO(french_semicolon_csv(change_and_add)), "locale": locale("fr").pk}
    data["file"].name = "cookies.csv"
    preview = client.post(IMPORT, data, HTTP_ACCEPT_LANGUAGE="fr")
    html = preview.content.decode()
    assert "Vous n’avez pas le droit de publier les cookies" in html
    assert "Modifié, enregistré comme brouillon" in html
    assert "Nouveau, enregistré comme brouillon" in html
    done = client.post(IMPORT, {"payload": payload_of(preview)}, HTTP_ACCEPT_LANGUAGE="fr")
    listing = client.get(done["Location"], HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "2 brouillons ont été enregistrés" in listing


def test_a_draft_of_a_source_entry_leaves_its_translations_as_published(
    demo, client, django_user_model
):
    log_in_as_editor(client, MAY_EDIT)

    def longer(rows):
        for row in rows:
            if row[3] == "sessionid":
                row[6] = "30 days"

    client.post(IMPORT, {"payload": payload_of(upload(client, french_semicolon_csv(longer)))})
    english = Cookie.objects.get(locale__language_code="en", name="sessionid")
    assert (english.lifetime_value, english.lifetime_unit) == (14, "days")
    assert fr_cookie("sessionid").latest_revision.as_object().lifetime_value == 30

    publish_in_admin(fr_cookie("sessionid"))
    english.refresh_from_db()
    assert (english.lifetime_value, english.lifetime_unit) == (30, "days")
