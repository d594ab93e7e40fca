import html
import json
import re
import uuid
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Site

from sandbox.home.demo_register import COOKIES
from sandbox.home.models import HomePage
from tests.testapp import frontend_cache
from wagtail_charte import cache as charte_cache
from wagtail_charte.blocks import PlainTableBlock
from wagtail_charte.models import (
    CharteSection,
    Cookie,
    CookieCategory,
    CookiePolicyPage,
    CookieProvider,
)
from wagtail_charte.starter import starter_body

from ..helpers import needs_vnu, w3c_errors

URLS = {"fr": "/fr/charte-cookies/", "en": "/en/cookie-policy/"}
NECESSARY = ["sessionid", "django_language", "csrftoken", "cookies_preferences"]


@pytest.fixture(autouse=True)
def empty_cache():
    """The cache outlives each test's database: start every test without it."""
    cache.clear()


def rows(content):
    """Each table row of the page, keyed by the cookie name in its `th`."""
    text = content.decode()
    found = {}
    for row in re.findall(r"<tr[^>]*>.*?</tr>", text, re.DOTALL):
        name = re.search(r"<th scope=\"row\"><code>(.*?)</code></th>", row)
        if name:
            found[html.unescape(name[1])] = row
    return found


def cell_texts(row):
    return [
        html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
        for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.DOTALL)
    ]


def source(model, **lookup):
    return model.objects.get(locale__language_code="fr", **lookup)


def publish_new_cookie(name, locale="fr", **values):
    provider = source(CookieProvider, name="Opendatasoft")
    category = source(CookieCategory, slug="necessary")
    cookie = Cookie(
        locale=Locale.objects.get(language_code=locale),
        name=name,
        provider=provider,
        category=category,
        service=values.pop("service", "Test service"),
        purpose=values.pop("purpose", "Test purpose"),
        **values,
    )
    cookie.save()
    cookie.save_revision().publish()
    return cookie


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_page_shows_the_four_necessary_cookies_in_its_language(demo, client, lang):
    response = client.get(URLS[lang])
    assert response.status_code == 200
    assert f'<html lang="{lang}">'.encode() in response.content
    found = rows(response.content)
    other = "en" if lang == "fr" else "fr"
    for spec in COOKIES:
        if spec["name"] not in NECESSARY:
            continue
        cells = cell_texts(found[spec["name"]])
        assert cells[:4] == [
            "Opendatasoft",
            spec[lang]["service"],
            spec["name"],
            spec[lang]["purpose"],
        ]
        assert spec[other]["purpose"] not in response.content.decode()
        assert "lang=" not in found[spec["name"]].split(">", 1)[0]


def test_pages_are_translations_at_the_demo_urls(demo):
    fr = CookiePolicyPage.objects.get(locale__language_code="fr")
    en = CookiePolicyPage.objects.get(locale__language_code="en")
    assert fr.translation_key == en.translation_key
    assert fr.live and en.live
    assert fr.url == URLS["fr"] and en.url == URLS["en"]
    assert fr.get_parent().specific_class is HomePage


def test_verbose_name_is_translated():
    with translation.override("fr"):
        assert str(CookiePolicyPage._meta.verbose_name) == "Charte cookies"
    with translation.override("en"):
        assert str(CookiePolicyPage._meta.verbose_name) == "Cookie policy"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_page_does_not_vary_on_cookie(demo, client, lang):
    client.cookies["sessionid"] = "whatever"
    response = client.get(URLS[lang])
    assert "cookie" not in response.get("Vary", "").lower()


def test_head_links_every_translation_with_absolute_hreflang(demo, client):
    content = client.get(URLS["en"]).content.decode()
    alternates = dict(
        re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', content)
    )
    assert alternates == {
        "fr": "http://localhost/fr/charte-cookies/",
        "en": "http://localhost/en/cookie-policy/",
    }
    switcher = re.search(r'<nav class="charte-languages".*?</nav>', content, re.DOTALL)[0]
    assert 'href="/fr/charte-cookies/" lang="fr" hreflang="fr">Français</a>' in switcher
    assert 'aria-current="page">English</a>' in switcher


def test_a_draft_translation_of_the_page_is_not_offered(demo, client):
    en = CookiePolicyPage.objects.get(locale__language_code="en")
    en.unpublish()
    content = client.get(URLS["fr"]).content.decode()
    assert 'hreflang="en"' not in content
    assert "charte-languages" not in content


