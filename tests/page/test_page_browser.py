import pytest
from django.test import override_settings

from wagtail_charte.models import Cookie

from ..helpers import axe_violations

pytestmark = pytest.mark.browser

URLS = {"fr": "/fr/charte-cookies/", "en": "/en/cookie-policy/"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_charte_page_has_no_axe_violations(demo_server, page, lang):
    page.goto(f"{demo_server.url}{URLS[lang]}")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("table caption").count() >= 2
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [320, 1280])
def test_charte_page_fits_the_screen(demo_server, page, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{demo_server.url}{URLS['fr']}")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert axe_violations(page) == []


def test_on_a_site_without_a_container_the_article_keeps_off_the_window_edge(demo_server, page):
    """A base template whose <main> spans the window, as the bakery demo's and Sites Faciles'."""
    page.set_viewport_size({"width": 375, "height": 800})
    with override_settings(WAGTAIL_CHARTE={"PAGE_BASE_TEMPLATE": "testapp/host_base.html"}):
        page.goto(f"{demo_server.url}{URLS['en']}")
    main = page.locator("main").bounding_box()
    title = page.locator("article h1").bounding_box()
    assert title["x"] - main["x"] >= 12
    assert main["x"] + main["width"] - (title["x"] + title["width"]) >= 12
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_print_hides_navigation_switcher_and_banner(demo_server, page):
    page.goto(f"{demo_server.url}{URLS['en']}")
    # Stands for the banner, which another part of the package renders.
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<div data-charte-banner>Banner</div>')"
    )
    hidden = [".charte-languages", "[data-charte-banner]", "[data-charte-open]"]
    for selector in hidden:
        assert page.locator(selector).first.is_visible()
    page.emulate_media(media="print")
    for selector in hidden:
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("table.charte-table").first.is_visible()


def test_language_switcher_leads_to_the_translation(demo_server, page):
    page.goto(f"{demo_server.url}{URLS['fr']}")
    page.get_by_role("navigation", name="Langues").get_by_role("link", name="English").click()
    page.wait_for_url(f"{demo_server.url}{URLS['en']}")
    assert page.locator("h1").inner_text() == "Cookie policy"


def test_a_purpose_written_on_several_lines_shows_on_several_lines(demo_server, page):
    # update() sends no signal, and each test starts with an empty cache: the page renders anew.
    Cookie.objects.filter(locale__language_code="fr", name="csrftoken").update(
        purpose="Protège les formulaires.\nNe contient aucune donnée personnelle."
    )
    page.goto(f"{demo_server.url}{URLS['fr']}")
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="csrftoken"))
    assert row.get_by_role("cell").nth(2).inner_text() == (
        "Protège les formulaires.\nNe contient aucune donnée personnelle."
    )
