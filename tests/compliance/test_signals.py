"""Checklist items 24–27: Google Consent Mode and Global Privacy Control (docs/compliance.md)."""

import json

import pytest
from django.core.cache import cache

from wagtail_charte.models import CookieBannerSettings

from ..helpers import settle
from .visitor import BANNER, DIALOG, NOTICE, PAIRS, exempt_audience_category, with_exempt_script

pytestmark = pytest.mark.browser

GTAG = "https://www.googletagmanager.com/gtag/js?id=G-TEST"
# The Google tag, gated as the docs say: it records what dataLayer held when it ran.
GATED_TAG = (
    f'<script type="text/plain" data-charte-category="statistics" data-charte-src="{GTAG}">'
    "</script>"
)
SIGNALS = {"ad_storage", "analytics_storage", "ad_user_data", "ad_personalization"}


def consent_mode():
    CookieBannerSettings.objects.update(
        consent_mode=True, gcm_analytics_storage="statistics", gcm_ad_storage="external"
    )
    cache.clear()


def with_google_tag(v, requested):
    def page(route):
        response = route.fetch()
        route.fulfill(
            response=response, body=response.text().replace("</main>", GATED_TAG + "</main>")
        )

    def tag(route):
        requested.append(route.request.url)
        route.fulfill(
            content_type="text/javascript",
            body="window.seenLayer = dataLayer.map(a => Array.from(a));",
        )

    v.page.route(v.url(), page)
    v.page.route("https://www.googletagmanager.com/**", tag)


def test_item_24_consent_mode_default_comes_before_the_google_tag(visitor):
    v = visitor("default", "fr")
    consent_mode()
    requested = []
    with_google_tag(v, requested)
    v.set_choice({"statistics": True, "external": False})  # a returning visitor: it loads at once
    v.visit()
    v.page.wait_for_function("window.seenLayer !== undefined")
    default, update = v.page.evaluate("window.seenLayer")[:2]
    assert default[:2] == ["consent", "default"]
    assert set(default[2]) == SIGNALS and set(default[2].values()) == {"denied"}
    assert update[:2] == ["consent", "update"]
    assert update[2]["analytics_storage"] == "granted" and update[2]["ad_storage"] == "denied"


LOG_PUSHES = """
window.dataLayer = [];
window.dataLayer.push = function () {
  Array.prototype.forEach.call(arguments, a => window.logPush(JSON.stringify(Array.from(a))));
  return Array.prototype.push.apply(this, arguments);
};
"""


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_25_every_choice_and_withdrawal_pushes_a_matching_update(visitor, theme, lang):
    v = visitor(theme, lang)
    consent_mode()
    pushes = []
    v.page.expose_function("logPush", lambda text: pushes.append(json.loads(text)))
    v.page.add_init_script(LOG_PUSHES)
    v.visit()

    def updates(count):
        """The first `count` updates, once the page has reported them (bindings are async)."""
        for _ in range(100):
            found = [p[2] for p in pushes if p[:2] == ["consent", "update"]]
            if len(found) >= count:
                return found
            v.page.wait_for_timeout(50)
        raise AssertionError(f"{len(found)} updates pushed, not {count}")

    v.click(BANNER, "accept-all")
    (accepted,) = updates(1)
    assert accepted["analytics_storage"] == accepted["ad_storage"] == "granted"
    v.open_preferences()
    v.choose("statistics", False)
    with v.page.expect_navigation():
        v.click(DIALOG, "save")  # a withdrawal: it reloads
    v.page.wait_for_function("window.wagtailCharte !== undefined")
    after = updates(3)
    assert [u["analytics_storage"] for u in after] == ["granted", "denied", "denied"]
    assert [u["ad_storage"] for u in after] == ["granted", "granted", "granted"]


def test_item_26_basic_mode_loads_no_google_tag_until_consent(visitor):
    v = visitor("default", "fr")
    consent_mode()
    requested = []
    with_google_tag(v, requested)
    v.visit()
    settle(v.page)
    assert requested == []
    v.click(BANNER, "refuse-all")
    settle(v.page)
    assert requested == []
    v.open_preferences()
    v.click(DIALOG, "accept-all")
    v.page.wait_for_function("window.seenLayer !== undefined")
    assert requested == [GTAG]


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_27_gpc_refuses_what_needs_consent_and_leaves_exempt_on(visitor, theme, lang):
    exempt_audience_category()
    v = visitor(theme, lang, gpc=True)
    v.page.route(v.url(), with_exempt_script)
    v.visit()
    assert not v.page.locator(BANNER).is_visible()
    assert v.page.locator(NOTICE).is_visible()
    assert v.choice()["c"] == {"statistics": False, "external": False}
    assert v.page.evaluate("wagtailCharte.allows('audience')") is True
    v.page.wait_for_selector("html[data-audience-ran]", state="attached")
    settle(v.page)
    assert v.stats_cookies() == [] and not v.stats_ran()
    # The visitor can still opt in.
    v.click(NOTICE, "customize")
    v.dialog_open()
    v.choose("statistics", True)
    v.click(DIALOG, "save")
    v.page.wait_for_selector("html[data-demo-stats=loaded]", state="attached")
    assert not v.page.locator(NOTICE).is_visible()