def test_a_translation_unpublished_after_a_visit_leaves_the_cached_page(demo, client):
    assert 'hreflang="en"' in client.get(URLS["fr"]).content.decode()
    CookiePolicyPage.objects.get(locale__language_code="en").unpublish()
    assert 'hreflang="en"' not in client.get(URLS["fr"]).content.decode()


def test_last_updated_follows_the_latest_register_publication(demo, client):
    later = timezone.now() + timedelta(days=3)
    cookie = source(Cookie, name="sessionid")
    cookie.save_revision().publish()
    Cookie.objects.filter(pk=cookie.pk).update(last_published_at=later)
    content = client.get(URLS["en"]).content.decode()
    stamp = re.search(r'<time datetime="([^"]+)">', content)[1]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", stamp)
    assert abs(timezone.datetime.fromisoformat(stamp) - later) < timedelta(seconds=1)


def test_fallback_entry_is_shown_with_its_lang(demo, client):
    publish_new_cookie("only_in_french", purpose="Seulement en français")
    fr_row = rows(client.get(URLS["fr"]).content)["only_in_french"]
    en_row = rows(client.get(URLS["en"]).content)["only_in_french"]
    assert fr_row.startswith("<tr>")
    assert en_row.startswith('<tr lang="fr">')
    assert "Seulement en français" in en_row


def test_a_draft_translation_falls_back_to_the_live_source(demo, client):
    cookie = source(Cookie, name="csrftoken")
    english = cookie.get_translation(Locale.objects.get(language_code="en"))
    english.unpublish()
    row = rows(client.get(URLS["en"]).content)["csrftoken"]
    assert row.startswith('<tr lang="fr">')


def test_draft_cookie_never_shows(demo, client):
    provider = source(CookieProvider, name="Opendatasoft")
    draft = Cookie(
        locale=provider.locale,
        name="draft_cookie",
        provider=provider,
        category=source(CookieCategory, slug="necessary"),
        purpose="Not yet",
        live=False,
    )
    draft.save()
    draft.save_revision()
    for url in URLS.values():
        assert "draft_cookie" not in rows(client.get(url).content)


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        # Each character that escaping changes, alone.
        "Hostile & co",
        'Hostile "quoted"',
        "Hostile's",
    ],
)
def test_hostile_register_text_renders_as_text(demo, client, payload):
    publish_new_cookie("hostile", service=payload, purpose=payload)
    provider = source(CookieProvider, name="Opendatasoft")
    provider.name = payload
    provider.privacy_policy_url = "https://example.com/?hostile=1&it's=2"
    provider.save_revision().publish()
    content = client.get(URLS["fr"]).content.decode()
    assert payload not in content
    assert html.escape(payload) in content
    assert f'href="{html.escape(provider.privacy_policy_url)}"' in content


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.com/privacy", True),
        ("HTTP://example.com/privacy", True),
        ("mailto:dpo@example.com", True),
        ("ftp://example.com/privacy.txt", False),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//example.com/privacy", False),
        ("/privacy", False),
    ],
)
def test_a_privacy_policy_is_linked_only_from_a_web_or_mail_address(demo, client, url, linked):
    """Bulk code or SQL may write anything in the field: the provider's name is then text."""
    provider = source(CookieProvider, name="Opendatasoft")
    CookieProvider.objects.filter(pk=provider.pk).update(privacy_policy_url=url)
    publish_new_cookie("policy_test")
    cell = re.search(r"<td>(.*?)</td>", rows(client.get(URLS["fr"]).content)["policy_test"])[1]
    expected = f'<a href="{html.escape(url)}">Opendatasoft</a>' if linked else "Opendatasoft"
    assert cell == expected
    # Previews fill the same table from the model.
    assert CookieProvider.objects.get(pk=provider.pk).policy_link == (url if linked else "")


def test_category_list_explains_each_basis(demo, client):
    content = client.get(URLS["en"]).content.decode()
    block = re.search(r'<dl class="charte-categories">.*?</dl>', content, re.DOTALL)[0]
    assert "<dt>Necessary cookies</dt>" in block
    assert "cannot be refused" in block
    assert "<dt>Audience measurement</dt>" in block
    assert "Off until you accept them" in block


