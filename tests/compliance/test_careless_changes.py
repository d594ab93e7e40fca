"""Small changes that once went unnoticed: each of these tests fails on one of them.

Planted one at a time, they were: "Refuse all" given the secondary style, cookies left
unsorted within a table, categories sorted by name instead of their order. (GPC refusing
exempt categories too is caught by tests/banner/test_gpc.py and test_item_27.)
"""

import re
import uuid

import pytest
from django.core.cache import cache
from wagtail.models import Locale

from wagtail_charte.models import Cookie, CookieBannerSettings
from wagtail_charte.models.live import LiveRegister

from .visitor import POLICY

BUTTON = re.compile(
    r'<button type="button" class="([^"]*)" data-charte-action="(accept|refuse)-all"'
)
ORDER = {
    "fr": ["Cookies nécessaires", "Mesure d'audience", "Contenus externes"],
    "en": ["Necessary cookies", "Audience measurement", "External content"],
}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("theme", ["default", "dsfr"])
def test_item_06_accept_all_and_refuse_all_carry_the_same_classes(demo, client, theme):
    CookieBannerSettings.objects.update(theme=theme)
    html = client.get("/fr/").content.decode()
    dialog_at = html.index("data-charte-dialog")
    for part in (html[:dialog_at], html[dialog_at:]):  # the banner, then the dialog
        found = {action: classes for classes, action in BUTTON.findall(part)}
        assert set(found) == {"accept", "refuse"}
        assert found["accept"] == found["refuse"]
        assert "secondary" not in found["refuse"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_categories_follow_their_order_not_their_name(demo, client, lang):
    """The demo's names sort differently from their order, in both languages."""
    assert ORDER[lang] != sorted(ORDER[lang], key=str.casefold)
    locale = Locale.objects.get(language_code=lang)
    assert [group.name for group in LiveRegister(locale.pk).groups] == ORDER[lang]
    page = client.get(POLICY[lang]).content.decode()
    listed = re.findall(r"<dt>(.*?)</dt>", page)
    assert [name.replace("&#x27;", "'") for name in listed] == ORDER[lang]
    home = client.get(f"/{lang}/").content.decode()
    legends = re.findall(r"<legend[^>]*>(.*?)</legend>", home)
    assert [name.replace("&#x27;", "'") for name in legends] == ORDER[lang]


def test_cookies_are_sorted_by_name_within_a_table(demo, client):
    """The demo creates the necessary cookies in reverse alphabetical order; one more, created
    last and sorting last, leaves them in neither order, whichever way the database returns
    rows (PostgreSQL's hash join returns the newest first)."""
    locale = Locale.objects.get(language_code="fr")
    last = Cookie.objects.get(locale=locale, name="csrftoken")
    last.pk = last.id = None
    last.translation_key, last.name = uuid.uuid4(), "zz_created_last"
    last.save()
    last.save_revision().publish()
    expected = [
        "cookies_preferences",
        "csrftoken",
        "django_language",
        "sessionid",
        "zz_created_last",
    ]
    group = LiveRegister(locale.pk).groups[0]
    assert [cookie.name for cookie in group.cookies] == expected
    page = client.get(POLICY["fr"]).content.decode()
    shown = re.findall(r'<th scope="row"><code>(.*?)</code></th>', page)
    assert shown[:5] == expected
