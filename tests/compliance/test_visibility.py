"""Checklist items 32 and 33: nothing hidden behind the banner or the GPC notice, and axe.

Both are fixed to the bottom of the window, in either theme.
"""

import pytest

from ..helpers import axe_violations
from .visitor import BANNER, DIALOG, MATRIX, NOTICE, POLICY

pytestmark = pytest.mark.browser

# The focused element and a bar intersect: the bar hides at least part of it.
COVERED = """(bar) => {
  const a = document.activeElement.getBoundingClientRect();
  const b = document.querySelector(bar).getBoundingClientRect();
  return a.bottom > b.top + 1 && a.top < b.bottom - 1 && a.right > b.left && a.left < b.right;
}"""
IN_BAR = "(bar) => document.activeElement.closest(bar) !== null"


def tab_through(v, bar):
    """Tabs from the skip link to the bar; each element focused on the way must be clear of it."""
    v.page.locator(".skip-link").focus()
    seen = []
    for _ in range(60):
        if v.page.evaluate(IN_BAR, bar):
            return seen
        name = v.page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
        seen.append(name)
        try:  # the page may scroll smoothly: wait until it has
            v.page.wait_for_function(f"!({COVERED})({bar!r})", timeout=2000)
        except Exception as error:
            raise AssertionError(f"{bar} hides the focused {name}") from error
        v.page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {bar}")


@pytest.mark.parametrize("theme", ["default", "dsfr"])
@pytest.mark.parametrize("bar", [BANNER, NOTICE])
def test_item_32_the_banner_and_the_notice_never_hide_the_focused_element(visitor, theme, bar):
    for width, height in ((320, 640), (640, 360)):
        v = visitor(theme, "fr", width=width, height=height, gpc=bar == NOTICE)
        for path in ("", POLICY["fr"]):
            v.forget()  # the notice shows when GPC makes the choice
            v.visit(path)
            assert v.page.locator(bar).is_visible()
            seen = tab_through(v, bar)
            assert any("data-charte-open" in name for name in seen), seen
            assert any("data-charte-placeholder" in name or "charte-btn" in name for name in seen)
        v.page.context.close()


@pytest.mark.parametrize(("theme", "lang"), MATRIX)
def test_item_33_axe_finds_nothing_on_the_banner_dialog_and_notice(visitor, theme, lang):
    v = visitor(theme, lang)
    v.visit()
    assert v.page.locator(BANNER).is_visible()
    assert axe_violations(v.page) == []
    v.click(BANNER, "customize")
    v.dialog_open()
    assert axe_violations(v.page) == []
    v = visitor(theme, lang, gpc=True)
    v.visit()
    assert v.page.locator(NOTICE).is_visible()
    assert axe_violations(v.page) == []
    v.page.wait_for_selector(DIALOG, state="hidden")