def test_consent_preferences_block_follows_the_banner_contract(demo, client):
    with translation.override("fr"):
        content = client.get(URLS["fr"]).content.decode()
    assert "<p data-charte-status></p>" in content
    assert re.search(
        r'<button type="button"[^>]* data-charte-open>Gérer mes choix de cookies</button>', content
    )
    assert re.search(r"<noscript><p>[^<]*JavaScript[^<]*</p></noscript>", content)
    english = client.get(URLS["en"]).content.decode()
    assert "data-charte-open>Manage my cookie choices</button>" in english


def test_reusable_section_is_shown_in_the_page_language(demo, client):
    assert "Setting up your browser" in client.get(URLS["en"]).content.decode()
    assert "Paramétrer votre navigateur" in client.get(URLS["fr"]).content.decode()
    english = CharteSection.objects.get(locale__language_code="en")
    english.unpublish()
    content = client.get(URLS["en"]).content.decode()
    assert '<div class="charte-section" lang="fr">' in content
    assert "Paramétrer votre navigateur" in content


def test_new_translation_of_a_section_starts_as_a_draft(demo):
    section = CharteSection.objects.get(locale__language_code="fr")
    CharteSection.objects.filter(locale__language_code="en").delete()
    translation_ = section.copy_for_translation(Locale.objects.get(language_code="en"))
    translation_.save()
    assert not translation_.live


