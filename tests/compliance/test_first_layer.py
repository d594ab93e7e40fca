"""Checklist items about the first visit and the banner (docs/compliance.md), in Chromium."""

import pytest

from ..helpers import settle, wait_for_animations
from .visitor import BANNER, DIALOG, MATRIX, PAIRS, POLICY

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_01_first_load_sets_nothing_and_requests_no_tracker(visitor, theme, lang):
    v = visitor(theme, lang)
    requested = []
    v.page.on("request", lambda request: requested.append(request.url))
    v.visit()
    settle(v.page)
    assert v.page.locator(BANNER).is_visible()
    assert v.cookies() == {}
    assert v.page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert not v.stats_ran()
    assert [url for url in requested if "stats.js" in url or "embed.html" in url] == []
    assert all(url.startswith(v.base) for url in requested)


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_02_closing_escape_or_ignoring_refuses(visitor, theme, lang):
    v = visitor(theme, lang)
    refused = {"statistics": False, "external": False}
    for how in ("close", "Escape"):
        v.forget()
        v.visit()
        v.click(BANNER, "customize")
        v.dialog_open()
        if how == "close":
            v.click(DIALOG, "close")
        else:
            v.page.keyboard.press("Escape")
        v.page.wait_for_selector(DIALOG, state="hidden")
        assert v.choice()["c"] == refused, how
        assert not v.page.locator(BANNER).is_visible()
    # Ignoring: the next page still asks, and nothing needing consent ran.
    v.forget()
    v.visit()
    v.visit(POLICY[lang])
    assert v.page.locator(BANNER).is_visible()
    assert v.page.evaluate("wagtailCharte.get()") is None
    assert v.page.evaluate("wagtailCharte.allows('statistics')") is False
    assert not v.stats_ran() and v.cookies() == {}


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_03_scrolling_clicking_or_navigating_records_nothing(visitor, theme, lang):
    v = visitor(theme, lang, width=800, height=400)
    v.visit(POLICY[lang])
    v.page.mouse.wheel(0, 2000)
    v.page.click("main h1")
    v.page.keyboard.press("End")
    v.page.click(".site-name a")  # navigates to the home page
    v.page.wait_for_url(v.url())
    v.page.wait_for_function("window.wagtailCharte !== undefined")
    assert v.choice() is None
    assert v.page.locator(BANNER).is_visible()
    assert not v.stats_ran()


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_04_content_stays_reachable_while_the_banner_waits(visitor, theme, lang):
    v = visitor(theme, lang)
    v.visit(POLICY[lang])
    assert v.page.locator(BANNER).is_visible()
    assert v.page.evaluate("document.querySelector(':modal')") is None
    assert v.page.locator("main").get_attribute("aria-hidden") is None
    assert v.page.evaluate("document.querySelector('main').inert") is False
    assert v.page.evaluate("getComputedStyle(document.body).overflow") != "hidden"
    v.page.get_by_role("link", name="English" if lang == "fr" else "Français").click()
    v.page.wait_for_load_state()
    assert v.page.locator("main h1").is_visible()
    assert v.choice() is None


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_05_reject_on_same_layer_as_accept_one_click_each(visitor, theme, lang):
    for action, value in (("refuse-all", False), ("accept-all", True)):
        v = visitor(theme, lang)
        v.visit()
        accept = v.page.locator(f'{BANNER} [data-charte-action="accept-all"]')
        refuse = v.page.locator(f'{BANNER} [data-charte-action="refuse-all"]')
        assert accept.is_visible() and refuse.is_visible()
        v.click(BANNER, action)  # the one click
        assert v.choice()["c"] == {"statistics": value, "external": value}
        assert not v.page.locator(BANNER).is_visible()


STYLE = """(where) => ['accept-all', 'refuse-all'].map(action => {
  const el = document.querySelector(where + ' [data-charte-action="' + action + '"]');
  const s = getComputedStyle(el), r = el.getBoundingClientRect();
  return {tag: el.tagName, classes: el.className, height: Math.round(r.height),
          width: r.width, font: [s.fontFamily, s.fontSize, s.fontWeight, s.fontStyle],
          colours: [s.color, s.backgroundColor, s.borderTopColor, s.borderTopWidth],
          padding: s.padding};
})"""


