"""The banner in Chromium: item 8 of the banner issue, on the sandbox's demo site."""

import json
import time
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from django.core.cache import cache

from wagtail_charte.models import CookieBannerSettings

from ..helpers import settle
from .choices import CONSENT_POST

pytestmark = pytest.mark.browser

DSFR_CSS = Path(__file__).resolve().parents[2] / "node_modules/@gouvfr/dsfr/dist/dsfr.min.css"
BANNER = "[data-charte-banner]"
DIALOG = "[data-charte-dialog]"


def cookies(page):
    return {c["name"]: c for c in page.context.cookies()}


def stats_cookies(page):
    return [c for c in page.context.cookies() if c["name"].startswith("_pk_id")]


def consent_value(page):
    raw = cookies(page)["cookies_preferences"]["value"]
    return json.loads(unquote(raw))


def choose(page, slug, allowed):
    """Clicks the label, as a visitor does (DSFR hides the radio itself)."""
    radio = page.locator(f'[data-charte-category="{slug}"][value="{str(allowed).lower()}"]')
    page.click(f'label[for="{radio.get_attribute("id")}"]')
    assert radio.is_checked()


def visit(page, url):
    page.goto(url)
    page.wait_for_function("window.wagtailCharte !== undefined")


def test_first_visit_sets_nothing_that_needs_consent(site, page):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    visit(page, f"{site.url}/fr/")
    assert page.locator(BANNER).is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-charte-banner')")
    settle(page)
    assert stats_cookies(page) == []
    assert "cookies_preferences" not in cookies(page)
    assert page.locator('script[type="text/plain"][data-charte-category="statistics"]').count() == 1
    assert page.locator("html[data-demo-stats]").count() == 0
    assert page.locator("iframe[data-charte-category]").get_attribute("src") is None
    assert page.locator("[data-charte-placeholder]").is_visible()
    assert not [url for url in requested if "stats.js" in url or "embed.html" in url]


def test_refusing(site, page):
    visit(page, f"{site.url}/fr/")
    with page.expect_response(CONSENT_POST) as response:
        page.click('[data-charte-banner] [data-charte-action="refuse-all"]')
    assert response.value.status == 204
    assert not page.locator(BANNER).is_visible()
    page.wait_for_function(
        "document.querySelector('[data-charte-live]').textContent === "
        "'Vos choix ont été enregistrés.'"
    )
    value = consent_value(page)
    assert value["c"]["statistics"] is False
    assert value["v"] == 1
    cookie = cookies(page)["cookies_preferences"]
    assert cookie["sameSite"] == "Lax" and cookie["path"] == "/"
    assert not cookie["domain"].startswith(".")  # host-only
    assert cookie["expires"] > time.time() + 181 * 86400
    visit(page, f"{site.url}/en/")
    assert not page.locator(BANNER).is_visible()
    settle(page)
    assert stats_cookies(page) == []
    assert page.evaluate("wagtailCharte.allows('statistics')") is False


def test_accepting_sets_pk_id_and_runs_gated_content(site, page):
    visit(page, f"{site.url}/fr/")
    events = page.evaluate_handle(
        "(() => { const e = []; document.addEventListener('charte:consent', x => e.push(x.detail));"
        " return e; })()"
    )
    page.click('[data-charte-banner] [data-charte-action="accept-all"]')
    page.wait_for_selector("html[data-demo-stats=loaded]", state="attached")
    assert [c["name"] for c in stats_cookies(page)] == ["_pk_id.1.demo"]
    assert events.evaluate("e => e.length") == 1
    assert page.locator("iframe[data-charte-category]").get_attribute("src").endswith("embed.html")
    assert page.locator("[data-charte-placeholder]").count() == 0
    assert page.evaluate("wagtailCharte.get().c") == {"statistics": True, "external": True}
    # Focus went to <main>, since the banner button that had it is gone.
    assert page.evaluate("document.activeElement.id") == "main"


