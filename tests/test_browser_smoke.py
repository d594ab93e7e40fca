import pytest

from .helpers import axe_violations

pytestmark = pytest.mark.browser


def test_home_page_renders_in_chromium_without_axe_violations(demo_server, page):
    page.goto(f"{demo_server.url}/fr/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert axe_violations(page) == []
