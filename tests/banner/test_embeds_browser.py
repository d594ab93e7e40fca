"""Wagtail's embeds behind the banner, in Chromium on the sandbox's home pages: a YouTube video
and an OpenStreetMap map as EmbedBlocks and in rich text, and the video through the drop-in
`{% embed %}` tag (issue 21's "Done when"). The sandbox serves the players itself; the
providers' real domains are routed to an abort, so that a gate that let them through fails."""

import re

import pytest
from django.core.cache import cache
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from sandbox.home.demo_embeds import EMBEDS, MAP_TITLE, MAP_URL, VIDEO_TITLE, VIDEO_URL
from sandbox.home.models import HomePage
from wagtail_charte.models import ConsentRecord, CookieBannerSettings, CookieProvider

from ..helpers import axe_violations, settle
from .choices import CONSENT_POST

pytestmark = pytest.mark.browser

MATRIX = [(theme, lang) for theme in ("default", "dsfr") for lang in ("fr", "en")]
HOME = {"fr": "/fr/", "en": "/en/"}
GATE = "[data-charte-gate]"
BUTTON = f"{GATE} [data-charte-allow]"
EMBED_FRAMES = "main iframe"
# The players the sandbox serves in the providers' stead (sandbox/home/views.py).
PLAYERS = "/demo-embeds/"
PROVIDER_DOMAINS = (
    "youtube.com",
    "youtu.be",
    "youtube-nocookie.com",
    "ytimg.com",
    "googlevideo.com",
    "openstreetmap.org",
    "openstreetmap.fr",
)
PROVIDERS = re.compile(
    r"^[a-z]+://([^/]+\.)?(" + "|".join(map(re.escape, PROVIDER_DOMAINS)) + r")(:\d+)?(/|$)"
)
DSFR_LOADED = (
    "[...document.styleSheets].some(s => (s.href || '').endsWith('/dsfr.min.css')"
    " && s.cssRules.length > 100)"
)
WORDS = {
    "fr": {"external": "Contenus externes", "statistics": "Mesure d'audience"},
    "en": {"external": "External content", "statistics": "Audience measurement"},
}
# The home page's embeds, in the page's order: rich text, EmbedBlocks, then the tag's video.
TITLES = [VIDEO_TITLE, MAP_TITLE, VIDEO_TITLE, MAP_TITLE, VIDEO_TITLE]
PROVIDER_NAMES = ["YouTube", "OpenStreetMap", "YouTube", "OpenStreetMap", "YouTube"]
URLS = [VIDEO_URL, MAP_URL, VIDEO_URL, MAP_URL, EMBEDS[1]["url"]]

# Each gate's box, in the page's coordinates.
BOXES = """(selector) => [...document.querySelectorAll(selector)].map((el) => {
  const r = el.getBoundingClientRect();
  return {top: r.top + scrollY, height: r.height, width: r.width};
})"""
# Marks what each gate will show, so that the test finds it again once shown.
MARK_CONTENT = """() => document.querySelectorAll('[data-charte-gate] > template').forEach(
  (tpl, i) => tpl.content.firstElementChild.setAttribute('data-test-embed', i))"""
# Each placeholder's elements whose text does not fit their box, or that stick out of the page.
CUT_OFF = """() => [...document.querySelectorAll('.charte-placeholder, .charte-placeholder *')]
  .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1
    || el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map((el) => el.outerHTML.slice(0, 80))"""


class Visit:
    """One visitor of the demo's home page, and what their browser asked of the players and
    the providers."""

    def __init__(self, context, base, theme, lang):
        self.context, self.base, self.theme, self.lang = context, base, theme, lang
        self.words = WORDS[lang]
        self.requested, self.blocked = [], []
        context.on("request", lambda request: self.requested.append(request.url))
        context.route(PROVIDERS, self.block)
        self.page = context.new_page()

    def block(self, route):
        self.blocked.append(route.request.url)
        route.abort()

    def visit(self, path=None):
        self.page.goto(self.base + (path or HOME[self.lang]))
        self.page.wait_for_function("window.wagtailCharte !== undefined")
        if self.theme == "dsfr":
            assert self.page.evaluate(DSFR_LOADED)

    def reached(self):
        """The players and providers' addresses requested so far."""
        return [url for url in self.requested if PLAYERS in url or PROVIDERS.match(url)]

    def assert_gated(self):
        settle(self.page)
        assert self.reached() == [] and self.blocked == []
        assert self.page.locator(EMBED_FRAMES).count() == 0
        assert self.page.locator(GATE).count() == len(TITLES)

    def focus_by_tab(self, selector, presses=40):
        """Tabs from the skip link until `selector` has focus."""
        self.page.locator(".skip-link").focus()
        for _ in range(presses):
            self.page.keyboard.press("Tab")
            if self.page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")


def use_theme(settings, theme):
    CookieBannerSettings.objects.update(theme=theme)
    settings.DEMO_THEME = theme  # base.html loads DSFR's stylesheet, before the host's
    cache.clear()


@pytest.fixture
def visitor(site, new_context, settings):
    """`visitor(theme, lang, width=1024, height=768, zoom=1)`: a new visitor of the demo."""

    def make(theme, lang, width=1024, height=768, zoom=1):
        use_theme(settings, theme)
        context = new_context(
            locale="fr-FR" if lang == "fr" else "en-GB",
            viewport={"width": width, "height": height},
            device_scale_factor=zoom,
        )
        return Visit(context, site.url, theme, lang)

    return make