def test_reopen_from_footer_and_withdraw_deletes_pk_id_on_the_parent_domain(site, page):
    host = f"http://www.charte.test:{site.url.rsplit(':', 1)[1]}"
    visit(page, f"{host}/fr/")
    page.click('[data-charte-banner] [data-charte-action="accept-all"]')
    page.wait_for_selector("html[data-demo-stats=loaded]", state="attached")
    page.context.add_cookies(
        [
            {"name": "_pk_id.1.parent", "value": "x", "domain": ".charte.test", "path": "/"},
            {"name": "unrelated", "value": "kept", "domain": ".charte.test", "path": "/"},
        ]
    )
    assert {c["domain"] for c in stats_cookies(page)} == {"www.charte.test", ".charte.test"}
    visit(page, f"{host}/fr/")
    opener = page.locator("footer [data-charte-open]")
    assert opener.inner_text() == "Gestion des cookies"
    opener.click()
    page.wait_for_selector(DIALOG, state="visible")
    assert page.locator('[data-charte-category="statistics"][value="true"]').is_checked()
    choose(page, "statistics", False)
    with page.expect_navigation():
        page.click('[data-charte-dialog] [data-charte-action="save"]')
    page.wait_for_function("window.wagtailCharte !== undefined")
    settle(page)
    assert stats_cookies(page) == []
    assert "unrelated" in cookies(page)
    assert consent_value(page)["c"]["statistics"] is False
    assert page.locator("html[data-demo-stats]").count() == 0
    assert page.locator("[data-charte-status]").count() == 0 or "refusé" in (
        page.locator("[data-charte-status]").first.inner_text()
    )


def forged_values():
    now = int(time.time())
    base = {"v": 1, "ts": now, "id": "0" * 32, "c": {"statistics": True}}

    def enc(obj):
        return quote(json.dumps(obj, separators=(",", ":")), safe="")

    return {
        "stale version": enc({**base, "v": 0}),
        "expired": enc({**base, "ts": now - 200 * 86400}),
        "future": enc({**base, "ts": now + 3 * 86400}),
        "forged": enc({**base, "c": {"statistics": "yes"}, "admin": True}),
        "garbage": "%7B%22v%22%3A",
        "script": quote("<script>alert(1)</script>", safe=""),
        "oversized": enc({**base, "c": {f"s{i}": True for i in range(49)}, "id": "0" * 32})
        + "%20" * 600,
    }


@pytest.mark.parametrize("label", sorted(forged_values()))
def test_bad_cookies_still_get_200_and_the_banner(site, page, label):
    url = f"{site.url}/fr/"
    page.context.add_cookies(
        [{"name": "cookies_preferences", "value": forged_values()[label], "url": url}]
    )
    response = page.goto(url)
    assert response.status == 200
    page.wait_for_function("window.wagtailCharte !== undefined")
    assert page.locator(BANNER).is_visible()
    settle(page)
    assert stats_cookies(page) == []
    assert page.evaluate("wagtailCharte.get()") is None


def focused(page):
    return page.evaluate(
        "(() => { const e = document.activeElement; return e.getAttribute('data-charte-action')"
        " || e.getAttribute('data-charte-category') || e.id || e.tagName; })()"
    )


def tab_to(page, target, limit=30):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page) == target:
            return
    raise AssertionError(f"Tab never reached {target}")


