"""Checklist items about choosing, changing one's mind and embeds (docs/compliance.md)."""

import time

import pytest

from ..banner.choices import CONSENT_POST
from ..helpers import settle
from .visitor import BANNER, DIALOG, PAIRS, POLICY

pytestmark = pytest.mark.browser

EMBED = "iframe[data-charte-category='external']"


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_10_a_partial_choice_runs_only_what_was_accepted(visitor, theme, lang):
    for accepted, refused in (("statistics", "external"), ("external", "statistics")):
        v = visitor(theme, lang)
        v.visit()
        v.click(BANNER, "customize")
        v.dialog_open()
        v.choose(accepted, True)
        v.choose(refused, False)
        v.click(DIALOG, "save")
        v.page.wait_for_selector(DIALOG, state="hidden")
        settle(v.page)
        assert v.stats_ran() == (accepted == "statistics")
        assert bool(v.stats_cookies()) == (accepted == "statistics")
        src = v.page.locator(EMBED).get_attribute("src")
        assert (src is not None) == (accepted == "external")
        assert v.page.locator("[data-charte-placeholder]").count() == (accepted == "statistics")


def withdraw_statistics(v):
    v.page.locator("footer [data-charte-open]").click()
    v.dialog_open()
    v.choose("statistics", False)
    with v.page.expect_navigation():
        v.click(DIALOG, "save")
    v.page.wait_for_function("window.wagtailCharte !== undefined")


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_15_withdrawal_deletes_cookies_and_stops_requests(visitor, theme, lang):
    v = visitor(theme, lang)
    v.visit()
    v.click(BANNER, "accept-all")
    v.page.wait_for_selector("html[data-demo-stats=loaded]", state="attached")
    assert v.stats_cookies() == ["_pk_id.1.demo"]
    requested = []
    v.page.on("request", lambda request: requested.append(request.url))
    withdraw_statistics(v)
    settle(v.page)
    assert v.stats_cookies() == []
    assert not v.stats_ran()
    assert [url for url in requested if "stats.js" in url] == []
    assert v.choice()["c"] == {"statistics": False, "external": True}
    v.visit(POLICY[lang])
    settle(v.page)
    assert v.stats_cookies() == [] and not v.stats_ran()
    assert [url for url in requested if "stats.js" in url] == []


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
@pytest.mark.parametrize("lapse", ["expired", "version raised"])
def test_item_15_refusing_after_a_lapsed_choice_deletes_its_cookies(visitor, theme, lang, lapse):
    """A choice that lapsed left `_pk_id` behind: refusing now deletes it, without a reload."""
    v = visitor(theme, lang)
    if lapse == "expired":
        v.set_choice({"statistics": True, "external": True}, age_days=200)
    else:
        v.set_choice({"statistics": True, "external": True}, v=0)
    v.page.context.add_cookies([{"name": "_pk_id.1.demo", "value": "old", "url": v.base}])
    v.visit()
    assert v.page.locator(BANNER).is_visible()
    v.page.evaluate("window.notReloaded = true")
    v.click(BANNER, "refuse-all")
    assert v.choice()["c"] == {"statistics": False, "external": False}
    assert v.stats_cookies() == []
    assert v.page.evaluate("window.notReloaded") is True


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_16_withdrawing_takes_no_more_clicks_than_consenting(visitor, theme, lang):
    v = visitor(theme, lang)
    v.set_choice({"statistics": False, "external": False})
    v.visit(POLICY[lang])  # from any page: here, the policy page
    consenting = ["footer [data-charte-open]", f'{DIALOG} [data-charte-action="accept-all"]']
    for selector in consenting:
        v.page.click(selector)
    v.page.wait_for_selector("html[data-demo-stats=loaded]", state="attached")
    assert v.choice()["c"] == {"statistics": True, "external": True}
    withdrawing = ["footer [data-charte-open]", f'{DIALOG} [data-charte-action="refuse-all"]']
    with v.page.expect_navigation():
        for selector in withdrawing:
            v.page.click(selector)
    assert v.choice()["c"] == {"statistics": False, "external": False}
    assert len(withdrawing) <= len(consenting)


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_17_both_answers_are_stored_and_the_banner_stays_away(visitor, theme, lang):
    for action, value in (("refuse-all", False), ("accept-all", True)):
        v = visitor(theme, lang)
        v.visit()
        with v.page.expect_response(CONSENT_POST) as response:
            v.click(BANNER, action)
        assert response.value.status == 204  # the server set the cookie again
        assert v.choice()["c"] == {"statistics": value, "external": value}
        v.visit(POLICY[lang])
        assert not v.page.locator(BANNER).is_visible()
        assert v.page.evaluate("wagtailCharte.get().c.statistics") is value


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_18_the_banner_returns_after_six_months(visitor, theme, lang):
    v = visitor(theme, lang)
    v.visit()
    v.click(BANNER, "refuse-all")
    expires = v.cookies()["cookies_preferences"]["expires"]
    assert 181 * 86400 < expires - time.time() <= 182 * 86400
    for age, asked in ((181, False), (183, True)):
        v.forget()
        v.set_choice({"statistics": False, "external": False}, age_days=age)
        v.visit()
        assert v.page.locator(BANNER).is_visible() == asked, age


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_31_focus_is_neither_lost_nor_trapped_after_a_choice(visitor, theme, lang):
    v = visitor(theme, lang)
    v.visit()
    v.click(BANNER, "refuse-all")
    assert v.focused() == "main"  # the banner button is gone: the content is next
    v.page.keyboard.press("Tab")
    assert v.page.evaluate("document.activeElement.closest('main, footer') !== null")
    v.page.locator("footer [data-charte-open]").focus()
    v.page.keyboard.press("Enter")
    v.dialog_open()
    v.choose("statistics", True)
    v.click(DIALOG, "save")
    v.page.wait_for_selector(DIALOG, state="hidden")
    assert v.page.evaluate("document.activeElement.hasAttribute('data-charte-open')")
    # A withdrawal reloads the page: focus returns to the opener, and the confirmation is said.
    withdraw_statistics(v)
    v.page.wait_for_function("document.activeElement.hasAttribute('data-charte-open')")
    v.wait_announced(v.words["saved"])
    assert v.page.evaluate("history.state.charte") is None
    assert v.page.evaluate("localStorage.length + sessionStorage.length") == 0


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_36_a_placeholder_enables_that_one_service(visitor, theme, lang):
    v = visitor(theme, lang)
    v.set_choice({"statistics": False, "external": False})
    v.visit()
    embed = v.page.locator(EMBED)
    placeholder = v.page.locator("[data-charte-placeholder]")
    assert placeholder.is_visible() and not embed.is_visible()
    title = embed.get_attribute("title")
    assert title in placeholder.inner_text()
    assert v.words["external"] in placeholder.inner_text()
    placeholder.locator("button").click()
    v.page.wait_for_function('document.querySelector("' + EMBED + "\").getAttribute('src')")
    assert embed.is_visible()
    assert v.choice()["c"] == {"statistics": False, "external": True}
    assert not v.stats_ran()


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_36_a_wagtail_embed_s_placeholder_enables_that_one_service(visitor, theme, lang):
    """What editors embed (the home page's video and map) waits behind a placeholder too."""
    v = visitor(theme, lang)
    v.set_choice({"statistics": False, "external": False})
    v.visit()
    gates = v.page.locator("[data-charte-gate]")
    assert gates.count() == 5
    assert v.page.locator("iframe[src^='/demo-embeds/']").count() == 0
    first = gates.first
    assert v.words["external"] in first.inner_text()
    first.locator("[data-charte-allow]").click()
    v.page.wait_for_function("!document.querySelector('[data-charte-gate]')")
    assert v.page.locator("iframe[src^='/demo-embeds/']").count() == 5
    assert v.choice()["c"] == {"statistics": False, "external": True}
    assert not v.stats_ran()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_item_36_without_javascript_an_embed_says_what_it_is_and_links_to_it(visitor, lang):
    v = visitor("default", lang, javascript=False)
    v.page.goto(v.url())
    embed = v.page.locator(EMBED)
    assert not embed.is_visible()  # no empty box
    title = embed.get_attribute("title")
    fallback = v.page.locator(".charte-noscript")
    assert fallback.is_visible()
    assert title in fallback.inner_text()
    link = fallback.locator("a")
    assert link.get_attribute("href") == embed.get_attribute("data-charte-src")
    assert title in link.inner_text()