@pytest.mark.parametrize(("theme", "lang"), MATRIX)
def test_nothing_reaches_the_providers_before_a_choice_nor_after_a_refusal(visitor, theme, lang):
    v = visitor(theme, lang)
    v.visit()
    v.assert_gated()
    v.page.click('[data-charte-banner] [data-charte-action="refuse-all"]')
    v.assert_gated()
    v.visit()
    v.assert_gated()
    assert v.page.evaluate("wagtailCharte.allows('external')") is False


@pytest.mark.parametrize(("theme", "lang"), MATRIX)
def test_the_placeholder_shows_the_embed_in_place_and_a_withdrawal_hides_it(visitor, theme, lang):
    v = visitor(theme, lang)
    v.visit()
    gates = v.page.locator(GATE)
    for i, gate in enumerate(gates.all()):
        text = gate.inner_text()
        assert TITLES[i] in text and PROVIDER_NAMES[i] in text and v.words["external"] in text
        assert gate.locator("a").get_attribute("href") == URLS[i]
        assert gate.locator("[data-charte-allow]").get_attribute("data-charte-allow") == "external"
    before = v.page.evaluate(BOXES, GATE)
    v.page.evaluate(MARK_CONTENT)

    v.focus_by_tab(BUTTON)
    assert v.page.evaluate("document.activeElement.closest('[data-charte-gate]')") is not None
    with (
        v.page.expect_response(CONSENT_POST) as consent,
        v.page.expect_response(f"**{PLAYERS}video/") as player,
    ):
        v.page.keyboard.press("Enter")
    assert consent.value.status == 204 and player.value.status == 200
    record = ConsentRecord.objects.order_by("-received_at", "-pk").first()
    assert record.method == "embed"
    assert record.choices == {"statistics": False, "external": True}
    # Every embed of the category is shown, each where its placeholder was, at its size.
    v.page.wait_for_function(f"document.querySelectorAll('{EMBED_FRAMES}').length === 5")
    assert gates.count() == 0
    settle(v.page)
    after = v.page.evaluate(BOXES, "[data-test-embed]")
    for i, (old, new) in enumerate(zip(before, after, strict=True)):
        assert abs(old["top"] - new["top"]) <= 1 and abs(old["height"] - new["height"]) <= 1, i
    players = [v.page.frame_locator(EMBED_FRAMES).nth(i) for i in range(len(TITLES))]
    for i, player in enumerate(players):
        assert PROVIDER_NAMES[i] in player.locator("body").inner_text()
    assert v.blocked == []
    assert v.page.evaluate("document.activeElement.closest('main') !== null")

    # Withdrawn in the preferences dialog: after the reload, the placeholders are back.
    v.page.click("footer [data-charte-open]")
    v.page.wait_for_selector("[data-charte-dialog]", state="visible")
    radio = v.page.locator('[data-charte-dialog] [data-charte-category="external"][value="false"]')
    v.page.click(f'label[for="{radio.get_attribute("id")}"]')
    v.requested.clear()
    with v.page.expect_navigation():  # a withdrawal reloads the page
        v.page.click('[data-charte-dialog] [data-charte-action="save"]')
    v.page.wait_for_function("window.wagtailCharte !== undefined")
    # The old document's request may finish after the reload, unseen by the page: its record.
    withdrawals = ConsentRecord.objects.filter(consent_id=record.consent_id, method="withdrawal")
    for _ in range(50):
        if withdrawals.exists():
            break
        v.page.wait_for_timeout(100)
    assert withdrawals.get().choices == {"statistics": False, "external": False}
    v.assert_gated()


def placeholder_problems(v):
    """What axe finds on the page with its placeholders, and placeholder text cut off."""
    v.visit()
    v.assert_gated()
    return axe_violations(v.page), v.page.evaluate(CUT_OFF)


@pytest.mark.parametrize(("theme", "lang"), MATRIX)
def test_the_placeholders_read_well_at_320_px(visitor, theme, lang):
    v = visitor(theme, lang, width=320, height=640)
    assert placeholder_problems(v) == ([], [])
    assert v.page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("theme", ["default", "dsfr"])
def test_the_placeholders_read_well_at_200_percent_zoom(visitor, theme):
    """A 1280 × 800 window zoomed to 200%: 640 × 400 CSS pixels, each two device pixels."""
    v = visitor(theme, "fr", width=640, height=400, zoom=2)
    assert placeholder_problems(v) == ([], [])


@pytest.fixture
def unknown_embed(committed_demo):
    """A page of the demo with an embed from a provider the register does not list."""
    url = "https://videos.unlisted-provider.test/watch/42"
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        html=f'<iframe width="480" height="270" src="{PLAYERS}video/" title="Talk"></iframe>',
        title="Talk",
        provider_name="Unlisted",
        width=480,
        height=270,
        thumbnail_url="",
    )
    home = HomePage.objects.get(locale__language_code="fr")
    page = home.add_child(instance=HomePage(title="Vidéo", slug="video", embeds=[("embed", url)]))
    page.save_revision().publish()
    return page


def test_an_unlisted_provider_needs_the_default_category_until_a_provider_claims_it(
    visitor, unknown_embed
):
    v = visitor("default", "fr")
    v.visit(unknown_embed.url)
    button = v.page.locator(BUTTON)
    assert button.get_attribute("data-charte-allow") == "external"
    assert v.words["external"] in v.page.locator(GATE).inner_text()
    for provider in CookieProvider.objects.filter(name="Matomo"):
        provider.domains = f"{provider.domains}\nunlisted-provider.test".strip()
        provider.save()
    cache.clear()
    v.visit(unknown_embed.url)
    assert button.get_attribute("data-charte-allow") == "statistics"
    assert v.words["statistics"] in v.page.locator(GATE).inner_text()
    settle(v.page)
    assert v.reached() == []