@pytest.mark.parametrize(("theme", "width"), [("default", 1280), ("default", 320), ("dsfr", 1280)])
def test_keyboard_only_flow(site, new_context, theme, width):
    use_theme(theme)
    context = new_context(locale="fr-FR", viewport={"width": width, "height": 640})
    page = context.new_page()
    visit(page, f"{site.url}/fr/")
    if theme == "dsfr":
        page.add_style_tag(path=str(DSFR_CSS))
    if width == 320:
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    tab_to(page, "customize")
    page.keyboard.press("Enter")
    page.wait_for_selector(DIALOG, state="visible")
    # DSFR fades the modal in: focus may take a moment to move into it.
    page.wait_for_function("document.activeElement.closest('[data-charte-dialog]') !== null")
    for _ in range(25):  # focus stays in the dialog
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('[data-charte-dialog]') !== null")
    # Escape with no choice yet records a refusal.
    page.keyboard.press("Escape")
    page.wait_for_selector(DIALOG, state="hidden")
    assert consent_value(page)["c"] == {"statistics": False, "external": False}
    # Reopen from the footer by keyboard, accept statistics only.
    page.locator("footer [data-charte-open]").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(DIALOG, state="visible")
    tab_to(page, "statistics")
    page.keyboard.press("ArrowLeft")  # from "refuse" to "accept"
    assert page.locator('[data-charte-category="statistics"][value="true"]').is_checked()
    tab_to(page, "save")
    if width == 320:
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.keyboard.press("Enter")
    page.wait_for_selector("html[data-demo-stats=loaded]", state="attached")
    page.wait_for_selector(DIALOG, state="hidden")
    # Focus went back to the footer link that opened the dialog.
    assert page.evaluate("document.activeElement.hasAttribute('data-charte-open')")
    assert consent_value(page)["c"] == {"statistics": True, "external": False}
    assert [c["name"] for c in stats_cookies(page)] == ["_pk_id.1.demo"]


def use_theme(theme):
    CookieBannerSettings.objects.filter().update(theme=theme)
    cache.clear()


def test_dsfr_theme_flow(site, page):
    use_theme("dsfr")
    visit(page, f"{site.url}/fr/")
    page.add_style_tag(path=str(DSFR_CSS))
    page.click('[data-charte-banner] [data-charte-action="customize"]')
    choose(page, "statistics", True)
    page.click('[data-charte-dialog] [data-charte-action="save"]')
    page.wait_for_selector("html[data-demo-stats=loaded]", state="attached")
    assert [c["name"] for c in stats_cookies(page)] == ["_pk_id.1.demo"]


def test_global_privacy_control_records_a_refusal(site, page):
    page.add_init_script("Object.defineProperty(navigator, 'globalPrivacyControl', {value: true})")
    visit(page, f"{site.url}/fr/")
    assert not page.locator(BANNER).is_visible()
    assert page.locator("[data-charte-gpc]").is_visible()
    assert consent_value(page)["c"] == {"statistics": False, "external": False}
    settle(page)
    assert stats_cookies(page) == []
    page.click('[data-charte-gpc] [data-charte-action="customize"]')
    choose(page, "statistics", True)
    page.click('[data-charte-dialog] [data-charte-action="save"]')
    page.wait_for_selector("html[data-demo-stats=loaded]", state="attached")


def test_consent_mode_defaults_then_updates(site, page):
    CookieBannerSettings.objects.update(consent_mode=True, gcm_analytics_storage="statistics")
    cache.clear()
    visit(page, f"{site.url}/fr/")
    layer = page.evaluate(
        "window.dataLayer.map(a => [Object.prototype.toString.call(a), Array.from(a)])"
    )
    assert layer[0][0] == "[object Arguments]"
    assert layer[0][1][:2] == ["consent", "default"]
    assert set(layer[0][1][2].values()) == {"denied"}
    page.click('[data-charte-banner] [data-charte-action="accept-all"]')
    last = page.evaluate("Array.from(window.dataLayer[window.dataLayer.length - 1])")
    assert last[:2] == ["consent", "update"]
    assert last[2]["analytics_storage"] == "granted"
    assert last[2]["ad_storage"] == "denied"


def test_consent_preferences_block_shows_and_follows_the_choice(site, page):
    """The charte page's block: `[data-charte-status]` and a `[data-charte-open]` button."""

    def with_block(route):
        response = route.fetch()
        block = (
            '<div class="block"><p data-charte-status></p>'
            '<button type="button" data-charte-open id="block-open">Modifier</button></div>'
        )
        body = response.text().replace("</main>", block + "</main>")
        route.fulfill(response=response, body=body)

    page.route(f"{site.url}/fr/", with_block)
    visit(page, f"{site.url}/fr/")
    status = page.locator("[data-charte-status]")
    assert status.inner_text() == (
        "Mesure d'audience : pas encore choisi ; Contenus externes : pas encore choisi"
    )
    page.click("#block-open")
    choose(page, "statistics", True)
    choose(page, "external", False)
    page.click('[data-charte-dialog] [data-charte-action="save"]')
    page.wait_for_selector(DIALOG, state="hidden")
    assert status.inner_text() == "Mesure d'audience : accepté ; Contenus externes : refusé"
    assert page.evaluate("document.activeElement.id") == "block-open"
    page.wait_for_function(
        "document.querySelector('[data-charte-live]').textContent === "
        "'Vos choix ont été enregistrés.'"
    )