@pytest.mark.parametrize(("theme", "lang"), MATRIX)
def test_item_06_accept_and_reject_look_the_same(visitor, theme, lang):
    v = visitor(theme, lang)
    v.visit()
    for where in (BANNER, DIALOG):
        if where == DIALOG:
            v.click(BANNER, "customize")
            v.dialog_open()
            wait_for_animations(v.page)  # DSFR fades the modal in
        accept, refuse = v.page.evaluate(STYLE, where)
        widths = (accept.pop("width"), refuse.pop("width"))
        assert accept == refuse, where
        if theme == "default":
            assert abs(widths[0] - widths[1]) <= 1, where
        else:  # DSFR sizes a button to its label, in its own consent banner too
            assert min(widths) / max(widths) > 0.85, (where, widths)


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_11_purposes_and_policy_link_visible_before_any_choice(visitor, theme, lang):
    v = visitor(theme, lang)
    v.visit()
    banner = v.page.locator(BANNER)
    for slug in ("statistics", "external"):
        assert v.words[slug] in banner.inner_text()
    link = banner.locator(f'a[href="{POLICY[lang]}"]')
    assert link.is_visible()
    v.click(BANNER, "customize")
    v.dialog_open()
    for description in v.page.locator(f"{DIALOG} fieldset p").all():
        assert description.is_visible()
    assert v.page.locator(f'{DIALOG} a[href="{POLICY[lang]}"]').is_visible()


CONSEQUENCES = {
    "fr": [
        "Refuser ne change rien à ce que vous pouvez lire ou faire ici.",
        "Vous pouvez changer d'avis à tout moment",
        "Avec votre accord, nous utilisons des cookies pour les finalités ci-dessous.",
    ],
    "en": [
        "Refusing changes nothing in what you can read or do here.",
        "You can change your mind at any time",
        "With your consent, we use cookies for the purposes below.",
    ],
}


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_13_text_states_consequences_and_right_to_withdraw(visitor, theme, lang):
    v = visitor(theme, lang)
    v.visit()
    text = v.page.locator(BANNER).inner_text()
    for sentence in CONSEQUENCES[lang]:
        assert sentence in text
    v.visit(POLICY[lang])
    policy = v.page.locator("main").inner_text()
    assert ("retirer" if lang == "fr" else "withdraw") in policy


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_14_persistent_link_on_every_page_reopens_the_manager(visitor, theme, lang):
    v = visitor(theme, lang)
    v.set_choice({"statistics": False, "external": False})
    for path in ("", POLICY[lang]):
        v.visit(path)
        assert not v.page.locator(BANNER).is_visible()
        link = v.page.locator("footer [data-charte-open]")
        assert link.inner_text() == v.words["settings"]
        v.open_preferences()
        v.page.keyboard.press("Escape")
        v.page.wait_for_selector(DIALOG, state="hidden")


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_30_focus_is_placed_on_the_banner(visitor, theme, lang):
    v = visitor(theme, lang)
    v.visit()
    assert v.page.evaluate("document.activeElement.hasAttribute('data-charte-banner')")
    v.page.keyboard.press("Tab")
    assert v.page.evaluate("document.activeElement.closest('[data-charte-banner]') !== null")


def test_item_35_button_labels(visitor):
    for theme, lang in MATRIX:
        v = visitor(theme, lang)
        v.visit()
        for action in ("accept-all", "refuse-all", "customize"):
            label = v.page.locator(f'{BANNER} [data-charte-action="{action}"]').inner_text()
            assert label.strip() == v.words[action], (theme, lang)
        v.click(BANNER, "customize")
        v.dialog_open()
        for action in ("accept-all", "refuse-all", "save"):
            label = v.page.locator(f'{DIALOG} [data-charte-action="{action}"]').inner_text()
            assert label.strip() == v.words[action], (theme, lang)
        v.page.context.close()
