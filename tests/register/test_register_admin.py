"""The register through Wagtail's real admin views."""

import csv
import io

import pytest
from django.urls import reverse
from wagtail.models import Locale

from wagtail_charte.models import Cookie, CookieCategory, CookieProvider

from .helpers import form_data, url

MODELS = [Cookie, CookieCategory, CookieProvider]


def sample(model, language="fr"):
    return model.objects.filter(locale__language_code=language).order_by("pk").first()


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_admin_lists_edits_and_shows_history_in_both_locales(admin_client, model, language):
    obj = sample(model, language)
    listing = admin_client.get(url(model, "list"), {"locale": language})
    assert listing.status_code == 200
    assert str(obj) in listing.content.decode()
    for name in ("edit", "history", "usage"):
        assert admin_client.get(url(model, name, obj.pk)).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_admin_publishes_a_change_with_a_revision(admin_client, model):
    obj = sample(model)
    revisions = obj.revisions.count()
    data = {**form_data(obj), "action-publish": "publish"}
    if model is Cookie:
        data["purpose"] = "Nouvelle finalité"
    else:
        data["name"] = "Nouveau nom"
    response = admin_client.post(url(model, "edit", obj.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    obj.refresh_from_db()
    assert obj.revisions.count() == revisions + 1
    assert obj.live_revision == obj.latest_revision
    assert "Nouve" in (obj.purpose if model is Cookie else obj.name)


def test_admin_creates_a_cookie_in_english_as_a_draft(admin_client):
    en_category = sample(CookieCategory, "en")
    en_provider = sample(CookieProvider, "en")
    data = {
        "name": "_ga*",
        "category": en_category.pk,
        "provider": en_provider.pk,
        "service": "Analytics",
        "purpose": "Counts visits.",
        "party": "third",
        "lifetime_value": "13",
        "lifetime_unit": "months",
    }
    response = admin_client.post(url(Cookie, "add") + "?locale=en", data)
    assert response.status_code == 302
    created = Cookie.objects.get(name="_ga*")
    assert created.locale.language_code == "en"
    assert created.live is False


def test_admin_preview_shows_the_cookie_row(admin_client):
    cookie = sample(Cookie)
    preview_url = url(Cookie, "preview_on_edit", cookie.pk)
    data = {**form_data(cookie), "purpose": "Aperçu <b>avant</b> publication"}
    assert admin_client.post(preview_url, data).json()["is_valid"]
    html = admin_client.get(preview_url).content.decode()
    assert "Aperçu &lt;b&gt;avant&lt;/b&gt; publication" in html
    assert f"<code>{cookie.name}</code>" in html


@pytest.mark.parametrize("model", MODELS)
def test_admin_locks_and_unlocks(admin_client, model):
    obj = sample(model)
    admin_client.post(url(model, "lock", obj.pk))
    obj.refresh_from_db()
    assert obj.locked
    admin_client.post(url(model, "unlock", obj.pk))
    obj.refresh_from_db()
    assert not obj.locked


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_admin_exports_the_cookie_listing(admin_client, export_format):
    response = admin_client.get(url(Cookie, "list"), {"export": export_format, "locale": "fr"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if export_format == "csv":
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert {"sessionid", "_pk_id.*"} <= {row[0] for row in rows[1:]}
    else:
        assert body.startswith(b"PK")


def test_admin_filters_cookies_by_consent_basis(admin_client):
    listing = admin_client.get(url(Cookie, "list"), {"basis": "consent", "locale": "fr"})
    html = listing.content.decode()
    assert "_pk_id.*" in html
    assert "csrftoken" not in html


def test_admin_translates_a_cookie_into_a_draft_pointing_at_the_translated_category(
    admin_client,
):
    de = Locale.objects.create(language_code="de")
    category = sample(CookieCategory)
    provider = CookieProvider.objects.get(name="Opendatasoft", locale__language_code="fr")
    for source in (category, provider):
        source.copy_for_translation(de).save()
    cookie = Cookie.objects.get(name="csrftoken", locale__language_code="fr")
    translate_url = reverse(
        "simple_translation:submit_snippet_translation",
        args=["wagtail_charte", "cookie", cookie.pk],
    )
    response = admin_client.post(translate_url, {"locales": [de.pk]})
    assert response.status_code == 302
    translated = Cookie.objects.get(translation_key=cookie.translation_key, locale=de)
    assert translated.live is False
    assert translated.category == category.get_translation(de)
    assert translated.provider == provider.get_translation(de)


def test_admin_refuses_a_translation_whose_category_is_not_translated(admin_client):
    de = Locale.objects.create(language_code="de")
    cookie = Cookie.objects.get(name="csrftoken", locale__language_code="fr")
    translate_url = reverse(
        "simple_translation:submit_snippet_translation",
        args=["wagtail_charte", "cookie", cookie.pk],
    )
    response = admin_client.post(translate_url, {"locales": [de.pk]}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Translate “Opendatasoft” (cookie provider), “Cookies nécessaires” (cookie category) "
        "into German first." in html
    )
    assert not Cookie.objects.filter(locale=de).exists()


def test_translated_entry_locks_what_is_not_wording(admin_client):
    en_cookie = sample(Cookie, "en")
    html = admin_client.get(url(Cookie, "edit", en_cookie.pk)).content.decode()
    assert 'name="name"' in html
    response = admin_client.post(
        url(Cookie, "edit", en_cookie.pk),
        {**form_data(en_cookie), "name": "renamed", "action-publish": "publish"},
    )
    assert response.status_code == 302
    en_cookie.refresh_from_db()
    assert en_cookie.name != "renamed"


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("view", ["list", "add", "edit", "history", "delete"])
def test_editor_without_permission_is_refused_everywhere(editor_client, model, view):
    obj = sample(model)
    target = url(model, view, obj.pk) if view not in ("list", "add") else url(model, view)
    response = editor_client.get(target)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert (
        str(obj)
        not in editor_client.get(response["Location"]).content.decode().split("<main", 1)[-1]
        or model is CookieProvider
    )


@pytest.mark.parametrize("model", MODELS)
def test_editor_without_permission_changes_nothing(editor_client, model):
    obj = sample(model)
    before = (model.objects.count(), obj.revisions.count(), str(obj))
    editor_client.post(url(model, "edit", obj.pk), {**form_data(obj), "action-publish": "1"})
    editor_client.post(url(model, "delete", obj.pk))
    obj.refresh_from_db()
    assert (model.objects.count(), obj.revisions.count(), str(obj)) == before


@pytest.mark.parametrize(
    ("model", "field"), [(CookieCategory, "category"), (CookieProvider, "provider")]
)
@pytest.mark.parametrize("bulk", [False, True], ids=["delete", "bulk-delete"])
def test_what_a_cookies_draft_names_is_not_deleted(admin_client, model, field, bulk):
    """A draft is a revision, not a row: deleting what it names left a cookie Wagtail's edit
    view could not open."""
    cookie = sample(Cookie)
    values = {
        CookieCategory: {"name": "Nouvelle", "slug": "nouvelle", "basis": "consent"},
        CookieProvider: {"name": "Nouveau fournisseur"},
    }[model]
    fresh = model.objects.create(locale=cookie.locale, **values)
    admin_client.post(url(Cookie, "edit", cookie.pk), {**form_data(cookie), field: fresh.pk})
    cookie.refresh_from_db()
    assert cookie.has_unpublished_changes and getattr(cookie, f"{field}_id") != fresh.pk
    if bulk:
        opts = model._meta
        target = reverse("wagtail_bulk_action", args=(opts.app_label, opts.model_name, "delete"))
        response = admin_client.post(f"{target}?id={fresh.pk}", follow=True)
    else:
        response = admin_client.post(url(model, "delete", fresh.pk), follow=True)
    assert model.objects.filter(pk=fresh.pk).exists()
    assert f"Rien n’a été supprimé : le brouillon non publié de « {cookie.name} »" in (
        response.content.decode()
    )
    assert admin_client.get(url(Cookie, "edit", cookie.pk)).status_code == 200
    # Once the draft no longer names it, it goes.
    admin_client.post(url(Cookie, "edit", cookie.pk), {**form_data(cookie), "action-publish": "1"})
    admin_client.post(url(model, "delete", fresh.pk))
    assert not model.objects.filter(pk=fresh.pk).exists()


def test_editor_html_is_escaped_in_the_admin(admin_client):
    cookie = sample(Cookie)
    Cookie.objects.filter(pk=cookie.pk).update(
        service='<img src=x onerror="alert(1)">', purpose="<script>alert(1)</script>"
    )
    provider = cookie.provider
    CookieProvider.objects.filter(pk=provider.pk).update(name="<script>alert(2)</script>")
    for target in (
        url(Cookie, "list"),
        url(Cookie, "edit", cookie.pk),
        url(CookieProvider, "list"),
    ):
        html = admin_client.get(target).content.decode()
        assert "<script>alert(" not in html
        assert "<img src=x onerror" not in html