def test_works_under_a_strict_csp_and_keeps_the_nonce(site, page):
    """script-src 'self' plus a nonce, no inline style: the banner and a gated inline script."""
    csp = "default-src 'self'; script-src 'self' 'nonce-r4nd0m'; style-src 'self'; frame-src 'self'"
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))

    def with_csp(route):
        response = route.fetch()
        gated = (
            '<script type="text/plain" data-charte-category="statistics" nonce="r4nd0m">'
            "document.documentElement.setAttribute('data-inline-ran', '')</script>"
        )
        body = response.text().replace("</main>", gated + "</main>")
        route.fulfill(
            response=response,
            body=body,
            headers={**response.headers, "content-security-policy": csp},
        )

    # The charte page: the home page's embeds carry inline styles, as Wagtail writes them.
    page.route(f"{site.url}/fr/charte-cookies/", with_csp)
    visit(page, f"{site.url}/fr/charte-cookies/")
    page.wait_for_selector(BANNER, state="visible")
    assert page.locator("html[data-inline-ran]").count() == 0
    page.click('[data-charte-banner] [data-charte-action="accept-all"]')
    page.wait_for_selector("html[data-inline-ran]", state="attached")
    page.wait_for_selector("html[data-demo-stats=loaded]", state="attached")
    assert violations == []


def test_close_button_with_no_choice_refuses(site, page):
    visit(page, f"{site.url}/en/")
    assert page.locator('[data-charte-banner] [data-charte-action="accept-all"]').inner_text() == (
        "Accept all"
    )
    page.click('[data-charte-banner] [data-charte-action="customize"]')
    page.wait_for_selector(DIALOG, state="visible")
    page.click('[data-charte-dialog] [data-charte-action="close"]')
    page.wait_for_selector(DIALOG, state="hidden")
    assert consent_value(page)["c"] == {"statistics": False, "external": False}
    assert not page.locator(BANNER).is_visible()
    assert page.evaluate("document.activeElement.id") == "main"


def test_returning_visitor_gated_img_and_consent_mode_order(site, page):
    """A current choice runs gated content at once, after Consent Mode's default."""
    CookieBannerSettings.objects.update(consent_mode=True, gcm_analytics_storage="statistics")
    cache.clear()
    now = int(time.time())
    value = {"v": 1, "ts": now, "id": "a" * 32, "c": {"statistics": True, "external": False}}
    url = f"{site.url}/fr/"
    page.context.add_cookies(
        [{"name": "cookies_preferences", "value": quote(json.dumps(value)), "url": url}]
    )

    def with_gated(route):
        response = route.fetch()
        extra = (
            '<script type="text/plain" data-charte-category="statistics">'
            "window.seenLayer = window.dataLayer.map(a => Array.from(a).slice(0, 2))</script>"
            '<img alt="Demo map" data-charte-category="external" id="map"'
            ' data-charte-src="/static/sandbox/embed.html">'
        )
        route.fulfill(response=response, body=response.text().replace("</main>", extra + "</main>"))

    page.route(url, with_gated)
    visit(page, url)
    assert not page.locator(BANNER).is_visible()
    page.wait_for_function("window.seenLayer !== undefined")
    assert page.evaluate("window.seenLayer") == [["consent", "default"], ["consent", "update"]]
    assert page.locator("#map").get_attribute("src") is None
    placeholder = page.locator("[data-charte-placeholder]", has_text="Demo map")
    assert "Contenus externes" in placeholder.inner_text()
    placeholder.locator("button").click()
    page.wait_for_function("document.getElementById('map').getAttribute('src') !== null")
    assert consent_value(page)["c"] == {"statistics": True, "external": True}
