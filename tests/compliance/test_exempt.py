"""Checklist items 19–21: audience measurement exempt from consent (docs/compliance.md).

CNIL exempts it only under conditions; the register refuses an exempt category whose cookies
break them, wherever it is edited: the admin, an import, or code calling `full_clean`.
"""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from wagtail_charte.models import ConsentBasis, Cookie, CookieCategory

from ..helpers import settle
from .visitor import BANNER, DIALOG, PAIRS, exempt_audience_category, with_exempt_script


def statistics():
    return CookieCategory.objects.get(locale__language_code="fr", slug="statistics")


def pk_id():
    return Cookie.objects.get(locale__language_code="fr", name="_pk_id.*")


def make_exempt(category):
    category.basis = ConsentBasis.EXEMPT
    category.full_clean()
    category.save_revision().publish()


def edit_url(model, pk):
    return reverse(model.snippet_viewset.get_url_name("edit"), args=[pk])


def cookie_form(cookie, **changes):
    data = {
        "name": cookie.name,
        "category": cookie.category_id,
        "provider": cookie.provider_id,
        "service": cookie.service,
        "purpose": cookie.purpose,
        "party": cookie.party,
        "lifetime_value": cookie.lifetime_value or "",
        "lifetime_unit": cookie.lifetime_unit,
        "action-publish": "publish",
    }
    return {**data, **changes}


@pytest.mark.parametrize(
    ("value", "unit", "allowed"),
    [
        (13, "months", True),
        (14, "months", False),
        (1, "years", True),
        (2, "years", False),
        (395, "days", True),
        (396, "days", False),
        (9480, "hours", True),
        (9481, "hours", False),
        (None, "session", True),
    ],
)
def test_item_19_exempt_cookies_last_at_most_13_months(demo, value, unit, allowed):
    make_exempt(statistics())
    cookie = pk_id()
    cookie.lifetime_value, cookie.lifetime_unit = value, unit
    if allowed:
        cookie.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            cookie.full_clean()
        assert "lifetime_value" in error.value.message_dict


def test_item_19_publishing_a_long_lived_exempt_cookie_is_refused_in_the_admin(admin_client):
    make_exempt(statistics())
    cookie = pk_id()
    response = admin_client.post(
        edit_url(Cookie, cookie.pk), cookie_form(cookie, lifetime_value=25)
    )
    assert response.status_code == 200
    assert "« _pk_id.* » dure 25 mois, plus de 13 mois." in response.content.decode()
    cookie.refresh_from_db()
    assert cookie.lifetime_value == 13
    assert cookie.revisions.count() == 1


def test_item_19_a_category_with_a_long_lived_cookie_cannot_become_exempt(admin_client):
    cookie = pk_id()
    cookie.lifetime_value, cookie.lifetime_unit = 2, "years"
    cookie.save_revision().publish()
    category = statistics()
    data = {
        "name": category.name,
        "slug": category.slug,
        "description": category.description,
        "basis": "exempt",
        "sort_order": category.sort_order,
        "action-publish": "publish",
    }
    response = admin_client.post(edit_url(CookieCategory, category.pk), data)
    assert response.status_code == 200
    assert "« _pk_id.* » dure 2 ans, plus de 13 mois." in response.content.decode()
    category.refresh_from_db()
    assert category.basis == ConsentBasis.CONSENT


@pytest.mark.parametrize(("language", "words"), [("fr", "25 mois"), ("en", "25 months")])
def test_item_20_editors_are_told_data_are_kept_at_most_25_months(demo, language, words):
    make_exempt(statistics())
    cookie = pk_id()
    cookie.party = "third"
    with translation.override(language), pytest.raises(ValidationError) as error:
        cookie.full_clean()
    message = " ".join(error.value.message_dict["party"])
    assert words in message
    assert ("13 mois" if language == "fr" else "13 months") in message


def test_item_21_exempt_cookies_must_be_first_party(demo, tmp_path):
    make_exempt(statistics())
    cookie = pk_id()
    cookie.party = "third"
    with pytest.raises(ValidationError) as error:
        cookie.full_clean()
    assert "party" in error.value.message_dict
    # An import gets the same rule, located in the file.
    path = tmp_path / "register.csv"
    path.write_text(
        "category,provider,service,name,purpose,party,lifetime\n"
        "statistics,Matomo,Audience,_ga,Mesure,third,13 months\n"
    )
    with translation.override("en"), pytest.raises(CommandError, match="Line 2, field “party”"):
        call_command("charte_import", str(path), "--locale", "fr")
    assert not Cookie.objects.filter(name="_ga").exists()


@pytest.mark.browser
@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_21_refusing_an_exempt_category_stops_its_script_and_deletes_its_cookies(
    visitor, theme, lang
):
    exempt_audience_category()
    v = visitor(theme, lang)
    v.page.route(v.url(), with_exempt_script)
    v.visit()
    # Exempt: it runs before any choice, and the banner still asks about the rest.
    v.page.wait_for_selector("html[data-audience-ran]", state="attached")
    assert "_audience_id" in v.cookies()
    assert v.page.locator(BANNER).is_visible()
    v.click(BANNER, "customize")
    v.dialog_open()
    audience = v.page.locator('input[data-charte-category="audience"][value="true"]')
    assert audience.is_checked()  # on by default, and shown as such
    v.choose("audience", False)
    with v.page.expect_navigation():
        v.click(DIALOG, "save")
    v.page.wait_for_function("window.wagtailCharte !== undefined")
    settle(v.page)
    assert v.choice()["c"]["audience"] is False
    assert "_audience_id" not in v.cookies()
    assert v.page.locator("html[data-audience-ran]").count() == 0