@pytest.mark.parametrize(
    "lang,heading", [("fr", "Qu’est-ce qu’un cookie ?"), ("en", "What is a cookie?")]
)
def test_new_page_starts_from_the_starter_content_in_its_language(
    demo, admin_client, lang, heading
):
    home = HomePage.objects.get(locale__language_code=lang)
    url = reverse("wagtailadmin_pages:add", args=["wagtail_charte", "cookiepolicypage", home.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    body = response.context["form"].initial["body"]
    headings = [block.value["text"] for block in body if block.block_type == "heading"]
    assert headings[0] == heading
    assert json.dumps(heading)[1:-1] in response.content.decode()
    types = [block["type"] for block in starter_body(home.locale)]
    assert types.count("cookie_table") == 1
    assert {"category_list", "consent_preferences"} <= set(types)


def test_plain_table_requires_a_caption_and_column_headings():
    block = PlainTableBlock()
    value = block.to_python(
        {"columns": [{"type": "text", "heading": ""}], "rows": [{"values": ["x"]}], "caption": ""}
    )
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            block.clean(value)
        messages = json.dumps(error.value.as_json_data())
    assert "caption" in messages and "heading" in messages
    good = block.to_python(
        {"columns": [{"type": "text", "heading": "H"}], "rows": [{"values": ["x"]}], "caption": "C"}
    )
    assert block.clean(good).caption == "C"


# Through the real admin views, as an editor does it.


def cookie_form(**overrides):
    return {
        "name": "admin_cookie",
        "category": source(CookieCategory, slug="necessary").pk,
        "provider": source(CookieProvider, name="Opendatasoft").pk,
        "service": "Panier (front office)",
        "purpose": "Garder le panier",
        "party": "first",
        "lifetime_value": "",
        "lifetime_unit": "session",
        **overrides,
    }


def test_cookie_published_in_the_admin_appears_and_unpublishing_removes_it(demo, client):
    admin = client
    assert admin.login(username="admin", password="changeme")
    add_url = reverse("wagtailsnippets_wagtail_charte_cookie:add") + "?locale=fr"
    response = admin.post(add_url, cookie_form(**{"action-publish": "action-publish"}))
    assert response.status_code == 302, response.content[:2000]
    cookie = Cookie.objects.get(name="admin_cookie")
    assert cookie.live
    admin.logout()
    assert "admin_cookie" in rows(client.get(URLS["fr"]).content)
    assert "admin_cookie" in rows(client.get(URLS["en"]).content)

    admin.login(username="admin", password="changeme")
    unpublish = reverse("wagtailsnippets_wagtail_charte_cookie:unpublish", args=[cookie.pk])
    assert admin.post(unpublish).status_code == 302
    admin.logout()
    for url in URLS.values():
        assert "admin_cookie" not in rows(client.get(url).content)


def test_cookie_saved_as_draft_in_the_admin_does_not_show(demo, client):
    assert client.login(username="admin", password="changeme")
    add_url = reverse("wagtailsnippets_wagtail_charte_cookie:add") + "?locale=fr"
    assert client.post(add_url, cookie_form()).status_code == 302
    cookie = Cookie.objects.get(name="admin_cookie")
    assert not cookie.live
    live = source(Cookie, name="sessionid")
    edit = reverse("wagtailsnippets_wagtail_charte_cookie:edit", args=[live.pk])
    form = cookie_form(
        name="sessionid", purpose="Texte en brouillon", lifetime_value="14", lifetime_unit="days"
    )
    assert client.post(edit, form).status_code == 302
    client.logout()
    content = client.get(URLS["fr"]).content.decode()
    assert "admin_cookie" not in rows(content.encode())
    assert "Texte en brouillon" not in content
    assert "Reconnaître la personne connectée" in content


# Cache purge.

FAKE_CACHE = {"test": {"BACKEND": "tests.testapp.frontend_cache.RecordingBackend"}}
PAGE_URLS = {f"http://localhost{url}" for url in URLS.values()}


@pytest.fixture
def purged_by(django_capture_on_commit_callbacks):
    """Runs an action with a recording frontend cache and returns the URLs it purged."""

    def run(action):
        frontend_cache.PURGED.clear()
        with (
            override_settings(WAGTAILFRONTENDCACHE=FAKE_CACHE, WAGTAILFRONTENDCACHE_LANGUAGES=[]),
            django_capture_on_commit_callbacks(execute=True),
        ):
            action()
        return set(frontend_cache.PURGED)

    return run


def test_publishing_a_cookie_purges_every_charte_page(demo, purged_by):
    cookie = source(Cookie, name="csrftoken")
    assert purged_by(lambda: cookie.save_revision().publish()) >= PAGE_URLS


def test_unpublishing_and_deleting_a_cookie_purge_the_charte_pages(demo, purged_by):
    cookie = source(Cookie, name="csrftoken")
    english = cookie.get_translation(Locale.objects.get(language_code="en"))
    assert purged_by(english.unpublish) >= PAGE_URLS
    assert purged_by(english.delete) >= PAGE_URLS


def test_a_section_purges_only_the_pages_that_show_it(demo, purged_by):
    section = CharteSection.objects.get(locale__language_code="en")
    assert purged_by(lambda: section.save_revision().publish()) >= PAGE_URLS
    unused = CharteSection(locale=section.locale, title="Unused", body="<p>x</p>")
    unused.save()
    assert purged_by(lambda: unused.save_revision().publish()) == set()
    assert purged_by(unused.delete) == set()
    assert purged_by(section.delete) >= PAGE_URLS


def test_nothing_is_purged_without_a_frontend_cache(demo, django_capture_on_commit_callbacks):
    frontend_cache.PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        source(Cookie, name="csrftoken").save_revision().publish()
    assert frontend_cache.PURGED == []


# What drops the cached page, and what does not.


def warm_queries(client, url):
    """The queries of a request served from the cache, which the first request fills."""
    client.get(url)
    return queries_for(client, url)[0]


DRAFTS = {
    "cookie": lambda: source(Cookie, name="csrftoken"),
    "category": lambda: source(CookieCategory, slug="statistics"),
    "section": lambda: CharteSection.objects.get(locale__language_code="fr"),
    "page": lambda: CookiePolicyPage.objects.get(locale__language_code="fr"),
}


@pytest.mark.parametrize("kind", DRAFTS)
def test_saving_a_draft_keeps_the_cache_warm_and_purges_nothing(demo, client, purged_by, kind):
    obj = DRAFTS[kind]()
    warm = warm_queries(client, URLS["fr"])
    assert purged_by(obj.save_revision) == set()
    assert queries_for(client, URLS["fr"])[0] == warm
    purged = purged_by(lambda: obj.get_latest_revision().publish())
    assert queries_for(client, URLS["fr"])[0] > warm
    assert purged >= {f"http://localhost{URLS['fr']}"}


def test_saving_a_draft_or_a_lock_in_the_admin_keeps_the_cache_warm(demo, client, purged_by):
    cookie = source(Cookie, name="sessionid")
    warm = warm_queries(client, URLS["fr"])
    assert client.login(username="admin", password="changeme")
    edit = reverse("wagtailsnippets_wagtail_charte_cookie:edit", args=[cookie.pk])
    form = cookie_form(name="sessionid", purpose="Texte en brouillon")
    lock = reverse("wagtailsnippets_wagtail_charte_cookie:lock", args=[cookie.pk])
    assert purged_by(lambda: client.post(edit, form)) == set()
    assert purged_by(lambda: client.post(lock)) == set()
    cookie.refresh_from_db()
    assert cookie.locked and cookie.has_unpublished_changes
    client.logout()
    assert queries_for(client, URLS["fr"])[0] == warm


@pytest.mark.parametrize("update_fields", [None, ["purpose"]])
def test_a_live_entry_written_without_a_revision_shows_at_once(demo, client, update_fields):
    """As code that writes the register directly does."""
    client.get(URLS["fr"])
    cookie = source(Cookie, name="csrftoken")
    cookie.purpose = "Écrit sans révision"
    cookie.save(update_fields=update_fields)
    assert "Écrit sans révision" in client.get(URLS["fr"]).content.decode()


def test_a_site_change_shows_at_once(demo, client):
    assert 'href="http://localhost/en/cookie-policy/"' in client.get(URLS["fr"]).content.decode()
    site = Site.objects.get(is_default_site=True)
    site.hostname = "charte.example"
    site.save()
    content = client.get(URLS["fr"]).content.decode()
    assert 'href="http://charte.example/en/cookie-policy/"' in content


def test_renaming_any_page_above_a_translation_shows_at_once(
    demo, client, django_capture_on_commit_callbacks
):
    english = CookiePolicyPage.objects.get(locale__language_code="en")
    home = english.get_parent()
    legal = home.add_child(instance=HomePage(title="Legal", slug="legal", body="<p>Legal</p>"))
    english.move(legal, pos="last-child")
    assert 'hreflang="en" href="http://localhost/en/legal/cookie-policy/"' in (
        client.get(URLS["fr"]).content.decode()
    )
    legal.refresh_from_db()
    legal.slug = "mentions"
    with django_capture_on_commit_callbacks(execute=True):
        legal.save()
    content = client.get(URLS["fr"]).content.decode()
    assert 'hreflang="en" href="http://localhost/en/mentions/cookie-policy/"' in content


# The table costs the same number of queries whatever the register's size.


def fill_register(start, stop):
    fr = Locale.objects.get(language_code="fr")
    provider = source(CookieProvider, name="Opendatasoft")
    category = source(CookieCategory, slug="necessary")
    now = timezone.now()
    Cookie.objects.bulk_create(
        Cookie(
            locale=fr,
            translation_key=uuid.uuid4(),
            name=f"bulk_{index}",
            provider=provider,
            category=category,
            purpose=f"Purpose {index}",
            live=True,
            last_published_at=now,
        )
        for index in range(start, stop)
    )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response


def test_query_count_does_not_grow_with_the_register(demo, client):
    cold, warm = {}, {}
    filled = 0
    # The banner's own cache warms on the first request; only the page's body is measured.
    for url in URLS.values():
        client.get(url)
    for size in (10, 100, 1000):
        fill_register(filled, size)
        filled = size
        # bulk_create sends no signal: say the register changed, as an import would.
        charte_cache.invalidate()
        cold[size] = {lang: queries_for(client, url)[0] for lang, url in URLS.items()}
        warm[size] = {lang: queries_for(client, url)[0] for lang, url in URLS.items()}
        response = queries_for(client, URLS["en"])[1]
        assert len([n for n in rows(response.content) if n.startswith("bulk_")]) == size
    assert cold[10] == cold[100] == cold[1000], cold
    assert warm[10] == warm[100] == warm[1000], warm
    assert warm[10]["en"] < cold[10]["en"]


def test_more_register_blocks_cost_no_more_queries(demo, client):
    """The page's blocks share its one reading of the register."""

    def cold_render():
        client.get(URLS["en"])  # warms the banner, which names the page
        charte_cache.invalidate(charte_cache.PAGES)
        return queries_for(client, URLS["en"])

    cold, response = cold_render()
    tables = response.content.decode().count("charte-cookie-table")
    page = CookiePolicyPage.objects.get(locale__language_code="en")
    all_categories = {"categories": ["all"], "show_lifetime": True, "heading_level": "h2"}
    page.body.append(("cookie_table", all_categories))
    page.body.append(("category_list", None))
    page.save_revision().publish()
    count, response = cold_render()
    assert response.content.decode().count("charte-cookie-table") > tables
    assert count == cold


def test_once_warm_a_charte_page_costs_no_more_queries_than_a_plain_page(demo, client):
    """Against a plain page at the same depth: routing costs queries per level."""
    home = HomePage.objects.get(locale__language_code="en", depth=2)
    plain = home.add_child(instance=HomePage(title="Plain", slug="plain", body="<p>Text</p>"))
    urls = [URLS["en"], plain.url]
    for url in urls:
        client.get(url)  # warms the banner and the body
    charte, plain = (queries_for(client, url)[0] for url in urls)
    assert charte <= plain


def test_a_register_change_shows_at_once_despite_the_cache(demo, client):
    assert "late_cookie" not in rows(client.get(URLS["en"]).content)
    publish_new_cookie("late_cookie")
    assert "late_cookie" in rows(client.get(URLS["en"]).content)
    section = CharteSection.objects.get(locale__language_code="en")
    section.body = "<p>Rewritten section</p>"
    section.save_revision().publish()
    assert "Rewritten section" in client.get(URLS["en"]).content.decode()


# The W3C checker.


@needs_vnu
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_w3c_checker_reports_no_error(demo, client, lang):
    assert w3c_errors(client.get(URLS[lang]).content) == []


def test_preview_shows_the_draft_not_the_cached_page(demo, client):
    client.get(URLS["fr"])
    page = CookiePolicyPage.objects.get(locale__language_code="fr")
    page.title = "Brouillon de charte"
    page.body = [*page.body.raw_data, {"type": "paragraph", "value": "<p>Texte en cours</p>"}]
    response = page.make_preview_request()
    content = response.content.decode()
    assert "Brouillon de charte" in content and "Texte en cours" in content
    assert "Texte en cours" not in client.get(URLS["fr"]).content.decode()


def test_plain_table_round_trips_through_wagtail_localize_segments():
    pytest.importorskip("wagtail_localize")
    block = PlainTableBlock()
    value = block.to_python(
        {
            "caption": "Durées",
            "columns": [
                {"type": "text", "heading": "Nom"},
                {"type": "rich_text", "heading": "Note"},
            ],
            "rows": [{"values": ["Un", "<p>Voir <b>ici</b></p>"]}],
        }
    )
    segments = block.get_translatable_segments(value)
    strings = sorted(s.string.data for s in segments if hasattr(s, "string"))
    assert strings == ["Durées", "Nom", "Note", "Un", "Voir <b>ici</b>"]
    english = {"Durées": "Lifetimes", "Nom": "Name", "Note": "Note", "Un": "One"}
    english["Voir <b>ici</b>"] = "See <b>here</b>"
    for segment in segments:
        if hasattr(segment, "string"):
            segment.string = type(segment.string)(english[segment.string.data])
    restored = block.restore_translated_segments(value, segments)
    data = block.get_prep_value(restored)
    assert data["caption"] == "Lifetimes"
    assert [c["heading"] for c in data["columns"]] == ["Name", "Note"]
    assert data["rows"][0]["values"][0] == "One"
    assert data["rows"][0]["values"][1] == "<p>See <b>here</b></p>"


def test_each_table_shows_its_categories_and_every_cookie_once(demo, client):
    content = client.get(URLS["en"]).content.decode()
    names = re.findall(r'<th scope="row"><code>(.*?)</code></th>', content)
    assert sorted(names) == sorted(spec["name"] for spec in COOKIES)
    tables = re.findall(r'<section class="charte-category">\s*<h3>(.*?)</h3>', content)
    assert tables == ["Necessary cookies", "Audience measurement", "External content"]


def test_cookies_of_an_unpublished_category_are_still_listed(demo, client):
    page = CookiePolicyPage.objects.get(locale__language_code="en")
    page.body = [{"type": "cookie_table", "value": {"categories": ["all"]}}]
    page.save_revision().publish()
    for category in CookieCategory.objects.filter(slug="statistics"):
        category.unpublish()
    content = client.get(URLS["en"]).content.decode()
    assert "<h3>Other cookies</h3>" in content
    assert "_pk_id.*" in rows(content.encode())


def test_admin_views_of_the_page_and_the_sections_work(demo, admin_client):
    page = CookiePolicyPage.objects.get(locale__language_code="fr")
    assert admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    sections = admin_client.get(reverse("wagtailsnippets_wagtail_charte_chartesection:list"))
    assert sections.status_code == 200
    assert "Paramétrer votre navigateur" in sections.content.decode()
    section = CharteSection.objects.get(locale__language_code="fr")
    preview = reverse(
        "wagtailsnippets_wagtail_charte_chartesection:preview_on_edit", args=[section.pk]
    )
    assert admin_client.get(preview).status_code == 200
