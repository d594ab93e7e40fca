"""The "Cookie audit" report as an editor uses it in Chromium, in French and in English."""

import os

import pytest
from django.contrib.auth.models import User
from wagtail.users.models import UserProfile

from wagtail_charte.models import Cookie

from ..helpers import admin_log_in, axe_violations

pytestmark = pytest.mark.browser
SCREENSHOTS = os.environ.get("CHARTE_SCREENSHOTS")
WORDS = {
    "fr": {"run": "Lancer maintenant", "draft": "Ajouter au registre en brouillon"},
    "en": {"run": "Run now", "draft": "Add to the register as a draft"},
}


# Axe judges the page as it stands: a transition still running (Wagtail's messages slide and
# fade in) has colours of its own. Endless animations, such as a spinner, are not waited for.
SETTLED = """() => document.getAnimations().every(
    (animation) => animation.playState !== "running"
        || animation.effect.getComputedTiming().iterations === Infinity
)"""


def settled_axe_violations(page):
    page.wait_for_function(SETTLED)
    return axe_violations(page)


def shoot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_run_now_then_one_click_drafts_the_undeclared_cookie(
    demo_server, new_context, settings, lang
):
    settings.ROOT_URLCONF = "tests.testapp.urls"
    profile = UserProfile.get_for_user(User.objects.get(username="admin"))
    profile.preferred_language = lang
    profile.save()
    page = new_context(
        locale=lang, viewport={"width": 1280, "height": 900}, reduced_motion="reduce"
    ).new_page()
    admin_log_in(page, demo_server)
    page.goto(f"{demo_server.url}/admin/reports/charte-audit/")
    assert settled_axe_violations(page) == []
    shoot(page, f"audit-index-{lang}")

    page.get_by_role("button", name=WORDS[lang]["run"]).click()
    page.wait_for_url("**/admin/reports/charte-audit/*/")
    row = page.get_by_role("row").filter(has=page.get_by_role("button", name=WORDS[lang]["draft"]))
    assert "_hjSessionUser_1" in row.inner_text()
    assert row.get_by_role("link").inner_text() == "http://localhost/en/cookie-policy/"
    assert settled_axe_violations(page) == []
    shoot(page, f"audit-run-{lang}")

    row.get_by_role("button", name=WORDS[lang]["draft"]).click()
    page.wait_for_url("**/snippets/wagtail_charte/cookie/edit/*/")
    assert page.input_value("#id_name") == "_hjSessionUser_1"
    cookie = Cookie.objects.get(name="_hjSessionUser_1")
    assert (cookie.live, cookie.party, cookie.lifetime_value, cookie.lifetime_unit) == (
        False,
        "first",
        1,
        "years",
    )
    shoot(page, f"audit-draft-{lang}")
