"""The banner's styles in Chromium: they hold on a host's dark page with its own element
colours (axe-core's contrast rules), and they stop at the banner."""

import re
from pathlib import Path

import pytest
from django.core.cache import cache

from wagtail_charte.models import CookieBannerSettings

from ..helpers import contrast_failures

pytestmark = pytest.mark.browser

BANNER = "[data-charte-banner]"
DIALOG = "[data-charte-dialog]"
NOTICE = "[data-charte-gpc]"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "banner.md"


def dark_recipe():
    """The `prefers-color-scheme: dark` recipe of docs/banner.md, as a site would copy it."""
    blocks = re.findall(r"```css\n(.*?)```", DOCS.read_text(), flags=re.S)
    (recipe,) = [block for block in blocks if "prefers-color-scheme: dark" in block]
    return recipe


def use_theme(settings, theme):
    CookieBannerSettings.objects.update(theme=theme)
    settings.DEMO_THEME = theme  # base.html loads DSFR's stylesheet, before the host's
    cache.clear()


@pytest.mark.parametrize(
    ("theme", "dark"), [("default", ""), ("dsfr", ""), ("default", "recipe"), ("dsfr", "dsfr")]
)
def test_the_banner_and_dialog_keep_their_contrast_on_a_dark_host(
    site, new_context, settings, theme, dark
):
    """The host's stylesheet makes p, h2, a and label white on a dark background (and h2 pale
    yellow). The banner may go dark too: with the docs' recipe (default theme), or with DSFR's
    dark theme."""
    use_theme(settings, theme)
    settings.ROOT_URLCONF = "tests.testapp.urls"
    page = new_context(locale="en-GB", color_scheme="dark").new_page()
    page.goto(f"{site.url}/host/dark/")
    page.wait_for_function("window.wagtailCharte !== undefined")
    if dark == "recipe":
        page.add_style_tag(content=dark_recipe())
    elif dark == "dsfr":
        page.evaluate("document.documentElement.dataset.frTheme = 'dark'")
    background = page.locator(BANNER).evaluate("(el) => getComputedStyle(el).backgroundColor")
    red = int(background.split("(")[1].split(",")[0])
    assert (red < 64) == bool(dark), background  # the banner went dark, or stayed light
    assert page.locator(BANNER).is_visible()
    assert contrast_failures(page, BANNER) == []
    page.click(f'{BANNER} [data-charte-action="customize"]')
    page.wait_for_selector(DIALOG, state="visible")
    assert contrast_failures(page, DIALOG) == []


@pytest.mark.parametrize("theme", ["default", "dsfr"])
def test_the_gpc_notice_keeps_its_contrast_on_a_dark_host(site, new_context, settings, theme):
    use_theme(settings, theme)
    settings.ROOT_URLCONF = "tests.testapp.urls"
    page = new_context(locale="en-GB", color_scheme="dark").new_page()
    page.add_init_script("Object.defineProperty(navigator, 'globalPrivacyControl', {value: true})")
    page.goto(f"{site.url}/host/dark/")
    page.wait_for_selector(NOTICE, state="visible")
    assert contrast_failures(page, NOTICE) == []


def test_the_banner_stylesheet_leaves_the_policy_page_sections_alone(site, page, settings):
    use_theme(settings, "default")
    page.goto(f"{site.url}/en/cookie-policy/")
    page.wait_for_function("window.wagtailCharte !== undefined")
    sections = page.locator("main section.charte-category")
    assert sections.count() > 0
    for section in sections.all():
        assert section.evaluate("(el) => getComputedStyle(el).borderTopStyle") == "none"
    fieldset = page.locator(f"{DIALOG} fieldset.charte-category").first
    assert fieldset.evaluate("(el) => getComputedStyle(el).borderTopStyle") == "solid"


LOOK = """(el) => {
  const s = getComputedStyle(el), around = getComputedStyle(el.parentElement);
  return {
    background: s.backgroundColor, border: s.borderTopStyle, padding: s.paddingLeft,
    underlined: s.textDecorationLine, cursor: s.cursor,
    sameColour: s.color === around.color, sameFont: s.font === around.font,
  };
}"""


def test_the_charte_link_class_makes_the_preferences_button_look_like_a_link(site, page, settings):
    use_theme(settings, "default")

    def with_charte_link(route):
        response = route.fetch()
        body = response.text().replace(
            'class="link-button" data-charte-open', 'class="charte-link" data-charte-open'
        )
        route.fulfill(response=response, body=body)

    page.route(f"{site.url}/en/", with_charte_link)
    page.goto(f"{site.url}/en/")
    page.wait_for_function("window.wagtailCharte !== undefined")
    link = page.locator("footer button.charte-link[data-charte-open]")
    assert link.evaluate(LOOK) == {
        "background": "rgba(0, 0, 0, 0)",
        "border": "none",
        "padding": "0px",
        "underlined": "underline",
        "cursor": "pointer",
        "sameColour": True,
        "sameFont": True,
    }
    link.focus()  # by script, after no pointer use: the keyboard's focus outline shows
    assert link.evaluate("(el) => getComputedStyle(el).outlineStyle") == "solid"
    link.click()
    page.wait_for_selector(DIALOG, state="visible")
