"""The consent log in Chromium: each choice on the demo site adds one record naming the banner
on screen; the admin screens pass axe (docs/screenshots/admin-consent-*.png show them)."""

import json
from urllib.parse import unquote

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from wagtail.users.models import UserProfile

from wagtail_charte.models import ConsentRecord, CookieBannerSettings

from ..banner.choices import CONSENT_POST
from ..helpers import admin_log_in, axe_violations, settle
from .helpers import change_wording

pytestmark = pytest.mark.browser

BANNER = "[data-charte-banner]"
DIALOG = "[data-charte-dialog]"


def visit(page, url):
    page.goto(url)
    page.wait_for_function("window.wagtailCharte !== undefined")
    return page.evaluate("JSON.parse(document.getElementById('charte-config').textContent)")


def cookie_id(page):
    raw = {c["name"]: c for c in page.context.cookies()}["cookies_preferences"]["value"]
    return json.loads(unquote(raw))["id"]


def chosen(page, selector):
    """Clicks, waits for the endpoint's answer, and returns the records of this visitor."""
    with page.expect_response(CONSENT_POST) as response:
        page.click(selector)
    assert response.value.status == 204
    return list(ConsentRecord.objects.filter(consent_id=cookie_id(page)).order_by("pk"))


def choose(page, slug, allowed):
    radio = page.locator(
        f'{DIALOG} [data-charte-category="{slug}"][value="{str(allowed).lower()}"]'
    )
    page.click(f'label[for="{radio.get_attribute("id")}"]')


def test_each_kind_of_choice_adds_one_record_naming_the_banner_on_screen(site, new_context):
    for action, method, expected in (
        ("accept-all", "accept_all", {"statistics": True, "external": True}),
        ("refuse-all", "refuse_all", {"statistics": False, "external": False}),
    ):
        page = new_context(locale="fr-FR").new_page()
        config = visit(page, f"{site.url}/fr/")
        records = chosen(page, f'{BANNER} [data-charte-action="{action}"]')
        assert [(r.method, r.choices, r.snapshot.digest) for r in records] == [
            (method, expected, config["snapshot"])
        ]


def test_a_custom_choice_then_a_withdrawal(site, page):
    config = visit(page, f"{site.url}/en/")
    page.click(f'{BANNER} [data-charte-action="customize"]')
    page.wait_for_selector(DIALOG, state="visible")
    choose(page, "statistics", True)
    choose(page, "external", False)
    records = chosen(page, f'{DIALOG} [data-charte-action="save"]')
    assert [(r.method, r.choices, r.language) for r in records] == [
        ("custom", {"statistics": True, "external": False}, "en")
    ]
    assert records[0].snapshot.digest == config["snapshot"]
    page.click("footer [data-charte-open]")
    page.wait_for_selector(DIALOG, state="visible")
    choose(page, "statistics", False)
    with page.expect_navigation():  # a withdrawal reloads the page
        page.click(f'{DIALOG} [data-charte-action="save"]')
    # The old document's request may finish after the reload: wait for its record.
    records = ConsentRecord.objects.filter(consent_id=cookie_id(page)).order_by("pk")
    for _ in range(50):
        if records.count() == 2:
            break
        page.wait_for_timeout(100)
    assert [r.method for r in records] == ["custom", "withdrawal"]
    assert records[1].choices == {"statistics": False, "external": False}
    assert len({r.consent_id for r in records}) == 1


def test_global_privacy_control_is_recorded_as_such(site, new_context):
    context = new_context(locale="fr-FR")
    context.add_init_script(
        "Object.defineProperty(navigator, 'globalPrivacyControl', {value: true})"
    )
    page = context.new_page()
    with page.expect_response(CONSENT_POST):
        config = visit(page, f"{site.url}/fr/")
    settle(page)
    (record,) = ConsentRecord.objects.filter(consent_id=cookie_id(page))
    assert (record.method, record.snapshot.digest) == ("gpc", config["snapshot"])


def test_changing_the_wording_names_a_new_snapshot(site, page):
    first = visit(page, f"{site.url}/fr/")["snapshot"]
    change_wording(CookieBannerSettings.objects.get(), "Nos cookies, en bref")
    page.context.clear_cookies()
    second = visit(page, f"{site.url}/fr/")
    assert page.locator("#charte-banner-title").inner_text() == "Nos cookies, en bref"
    assert second["snapshot"] != first
    records = chosen(page, f'{BANNER} [data-charte-action="refuse-all"]')
    assert [r.snapshot.digest for r in records] == [second["snapshot"]]


def test_the_charte_page_shows_the_visitor_their_consent_id(site, page):
    visit(page, f"{site.url}/fr/charte-cookies/")
    line = page.locator(".charte-preferences [data-charte-id]")
    assert not line.is_visible()
    chosen(page, f'{BANNER} [data-charte-action="refuse-all"]')
    assert line.is_visible()
    assert line.locator("code").inner_text() == cookie_id(page)
    assert "Référence de votre choix" in line.inner_text()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_admin_screens_pass_axe(site, new_context, lang):
    context = new_context(locale=f"{lang}-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    visit(page, f"{site.url}/{lang}/")
    record = chosen(page, f'{BANNER} [data-charte-action="accept-all"]')[0]
    profile = UserProfile.get_for_user(User.objects.get(username="admin"))
    profile.preferred_language = lang
    profile.save()
    admin_log_in(page, site)
    screens = {
        "log": reverse("wagtail_charte_consent_log:index"),
        "record": reverse("wagtail_charte_consent_log:inspect", args=[record.pk]),
        "snapshot": reverse("wagtail_charte_consent_log:snapshot", args=[record.snapshot_id]),
        "statistics": reverse("wagtail_charte_consent_statistics:index"),
    }
    for name, path in screens.items():
        page.goto(f"{site.url}{path}")
        page.wait_for_load_state("networkidle")
        if name == "statistics":
            page.click("details.charte-chart__table summary >> nth=0")
        assert axe_violations(page) == [], name
