"""The consent contract in Chromium: what the browser really sends, read by both sides."""

import json
import time
from urllib.parse import quote

import pytest

from wagtail_charte.banner import consent

from ..helpers import settle

pytestmark = pytest.mark.browser


def visit(page, url):
    page.goto(url)
    page.wait_for_function("window.wagtailCharte !== undefined")


def cookie_header_sent(page, url):
    """The Cookie header Chromium sends for `url`, as the server receives it."""
    with page.expect_request(url) as request:
        page.evaluate("url => fetch(url)", url)
    return request.value.all_headers().get("cookie", "")


def test_a_parent_domain_cookie_cannot_override_a_newer_refusal(site, page):
    host = f"http://www.charte.test:{site.url.rsplit(':', 1)[1]}"
    visit(page, f"{host}/fr/")
    page.click('[data-charte-banner] [data-charte-action="refuse-all"]')
    settle(page)
    refusal = page.evaluate("wagtailCharte.get()")
    # A sibling subdomain's app, sharing the name, accepted a little earlier.
    accepted = {**refusal, "ts": refusal["ts"] - 60, "c": dict.fromkeys(refusal["c"], True)}
    page.context.add_cookies(
        [
            {
                "name": "cookies_preferences",
                "value": consent.serialise(accepted),
                "domain": ".charte.test",
                "path": "/",
            }
        ]
    )
    visit(page, f"{host}/fr/")
    header = cookie_header_sent(page, f"{host}/fr/")
    assert header.count("cookies_preferences=") == 2
    server = consent.current_choice(header, "cookies_preferences", 1, 182)
    assert server == refusal
    assert page.evaluate("wagtailCharte.allows('statistics')") is False
    assert page.evaluate("wagtailCharte.get()") == server


def test_a_version_above_the_sites_is_not_a_choice(site, page):
    """A forged `v` above the current version would otherwise survive every "ask again"."""
    url = f"{site.url}/fr/"
    forged = {"v": 99, "ts": int(time.time()), "id": "0" * 32, "c": {"statistics": True}}
    value = quote(json.dumps(forged, separators=(",", ":")), safe="")
    page.context.add_cookies([{"name": "cookies_preferences", "value": value, "url": url}])
    visit(page, url)
    assert page.locator("[data-charte-banner]").is_visible()
    assert page.evaluate("wagtailCharte.get()") is None
    assert page.evaluate("wagtailCharte.allows('statistics')") is False


@pytest.mark.parametrize("space", ["\u00a0", "\ufeff"], ids=["NBSP", "BOM"])
def test_a_unicode_space_after_a_value_makes_it_no_choice_on_both_sides(site, page, space):
    """A newer refusal ending in NBSP or BOM: neither side trims it, both read the acceptance."""
    host = f"http://www.charte.test:{site.url.rsplit(':', 1)[1]}"
    visit(page, f"{host}/fr/")
    page.click('[data-charte-banner] [data-charte-action="accept-all"]')
    settle(page)
    accepted = page.evaluate("wagtailCharte.get()")
    refused = {**accepted, "ts": accepted["ts"] + 60, "c": dict.fromkeys(accepted["c"], False)}
    page.evaluate(
        "value => { document.cookie = `cookies_preferences=${value}; domain=.charte.test`; }",
        consent.serialise(refused) + space,
    )
    visit(page, f"{host}/fr/")
    header = cookie_header_sent(page, f"{host}/fr/")
    assert header.count("cookies_preferences=") == 2
    # As a WSGI server hands the header over: its bytes read as Latin-1.
    received = header.encode().decode("latin-1")
    assert consent.current_choice(received, "cookies_preferences", 1, 182) == accepted
    assert page.evaluate("wagtailCharte.get()") == accepted
    assert page.evaluate("wagtailCharte.allows('statistics')") is True
